// Hydration's lookups: each record read once per delivery, a gone record skipped with a
// halt that names it, a temporary failure retried, a missing id named.
import { jest } from '@jest/globals';
import nock from 'nock';
import { RUN_BUDGET_MS } from '../../api/invocation.ts';
import { ACCESS_TOKEN, API, entitlements, serveAccount, users } from '../../scripts/fake-sesamy/account.ts';
import { newTraffic, serveAnyReader } from '../../scripts/fake-sesamy/scale.ts';
import type { JsonObject } from '../../sesamy/json.ts';
import { NOT_FOUND_RETRY_COST_MS, NOT_FOUND_RETRY_MS } from '../../triggers/lookups.ts';
import { appTester, bundleWith, errors, hookOperation, messageOf, rejectionOf, settledOnFakeTime, thinEvent } from '../support/harness.ts';

const SUBSCRIPTION_REQUESTS = [
  'GET /management/contracts/contract_101',
  'GET /management/contracts?userId=user_ada&limit=100',
  'GET /management/entitlements?userId=user_ada',
  'GET /management/users/user_ada',
];

describe('hydration', () => {
  const subscriptionCreated = hookOperation('subscription_created');
  const event = thinEvent('contract.1#purchased', { userId: 'user_ada', contractId: 'contract_101' });

  it('gives a thin and a rich delivery the same id on a retry, and different events different ids', async () => {
    serveAccount();
    const first = await appTester(subscriptionCreated.perform, bundleWith({ cleanedRequest: { ...event } }));
    const retry = await appTester(subscriptionCreated.perform, bundleWith({ cleanedRequest: { ...event } }));
    const later = await appTester(
      subscriptionCreated.perform,
      bundleWith({ cleanedRequest: { ...event, occured_at: '2026-11-21T10:00:00Z' } }),
    );

    expect(retry[0]?.id).toBe(first[0]?.id);
    expect(later[0]?.id).not.toBe(first[0]?.id);
  });

  it('reads a record once when a delivery holds several events about it', async () => {
    const seen = serveAccount();
    const second = { ...event, occured_at: '2026-11-21T10:00:00Z' };

    const rows = await appTester(subscriptionCreated.perform, bundleWith({ cleanedRequest: [{ ...event }, second] }));

    expect(rows).toHaveLength(2);
    expect([...seen].sort()).toEqual(SUBSCRIPTION_REQUESTS);
  });

  it('skips the event with a halted error naming the record when Sesamy has no such contract', async () => {
    serveAccount();

    const error = await rejectionOf(
      appTester(subscriptionCreated.perform, bundleWith({ cleanedRequest: { ...event, contractId: 'contract_404' } })),
    );

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      'Could not read contract “contract_404” (404 Not Found, NOT_FOUND). Sesamy has no such record; it may have been deleted. This event was skipped.',
    );
  });

  it('asks Zapier to retry when a lookup meets a temporary Sesamy failure, naming what could not be fetched', async () => {
    nock(API).get('/management/users/user_ada').reply(503, 'upstream unavailable');
    serveAccount(); // everything else answers; nock tries the interceptor registered first

    const error = await rejectionOf(appTester(subscriptionCreated.perform, bundleWith({ cleanedRequest: { ...event } })));

    expect(error).toBeInstanceOf(errors.ThrottledError);
    expect(messageOf(error)).toBe(
      'Sesamy had a temporary problem (503 Service Unavailable) while trying to read user “user_ada”. Zapier will retry shortly.',
    );
  });

  it('skips an entitlement event whose entitlement the user does not have, naming both', async () => {
    serveAccount();

    const error = await rejectionOf(
      appTester(
        hookOperation('entitlement_granted').perform,
        bundleWith({ cleanedRequest: thinEvent('entitlement.1#new', { userId: 'user_ada', entitlementId: 'ent_999' }) }),
      ),
    );

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      'Could not find entitlement “ent_999” among the entitlements of user “user_ada”; it may have been deleted. This event was skipped.',
    );
  });

  it.each([
    ['subscription_created', thinEvent('contract.1#purchased', { userId: 'user_ada' }), 'contractId'],
    ['contract_purchased', thinEvent('checkout.1#confirm', { userId: 'user_ada', checkoutId: 'checkout_1' }), 'contractId'],
    ['entitlement_granted', thinEvent('entitlement.1#new', { userId: 'user_ada' }), 'entitlementId'],
    ['user_signed_up', thinEvent('userVendor.1#new', {}), 'userId'],
  ] as const)('%s: skips a thin event that lacks its %s with a halted error naming the id', async (trigger, thin, missing) => {
    const error = await rejectionOf(appTester(hookOperation(trigger).perform, bundleWith({ cleanedRequest: thin })));

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      `Sesamy sent a ${String(thin.eventType)} event without a ${missing}, so its details could not be fetched. This event was skipped.`,
    );
  });
});

describe('a record a fresh event names, which Sesamy does not show yet, is asked for again once', () => {
  const NOW = Date.parse('2026-12-01T12:00:00Z');
  const signUps = hookOperation('user_signed_up');
  const signUp = (userId: string, occuredAt?: string) => {
    const event = thinEvent('userVendor.1#new', { userId }, occuredAt);
    if (occuredAt === undefined) delete event.occured_at;
    return event;
  };
  const newUser = (userId: string) => ({ ...users.user_ada, userId, email: `${userId}@example.com` });

  /** Answers a path with these replies in turn (the last one from then on); says how often it was asked. */
  const inTurn = (path: string, replies: [number, unknown][], order: string[] = []) => {
    let asked = 0;
    nock(API)
      .persist()
      .get(path)
      .reply(() => {
        order.push(`GET ${path}${asked > 0 ? ' (again)' : ''}`);
        const reply = replies[Math.min(asked, replies.length - 1)] as [number, unknown];
        asked += 1;
        return reply;
      });
    return () => asked;
  };
  const NOT_FOUND: [number, unknown] = [404, { error: { code: 'NOT_FOUND' } }];
  const run = (delivery: unknown) =>
    settledOnFakeTime(() => appTester(signUps.perform, bundleWith({ cleanedRequest: delivery as JsonObject })), { now: NOW });

  it(`a 404 for the reader of an event 5 s old is asked again ${NOT_FOUND_RETRY_MS} ms later, and the row comes`, async () => {
    const asked = inTurn('/management/users/user_new', [NOT_FOUND, [200, newUser('user_new')]]);
    serveAccount();

    const result = await run(signUp('user_new', '2026-12-01T11:59:55Z'));

    expect(asked()).toBe(2);
    expect('value' in result && result.value.map((row) => row.userId)).toEqual(['user_new']);
  });

  it('a 404 twice on a fresh event skips it with the usual message', async () => {
    const asked = inTurn('/management/users/user_new', [NOT_FOUND]);
    serveAccount();

    const result = await run(signUp('user_new', '2026-12-01T11:59:55Z'));

    expect(asked()).toBe(2);
    const error = 'error' in result ? result.error : new Error('resolved');
    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      'Could not read user “user_new” (404 Not Found, NOT_FOUND). Sesamy has no such record; it may have been deleted. This event was skipped.',
    );
  });

  it.each([
    ['a day old', '2026-11-30T12:00:00Z'],
    ['5 minutes ahead of the clock', '2026-12-01T12:05:00Z'],
    ['without occured_at', undefined],
    ['with an occured_at that is no time', 'yesterday'],
    ['with a date but no time', '2026-12-01'],
  ])('a 404 for an event %s is not asked again', async (_age, occuredAt) => {
    const asked = inTurn('/management/users/user_new', [NOT_FOUND, [200, newUser('user_new')]]);
    serveAccount();

    const result = await run(signUp('user_new', occuredAt));

    expect(asked()).toBe(1);
    expect('error' in result && result.error).toBeInstanceOf(errors.HaltedError);
  });

  it.each([
    [410, 'Gone'],
    [403, 'Forbidden'],
  ])('a %i on a fresh event is not asked again: only “not there yet” can change', async (status) => {
    const asked = inTurn('/management/users/user_new', [
      [status, { error: { code: `E${status}` } }],
      [200, newUser('user_new')],
    ]);
    serveAccount();

    const result = await run(signUp('user_new', '2026-12-01T11:59:55Z'));

    expect(asked()).toBe(1);
    expect('error' in result).toBe(true);
  });

  it('the wait holds no slot: while 8 fresh events wait for their readers, the 8 other events are read', async () => {
    const order: string[] = [];
    const late = Array.from({ length: 8 }, (_, index) => `late_${index}`);
    for (const userId of late) inTurn(`/management/users/${userId}`, [NOT_FOUND, [200, newUser(userId)]], order);
    const traffic = serveAnyReader(newTraffic());
    const others = Array.from({ length: 8 }, (_, index) => `other_${index}`);

    const result = await settledOnFakeTime(
      () =>
        appTester(
          signUps.perform,
          bundleWith({ cleanedRequest: [...late, ...others].map((userId) => signUp(userId, '2026-12-01T11:59:55Z')) }),
        ),
      { now: NOW, stepMs: 10 },
    );

    expect('value' in result && result.value).toHaveLength(16);
    expect(order.filter((request) => request.endsWith('(again)'))).toHaveLength(8);
    // Every other reader was read before the clock reached the end of the wait.
    const otherReads = traffic.seen.flatMap((request, index) => (/\/users\/other_/.test(request) ? [traffic.seenAt[index] ?? 0] : []));
    expect(otherReads).toHaveLength(8);
    expect(otherReads.filter((at) => at >= NOW + NOT_FOUND_RETRY_MS)).toEqual([]);
  });

  it('a wait that ends after the run has failed sends nothing: the run is over', async () => {
    const asked = inTurn('/management/users/user_new', [NOT_FOUND, [200, newUser('user_new')]]);
    nock(API).get('/management/users/user_grace').reply(503, 'unavailable');
    serveAccount();
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'], now: NOW });
    try {
      let settled: unknown;
      void appTester(
        signUps.perform,
        bundleWith({ cleanedRequest: [signUp('user_new', '2026-12-01T11:59:55Z'), signUp('user_grace', '2026-12-01T11:59:55Z')] }),
      ).then(
        () => (settled = 'resolved'),
        (error: unknown) => (settled = error),
      );
      while (settled === undefined) {
        await new Promise((resolve) => setImmediate(resolve));
        await jest.advanceTimersByTimeAsync(10);
      }
      // The run has failed while the reader's wait goes on; let the wait end, and the turns after it.
      await jest.advanceTimersByTimeAsync(NOT_FOUND_RETRY_MS * 2);
      for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));

      expect(settled).toBeInstanceOf(errors.ThrottledError);
      expect(asked()).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  // The wait and a request's whole timeout must fit in what is left of the run's budget.
  const LAST_WAIT_AT = RUN_BUDGET_MS - NOT_FOUND_RETRY_COST_MS;

  it.each([
    [LAST_WAIT_AT - 500, 2, 'the row comes'],
    [LAST_WAIT_AT + 500, 1, 'the event is skipped'],
  ])(
    `asked again only while the wait and a whole request fit in the run's ${RUN_BUDGET_MS / 1000} s: the 404 answered at %i ms, asked %i time(s), %s`,
    async (answeredAt, times, _outcome) => {
      let asked = 0;
      nock(API)
        .persist()
        .get('/management/users/user_new')
        .reply(() => {
          asked += 1;
          if (asked > 1) return [200, newUser('user_new')];
          // The run is this far into its budget when the 404 comes: the clock jumps, and no timer fires.
          jest.setSystemTime(NOW + answeredAt);
          return NOT_FOUND;
        });
      serveAccount();

      const result = await run(signUp('user_new', '2026-12-01T11:59:55Z'));

      expect(asked).toBe(times);
      if (times === 2) expect('value' in result && result.value.map((row) => row.userId)).toEqual(['user_new']);
      else expect('error' in result && result.error).toBeInstanceOf(errors.HaltedError);
    },
  );
});

describe('an entitlement a fresh event names, which the reader’s list does not show yet, is looked for again once', () => {
  const NOW = Date.parse('2026-12-01T12:00:00Z');
  const granted = (entitlementId: string, occuredAt: string) =>
    thinEvent('entitlement.1#new', { userId: 'user_ada', entitlementId }, occuredAt);
  const A_SECOND_AGO = '2026-12-01T11:59:59Z';

  /** Sesamy, with Ada's entitlement list showing `listed(msSinceNow)`; says when the list was read. */
  const serveAdaListing = (listed: (sinceNow: number) => readonly unknown[]) => {
    const listReads: number[] = [];
    nock(API)
      .persist()
      .get(/^\/management\//)
      .reply((request: Request) => {
        const url = new URL(request.url);
        if (request.headers.get('authorization') !== `Bearer ${ACCESS_TOKEN}`) return [401, {}];
        if (url.pathname === '/management/users/user_ada') return [200, users.user_ada];
        if (url.pathname === '/management/entitlements') {
          listReads.push(Date.now() - NOW);
          return [200, listed(Date.now() - NOW)];
        }
        return [404, {}];
      });
    return listReads;
  };
  const run = (delivery: unknown) =>
    settledOnFakeTime(
      () => appTester(hookOperation('entitlement_granted').perform, bundleWith({ cleanedRequest: delivery as JsonObject })),
      { now: NOW },
    );

  it(`a list that shows it from 1 s on: read again ${NOT_FOUND_RETRY_MS} ms later, not from the memo, and the row comes`, async () => {
    const listReads = serveAdaListing((sinceNow) => (sinceNow >= 1_000 ? entitlements.user_ada : []));

    const result = await run(granted('ent_201', A_SECOND_AGO));

    expect('value' in result && result.value.map((row) => row.entitlementId)).toEqual(['ent_201']);
    expect(listReads).toEqual([0, NOT_FOUND_RETRY_MS]);
  });

  it('a list that never shows it: read twice, then the event is skipped with the usual message', async () => {
    const listReads = serveAdaListing(() => entitlements.user_ada);

    const result = await run(granted('ent_999', A_SECOND_AGO));

    expect('error' in result && result.error).toBeInstanceOf(errors.HaltedError);
    expect('error' in result && messageOf(result.error)).toBe(
      'Could not find entitlement “ent_999” among the entitlements of user “user_ada”; it may have been deleted. This event was skipped.',
    );
    expect(listReads).toEqual([0, NOT_FOUND_RETRY_MS]);
  });

  it('an event an hour old: the list is read once, and the event skipped', async () => {
    const listReads = serveAdaListing((sinceNow) => (sinceNow >= 1_000 ? entitlements.user_ada : []));

    const result = await run(granted('ent_201', '2026-12-01T11:00:00Z'));

    expect('error' in result && result.error).toBeInstanceOf(errors.HaltedError);
    expect(listReads).toEqual([0]);
  });

  it('two fresh events of one reader, both missing from the list: one wait and one re-read for both', async () => {
    const listReads = serveAdaListing((sinceNow) => (sinceNow >= 1_000 ? entitlements.user_ada : []));

    const result = await run([granted('ent_201', A_SECOND_AGO), granted('ent_202', A_SECOND_AGO)]);

    expect('value' in result && result.value.map((row) => row.entitlementId)).toEqual(['ent_201', 'ent_202']);
    expect(listReads).toEqual([0, NOT_FOUND_RETRY_MS]);
  });
});
