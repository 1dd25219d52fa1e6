// A publisher's deliveries as Zapier really posts them: each event of
// a delivery stands on its own, a Zap runs once per Sesamy event, and an ending fires once.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { API, authData, contracts, serveAccount } from '../../scripts/fake-sesamy/account.ts';
import type { JsonObject } from '../../sesamy/json.ts';
import { SEEN_TTL_SECONDS } from '../../triggers/zap-memory.ts';
import { appTester, bundleWith, errors, hookOperation, loggedBy, rejectionOf, thinEvent } from '../support/harness.ts';

const signUp = (userId: string) => thinEvent('userVendor.1#new', { userId });
const signUps = hookOperation('user_signed_up');
const ADA_SIGN_UP_REQUESTS = [
  'GET /management/contracts?userId=user_ada&limit=100',
  'GET /management/entitlements?userId=user_ada',
  'GET /management/users/user_ada',
];

/** Each test its own Zap, so what one remembers never reaches another. */
let zapCount = 0;
const newZap = (): Partial<Bundle> => {
  zapCount += 1;
  return { meta: { zap: { id: `zap_${zapCount}` } } } as Partial<Bundle>;
};

describe('each event in a delivery stands on its own', () => {
  const adaAlone = async (): Promise<JsonObject[]> => {
    serveAccount();
    const rows = await appTester(signUps.perform, bundleWith({ cleanedRequest: signUp('user_ada') }));
    nock.cleanAll();
    return rows;
  };

  it.each([
    [
      404,
      'Could not read user “user_gone” (404 Not Found, E404). Sesamy has no such record; it may have been deleted. This event was skipped.',
    ],
    [410, 'Could not read user “user_gone” (410 Gone, E410). Sesamy has no such record; it may have been deleted. This event was skipped.'],
    [
      403,
      'This Sesamy connection may not read users (403 Forbidden, E403). In the Sesamy dashboard, give its Management API application that permission, or reconnect with one that has it. This event was skipped.',
    ],
  ])(
    'two sign-ups, the second reader’s record answering %i: the first still gives its row, the second one log line',
    async (status, line) => {
      const [adaRow] = await adaAlone();
      nock(API)
        .get('/management/users/user_gone')
        .reply(status, { error: { code: `E${status}` } });
      const seen = serveAccount();

      const { result: rows, lines } = await loggedBy(() =>
        appTester(signUps.perform, bundleWith({ cleanedRequest: [signUp('user_ada'), signUp('user_gone')] })),
      );

      expect(rows).toEqual([{ ...adaRow, occurredAt: expect.any(String) }]);
      expect(lines).toEqual([line]);
      // The gone reader's lists are read alongside; the fake account answers them with empty lists.
      expect([...seen].sort()).toEqual(
        [
          ...ADA_SIGN_UP_REQUESTS,
          'GET /management/contracts?userId=user_gone&limit=100',
          'GET /management/entitlements?userId=user_gone',
        ].sort(),
      );
    },
  );

  it('an odd answer for the second reader skips only that event', async () => {
    nock(API).get('/management/users/user_odd').reply(200, { note: 'not a user' });
    serveAccount();

    const { result: rows, lines } = await loggedBy(() =>
      appTester(signUps.perform, bundleWith({ cleanedRequest: [signUp('user_ada'), signUp('user_odd')] })),
    );

    expect(rows.map((row) => row.userId)).toEqual(['user_ada']);
    expect(lines).toEqual([
      'Sesamy sent an unexpected answer while the app tried to read user “user_odd”: the answer had an unexpected shape (a user needs an id or userId). Try again; if it keeps happening, contact Sesamy support. This event was skipped.',
    ]);
  });

  it.each([
    ['429', (scope: nock.Interceptor) => scope.reply(429, {}, { 'Retry-After': '30' }), errors.ThrottledError],
    ['503', (scope: nock.Interceptor) => scope.reply(503, 'unavailable'), errors.ThrottledError],
    [
      'a reset',
      (scope: nock.Interceptor) => scope.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
      errors.ThrottledError,
    ],
    ['401 on a token just renewed', (scope: nock.Interceptor) => scope.reply(401, {}), errors.ExpiredAuthError],
  ] as const)(
    'a temporary or authentication failure (%s) on the second event still fails the whole run, so Zapier retries it',
    async (_name, reply, kind) => {
      reply(nock(API).get('/management/users/user_grace'));
      serveAccount();
      const fresh = { ...authData, tokenIssuedAt: new Date().toISOString() };

      const error = await rejectionOf(
        appTester(signUps.perform, { ...bundleWith({ cleanedRequest: [signUp('user_ada'), signUp('user_grace')] }), authData: fresh }),
      );

      expect(error).toBeInstanceOf(kind);
    },
  );

  it('a single event whose record is gone still halts the run with its reason, as before', async () => {
    serveAccount();

    const error = await rejectionOf(appTester(signUps.perform, bundleWith({ cleanedRequest: signUp('user_gone') })));

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      'Could not read user “user_gone” (404 Not Found, NOT_FOUND). Sesamy has no such record; it may have been deleted. This event was skipped.',
    );
  });
});

describe('one Zap run per Sesamy event', () => {
  it('the same event delivered twice to a Zap gives one row, and the repeat one log line and no request', async () => {
    const zap = newZap();
    serveAccount();
    const first = await appTester(signUps.perform, bundleWith({ ...zap, cleanedRequest: signUp('user_ada') }));
    nock.cleanAll();
    const seen = serveAccount();

    const { result: repeat, lines } = await loggedBy(() =>
      appTester(signUps.perform, bundleWith({ ...zap, cleanedRequest: signUp('user_ada') })),
    );

    expect(first).toHaveLength(1);
    expect(repeat).toEqual([]);
    expect(lines).toEqual([`Skipped Sesamy event “${String(first[0]?.id)}”: this Zap has already run for it.`]);
    expect(seen).toEqual([]);
  });

  it('a later update of the same record is another event, and runs', async () => {
    const zap = newZap();
    serveAccount();
    const update = hookOperation('user_signed_up_or_updated');
    const first = await appTester(
      update.perform,
      bundleWith({ ...zap, cleanedRequest: thinEvent('userVendor.1#update', { userId: 'user_ada' }) }),
    );

    const later = await appTester(
      update.perform,
      bundleWith({ ...zap, cleanedRequest: thinEvent('userVendor.1#update', { userId: 'user_ada' }, '2026-11-21T10:00:00Z') }),
    );

    expect(first).toHaveLength(1);
    expect(later).toHaveLength(1);
    expect(later[0]?.id).not.toBe(first[0]?.id);
  });

  it('another Zap on the same event still gets it', async () => {
    serveAccount();
    const one = await appTester(signUps.perform, bundleWith({ ...newZap(), cleanedRequest: signUp('user_ada') }));

    const other = await appTester(signUps.perform, bundleWith({ ...newZap(), cleanedRequest: signUp('user_ada') }));

    expect(one).toHaveLength(1);
    expect(other).toEqual(one.map((row) => ({ ...row, occurredAt: expect.any(String) })));
  });

  it('without meta.zap, the Zap is known by its hook subscription id', async () => {
    serveAccount();
    const bundle = () => {
      zapCount += 1;
      return bundleWith({ subscribeData: { id: `wh_${zapCount}` }, cleanedRequest: signUp('user_grace') });
    };
    const hook = bundle();

    await expect(appTester(signUps.perform, hook)).resolves.toHaveLength(1);
    await expect(appTester(signUps.perform, { ...hook, cleanedRequest: signUp('user_grace') })).resolves.toEqual([]);
    await expect(appTester(signUps.perform, bundle())).resolves.toHaveLength(1);
  });

  it('the same event twice in one delivery gives one row', async () => {
    serveAccount();

    const { result: rows, lines } = await loggedBy(() =>
      appTester(signUps.perform, bundleWith({ ...newZap(), cleanedRequest: [signUp('user_ada'), signUp('user_ada')] })),
    );

    expect(rows).toHaveLength(1);
    expect(lines).toEqual([`Skipped Sesamy event “${String(rows[0]?.id)}”: this Zap has already run for it.`]);
  });

  /** perform with z.cache replaced, through the app tester's ad hoc form. */
  const withCache = (cache: unknown, bundle: Partial<Bundle>) =>
    appTester(async (z: ZObject, b: Bundle) => signUps.perform({ ...z, cache } as unknown as ZObject, b), bundle);

  it('remembers an event for 24 hours, under a key of this Zap', async () => {
    serveAccount();
    const store = new Map<string, unknown>();
    const sets: unknown[][] = [];
    const cache = {
      get: async (key: string) => store.get(key) ?? null,
      set: async (key: string, value: unknown, ttl?: number) => {
        sets.push([key, value, ttl]);
        store.set(key, value);
        return true;
      },
      delete: async () => true,
    };
    const bundle = bundleWith({ ...newZap(), cleanedRequest: signUp('user_ada') });

    await expect(withCache(cache, bundle)).resolves.toHaveLength(1);
    await expect(withCache(cache, bundle)).resolves.toEqual([]);

    expect(SEEN_TTL_SECONDS).toBe(86_400);
    expect(sets).toEqual([[expect.stringMatching(/^sesamy:event:[0-9a-f]{40}$/), '1', 86_400]]);
  });

  it.each([
    ['missing', undefined],
    [
      'failing',
      {
        get: async () => Promise.reject(new Error('zcache down')),
        set: async () => Promise.reject(new Error('zcache down')),
        delete: async () => Promise.reject(new Error('zcache down')),
      },
    ],
  ])('when z.cache is %s, every delivery goes through: at least once, never lost', async (_name, cache) => {
    serveAccount();
    const bundle = bundleWith({ ...newZap(), cleanedRequest: signUp('user_ada') });

    await expect(withCache(cache, bundle)).resolves.toHaveLength(1);
    await expect(withCache(cache, bundle)).resolves.toHaveLength(1);
  });
});

describe('an ending fires once', () => {
  const ended = hookOperation('subscription_ended');
  const update = (occuredAt: string) => thinEvent('contract.1#update', { userId: 'user_grace', contractId: 'contract_102' }, occuredAt);
  /** Sesamy's contract_102 as read now. */
  const contractNow = (changes: Record<string, unknown>) =>
    nock(API)
      .get('/management/contracts/contract_102')
      .reply(200, { ...contracts.contract_102, ...changes });

  it('a later update of a contract that ended months ago gives no second Subscription Ended row', async () => {
    const zap = newZap();
    serveAccount();
    const first = await appTester(ended.perform, bundleWith({ ...zap, cleanedRequest: update('2026-11-20T07:00:00Z') }));

    const { result: later, lines } = await loggedBy(() =>
      appTester(ended.perform, bundleWith({ ...zap, cleanedRequest: update('2027-03-01T09:00:00Z') })),
    );

    expect(first.map((row) => [row.contractId, row.status])).toEqual([['contract_102', 'CANCELED']]);
    expect(later).toEqual([]);
    expect(lines).toEqual([
      'Skipped an update of contract “contract_102”, whose ending this Zap already ran for: Subscription Ended fires once per ending.',
    ]);
  });

  it('another Zap still gets the ending', async () => {
    serveAccount();
    await appTester(ended.perform, bundleWith({ ...newZap(), cleanedRequest: update('2026-11-20T07:00:00Z') }));

    await expect(
      appTester(ended.perform, bundleWith({ ...newZap(), cleanedRequest: update('2026-11-21T07:00:00Z') })),
    ).resolves.toHaveLength(1);
  });

  it('a contract that becomes active again and then ends again fires again', async () => {
    const zap = newZap();
    const run = (occuredAt: string) => appTester(ended.perform, bundleWith({ ...zap, cleanedRequest: update(occuredAt) }));
    contractNow({});
    serveAccount();
    const first = await run('2026-11-20T07:00:00Z');
    nock.cleanAll();
    contractNow({ status: 'ACTIVE', isActive: true, expiresAt: '2027-11-25T07:00:00.000Z' });
    serveAccount();
    const renewed = await run('2026-11-25T07:00:00Z');
    nock.cleanAll();
    contractNow({ status: 'CANCELED', isActive: false, expiresAt: '2026-12-25T07:00:00.000Z' });
    serveAccount();

    const again = await run('2026-12-25T07:00:00Z');

    expect(first.map((row) => [row.status, row.expiresAt])).toEqual([['CANCELED', '2026-11-20T07:00:00.000Z']]);
    expect(renewed).toEqual([]);
    expect(again.map((row) => [row.status, row.expiresAt])).toEqual([['CANCELED', '2026-12-25T07:00:00.000Z']]);
  });

  it('a renewed contract that ends again fires again even when the Zap missed the renewal', async () => {
    const zap = newZap();
    serveAccount();
    await appTester(ended.perform, bundleWith({ ...zap, cleanedRequest: update('2026-11-20T07:00:00Z') }));
    nock.cleanAll();
    contractNow({ expiresAt: '2027-11-20T07:00:00.000Z' });
    serveAccount();

    const again = await appTester(ended.perform, bundleWith({ ...zap, cleanedRequest: update('2027-11-20T07:00:00Z') }));

    expect(again.map((row) => row.expiresAt)).toEqual(['2027-11-20T07:00:00.000Z']);
  });
});
