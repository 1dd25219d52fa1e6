import { jest } from '@jest/globals';
import { articlePurchases, bills } from '../../scripts/fake-sesamy/account.ts';
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

  it('without a Product, builds the newest 10 from the first page of the list alone', async () => {
    const sesamy = serveSesamy();
    for (let index = 10; index <= 249; index += 1) {
      sesamy.transactions.push(
        adaPays(`txn_${index}`, 'bill_5002', new Date(Date.parse('2026-11-27T00:00:00Z') + index * 60_000).toISOString()),
      );
    }

    const rows = await runSearch('find_payments', { userId: 'user_ada' });

    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: 10 }, (_, index) => `txn_${249 - index}`));
    expect(sesamy.requests.filter((request) => request.path.startsWith('/management/transactions')).map((request) => request.path)).toEqual(
      ['/management/transactions?userId=user_ada&limit=100&offset=0'],
    );
  });

  it('only refunds: reads the list a page at a time until it holds 10 of them, at most five pages', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.splice(0, Infinity);
    // 250 of Ada's transactions, one a minute; every 20th a refund: 12 refunds, the newest 10 on the first three pages.
    for (let index = 1; index <= 250; index += 1) {
      const at = new Date(Date.parse('2026-11-27T00:00:00Z') + index * 60_000).toISOString();
      sesamy.transactions.push({ ...adaPays(`txn_${index}`, 'bill_5002', at), isRefund: index % 20 === 0 });
    }

    const rows = await runSearch('find_payments', { userId: 'user_ada', kind: 'refunds' });

    expect(rows.map((row) => row.id)).toEqual([240, 220, 200, 180, 160, 140, 120, 100, 80, 60].map((index) => `txn_${index}`));
    expect(sesamy.requests.filter((request) => request.path.startsWith('/management/transactions')).map((request) => request.path)).toEqual(
      [0, 100].map((offset) => `/management/transactions?userId=user_ada&limit=100&offset=${offset}`),
    );
  });

  it('with a Product, the reader’s contracts tell which transactions are of it: one contracts list, and only their rows built, however many newer orders of other products', async () => {
    const sesamy = serveSesamy();
    // 30 monthly renewals of Premium Digital since Ada's Weekend Print (txn_7000, contract_103).
    for (let month = 1; month <= 30; month += 1) {
      sesamy.bills.set(`bill_m${month}`, { ...bills.bill_5001, id: `bill_m${month}` });
      sesamy.transactions.push({
        ...adaPays(`txn_m${month}`, `bill_m${month}`, new Date(Date.parse('2026-06-01T10:05:05.000Z') + month * 86_400_000).toISOString()),
        contractId: 'contract_101',
        amount: 99,
      });
    }

    const { result: rows, lines } = await loggedBy(() => runSearch('find_payments', { userId: 'user_ada', sku: 'weekend-print' }));

    // Its payment and the refund of part of that order; the renewals' bills are never read.
    expect(rows.map((row) => [row.id, (row.contract as Record<string, unknown>).sku])).toEqual([
      ['txn_7002', 'weekend-print'],
      ['txn_7000', 'weekend-print'],
    ]);
    expect(lines).toEqual([]);
    expect(sesamy.requests.map((request) => request.path).sort()).toEqual(
      [
        '/management/contracts?userId=user_ada&limit=100',
        '/management/transactions?userId=user_ada&limit=100&offset=0',
        '/management/users/user_ada',
        '/management/bills/bill_5002',
      ].sort(),
    );
  });

  it('with a Product, a transaction whose contract is not among the reader’s listed ones is built to tell, at most 15 of them, so a search builds at most 25 rows', async () => {
    const sesamy = serveSesamy();
    for (let index = 10; index <= 49; index += 1) {
      sesamy.bills.set(`bill_${index}`, { ...bills.bill_5002, id: `bill_${index}` });
      sesamy.transactions.push({
        ...adaPays(`txn_${index}`, `bill_${index}`, `2026-11-27T10:${index}:00.000Z`),
        contractId: `contract_gone_${index}`,
      });
    }

    const { result: rows, lines } = await loggedBy(() => runSearch('find_payments', { userId: 'user_ada', sku: 'premium-digital' }));

    // Ada's one Premium Digital payment (contract_101, listed) is found; the 15 newest unlisted ones were built, the rest not, and said.
    expect(lines).toContain(
      "25 of the reader's payments and refunds were not checked for the product: Sesamy did not list their contracts among the reader's, and the step builds at most 25 rows to tell. Older ones of the product may be missing.",
    );
    expect(rows.map((row) => row.id)).toEqual(['txn_7001']);
    expect(
      sesamy.requests
        .filter((request) => request.path.startsWith('/management/bills/bill_'))
        .map((request) => request.path)
        .sort(),
    ).toEqual([...Array.from({ length: 15 }, (_, index) => `/management/bills/bill_${49 - index}`), '/management/bills/bill_5001'].sort());
  });

  it('with a Product, a reader with more than a page of contracts: every page is read, so a payment of the product behind 130 articles is found', async () => {
    const sesamy = serveSesamy();
    // 130 articles listed before her subscriptions, 30 of them paid for after her Premium Digital renewal (txn_7001).
    sesamy.contracts.unshift(...articlePurchases('user_ada', 130));
    for (let index = 100; index < 130; index += 1) {
      sesamy.transactions.push({
        ...adaPays(`txn_article_${index}`, 'bill_5001', `2026-11-2${index % 8}T09:00:00.000Z`),
        contractId: `article_${index}`,
      });
    }

    const { result: rows, lines } = await loggedBy(() => runSearch('find_payments', { userId: 'user_ada', sku: 'premium-digital' }));

    expect(rows.map((row) => row.id)).toEqual(['txn_7001']);
    expect(lines).toEqual([]);
    expect(sesamy.requests.filter((request) => request.path.startsWith('/management/contracts?')).map((request) => request.path)).toEqual([
      '/management/contracts?userId=user_ada&limit=100',
      '/management/contracts?userId=user_ada&limit=100&offset=100',
    ]);
  });

  it('with a Product, a refund of one line of a two-line order whose contract Sesamy cannot show is not of the other line’s product', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push({
      ...adaPays('txn_refund_print', 'bill_5002', '2026-11-28T12:01:00.000Z'),
      amount: 49,
      isRefund: true,
      contractId: 'contract_gone',
    });

    const { result: rows, lines } = await loggedBy(() =>
      runSearch('find_payments', { userId: 'user_ada', sku: 'archive-pass', kind: 'refunds' }),
    );

    expect(rows).toEqual([]);
    expect(lines).toContain(
      "Could not tell which of its order's products (“weekend-print”, “archive-pass”) Sesamy's refund “txn_refund_print” is for; a Products filter does not match it.",
    );
  });

  it('a slow Sesamy (4 s an answer): the list is read no further, and no row started, once the run has less than a request’s 10 s of its 25 left; both said', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.splice(0, Infinity);
    for (let index = 1; index <= 500; index += 1) {
      const at = new Date(Date.parse('2026-11-27T00:00:00Z') + index * 60_000).toISOString();
      sesamy.transactions.push({ ...adaPays(`txn_${index}`, 'bill_5002', at), isRefund: index === 1 || index === 250 });
    }
    sesamy.misbehave = ({ url }, answer) => {
      jest.setSystemTime(Date.now() + 4_000);
      return answer(url);
    };

    const { result: rows, lines } = await loggedBy(() => runSearch('find_payments', { userId: 'user_ada', kind: 'refunds' }));

    // Four pages by 16 s; txn_250's row would start with 9 s left.
    expect(sesamy.requests.map((request) => request.path)).toEqual(
      [0, 100, 200, 300].map((offset) => `/management/transactions?userId=user_ada&limit=100&offset=${offset}`),
    );
    expect(rows).toEqual([]);
    expect(lines).toEqual([
      "Sesamy answered too slowly to build every row within Zapier's time limit: 1 of the reader's payments and refunds found were left out. Run the step again.",
      "Sesamy answered too slowly to list all of the reader's payments and refunds within Zapier's time limit: older ones may be missing. Run the step again.",
    ]);
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
