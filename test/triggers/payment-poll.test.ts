// New Payment and New Refund, check by check, as a publisher's Zaps run them: through core's
// app tester against the stateful fake Sesamy, with Zapier's deduplication simulated. Every
// test states the requests Sesamy gets and the rows the Zap gets.
import { jest } from '@jest/globals';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { API, authData, bills, contracts } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import type { FakeTransaction } from '../../scripts/fake-sesamy/sdk.ts';
import type { JsonObject } from '../../sesamy/json.ts';
import { HYDRATIONS_PER_POLL } from '../../triggers/payment-poll.ts';
import {
  appTester,
  errors,
  forgetMemory,
  loggedBy,
  memory,
  messageOf,
  onTheFakeAccountsToday,
  pollingOperation,
  rejectionOf,
  runPoll,
  ZAP,
  zapierDedupe,
} from '../support/harness.ts';

onTheFakeAccountsToday();
beforeEach(forgetMemory);

const TODAY = Date.parse('2026-11-28T12:00:00Z');
const minutesAgo = (minutes: number): string => new Date(TODAY - minutes * 60_000).toISOString();

/** A transaction made `minutes` before the fake account's today: by default Ada's renewal of Premium Digital. */
const transaction = (id: string, minutes: number, fields: Partial<FakeTransaction> = {}): FakeTransaction => ({
  id,
  amount: 99,
  currency: 'SEK',
  contractId: 'contract_101',
  isRefund: false,
  userId: 'user_ada',
  billId: 'bill_5001',
  createdAt: minutesAgo(minutes),
  updatedAt: minutesAgo(minutes),
  ...fields,
});

const LIST = '/management/transactions?limit=100&offset=0';
const pathsOf = (sesamy: ReturnType<typeof serveSesamy>): string[] => sesamy.requests.map((request) => request.path).sort();
/** The three reads that build a row of Ada's renewal: her profile, contract_101 and bill_5001. */
const RENEWAL_READS = ['/management/bills/bill_5001', '/management/contracts/contract_101', '/management/users/user_ada'];

const ADA = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };
const PREMIUM = { sku: 'premium-digital', title: 'Premium Digital', purchaseOptionId: 'po-monthly' };
const NO_USER = { email: null, firstName: null, lastName: null };
const NO_CONTRACT = { sku: null, purchaseOptionId: null, name: null, createdAt: null };
const NO_BILL = { receiptUrl: null, paymentProvider: null, paymentMethod: null, status: null, price: null };
/** contract_103: Ada's Weekend Print, bought on an order with an Archive Pass (bill_5002). */
const WEEKEND_PRINT_CONTRACT = {
  sku: 'weekend-print',
  purchaseOptionId: 'po-yearly',
  name: 'Weekend Print',
  createdAt: '2026-06-01T10:05:00.000Z',
};
/** contract_101: Ada's subscription to Premium Digital, paid monthly. */
const PREMIUM_CONTRACT = {
  sku: 'premium-digital',
  purchaseOptionId: 'po-monthly',
  name: 'Premium Digital',
  createdAt: '2026-10-01T08:10:00.000Z',
};
const BILL_5001 = {
  receiptUrl: 'https://receipts.example.com/bill_5001',
  paymentProvider: 'stripe',
  paymentMethod: 'card',
  status: 'PAID',
};

/** The row of Ada's renewal `id`, made `minutes` before today, on bill_5001. */
const renewalRow = (id: string, minutes: number): JsonObject => ({
  id,
  amount: 99,
  signedAmount: 99,
  currency: 'SEK',
  isRefund: false,
  status: null,
  type: null,
  createdAt: minutesAgo(minutes),
  updatedAt: minutesAgo(minutes),
  contractId: 'contract_101',
  billId: 'bill_5001',
  userId: 'user_ada',
  user: ADA,
  contract: PREMIUM_CONTRACT,
  bill: { ...BILL_5001, price: 99 },
  items: [PREMIUM],
});

describe('New Payment, check by check', () => {
  it('a renewal’s payment: the first check only fills Zapier’s list (1 request); the next builds the new row (3); the one after reads the list only (1)', async () => {
    const sesamy = serveSesamy();
    const zapier = zapierDedupe();

    const populated = await runPoll('payment_received', { meta: { isPopulatingDedupe: true } });
    zapier.populate(populated);
    expect(pathsOf(sesamy)).toEqual([LIST]);
    // Unbuilt: the transaction's own fields, no reader, no bill.
    expect(populated.map((row) => [row.id, row.user, row.items])).toEqual([
      ['txn_7001', NO_USER, []],
      ['txn_7003', NO_USER, []],
      ['txn_7000', NO_USER, []],
    ]);

    sesamy.transactions.push(transaction('txn_renewal', 5));
    sesamy.requests.length = 0;
    const first = await runPoll('payment_received');

    expect(first).toEqual([renewalRow('txn_renewal', 5)]);
    expect(zapier.startedBy(first)).toEqual(['txn_renewal']);
    expect(pathsOf(sesamy)).toEqual([LIST, ...RENEWAL_READS].sort());

    sesamy.requests.length = 0;
    const second = await runPoll('payment_received');

    expect(second).toEqual(first);
    expect(zapier.startedBy(second)).toEqual([]);
    expect(pathsOf(sesamy)).toEqual([LIST]);
  });

  it('the same transaction on two checks is one row for Zapier; a second Zap on the connection reuses its row without a request', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_renewal', 5));
    const zapier = zapierDedupe();

    const checks = [await runPoll('payment_received'), await runPoll('payment_received')];
    sesamy.requests.length = 0;
    const otherZap = await runPoll('payment_received', { meta: { zap: { id: 'zap_2' } }, inputData: { minAmount: '50' } });

    expect(checks.map((rows) => rows.map((row) => row.id))).toEqual([['txn_renewal'], ['txn_renewal']]);
    expect(checks.flatMap((rows) => zapier.startedBy(rows))).toEqual(['txn_renewal']);
    expect(otherZap).toEqual([renewalRow('txn_renewal', 5)]);
    expect(pathsOf(sesamy)).toEqual([LIST]);
  });

  it('a connection whose Client ID was typed with spaces around it is the same connection: it reuses the rows remembered', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_renewal', 5));

    await runPoll('payment_received');
    sesamy.requests.length = 0;
    const rows = await runPoll('payment_received', { auth: { ...authData, clientId: ` ${authData.clientId}\n` } });

    expect(rows).toEqual([renewalRow('txn_renewal', 5)]);
    expect(pathsOf(sesamy)).toEqual([LIST]);
  });

  it('remembers each row for a day under a key of the connection and the transaction, never the Zap; and, per Zap, when its check began', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_renewal', 5));

    await runPoll('payment_received');
    const rowKeys = Object.keys(memory()).filter((key) => key.startsWith('sesamy:payment-row:'));
    forgetMemory();
    await runPoll('payment_received', { meta: { zap: { id: 'zap_2' } } });

    const keys = Object.keys(memory());
    expect(rowKeys).toEqual([expect.stringMatching(/^sesamy:payment-row:v2:[0-9a-f]{40}$/)]);
    // The second Zap reused the first one's row: the same key; it remembered only its own check.
    expect(keys.filter((key) => key.startsWith('sesamy:payment-row:'))).toEqual(rowKeys);
    const sinceKeys = keys.filter((key) => !key.startsWith('sesamy:payment-row:'));
    expect(sinceKeys).toEqual([expect.stringMatching(/^sesamy:payment-since:[0-9a-f]{40}$/)]);
    expect(JSON.parse(memory()[rowKeys[0] ?? ''] ?? 'null')).toEqual(renewalRow('txn_renewal', 5));
    expect(JSON.parse(memory()[sinceKeys[0] ?? ''] ?? 'null')).toBe(TODAY);
  });

  it('a first check’s transactions are never built by the Zap’s later checks, though they are new', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_before', 30));

    await runPoll('payment_received', { meta: { isPopulatingDedupe: true } });
    sesamy.transactions.push(transaction('txn_after', 5));
    sesamy.requests.length = 0;
    const rows = await runPoll('payment_received');

    expect(rows.map((row) => row.id)).toEqual(['txn_after']);
    expect(pathsOf(sesamy)).toEqual([LIST, ...RENEWAL_READS].sort());
  });

  it('a transaction older than 23 hours is neither built nor returned: it was new in an earlier check', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_yesterday', 23 * 60 + 1), transaction('txn_today', 23 * 60 - 1));

    const rows = await runPoll('payment_received');

    expect(rows.map((row) => row.id)).toEqual(['txn_today']);
    expect(pathsOf(sesamy).filter((path) => path.startsWith('/management/bills/'))).toEqual(['/management/bills/bill_5001']);
  });

  it('a transaction whose reader was deleted still comes, with what is known, and one log line, once', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_gone', 5, { userId: 'user_gone' }));

    const first = await loggedBy(() => runPoll('payment_received'));
    const second = await loggedBy(() => runPoll('payment_received'));

    expect(first.result).toEqual([{ ...renewalRow('txn_gone', 5), userId: 'user_gone', user: NO_USER }]);
    expect(first.lines).toEqual(["Sesamy has no user “user_gone”; payment “txn_gone” comes without the reader's email and name."]);
    expect(second).toEqual({ result: first.result, lines: [] });
  });

  it('a bill Sesamy no longer has: the row comes without receipt and items, and one log line', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_billless', 5, { billId: 'bill_gone' }));

    const { result: rows, lines } = await loggedBy(() => runPoll('payment_received'));

    expect(rows).toEqual([
      {
        ...renewalRow('txn_billless', 5),
        billId: 'bill_gone',
        bill: NO_BILL,
        items: [],
      },
    ]);
    expect(lines).toEqual(['Sesamy has no bill “bill_gone”; payment “txn_billless” comes without its receipt and items.']);
  });

  it('a connection that may not read bills (every bill 403) fails the check, naming the permission, and nothing is remembered; once allowed, the next check delivers the payment whole', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_renewal', 5));
    for (const billId of sesamy.bills.keys()) sesamy.refusedBills.add(billId);
    const zapier = zapierDedupe();

    const error = await rejectionOf(runPoll('payment_received'));

    // The one bill to read was refused, and so was another the list names (the newest, Grace's): the permission is missing.
    expect(sesamy.requests.filter((request) => request.path.startsWith('/management/bills/')).map((request) => request.path)).toEqual([
      '/management/bills/bill_5001',
      '/management/bills/bill_5003',
    ]);
    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'Forbidden', status: 403 });
    expect(messageOf(error)).toBe(
      'This Sesamy connection may not read bills (403 Forbidden, FORBIDDEN). In the Sesamy dashboard, give its Management API application that permission, or reconnect with one that has it.',
    );
    expect(memory()).toEqual({});

    sesamy.refusedBills.clear();
    const rows = await runPoll('payment_received');
    expect(zapier.startedBy(rows)).toEqual(['txn_renewal']);
    expect(rows).toEqual([renewalRow('txn_renewal', 5)]);
  });

  it('a thousand transactions since the last check: the oldest 25 of the newest 100 per check, at most 76 requests, never more than 25 new runs', async () => {
    const sesamy = serveSesamy();
    const zapier = zapierDedupe();
    // The Zap was turned on two hours ago.
    jest.setSystemTime(TODAY - 2 * 60 * 60_000);
    zapier.populate(await runPoll('payment_received', { meta: { isPopulatingDedupe: true } }));
    jest.setSystemTime(TODAY);
    for (let index = 1; index <= 1000; index += 1) {
      const id = `b_${String(index).padStart(4, '0')}`;
      sesamy.bills.set(`bill_${id}`, { ...bills.bill_5001, id: `bill_${id}` });
      // Ada and Grace in turn, a few seconds apart, in the last hour.
      sesamy.transactions.push(transaction(id, 60 - index * 0.05, { billId: `bill_${id}`, userId: index % 2 ? 'user_ada' : 'user_grace' }));
    }

    const checks: { requests: number; rows: number; started: string[]; lines: string[] }[] = [];
    for (let check = 0; check < 6; check += 1) {
      sesamy.requests.length = 0;
      const { result: rows, lines } = await loggedBy(() => runPoll('payment_received'));
      checks.push({ requests: sesamy.requests.length, rows: rows.length, started: zapier.startedBy(rows), lines });
    }

    // 1 list + 2 readers + their one contract + 25 bills, until the newest 100 are built; then the list alone.
    expect(checks.map(({ requests, rows, started }) => [requests, rows, started.length])).toEqual([
      [29, 25, 25],
      [29, 50, 25],
      [29, 75, 25],
      [29, 100, 25],
      [1, 100, 0],
      [1, 100, 0],
    ]);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `b_${String(to - i).padStart(4, '0')}`);
    expect(checks[0]?.started).toEqual(range(901, 925));
    expect(checks[3]?.started).toEqual(range(976, 1000));
    expect(HYDRATIONS_PER_POLL).toBe(25);
    expect(checks.map(({ lines }) => lines)).toEqual([
      [
        'This check took the oldest 25 of 100 new Sesamy payments; the next checks take the rest.',
        "All of Sesamy's newest 100 transactions are new since the last check, so older new payments may have been missed: each check reads only the newest 100.",
      ],
      ['This check took the oldest 25 of 75 new Sesamy payments; the next checks take the rest.'],
      ['This check took the oldest 25 of 50 new Sesamy payments; the next checks take the rest.'],
      [],
      [],
      [],
    ]);
  });

  it('a subscription’s first payment and its renewal: the contract’s creation tells them apart, as Sesamy flags neither', async () => {
    const sesamy = serveSesamy();
    const started = minutesAgo(20 * 60);
    sesamy.contracts.push({ ...contracts.contract_101, id: 'contract_new', createdAt: started, updatedAt: started });
    sesamy.transactions.push(
      transaction('txn_first', 20 * 60 - 0.1, { contractId: 'contract_new' }),
      transaction('txn_renewal', 5, { contractId: 'contract_new' }),
    );

    const rows = await runPoll('payment_received');

    expect(rows.map((row) => [row.id, row.createdAt, (row.contract as JsonObject).createdAt])).toEqual([
      ['txn_renewal', minutesAgo(5), started],
      ['txn_first', minutesAgo(20 * 60 - 0.1), started],
    ]);
  });

  it('amounts are the currency’s units (kronor, not öre), as Sesamy sends them; Minimum Amount takes a decimal comma', async () => {
    const sesamy = serveSesamy();
    sesamy.bills.set('bill_995', { ...bills.bill_5001, id: 'bill_995', price: 99.5 });
    sesamy.transactions.push(transaction('txn_99', 5), transaction('txn_99_50', 6, { amount: 99.5, billId: 'bill_995' }));

    const all = await runPoll('payment_received');
    forgetMemory();
    sesamy.requests.length = 0;
    const atLeast = await runPoll('payment_received', { inputData: { minAmount: '99,50' } });

    expect(all.map((row) => [row.id, row.amount, row.signedAmount, row.currency, (row.bill as JsonObject).price])).toEqual([
      ['txn_99', 99, 99, 'SEK', 99],
      ['txn_99_50', 99.5, 99.5, 'SEK', 99.5],
    ]);
    expect(atLeast.map((row) => row.id)).toEqual(['txn_99_50']);
    // The amount is compared before anything is read: the 99 one costs no request.
    expect(pathsOf(sesamy)).toEqual(
      [LIST, '/management/bills/bill_995', '/management/contracts/contract_101', '/management/users/user_ada'].sort(),
    );
  });
});

describe('amounts as Sesamy sends them', () => {
  it('an amount sent as text, "99.50", is 99.5 on the row, in the ledger amount and to Minimum Amount: one reading of an amount', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_text', 5, { amount: '99.50' as unknown as number }));

    const { result: rows, lines } = await loggedBy(() => runPoll('payment_received', { inputData: { minAmount: '99' } }));

    expect(rows.map((row) => [row.id, row.amount, row.signedAmount])).toEqual([['txn_text', 99.5, 99.5]]);
    expect(lines).toEqual([]);
  });

  it('an amount that is no number comes as none, with one log line, and never passes an amount filter', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_odd', 5, { amount: '1,000' as unknown as number }));

    const { result: rows, lines } = await loggedBy(() => runPoll('payment_received'));
    forgetMemory();
    const filtered = await runPoll('payment_received', { inputData: { maxAmount: '5000' } });

    expect(rows.map((row) => [row.id, row.amount, row.signedAmount])).toEqual([['txn_odd', null, null]]);
    expect(lines).toEqual(["Sesamy's payment “txn_odd” has an amount that is not a number; it comes without one."]);
    expect(filtered).toEqual([]);
  });

  it('a transaction Sesamy marks FAILED still starts New Payment (its statuses are undocumented), and its row says so: Transaction Status and Type as sent', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_failed', 5, { status: 'FAILED', type: 'PAYMENT' }), transaction('txn_plain', 6));

    const rows = await runPoll('payment_received');

    expect(rows).toEqual([{ ...renewalRow('txn_failed', 5), status: 'FAILED', type: 'PAYMENT' }, renewalRow('txn_plain', 6)]);
  });

  it('a payment Sesamy lists with a negative amount (a correction) keeps its sign in the ledger amount: it is never booked as money in', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_negative', 5, { amount: -99 }));

    const rows = await runPoll('payment_received');

    expect(rows.map((row) => [row.id, row.amount, row.signedAmount])).toEqual([['txn_negative', -99, -99]]);
  });
});

describe('New Refund', () => {
  it('a refund of part of an order: its amount, negative for a ledger, the order’s total and both products; New Payment leaves it out', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(
      transaction('txn_refund', 5, { isRefund: true, amount: 49, contractId: 'contract_103', billId: 'bill_5002' }),
      transaction('txn_renewal', 6),
    );

    const refunds = await runPoll('refund_issued');
    const payments = await runPoll('payment_received');

    expect(refunds).toEqual([
      {
        id: 'txn_refund',
        amount: 49,
        signedAmount: -49,
        currency: 'SEK',
        isRefund: true,
        status: null,
        type: null,
        createdAt: minutesAgo(5),
        updatedAt: minutesAgo(5),
        contractId: 'contract_103',
        billId: 'bill_5002',
        userId: 'user_ada',
        user: ADA,
        contract: WEEKEND_PRINT_CONTRACT,
        bill: {
          receiptUrl: 'https://receipts.example.com/bill_5002',
          paymentProvider: 'stripe',
          paymentMethod: 'card',
          status: 'PAID',
          price: 539,
        },
        items: [
          { sku: 'weekend-print', title: 'Weekend Print', purchaseOptionId: 'po-yearly' },
          { sku: 'archive-pass', title: 'Archive Pass', purchaseOptionId: 'po-once' },
        ],
      },
    ]);
    expect(payments.map((row) => row.id)).toEqual(['txn_renewal']);
  });

  it('Products match the product refunded (its contract’s), not the other products of its order', async () => {
    const sesamy = serveSesamy();
    // Ada's Weekend Print (contract_103) refunded; its order, bill_5002, also held an Archive Pass.
    sesamy.transactions.push(transaction('txn_refund', 5, { isRefund: true, amount: 49, contractId: 'contract_103', billId: 'bill_5002' }));

    const archive = await runPoll('refund_issued', { inputData: { skus: 'archive-pass' } });
    const print = await runPoll('refund_issued', { inputData: { skus: 'weekend-print' } });

    expect(archive).toEqual([]);
    expect(print.map((row) => [row.id, (row.contract as JsonObject).sku, (row.contract as JsonObject).purchaseOptionId])).toEqual([
      ['txn_refund', 'weekend-print', 'po-yearly'],
    ]);
  });

  it('a refund of one line of a two-line order whose contract Sesamy no longer has matches neither product: a refund → Revoke Access Zap revokes nothing wrongly', async () => {
    const sesamy = serveSesamy();
    // Weekend Print refunded (49 SEK) on bill_5002, which also held an Archive Pass; its contract is gone.
    sesamy.transactions.push(
      transaction('txn_refund', 5, { isRefund: true, amount: 49, contractId: 'contract_gone', billId: 'bill_5002' }),
    );

    const { result: archive, lines } = await loggedBy(() => runPoll('refund_issued', { inputData: { skus: 'archive-pass' } }));
    const print = await runPoll('refund_issued', { inputData: { skus: 'weekend-print' } });
    const any = await runPoll('refund_issued');

    expect(archive).toEqual([]);
    expect(print).toEqual([]);
    expect(any.map((row) => [row.id, row.contract])).toEqual([['txn_refund', NO_CONTRACT]]);
    expect(lines).toEqual([
      "Sesamy has no contract “contract_gone”; refund “txn_refund” comes without its contract's product.",
      "Could not tell which of its order's products (“weekend-print”, “archive-pass”) Sesamy's refund “txn_refund” is for; a Products filter does not match it.",
    ]);
  });

  it('a refund on an order of one product whose contract Sesamy no longer has: Products match that product, as nothing else can be meant', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_refund', 5, { isRefund: true, amount: 99, contractId: 'contract_gone' }));

    const rows = await runPoll('refund_issued', { inputData: { skus: 'premium-digital' } });

    expect(rows.map((row) => [row.id, row.contract])).toEqual([['txn_refund', NO_CONTRACT]]);
  });

  it('a refund Sesamy sends as a negative amount keeps it as sent; the ledger amount is negative either way', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_minus', 5, { isRefund: true, amount: -49 }));

    const [row] = await runPoll('refund_issued', { inputData: { minAmount: '49' } });

    expect([row?.amount, row?.signedAmount]).toEqual([-49, -49]);
  });
});

describe('Test trigger', () => {
  it('shows the newest real payments and refunds, however old, in exactly the row’s shape: the static samples are two of them', async () => {
    const sesamy = serveSesamy();

    const payments = await runPoll('payment_received', { meta: { isLoadingSample: true } });
    const refunds = await runPoll('refund_issued', { meta: { isLoadingSample: true } });

    expect(payments.map((row) => row.id)).toEqual(['txn_7001', 'txn_7003', 'txn_7000']);
    expect(payments[0]).toEqual(pollingOperation('payment_received').sample);
    expect(refunds.map((row) => row.id)).toEqual(['txn_7004', 'txn_7002']);
    expect(refunds[1]).toEqual(pollingOperation('refund_issued').sample);
    expect(sesamy.requests.filter((request) => request.path.startsWith('/management/transactions'))).toHaveLength(2);
    expect(memory()).toEqual({});
  });

  it('reads bills a few at a time until three rows have the chosen product, at most twelve', async () => {
    const sesamy = serveSesamy();

    const rows = await runPoll('payment_received', { inputData: { skus: 'weekend-print' }, meta: { isLoadingSample: true } });

    expect(rows.map((row) => row.id)).toEqual(['txn_7003', 'txn_7000']);
    expect(pathsOf(sesamy).filter((path) => path.startsWith('/management/bills/'))).toEqual([
      '/management/bills/bill_5001',
      '/management/bills/bill_5002',
      '/management/bills/bill_5003',
    ]);
  });
});

describe('a list Sesamy keeps oldest first', () => {
  it('the first check reads to the end of the list (3 requests for 250); the next starts from the end it remembers', async () => {
    const sesamy = serveSesamy();
    sesamy.transactionOrder = 'oldest first';
    sesamy.transactions.splice(0, Infinity);
    for (let index = 1; index <= 250; index += 1) sesamy.transactions.push(transaction(`t_${index}`, 3 * 24 * 60 + 250 - index));
    const zapier = zapierDedupe();

    const populated = await runPoll('payment_received', { meta: { isPopulatingDedupe: true } });
    zapier.populate(populated);
    const populateRequests = sesamy.requests.map((request) => request.path);
    sesamy.transactions.push(transaction('t_251', 2));
    sesamy.requests.length = 0;
    const rows = await runPoll('payment_received');

    expect(populateRequests).toEqual([0, 100, 200].map((offset) => `/management/transactions?limit=100&offset=${offset}`));
    expect(populated.map((row) => row.id)).toEqual(Array.from({ length: 100 }, (_, index) => `t_${250 - index}`));
    expect(zapier.startedBy(rows)).toEqual(['t_251']);
    expect(sesamy.requests.map((request) => request.path)).toEqual([
      '/management/transactions?limit=100&offset=0',
      '/management/transactions?limit=100&offset=200',
      '/management/transactions?limit=100&offset=100',
      ...['/management/users/user_ada', '/management/contracts/contract_101', '/management/bills/bill_5001'],
    ]);
  });
});

describe('the trigger’s filters', () => {
  it('Products and Maximum Amount: the amount is compared before anything is read, the product is the contract’s', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(
      transaction('txn_small', 5, { amount: 49 }),
      // Ada's order of Weekend Print and an Archive Pass, paid under her Weekend Print contract.
      transaction('txn_print', 6, { amount: 539, contractId: 'contract_103', billId: 'bill_5002' }),
      transaction('txn_premium', 7),
    );

    const rows = await runPoll('payment_received', { inputData: { skus: ['weekend-print', 'archive-pass'], maxAmount: '100' } });

    expect(rows).toEqual([]);
    // Both share a reader, a contract and a bill: each is read once.
    expect(pathsOf(sesamy)).toEqual([LIST, ...RENEWAL_READS].sort());
    const print = await runPoll('payment_received', { inputData: { skus: 'weekend-print' } });
    const archive = await runPoll('payment_received', { inputData: { skus: 'archive-pass' } });
    expect(print.map((row) => row.id)).toEqual(['txn_print']);
    expect(archive).toEqual([]);
  });

  it.each([
    [{ minAmount: '1 000' }, 'Minimum Amount must be a number, like 99, 99.50 or 99,50, without thousands separators.'],
    [{ maxAmount: 'lots' }, 'Maximum Amount must be a number, like 99, 99.50 or 99,50, without thousands separators.'],
    // Thousands written with points, as Danes and Norwegians write them: "1.000" is never 1.
    [{ minAmount: '1.000' }, 'Minimum Amount must be a number, like 99, 99.50 or 99,50, without thousands separators.'],
    [{ maxAmount: '12.500.000' }, 'Maximum Amount must be a number, like 99, 99.50 or 99,50, without thousands separators.'],
    // A refund typed as negative would match nothing, ever: amounts are compared by size.
    [{ maxAmount: '-100' }, 'Maximum Amount cannot be below zero: amounts are compared by their size, so type 100.'],
    [{ minAmount: -49.5 }, 'Minimum Amount cannot be below zero: amounts are compared by their size, so type 49.5.'],
    [{ minAmount: '100', maxAmount: '99,50' }, 'Minimum Amount (100) is more than Maximum Amount (99.5), so no refund could match.'],
  ])('refuses %j before any request', async (inputData, message) => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runPoll('refund_issued', { inputData }));

    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidFilter' });
    expect(messageOf(error)).toBe(`${message} Edit the trigger's filters and try again.`);
    expect(sesamy.requests).toEqual([]);
  });
});

describe('one transaction Sesamy cannot show whole', () => {
  /** Ada's payment on bill_bad, which Sesamy answers so, and her renewal a minute later, on a bill it shows. */
  const poisoned = (reply: (interceptor: nock.Interceptor) => nock.Scope) => {
    reply(nock(API).get('/management/bills/bill_bad').times(3));
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_poison', 6, { billId: 'bill_bad' }), transaction('txn_good', 5));
    return sesamy;
  };

  it.each([
    ['rejects its bill (400)', (i: nock.Interceptor) => i.reply(400, { error: { code: 'BAD_REQUEST' } }), 'Sesamy answered 400'],
    ['cannot process its bill’s id (422)', (i: nock.Interceptor) => i.reply(422, { error: { code: 'X' } }), 'Sesamy answered 422'],
    ['answers its bill without an id', (i: nock.Interceptor) => i.reply(200, { items: [] }), "Sesamy's answer was not a bill"],
    ['answers its bill with a list', (i: nock.Interceptor) => i.reply(200, [bills.bill_5001]), "Sesamy's answer was not a bill"],
    [
      'refuses its bill alone (403, while it shows the others)',
      (i: nock.Interceptor) => i.reply(403, { error: { code: 'FORBIDDEN' } }),
      'Sesamy answered 403',
    ],
  ])('Sesamy %s: that payment comes without its bill, with one log line, and every other is delivered', async (_, reply, why) => {
    const sesamy = poisoned(reply);
    const zapier = zapierDedupe();

    const { result: rows, lines } = await loggedBy(() => runPoll('payment_received'));
    sesamy.requests.length = 0;
    const again = await runPoll('payment_received');

    expect(zapier.startedBy(rows)).toEqual(['txn_good', 'txn_poison']);
    expect(rows).toEqual([renewalRow('txn_good', 5), { ...renewalRow('txn_poison', 6), billId: 'bill_bad', bill: NO_BILL, items: [] }]);
    expect(lines).toEqual([`Could not read bill “bill_bad” (${why}); payment “txn_poison” comes without its receipt and items.`]);
    // Its row is remembered like any other: the next check reads nothing more.
    expect(again).toEqual(rows);
    expect(pathsOf(sesamy)).toEqual([LIST]);
  });

  it('a 403 on the one bill a check reads is told apart by one other bill the list names: refused alone, the payment comes without it', async () => {
    nock(API)
      .get('/management/bills/bill_bad')
      .reply(403, { error: { code: 'FORBIDDEN' } });
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_poison', 5, { billId: 'bill_bad' }));

    const { result: rows, lines } = await loggedBy(() => runPoll('payment_received'));

    expect(rows).toEqual([{ ...renewalRow('txn_poison', 5), billId: 'bill_bad', bill: NO_BILL, items: [] }]);
    expect(lines).toEqual([
      'Could not read bill “bill_bad” (Sesamy answered 403); payment “txn_poison” comes without its receipt and items.',
    ]);
    // The newest other bill the list names (Grace's refund's), read to tell; bill_bad is answered apart from the fake.
    expect(pathsOf(sesamy)).toEqual([LIST, '/management/bills/bill_5003', ...RENEWAL_READS.slice(1)].sort());
  });

  it('a reader Sesamy rejects (400) and a contract it answers oddly: the row comes without them, one line each', async () => {
    nock(API)
      .get('/management/users/user_bad')
      .reply(400, { error: { code: 'BAD_REQUEST' } });
    nock(API).get('/management/contracts/contract_bad').reply(200, '<html>maintenance</html>', { 'Content-Type': 'text/html' });
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_odd', 5, { userId: 'user_bad', contractId: 'contract_bad' }), transaction('txn_good', 6));

    const { result: rows, lines } = await loggedBy(() => runPoll('payment_received'));

    expect(rows).toEqual([
      { ...renewalRow('txn_odd', 5), userId: 'user_bad', contractId: 'contract_bad', user: NO_USER, contract: NO_CONTRACT },
      renewalRow('txn_good', 6),
    ]);
    expect(lines).toEqual([
      "Could not read user “user_bad” (Sesamy answered 400); payment “txn_odd” comes without the reader's email and name.",
      "Could not read contract “contract_bad” (Sesamy's answer was not a contract); payment “txn_odd” comes without its contract's product.",
    ]);
  });

  it.each([
    ['401 after a renewal', 401, errors.ExpiredAuthError],
    ['429', 429, errors.ThrottledError],
    ['503', 503, errors.ThrottledError],
    // A gateway or a moved API redirects every bill: rows without them would be delivered, and deduplicated, for good.
    ['307 to another host', 307, errors.Error],
  ])(
    'a %s on one bill is about the connection: the check fails for Zapier to retry, and the rows built meanwhile are kept',
    async (_, status, kind) => {
      nock(API)
        .get('/management/bills/bill_bad')
        .reply(status, { error: { code: 'X' } }, status === 307 ? { Location: 'https://elsewhere.example/bills/bill_bad' } : {});
      const sesamy = serveSesamy();
      sesamy.transactions.push(transaction('txn_poison', 6, { billId: 'bill_bad' }), transaction('txn_good', 5));
      const fresh = { ...authData, tokenIssuedAt: new Date().toISOString() };

      const error = await rejectionOf(runPoll('payment_received', { auth: fresh }));

      expect(error).toBeInstanceOf(kind);
      expect(Object.keys(memory())).toHaveLength(1);
    },
  );
});

describe('a bad day', () => {
  it('a 429 on one bill fails the check for Zapier to retry; the row built meanwhile is kept, so the next check builds only the other', async () => {
    nock(API)
      .get('/management/bills/bill_busy')
      .reply(429, { error: { code: 'RATE_LIMITED' } }, { 'Retry-After': '30' });
    const sesamy = serveSesamy();
    sesamy.bills.set('bill_busy', { ...bills.bill_5001, id: 'bill_busy' });
    sesamy.transactions.push(transaction('txn_busy', 5, { billId: 'bill_busy' }), transaction('txn_calm', 6));

    const error = await rejectionOf(runPoll('payment_received'));
    sesamy.requests.length = 0;
    const rows = await runPoll('payment_received');

    expect(error).toBeInstanceOf(errors.ThrottledError);
    expect(messageOf(error)).toBe(
      'Sesamy is receiving too many requests (429 Too Many Requests, RATE_LIMITED) while trying to read bill “bill_busy”. Zapier will retry in 30 seconds.',
    );
    expect(rows.map((row) => row.id)).toEqual(['txn_busy', 'txn_calm']);
    expect(pathsOf(sesamy)).toEqual(
      [LIST, '/management/bills/bill_busy', '/management/contracts/contract_101', '/management/users/user_ada'].sort(),
    );
  });

  it.each([
    [400, 'InvalidRequest', 'Sesamy rejected the request to list recent transactions (400 Bad Request, X).'],
    [404, 'NotFound', 'Sesamy could not find what is needed to list recent transactions (404 Not Found, X).'],
    [422, 'InvalidRequest', 'Sesamy rejected the request to list recent transactions (422 Unprocessable Entity, X).'],
  ])('a %i on the list fails the check, saying to try again, not to check values the request does not hold', async (status, code, said) => {
    nock(API)
      .get('/management/transactions')
      .query(true)
      .reply(status, { error: { code: 'X' } });

    const error = await rejectionOf(runPoll('payment_received', { inputData: { minAmount: '50' } }));

    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code, status });
    expect(messageOf(error)).toBe(`${said} Try again; if it keeps happening, contact Sesamy support.`);
  });

  it.each(['.', '..', '%2e%2e', '.%2E'])(
    'a bill and a reader listed as %j, ids no record can have, are not found: nothing is sent for them, and the row comes without them',
    async (id) => {
      const sesamy = serveSesamy();
      sesamy.transactions.push(transaction('txn_odd', 5, { billId: id, userId: id }));

      const { result, lines } = await loggedBy(() => runPoll('payment_received'));

      expect(result).toEqual([
        {
          ...renewalRow('txn_odd', 5),
          billId: id,
          userId: id,
          user: NO_USER,
          bill: NO_BILL,
          items: [],
        },
      ]);
      expect(pathsOf(sesamy)).toEqual(['/management/contracts/contract_101', LIST]);
      expect(lines).toEqual([
        `Sesamy has no user “${id}”; payment “txn_odd” comes without the reader's email and name.`,
        `Sesamy has no bill “${id}”; payment “txn_odd” comes without its receipt and items.`,
      ]);
    },
  );

  it('odd records in the list are skipped with one log line; the others still come', async () => {
    const sesamy = serveSesamy();
    const { isRefund: _, ...unflagged } = transaction('txn_unflagged', 4);
    sesamy.transactions.push(unflagged as FakeTransaction, transaction('txn_fine', 5));

    const { result, lines } = await loggedBy(() => runPoll('payment_received'));

    expect(result.map((row) => row.id)).toEqual(['txn_fine']);
    expect(lines).toEqual(["Skipped 1 of Sesamy's newest transactions without an id or a refund flag."]);
  });

  it('without z.cache, a check still delivers: it builds what it returns every time', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_renewal', 5));
    const withoutCache = async (z: ZObject, bundle: Bundle) => {
      const broken = async () => {
        throw new Error('rpc is not available');
      };
      return pollingOperation('payment_received').perform({ ...z, cache: { get: broken, set: broken, delete: broken } } as ZObject, bundle);
    };

    const runs = [await appTester(withoutCache, { authData }), await appTester(withoutCache, { authData })];

    expect(runs).toEqual([[renewalRow('txn_renewal', 5)], [renewalRow('txn_renewal', 5)]]);
    expect(sesamy.requests).toHaveLength(8);
  });

  it('remembers a row and a first check’s ids for a day, and for 30 days when the Zap’s check began and where an oldest-first list ended', async () => {
    const sesamy = serveSesamy();
    sesamy.transactionOrder = 'oldest first';
    for (let index = 1; index <= 150; index += 1) sesamy.transactions.push(transaction(`t_${index}`, 151 - index));
    const ttls: string[] = [];
    const recording = (meta: JsonObject) => async (z: ZObject, bundle: Bundle) => {
      const set = (key: string, value: unknown, ttl?: number) => {
        ttls.push(`${key.split(':')[1]} ${ttl}`);
        return z.cache.set(key, value, ttl);
      };
      return pollingOperation('payment_received').perform({ ...z, cache: { ...z.cache, set } } as ZObject, {
        ...bundle,
        meta: { ...bundle.meta, ...meta },
      });
    };

    await appTester(recording({ zap: ZAP, isPopulatingDedupe: true }), { authData });
    sesamy.transactions.push(transaction('t_151', 0));
    ttls.push('--');
    await appTester(recording({ zap: ZAP }), { authData });

    expect(ttls).toEqual([
      `transactions-tail ${30 * 24 * 60 * 60}`,
      'payment-populated 86400',
      `payment-since ${30 * 24 * 60 * 60}`,
      '--',
      `transactions-tail ${30 * 24 * 60 * 60}`,
      'payment-row 86400',
      `payment-since ${30 * 24 * 60 * 60}`,
    ]);
  });
});

describe('a loss, said or not, judged on every transaction listed against the Zap’s last check', () => {
  const SECOND = 1 / 60;
  const MISSED = (nouns: string) =>
    `All of Sesamy's newest 100 transactions are new since the last check, so older new ${nouns} may have been missed: each check reads only the newest 100.`;

  it('New Refund: three refunds pushed off the newest page by 150 renewals are said to be missed', async () => {
    const sesamy = serveSesamy();
    const zapier = zapierDedupe();
    zapier.populate(await runPoll('refund_issued', { meta: { isPopulatingDedupe: true } }));
    // Right after the Zap was turned on: three refunds, then the night's renewals, a second apart.
    for (let index = 0; index < 3; index += 1) {
      sesamy.transactions.push(transaction(`txn_refund_${index}`, -index * SECOND, { isRefund: true, amount: 49 }));
    }
    for (let index = 0; index < 150; index += 1) sesamy.transactions.push(transaction(`txn_renewal_${index}`, -(10 + index) * SECOND));
    jest.setSystemTime(TODAY + 15 * 60_000);

    const { result, lines } = await loggedBy(() => runPoll('refund_issued'));

    expect(zapier.startedBy(result)).toEqual([]);
    expect(lines).toEqual([MISSED('refunds')]);
  });

  it('New Payment: a page reaching back past the last check (its oldest two refunds older than it) says nothing is missed', async () => {
    const sesamy = serveSesamy();
    const zapier = zapierDedupe();
    sesamy.transactions.splice(
      0,
      Infinity,
      transaction('txn_refund_1', 60, { isRefund: true }),
      transaction('txn_refund_2', 60 - SECOND, { isRefund: true }),
    );
    zapier.populate(await runPoll('payment_received', { meta: { isPopulatingDedupe: true } }));
    for (let index = 0; index < 98; index += 1) sesamy.transactions.push(transaction(`txn_${index}`, -index * SECOND));
    jest.setSystemTime(TODAY + 15 * 60_000);

    const { result, lines } = await loggedBy(() => runPoll('payment_received'));

    expect(zapier.startedBy(result)).toHaveLength(25);
    expect(lines).toEqual(['This check took the oldest 25 of 98 new Sesamy payments; the next checks take the rest.']);
  });
});

describe('what a check remembers of the last', () => {
  const HOUR = 60;

  it('checks that fail for more than a day lose no payment made meanwhile: the next check that delivers looks back to the last one that did', async () => {
    const sesamy = serveSesamy();
    const zapier = zapierDedupe();
    zapier.populate(await runPoll('payment_received', { meta: { isPopulatingDedupe: true } }));
    // A minute after the Zap was turned on, Ada renews; then bills are refused for 30 hours.
    sesamy.transactions.push(transaction('txn_meanwhile', -1));
    for (const billId of sesamy.bills.keys()) sesamy.refusedBills.add(billId);
    const failures: string[] = [];
    for (const hours of [0.25, 12, 30]) {
      jest.setSystemTime(TODAY + hours * HOUR * 60_000);
      failures.push(JSON.parse((await rejectionOf(runPoll('payment_received'))).message).code);
    }

    sesamy.refusedBills.clear();
    jest.setSystemTime(TODAY + 30.25 * HOUR * 60_000);
    const rows = await runPoll('payment_received');

    expect(failures).toEqual(['Forbidden', 'Forbidden', 'Forbidden']);
    expect(zapier.startedBy(rows)).toEqual(['txn_meanwhile']);
    expect(rows).toEqual([renewalRow('txn_meanwhile', -1)]);
  });

  it('a check looks back to the Zap’s last check less an hour, when that was over 23 hours ago', async () => {
    const sesamy = serveSesamy();
    jest.setSystemTime(TODAY - 30 * HOUR * 60_000);
    await runPoll('payment_received');
    jest.setSystemTime(TODAY);
    sesamy.transactions.push(transaction('txn_before_overlap', 31 * HOUR + 1), transaction('txn_in_overlap', 31 * HOUR - 1));

    const rows = await runPoll('payment_received');

    expect(rows.map((row) => row.id)).toEqual(['txn_in_overlap']);
  });

  it('a check looks back 23 hours however recent the Zap’s last check, and no further with it recent', async () => {
    const sesamy = serveSesamy();
    jest.setSystemTime(TODAY - 15 * 60_000);
    await runPoll('payment_received');
    jest.setSystemTime(TODAY);
    sesamy.transactions.push(transaction('txn_past_a_day', 23 * HOUR + 1), transaction('txn_within_a_day', 23 * HOUR - 1));

    const { result, lines } = await loggedBy(() => runPoll('payment_received'));

    expect(result.map((row) => row.id)).toEqual(['txn_within_a_day']);
    expect(lines).toEqual([]);
  });

  it.each([
    ['a payment support enters by hand with its checkout’s date, 2 hours back', 2 * HOUR],
    ['a payment whose provider confirmed it 3 hours after checkout', 3 * HOUR],
    ['a payment Sesamy lists 22 hours after it was made', 22 * HOUR],
  ])('%s, listed between two checks, starts the Zap at the next check, and is built once', async (_, lag) => {
    const sesamy = serveSesamy();
    const zapier = zapierDedupe();
    zapier.populate(await runPoll('payment_received', { meta: { isPopulatingDedupe: true } }));
    jest.setSystemTime(TODAY + 15 * 60_000);
    expect(zapier.startedBy(await runPoll('payment_received'))).toEqual([]);
    // Listed now, 20 minutes after the Zap was turned on, made `lag` before then.
    sesamy.transactions.push(transaction('txn_late', lag - 20));
    jest.setSystemTime(TODAY + 30 * 60_000);
    sesamy.requests.length = 0;

    const rows = await runPoll('payment_received');
    jest.setSystemTime(TODAY + 45 * 60_000);
    const again = await runPoll('payment_received');

    expect(zapier.startedBy(rows)).toEqual(['txn_late']);
    expect(rows).toEqual([renewalRow('txn_late', lag - 20)]);
    expect(again).toEqual(rows);
    expect(pathsOf(sesamy)).toEqual([LIST, LIST, ...RENEWAL_READS].sort());
  });

  it('with the Zap’s last check lost after two days of failed checks, the last 23 hours start the Zap and one line says older ones were not looked at', async () => {
    const sesamy = serveSesamy();
    const zapier = zapierDedupe();
    zapier.populate(await runPoll('payment_received', { meta: { isPopulatingDedupe: true } }));
    // A payment every 4 hours for two days, while every check failed; then z.cache lost when the Zap last checked.
    for (let hours = 1; hours < 48; hours += 4) sesamy.transactions.push(transaction(`txn_${hours}h`, -hours * HOUR));
    for (const key of Object.keys(memory())) if (key.startsWith('sesamy:payment-since:')) delete memory()[key];
    jest.setSystemTime(TODAY + 48 * HOUR * 60_000);

    const { result, lines } = await loggedBy(() => runPoll('payment_received'));
    const next = await loggedBy(() => runPoll('payment_received'));

    expect(zapier.startedBy(result)).toEqual(['txn_45h', 'txn_41h', 'txn_37h', 'txn_33h', 'txn_29h', 'txn_25h']);
    expect(lines).toEqual([
      'When this Zap last checked is not remembered, so this check looked back 23 hours only: older new Sesamy payments, if any, were not looked at.',
    ]);
    // That check delivered, so the next knows when it was: no line.
    expect(next).toEqual({ result, lines: [] });
  });

  it('a check looks back 7 days at most, however long ago the Zap’s last check that delivered was', async () => {
    const sesamy = serveSesamy();
    await runPoll('payment_received');
    const DAY = 24 * HOUR;
    sesamy.transactions.push(transaction('txn_8_days_before', -2 * DAY), transaction('txn_6_days_before', -4 * DAY));
    jest.setSystemTime(TODAY + 10 * DAY * 60_000);

    const rows = await runPoll('payment_received');

    expect(rows.map((row) => row.id)).toEqual(['txn_6_days_before']);
  });

  it('the last check a failing one leaves is the last that delivered: a failed check is not remembered as one', async () => {
    const sesamy = serveSesamy();
    await runPoll('payment_received');
    const since = { ...memory() };
    sesamy.transactions.push(transaction('txn_renewal', -1));
    for (const billId of sesamy.bills.keys()) sesamy.refusedBills.add(billId);
    jest.setSystemTime(TODAY + HOUR * 60_000);

    await rejectionOf(runPoll('payment_received'));

    expect(memory()).toEqual(since);
  });

  /** A check whose z.cache answers `row` for every remembered row, and remembers nothing else. */
  const rememberingRow =
    (row: unknown, inputData: JsonObject = {}) =>
    async (z: ZObject, bundle: Bundle) =>
      pollingOperation('payment_received').perform(
        {
          ...z,
          cache: {
            ...z.cache,
            get: async (key: string) => (key.startsWith('sesamy:payment-row:') ? structuredClone(row) : null),
            set: async () => true,
          },
        } as ZObject,
        { ...bundle, inputData, meta: { zap: ZAP } as Bundle['meta'] },
      );

  it.each([
    ['a row of another shape', { id: 'txn_renewal', amount: '99' }, {}],
    ['a row of another shape, with Products set', { id: 'txn_renewal' }, { skus: 'premium-digital' }],
    ['another transaction’s row', renewalRow('txn_other', 5), {}],
    ['the row of an older version of the transaction (its updatedAt)', renewalRow('txn_renewal', 30), {}],
  ])('%s, remembered, is not returned: the row is built afresh', async (_, remembered, inputData) => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_renewal', 10, { updatedAt: minutesAgo(5) }));

    const rows = await appTester(rememberingRow(remembered, inputData as JsonObject), { authData });

    expect(rows).toEqual([{ ...renewalRow('txn_renewal', 5), createdAt: minutesAgo(10) }]);
    expect(pathsOf(sesamy)).toEqual([LIST, ...RENEWAL_READS].sort());
  });

  it('a z.cache that never answers: the check still delivers, and asks z.cache once, not for every row and memory', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_renewal', 5));
    let calls = 0;
    const hanging = async (z: ZObject, bundle: Bundle) => {
      const never = () => {
        calls += 1;
        return new Promise<never>(() => undefined);
      };
      return pollingOperation('payment_received').perform({ ...z, cache: { ...z.cache, get: never, set: never } } as ZObject, {
        ...bundle,
        meta: { zap: ZAP } as Bundle['meta'],
      });
    };

    const rows = await appTester(hanging, { authData });

    expect(rows).toEqual([renewalRow('txn_renewal', 5)]);
    expect(calls).toBe(1);
  });

  it('the row remembered of the transaction as listed now is returned without a request', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.push(transaction('txn_renewal', 5));

    const rows = await appTester(rememberingRow(renewalRow('txn_renewal', 5)), { authData });

    expect(rows).toEqual([renewalRow('txn_renewal', 5)]);
    expect(pathsOf(sesamy)).toEqual([LIST]);
  });
});

describe('when z.cache fails, every payment still starts the Zap within a check, in bounded requests', () => {
  const HOUR = 60;
  const FAILING = (built: number, of: number) =>
    `Remembering in z.cache is failing, so this check built all it had time for, ${built} of ${of} new Sesamy payments, not the oldest 25; the next checks may build them again.`;

  /** `count` payments by Ada, one a `every` minutes from `firstAt` minutes after today, each on a bill of its own. */
  const burst = (sesamy: ReturnType<typeof serveSesamy>, count: number, firstAt: number, every: number): string[] =>
    Array.from({ length: count }, (_, index) => {
      const id = `p_${String(index).padStart(2, '0')}`;
      sesamy.bills.set(`bill_${id}`, { ...bills.bill_5001, id: `bill_${id}` });
      sesamy.transactions.push(transaction(id, -(firstAt + index * every), { billId: `bill_${id}` }));
      return id;
    });
  /** The requests of a check that builds the rows of `ids` (by Ada, on Premium Digital, each on its own bill). */
  const buildingPaths = (ids: readonly string[]) =>
    [LIST, '/management/contracts/contract_101', '/management/users/user_ada', ...ids.map((id) => `/management/bills/bill_${id}`)].sort();
  /** A check of the Zap whose z.cache is `cache` (given the app tester's). */
  const checkWith = (cache: (memory: ZObject['cache']) => ZObject['cache']) => async (z: ZObject, bundle: Bundle) =>
    pollingOperation('payment_received').perform({ ...z, cache: cache(z.cache) } as ZObject, {
      ...bundle,
      meta: { zap: ZAP } as Bundle['meta'],
    });

  it('z.cache answering each call in 400 ms: 60 new payments all start the Zap on the first check, and the Zap’s last check is remembered', async () => {
    const sesamy = serveSesamy();
    const zapier = zapierDedupe();
    zapier.populate(await runPoll('payment_received', { meta: { isPopulatingDedupe: true } }));
    const ids = burst(sesamy, 60, 1, 0.1);
    // On jest's clock: each call takes 400 ms of the run, one after another.
    const slow = (memory: ZObject['cache']): ZObject['cache'] => {
      const later = async <T>(call: () => Promise<T>): Promise<T> => {
        jest.setSystemTime(Date.now() + 400);
        return call();
      };
      return {
        get: (key: string) => later(() => memory.get(key)),
        set: (key: string, value: unknown, ttl?: number) => later(() => memory.set(key, value, ttl)),
        delete: (key: string) => later(() => memory.delete(key)),
      } as ZObject['cache'];
    };
    const checks: { started: string[]; paths: string[]; lines: string[]; since: string | undefined }[] = [];
    for (const minutes of [15, 30]) {
      jest.setSystemTime(TODAY + minutes * 60_000);
      const began = Date.now();
      sesamy.requests.length = 0;
      const { result, lines } = await loggedBy(() => appTester(checkWith(slow), { authData }));
      const since = Object.entries(memory()).find(([key]) => key.startsWith('sesamy:payment-since:'))?.[1];
      checks.push({ started: zapier.startedBy(result), paths: pathsOf(sesamy), lines, since: since === String(began) ? 'began' : since });
    }

    // The reads take their 2 s and the rest is kept for the write of when the check began; no row is remembered, so the second check builds them again.
    expect(checks).toEqual([
      { started: ids.toReversed(), paths: buildingPaths(ids), lines: [FAILING(60, 60)], since: 'began' },
      { started: [], paths: buildingPaths(ids), lines: [FAILING(60, 60)], since: 'began' },
    ]);
  });

  it('z.cache refusing writes: 40 new payments all start the Zap on the first check; the next builds them again, as none is remembered', async () => {
    const sesamy = serveSesamy();
    const zapier = zapierDedupe();
    zapier.populate(await runPoll('payment_received', { meta: { isPopulatingDedupe: true } }));
    const ids = burst(sesamy, 40, 1, 0.25);
    const readOnly = (memory: ZObject['cache']): ZObject['cache'] => ({
      ...memory,
      set: async () => {
        throw new Error('rpc 503');
      },
    });
    const checks: { started: string[]; paths: string[]; lines: string[] }[] = [];
    for (const minutes of [15, 30]) {
      jest.setSystemTime(TODAY + minutes * 60_000);
      sesamy.requests.length = 0;
      const { result, lines } = await loggedBy(() => appTester(checkWith(readOnly), { authData }));
      checks.push({ started: zapier.startedBy(result), paths: pathsOf(sesamy), lines });
    }

    expect(checks).toEqual([
      { started: ids.toReversed(), paths: buildingPaths(ids), lines: [FAILING(40, 40)] },
      { started: [], paths: buildingPaths(ids), lines: [FAILING(40, 40)] },
    ]);
  });

  it('z.cache down for 20 hours, a payment every half hour, a check every 15 minutes: each payment starts the Zap at the first check after it', async () => {
    const sesamy = serveSesamy();
    const zapier = zapierDedupe();
    const down = (): ZObject['cache'] => {
      const fail = async () => {
        throw new Error('rpc is not available');
      };
      return { get: fail, set: fail, delete: fail } as unknown as ZObject['cache'];
    };
    const start = TODAY - 20 * HOUR * 60_000;
    jest.setSystemTime(start);
    zapier.populate(await runPoll('payment_received', { meta: { isPopulatingDedupe: true } }));
    const late: string[] = [];
    let made = 0;
    let last: { requests: number; lines: string[] } = { requests: 0, lines: [] };
    for (let check = 1; check <= 80; check += 1) {
      const now = start + check * 15 * 60_000;
      const fresh = check % 2 === 0 ? [`p_${check}`] : [];
      for (const id of fresh) sesamy.transactions.push(transaction(id, (TODAY - now) / 60_000 + 1));
      made += fresh.length;
      jest.setSystemTime(now);
      sesamy.requests.length = 0;
      const { result, lines } = await loggedBy(() => appTester(checkWith(down), { authData }));
      const started = zapier.startedBy(result);
      if (started.join() !== fresh.join()) late.push(`check ${check}: ${started.join()} for ${fresh.join()}`);
      last = { requests: sesamy.requests.length, lines };
    }

    expect(late).toEqual([]);
    expect(made).toBe(40);
    // The last check builds all 40 payments of the last 20 hours again: the list, Ada, her contract and their one bill.
    expect(last).toEqual({ requests: 4, lines: [FAILING(40, 40)] });
  });
});

describe('Test trigger, when few payments have the chosen product', () => {
  it('reads at most twelve bills, and shows nothing rather than a payment of another product', async () => {
    const sesamy = serveSesamy();
    for (let index = 1; index <= 20; index += 1) {
      sesamy.bills.set(`bill_${index}`, { ...bills.bill_5001, id: `bill_${index}` });
      sesamy.transactions.push(transaction(`txn_${index}`, index, { billId: `bill_${index}` }));
    }

    const rows = await runPoll('payment_received', { inputData: { skus: 'weekend-print' }, meta: { isLoadingSample: true } });

    expect(rows).toEqual([]);
    expect(sesamy.requests.filter((request) => request.path.startsWith('/management/bills/'))).toHaveLength(12);
    // The list, Ada, her contract_101 and twelve bills.
    expect(sesamy.requests).toHaveLength(1 + 1 + 1 + 12);
  });
});
