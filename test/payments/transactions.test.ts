// Reading Sesamy's newest transactions, whatever order Sesamy lists them in: the requests
// each order costs, what is remembered between runs, and the cap.

import { jest } from '@jest/globals';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { LIST_REQUESTS_CAP, type Newest, newestTransactions, type Reading, type TailMemory } from '../../payments/transactions.ts';
import { API, authData } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import type { Transaction } from '../../scripts/fake-sesamy/sdk.ts';
import { appTester, errors, messageOf, rejectionOf } from '../support/harness.ts';

const DAY = Date.parse('2026-11-01T00:00:00Z');

/** `count` payments of Ada, one a minute from the first of November, ids t_1 … t_<count> in time order. */
const many = (count: number, from = 1): Transaction[] =>
  Array.from({ length: count }, (_, index) => {
    const at = new Date(DAY + (from + index) * 60_000).toISOString();
    return {
      id: `t_${from + index}`,
      amount: 99,
      currency: 'SEK',
      contractId: 'contract_101',
      isRefund: false,
      userId: 'user_ada',
      billId: 'bill_5001',
      createdAt: at,
      updatedAt: at,
    };
  });

const read = (reading: Omit<Reading, 'count'> & { count?: number }): Promise<Newest> =>
  appTester((z: ZObject, bundle: Bundle) => newestTransactions(z, bundle, { count: 100, ...reading }), { authData });

/** A tail memory in a variable, as z.cache would keep it between runs. */
const tailMemory = (): TailMemory & { offset: number | undefined } => {
  const memory = {
    offset: undefined as number | undefined,
    get: async () => memory.offset,
    set: async (offset: number) => {
      memory.offset = offset;
    },
  };
  return memory;
};

const offsetsOf = (sesamy: ReturnType<typeof serveSesamy>): number[] =>
  sesamy.requests.map((request) => Number(new URL(request.path, 'https://x').searchParams.get('offset')));

describe('the newest transactions', () => {
  it('listed newest first: one request, the newest 100, newest first', async () => {
    const sesamy = serveSesamy();
    sesamy.transactions.splice(0, Infinity, ...many(250));

    const { transactions, more, unusable } = await read({ kind: 'list' });

    expect(sesamy.requests.map((request) => request.path)).toEqual(['/management/transactions?limit=100&offset=0']);
    expect(transactions.map((transaction) => transaction.id)).toEqual(
      many(100, 151)
        .map((transaction) => transaction.id)
        .reverse(),
    );
    expect([more, unusable]).toEqual([true, 0]);
  });

  it('a short first page is the whole list, in any order: sorted newest first, nothing more to read', async () => {
    const sesamy = serveSesamy();
    sesamy.transactionOrder = 'oldest first';

    const { transactions, more } = await read({ kind: 'list' });

    expect(transactions.map((transaction) => transaction.id)).toEqual(['txn_7004', 'txn_7002', 'txn_7001', 'txn_7003', 'txn_7000']);
    expect(more).toBe(false);
    expect(sesamy.requests).toHaveLength(1);
  });

  it('listed oldest first: finds the end (3 requests for 250), remembers it, and then needs 3 however long the list grows by a page', async () => {
    const sesamy = serveSesamy();
    sesamy.transactionOrder = 'oldest first';
    sesamy.transactions.splice(0, Infinity, ...many(250));
    const tail = tailMemory();

    const cold = await read({ kind: 'list', tail });
    const coldOffsets = offsetsOf(sesamy);
    sesamy.transactions.push(...many(60, 251));
    sesamy.requests.length = 0;
    const warm = await read({ kind: 'list', tail });

    expect(coldOffsets).toEqual([0, 100, 200]);
    expect(cold.transactions.map((transaction) => transaction.id)).toEqual(
      many(100, 151)
        .map((transaction) => transaction.id)
        .reverse(),
    );
    expect(tail.offset).toBe(300);
    // The remembered end (200) is full now: one step on finds the new end.
    expect(offsetsOf(sesamy)).toEqual([0, 200, 300]);
    expect(warm.transactions.map((transaction) => transaction.id)).toEqual(
      many(100, 211)
        .map((transaction) => transaction.id)
        .reverse(),
    );
  });

  it('listed oldest first, 5,000 transactions and nothing remembered: 14 requests; remembered: 3', async () => {
    const sesamy = serveSesamy();
    sesamy.transactionOrder = 'oldest first';
    sesamy.transactions.splice(0, Infinity, ...many(5000));
    const tail = tailMemory();

    const cold = await read({ kind: 'list', tail });
    const coldOffsets = offsetsOf(sesamy);
    sesamy.requests.length = 0;
    await read({ kind: 'list', tail });

    expect(coldOffsets).toEqual([0, 100, 200, 400, 800, 1600, 3200, 6400, 6300, 4700, 5500, 5100, 4900, 5000]);
    expect(cold.transactions[0]?.id).toBe('t_5000');
    expect(cold.transactions).toHaveLength(100);
    expect(offsetsOf(sesamy)).toEqual([0, 5000, 4900]);
  });

  it('listed oldest first, an end remembered where the list has nothing (1e15 from z.cache, or a list that shrank): found afresh from the start and remembered anew', async () => {
    const sesamy = serveSesamy();
    sesamy.transactionOrder = 'oldest first';
    sesamy.transactions.splice(0, Infinity, ...many(250));
    const tail = tailMemory();
    tail.offset = 1e15;

    const { transactions } = await read({ kind: 'list', tail });

    expect(offsetsOf(sesamy)).toEqual([0, 1e15, 1e15 - 100, 100, 200]);
    expect(transactions.map((transaction) => transaction.id)).toEqual(
      many(100, 151)
        .map((transaction) => transaction.id)
        .reverse(),
    );
    expect(tail.offset).toBe(200);
  });

  it(`listed oldest first, too long to reach the end within ${LIST_REQUESTS_CAP} requests: a clear error, after exactly that many`, async () => {
    const sesamy = serveSesamy();
    sesamy.transactionOrder = 'oldest first';
    sesamy.transactions.splice(0, Infinity, ...many(90_000));

    const error = await rejectionOf(read({ kind: 'list' }));

    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'TransactionOrder' });
    expect(messageOf(error)).toBe(
      'Sesamy lists transactions oldest first, and the newest could not be reached within 20 requests. Contact Sesamy support.',
    );
    expect(sesamy.requests).toHaveLength(LIST_REQUESTS_CAP);
  });

  it('listed oldest first, too long for one check: where the search got to is remembered, and the next check goes on from there to the end', async () => {
    const sesamy = serveSesamy();
    sesamy.transactionOrder = 'oldest first';
    sesamy.transactions.splice(0, Infinity, ...many(90_000));
    const tail = tailMemory();

    const error = await rejectionOf(read({ kind: 'list', tail }));
    const remembered = tail.offset;
    const firstRequests = sesamy.requests.length;
    sesamy.requests.length = 0;
    const next = await read({ kind: 'list', tail });

    expect(messageOf(error)).toBe(
      'Sesamy lists transactions oldest first, and the newest could not be reached within 20 requests; the next check goes on from where this one got to. If this keeps happening, contact Sesamy support.',
    );
    // The last full page it had found: the end was one halving away.
    expect([firstRequests, remembered]).toEqual([LIST_REQUESTS_CAP, 89_900]);
    expect(next.transactions[0]?.id).toBe('t_90000');
    expect(next.transactions).toHaveLength(100);
    expect(sesamy.requests.length).toBeLessThanOrEqual(LIST_REQUESTS_CAP);
    expect(tail.offset).toBe(90_000);
  });

  it('listed oldest first, a slow Sesamy (2 s an answer): no page is asked for once the run has less than a request’s 10 s of its 25 left; where the search got to is remembered', async () => {
    // The clock faked (timers not), so each answer can take its 2 s without a wait.
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'],
    });
    const sesamy = serveSesamy();
    sesamy.transactionOrder = 'oldest first';
    sesamy.transactions.splice(0, Infinity, ...many(5000));
    sesamy.misbehave = ({ url }, answer) => {
      jest.setSystemTime(Date.now() + 2_000);
      return answer(url);
    };
    const tail = tailMemory();

    const error = await rejectionOf(read({ kind: 'list', tail })).finally(() => jest.useRealTimers());

    // Eight pages by 16 s: the ninth would start with 9 s left.
    expect(offsetsOf(sesamy)).toEqual([0, 100, 200, 400, 800, 1600, 3200, 6400]);
    expect(tail.offset).toBe(3200);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'TransactionOrder' });
    expect(messageOf(error)).toBe(
      "Sesamy lists transactions oldest first, and the newest could not be reached within Zapier's time limit, as Sesamy answered slowly; the next check goes on from where this one got to. If this keeps happening, contact Sesamy support.",
    );
  });

  it('a search reads a reader’s pages until one is short, at most five, and keeps a record listed twice once', async () => {
    const sesamy = serveSesamy();
    const ada = many(700);
    // The list moved between two reads: the first record of page 2 is the last of page 1 again.
    sesamy.transactions.splice(0, Infinity, ...ada, { ...(ada[599] as Transaction), createdAt: (ada[600] as Transaction).createdAt });

    const { transactions, more } = await read({ kind: 'search', userId: 'user_ada', count: 500 });

    expect(sesamy.requests.map((request) => request.path)).toEqual(
      [0, 100, 200, 300, 400].map((offset) => `/management/transactions?userId=user_ada&limit=100&offset=${offset}`),
    );
    // 500 records read, one of them twice.
    expect(transactions).toHaveLength(499);
    expect(new Set(transactions.map((transaction) => transaction.id)).size).toBe(499);
    expect(more).toBe(true);
  });

  it('skips records no row can be made of, and counts them; reads a list wrapped in {data: […]}', async () => {
    const odd = [null, 7, { id: 't_no_flag', amount: 1 }, { isRefund: false }, { id: 't_ok', isRefund: true, createdAt: 'not a date' }];
    nock(API)
      .get('/management/transactions')
      .query({ limit: 100, offset: 0 })
      .reply(200, { data: [...many(3), ...odd] });

    const { transactions, unusable } = await read({ kind: 'list' });

    expect(transactions.map((transaction) => transaction.id)).toEqual(['t_3', 't_2', 't_1', 't_ok']);
    expect(unusable).toBe(4);
  });

  it('a search for a reader Sesamy has no list of (404) finds nothing', async () => {
    nock(API)
      .get('/management/transactions')
      .query(true)
      .reply(404, { error: { code: 'NOT_FOUND' } });

    expect(await read({ kind: 'search', userId: 'user_nobody', count: 500 })).toEqual({
      transactions: [],
      unusable: 0,
      more: false,
      outOfTime: false,
    });
  });
});
