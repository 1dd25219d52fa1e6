import { bills } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import type { Transaction } from '../../scripts/fake-sesamy/sdk.ts';
import {
  App,
  errors,
  loggedBy,
  messageOf,
  onTheFakeAccountsToday,
  pollingOperation,
  rejectionOf,
  runSearch,
  searchOperation,
} from '../support/harness.ts';

onTheFakeAccountsToday();

const ADA_REFUND = pollingOperation('refund_issued').sample;
const ADA_RENEWAL = pollingOperation('payment_received').sample;

/** Ada's payment `id` on bill `billId`, at `createdAt`. */
const adaPays = (id: string, billId: string, createdAt: string): Transaction => ({
  id,
  amount: 539,
  currency: 'SEK',
  contractId: 'contract_103',
  isRefund: false,
  userId: 'user_ada',
  billId,
  createdAt,
  updatedAt: createdAt,
});

describe('Find Payments', () => {
  it('finds a reader’s payments and refunds by email, newest first: their list, their profile, and each bill once', async () => {
    const sesamy = serveSesamy();

    const rows = await runSearch('find_payments', { email: 'Ada@Example.com' });

    expect(rows.map((row) => [row.id, row.isRefund, row.signedAmount])).toEqual([
      ['txn_7002', true, -49],
      ['txn_7001', false, 99],
      ['txn_7000', false, 539],
    ]);
    expect(rows.slice(0, 2)).toEqual([ADA_REFUND, ADA_RENEWAL]);
    expect(sesamy.requests.map((request) => request.path).sort()).toEqual(
      [
        '/management/users?search=ada%40example.com&limit=100',
        '/management/transactions?userId=user_ada&limit=100&offset=0',
        '/management/users/user_ada',
        '/management/bills/bill_5002',
        '/management/bills/bill_5001',
        '/management/contracts/contract_101',
        '/management/contracts/contract_103',
      ].sort(),
    );
  });

  it('only refunds, or only payments of a product; by user id it looks no email up', async () => {
    const sesamy = serveSesamy();

    const refunds = await runSearch('find_payments', { userId: 'user_ada', kind: 'refunds' });
    const printPayments = await runSearch('find_payments', { userId: 'user_ada', kind: 'payments', sku: 'weekend-print' });

    expect(refunds.map((row) => row.id)).toEqual(['txn_7002']);
    expect(printPayments.map((row) => row.id)).toEqual(['txn_7000']);
    expect(sesamy.requests.some((request) => request.path.startsWith('/management/users?'))).toBe(false);
  });

  it('returns no row for an unknown email (one request), and for a reader without transactions', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.splice(0, Infinity, ...sesamy.transactions.filter((transaction) => transaction.userId !== 'user_grace'));

    expect(await runSearch('find_payments', { email: 'nobody@example.com' })).toEqual([]);
    expect(sesamy.requests).toHaveLength(1);
    expect(await runSearch('find_payments', { email: 'grace@example.com' })).toEqual([]);
    expect(sesamy.requests.map((request) => request.path)).toEqual([
      '/management/users?search=nobody%40example.com&limit=100',
      '/management/users?search=grace%40example.com&limit=100',
      '/management/transactions?userId=user_grace&limit=100&offset=0',
    ]);
  });

  it('never returns another reader’s transaction, whatever the list holds', async () => {
    const sesamy = serveSesamy();
    // As if Sesamy ignored the userId filter.
    for (const transaction of sesamy.transactions) transaction.userId = 'user_ada';
    const grace = sesamy.transactions.find((transaction) => transaction.id === 'txn_7004');
    if (grace) grace.userId = 'user_grace';

    const rows = await runSearch('find_payments', { userId: 'user_ada' });

    expect(rows.map((row) => row.id)).not.toContain('txn_7004');
  });

  it('with a Product, reads at most 25 bills, newest first; without one, builds the newest 10', async () => {
    const sesamy = serveSesamy();
    for (let index = 10; index <= 49; index += 1) {
      sesamy.bills.set(`bill_${index}`, { ...bills.bill_5002, id: `bill_${index}` });
      sesamy.transactions.push(adaPays(`txn_${index}`, `bill_${index}`, `2026-11-27T10:${index}:00.000Z`));
    }
    const billReads = () => sesamy.requests.filter((request) => request.path.startsWith('/management/bills/')).length;

    const premium = await runSearch('find_payments', { userId: 'user_ada', sku: 'premium-digital' });
    const premiumBills = billReads();
    sesamy.requests.length = 0;
    const newest = await runSearch('find_payments', { userId: 'user_ada' });

    // Ada's one Premium Digital payment is older than the 25 newest: not found.
    expect([premium, premiumBills]).toEqual([[], 25]);
    expect(newest.map((row) => row.id)).toEqual(Array.from({ length: 10 }, (_, index) => `txn_${49 - index}`));
    expect(billReads()).toBe(10);
  });

  it('a bill Sesamy refuses alone (403, while it shows her others) leaves that row without it, with one log line', async () => {
    const sesamy = serveSesamy();
    sesamy.refusedBills.add('bill_5001');

    const { result: rows, lines } = await loggedBy(() => runSearch('find_payments', { userId: 'user_ada' }));

    expect(rows.map((row) => [row.id, row.billId, (row.bill as Record<string, unknown>).receiptUrl])).toEqual([
      ['txn_7002', 'bill_5002', 'https://receipts.example.com/bill_5002'],
      ['txn_7001', 'bill_5001', null],
      ['txn_7000', 'bill_5002', 'https://receipts.example.com/bill_5002'],
    ]);
    expect(lines).toEqual([
      'Could not read bill “bill_5001” (Sesamy answered 403); payment “txn_7001” comes without its receipt and items.',
    ]);
  });

  it('a connection that may not read bills fails the search, naming the permission', async () => {
    const sesamy = serveSesamy();
    for (const billId of sesamy.bills.keys()) sesamy.refusedBills.add(billId);

    const error = await rejectionOf(runSearch('find_payments', { userId: 'user_ada' }));

    expect(error).toBeInstanceOf(errors.Error);
    expect(messageOf(error)).toBe(
      'This Sesamy connection may not read bills (403 Forbidden, FORBIDDEN). In the Sesamy dashboard, give its Management API application that permission, or reconnect with one that has it.',
    );
  });

  it('needs an Email or a User, and says so before any request', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runSearch('find_payments', { kind: 'refunds' }));

    expect(messageOf(error)).toBe('Fill in the reader’s Email or choose a User, so the search knows whom to look for.');
    expect(sesamy.requests).toEqual([]);
  });

  it('has the output fields and sample of New Payment', () => {
    expect(searchOperation('find_payments').outputFields).toEqual(pollingOperation('payment_received').outputFields);
    expect(searchOperation('find_payments').sample).toEqual(ADA_RENEWAL);
    expect(App.searches.find_payments.display.label).toBe('Find Payments');
  });
});
