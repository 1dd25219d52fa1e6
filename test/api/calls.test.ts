// call(), the one way to call an endpoint: what each kind of call makes of an id that no
// Sesamy record can have (urlOf refuses it). Nothing is ever sent for it; where Sesamy's
// "not found" is an answer (a search, a polled row's record, an unsubscribe), the call gets
// that answer, so one odd id Sesamy lists never stops a check or a search; elsewhere it is
// an error that says what to do.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, getBill, getUser, listGrants, updateUser } from '../../api/calls.ts';
import type { OperationKind } from '../../api/errors.ts';
import { API, authData } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { appTester, errors, forgetMemory, loggedBy, messageOf, rejectionOf, runPoll, runSearch } from '../support/harness.ts';

const ODD_IDS = ['..', '.', '%2e%2e', '．．', 'x/..'];

/** The stateful fake Sesamy; every request it is sent. */
const sesamySees = (): readonly unknown[] => serveSesamy().requests;

/** One call of this kind, as a step of the app makes it. */
const calling = (kind: OperationKind, work: (z: ZObject, bundle: Bundle, kind: OperationKind) => Promise<unknown>) =>
  appTester((z: ZObject, bundle: Bundle) => work(z, bundle, kind), { authData });

describe('an id no Sesamy record can have, where "not found" is an answer: that answer, and no request', () => {
  it.each(ODD_IDS)('a polled row’s bill %j (kind detail) reads as not found, as Sesamy’s 404 would', async (billId) => {
    const seen = sesamySees();

    const { result, lines } = await loggedBy(() => calling('detail', (z, bundle) => call(z, bundle, 'detail', getBill, { billId })));

    expect(result).toBeUndefined();
    expect(seen).toEqual([]);
    expect(lines).toEqual([]); // the caller says what the row comes without, as after a 404
  });

  it.each(ODD_IDS)('a search’s reader %j (kind search) reads as nothing found', async (userId) => {
    const seen = sesamySees();

    const result = await calling('search', (z, bundle) => call(z, bundle, 'search', getUser, { userId }));

    expect(result).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it.each(ODD_IDS)('Find Access Grant in the access list %j finds nothing, and sends nothing', async (accessListId) => {
    const seen = sesamySees();

    const rows = await runSearch('find_grant', { accessListId, email: 'grace@example.com' });

    expect(rows).toEqual([]);
    expect(seen).toEqual([]);
  });
});

describe('an id no Sesamy record can have, elsewhere: an error that says what to do, and no request', () => {
  it('on a lookup, the event is skipped (HaltedError)', async () => {
    const seen = sesamySees();

    const error = await rejectionOf(calling('lookup', (z, bundle) => call(z, bundle, 'lookup', getUser, { userId: '..' })));

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      'Could not read user “..”: “..” cannot name a Sesamy record (no id or key is empty, “.” or “..”, starts with “?” or “#”, or has an empty, “.” or “..” part where “/” or “\\” divide it).',
    );
    expect(seen).toEqual([]);
  });

  it.each(['create', 'update', 'list'] as const)('on a %s, the input is wrong (InvalidInput)', async (kind) => {
    const seen = sesamySees();

    const error = await rejectionOf(calling(kind, (z, bundle) => call(z, bundle, kind, listGrants, { accessListId: '%2e%2e' })));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
    expect(messageOf(error)).toBe(
      'The app did not list the grants of access list “%2e%2e”: “%2e%2e” cannot name a Sesamy record (no id or key is empty, “.” or “..”, starts with “?” or “#”, or has an empty, “.” or “..” part where “/” or “\\” divide it). Choose the value from the dropdown or map a field that holds it; a value typed in must keep to that rule.',
    );
    expect(seen).toEqual([]);
  });

  it('on an update with a body, nothing is sent either', async () => {
    const seen = sesamySees();

    await rejectionOf(
      calling('update', (z, bundle) => call(z, bundle, 'update', updateUser, { userId: '..', body: { lastName: 'Hopper' } })),
    );

    expect(seen).toEqual([]);
  });
});

describe('the money triggers and Find Payments, when Sesamy lists a transaction whose reader or bill id no record can have', () => {
  beforeEach(forgetMemory);
  const NOW = new Date().toISOString();
  const transaction = (fields: Record<string, unknown>) => ({
    id: 'txn_1',
    amount: 99,
    currency: 'SEK',
    isRefund: false,
    userId: 'user_ada',
    billId: 'bill_5001',
    createdAt: NOW,
    updatedAt: NOW,
    ...fields,
  });
  /** Sesamy's transactions list, Ada and her bill; every request it answers. */
  const serveTransactions = (listed: unknown[]): string[] => {
    const seen: string[] = [];
    nock(API)
      .persist()
      .get(/^\/management\//)
      .reply((request: Request) => {
        const url = new URL(request.url);
        const uri = `${url.pathname}${url.search}`;
        seen.push(uri);
        const path = url.pathname;
        if (path === '/management/transactions') return [200, listed];
        if (path === '/management/users/user_ada') return [200, { userId: 'user_ada', email: 'ada@example.com' }];
        if (path === '/management/bills/bill_5001') return [200, { id: 'bill_5001', items: [] }];
        return [404, {}];
      });
    return seen;
  };

  it.each([
    ['userId', '..'],
    ['billId', '.'],
    ['billId', '%2e%2e'],
  ])('New Payment, a transaction whose %s is %j: its row comes without that record, with one log line naming it', async (field, id) => {
    const seen = serveTransactions([transaction({ [field]: id })]);

    const { result: rows, lines } = await loggedBy(() => runPoll('payment_received'));

    expect(rows.map((row) => row.id)).toEqual(['txn_1']);
    const row = rows[0] as { user: { email: unknown }; bill: { receiptUrl: unknown }; items: unknown[] };
    if (field === 'userId') expect(row.user.email).toBeNull();
    else expect([row.bill.receiptUrl, row.items]).toEqual([null, []]);
    expect(lines.filter((line) => line.includes(`“${id}”`))).toHaveLength(1);
    expect(seen.filter((uri) => !/^\/management\/(transactions\?|users\/user_ada$|bills\/bill_5001$)/.test(uri))).toEqual([]);
  });

  it('New Payment, one such transaction among others: every check gives all the rows', async () => {
    serveTransactions([transaction({ id: 'txn_ok' }), transaction({ id: 'txn_odd', billId: '..' })]);

    for (let check = 0; check < 3; check++) {
      const rows = await runPoll('payment_received');
      expect(rows.map((row) => row.id).sort()).toEqual(['txn_odd', 'txn_ok']);
    }
  });

  it('Find Payments, a listed transaction whose bill is "..": the payment is found, without its bill', async () => {
    const seen = serveTransactions([transaction({ billId: '..' })]);

    const rows = await runSearch('find_payments', { userId: 'user_ada' });

    expect(rows.map((row) => row.id)).toEqual(['txn_1']);
    expect(seen.some((uri) => uri.startsWith('/management/bills/'))).toBe(false);
  });
});
