// What every request the app sends looks like to core and to Sesamy: it does not copy the
// bundle (core's merge is off), it says it is Zapier, it waits for a slot of the
// invocation's limit, and each id stays in its own path segment.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { getContract, getUser, listGrants, setUserMetadata, updateGrantStatus, updateUser } from '../../api/calls.ts';
import { isUnsafeSegment, REQUEST_TIMEOUT_MS, UnsafeSegment, urlOf } from '../../api/http.ts';
import { IN_FLIGHT, RUN_BUDGET_MS } from '../../api/invocation.ts';
import {
  ACCESS_TOKEN,
  API,
  articlePurchases,
  authData,
  CLIENT_ID,
  CLIENT_SECRET,
  TOKEN_HOST,
  users,
} from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { newTraffic, serveAnyReader, serveZapierCache } from '../../scripts/fake-sesamy/scale.ts';
import {
  App,
  appTester,
  bundleWith,
  deliveryOf,
  errors,
  hookOperation,
  messageOf,
  rejectionOf,
  runCreate,
  settledOnFakeTime,
  specOf,
  thinEvent,
  withCacheRpc,
} from '../support/harness.ts';
import { OPERATIONS, serveWrites } from '../support/operations.ts';

/** A reader Sesamy knows, under this id. */
const reader = (userId: string) => ({ ...users.user_grace, userId });

interface SeenRequest {
  readonly url: string;
  readonly merge: unknown;
  readonly userAgent: unknown;
  readonly bundleCopied: boolean;
}

/** Runs `work` with a middleware after the app's own that records every request as core hands it over. */
const recording = async (work: () => Promise<unknown>): Promise<SeenRequest[]> => {
  const seen: SeenRequest[] = [];
  const record = (request: Record<string, unknown>, _z: ZObject, bundle: Bundle) => {
    const input = request.input as { _zapier?: { event?: { bundle?: unknown } } } | undefined;
    const headers = (request.headers ?? {}) as Record<string, unknown>;
    seen.push({
      url: String(request.url),
      merge: request.merge,
      userAgent: headers['User-Agent'],
      bundleCopied: input?._zapier?.event?.bundle !== bundle,
    });
    return request;
  };
  const befores = App.beforeRequest as unknown as unknown[];
  befores.push(record);
  try {
    await work().catch(() => undefined);
  } finally {
    befores.pop();
  }
  return seen;
};

describe('every request the app sends', () => {
  it('has core’s merge off (no copy of the bundle per request) and says it is Zapier, on every operation', async () => {
    const seen = await recording(async () => {
      for (const operation of OPERATIONS) {
        serveWrites();
        serveSesamy();
        await operation.run(authData).catch(() => undefined);
        nock.cleanAll();
      }
    });

    expect(seen.length).toBeGreaterThanOrEqual(OPERATIONS.length);
    expect(seen.filter((request) => request.merge !== false || request.userAgent !== 'Zapier' || request.bundleCopied)).toEqual([]);
  });

  it('sends a delivered id with {{curlies}} as it is, never as an empty filter', async () => {
    const seen = serveSesamy();
    const delivery = deliveryOf(specOf('user_signed_up'));
    const rich = { ...delivery, user: { ...(delivery.user as object), userId: '{{bundle.authData.clientSecret}}' } };

    await appTester(hookOperation('user_signed_up').perform, bundleWith({ cleanedRequest: rich }));

    expect(seen.requests.map((request) => request.path).sort()).toEqual([
      '/management/contracts?userId=%7B%7Bbundle.authData.clientSecret%7D%7D&limit=100',
      '/management/entitlements?userId=%7B%7Bbundle.authData.clientSecret%7D%7D',
    ]);
  });
});

describe(`a delivery's requests share the invocation's limit of ${IN_FLIGHT} in flight`, () => {
  const signUps = (count: number) =>
    Array.from({ length: count }, (_, index) => thinEvent('userVendor.1#new', { userId: `reader_${index}` }));

  it(`30 events of distinct readers (90 reads, each answered after 20 ms): never more than ${IN_FLIGHT} open at Sesamy`, async () => {
    const traffic = serveAnyReader(newTraffic(), 20);

    const rows = await appTester(hookOperation('user_signed_up').perform, bundleWith({ cleanedRequest: signUps(30) }));

    expect(rows).toHaveLength(30);
    expect(traffic.seen).toHaveLength(90);
    expect(traffic.peak).toBe(IN_FLIGHT);
  });

  it('z.cache calls (Zapier’s RPC) go through the same limit: 20 asked at once are never more than 8 open', async () => {
    const traffic = newTraffic();
    serveAnyReader(traffic, 20);
    serveZapierCache(traffic, { delayMs: 20 });
    const bundle = { ...bundleWith({ cleanedRequest: signUps(20) }), meta: { zap: { id: 'zap_limit' } } } as Partial<Bundle>;

    const rows = await withCacheRpc(() => appTester(hookOperation('user_signed_up').perform, bundle));

    expect(rows).toHaveLength(20);
    // 20 "seen?" reads before the lookups, 20 "remember" writes after.
    expect(traffic.rpc.filter((method) => method === 'zcache_get')).toHaveLength(20);
    expect(traffic.rpc.filter((method) => method === 'zcache_set')).toHaveLength(20);
    expect(traffic.peak).toBe(IN_FLIGHT);
  });
});

describe(`a run's requests start and end within ${RUN_BUDGET_MS / 1000} s of Zapier's 30`, () => {
  it('a Sesamy taking 9 s per answer: the run ends before 30 s with a retry, without sending everything', async () => {
    const traffic = serveAnyReader(newTraffic(), 9_000);
    const readers = Array.from({ length: 20 }, (_, index) => thinEvent('userVendor.1#new', { userId: `reader_${index}` }));
    const started = Date.parse('2026-12-01T12:00:00Z');

    const result = await settledOnFakeTime(
      () => appTester(hookOperation('user_signed_up').perform, bundleWith({ cleanedRequest: readers })),
      {
        now: started,
        stepMs: 250,
      },
    );

    const error = 'error' in result ? result.error : new Error('resolved');
    expect(error).toBeInstanceOf(errors.ThrottledError);
    expect(messageOf(error)).toMatch(
      /^Sesamy (did not answer in time while the app tried to|answered too slowly for this run to finish within Zapier's time limit; the app did not get to) /,
    );
    expect(traffic.seen.length).toBeLessThan(60);
    expect(traffic.seenAt.every((at) => at - started < RUN_BUDGET_MS)).toBe(true);
  });
});

describe(`one deadline for all of a request: at most ${REQUEST_TIMEOUT_MS / 1000} s for its headers and its body together, within the run's ${RUN_BUDGET_MS / 1000} s`, () => {
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const STARTED = Date.parse('2026-12-01T12:00:00Z');

  /** A JSON body whose first byte comes with the headers and the rest `ms` later. */
  const trickled = (json: unknown, ms: number): Readable => {
    const text = JSON.stringify(json);
    const stream = new Readable({ read() {} });
    stream.push(text.slice(0, 1));
    setTimeout(() => {
      stream.push(text.slice(1));
      stream.push(null);
    }, ms);
    return stream;
  };

  /** A sign-up of `userId` whose reader Sesamy sends `headersMs` after the request and its body `bodyMs` after that; the reader's lists come at once. */
  const slowReader = async (userId: string, headersMs: number, bodyMs: number) => {
    nock(API)
      .persist()
      .get(/^\/management\/(contracts|entitlements)\?/)
      .reply(200, []);
    nock(API)
      .get(`/management/users/${userId}`)
      .reply(async () => {
        await sleep(headersMs);
        return [200, trickled(reader(userId), bodyMs), { 'Content-Type': 'application/json' }];
      });
    return settledOnFakeTime(
      () => appTester(hookOperation('user_signed_up').perform, bundleWith({ cleanedRequest: thinEvent('userVendor.1#new', { userId }) })),
      { now: STARTED, stepMs: 100 },
    );
  };

  it('headers after 4 s and the body 4 s later: within the deadline, the row comes', async () => {
    const result = await slowReader('reader_in_time', 4_000, 4_000);

    expect('value' in result && result.value.map((row) => row.userId)).toEqual(['reader_in_time']);
  });

  it('headers after 6 s and the body 6 s later: each within 10 s, together past them, so the run retries', async () => {
    const result = await slowReader('reader_late', 6_000, 6_000);

    const error = 'error' in result ? result.error : new Error('resolved');
    expect(error).toBeInstanceOf(errors.ThrottledError);
    expect(messageOf(error)).toBe(
      'Sesamy did not answer in time while the app tried to read user “reader_late”. Zapier will retry shortly.',
    );
  });

  it('a fourth page that starts at 16.2 s gets the 8.8 s left of the run, its body included: headers after 4.5 s and the body 4.5 s later end the run with a retry', async () => {
    const contracts = articlePurchases('reader_heavy', 350);
    const seen: string[] = [];
    nock(API)
      .persist()
      .get(/^\/management\//)
      .reply(async (request: Request) => {
        const url = new URL(request.url);
        seen.push(`GET ${url.pathname}${url.search}`);
        if (request.headers.get('authorization') !== `Bearer ${ACCESS_TOKEN}`) return [401, {}];
        if (url.pathname === '/management/users/reader_heavy') return [200, reader('reader_heavy')];
        if (url.pathname === '/management/entitlements') return [200, []];
        // The contracts: the first three pages' headers and bodies 2.7 s each, the fourth's 4.5 s each.
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const delay = offset < 300 ? 2_700 : 4_500;
        await sleep(delay);
        return [200, trickled(contracts.slice(offset, offset + 100), delay), { 'Content-Type': 'application/json' }];
      });

    const result = await settledOnFakeTime(
      () =>
        appTester(
          hookOperation('user_signed_up').perform,
          bundleWith({ cleanedRequest: thinEvent('userVendor.1#new', { userId: 'reader_heavy' }) }),
        ),
      { now: STARTED, stepMs: 100 },
    );

    const error = 'error' in result ? result.error : new Error('resolved');
    expect(error).toBeInstanceOf(errors.ThrottledError);
    expect(messageOf(error)).toBe(
      'Sesamy did not answer in time while the app tried to list the contracts of user “reader_heavy”. Zapier will retry shortly.',
    );
    expect(seen.filter((request) => request.startsWith('GET /management/contracts'))).toEqual([
      'GET /management/contracts?userId=reader_heavy&limit=100',
      'GET /management/contracts?userId=reader_heavy&limit=100&offset=100',
      'GET /management/contracts?userId=reader_heavy&limit=100&offset=200',
      'GET /management/contracts?userId=reader_heavy&limit=100&offset=300',
    ]);
  });
});

describe('no request follows a redirect: a 3xx is an unexpected answer, and nothing goes on to where it points', () => {
  const perform = App.authentication?.sessionConfig?.perform as unknown as (z: ZObject, b: Bundle) => Promise<unknown>;

  it('a 307 from the token endpoint to another host: the form with the client secret goes nowhere else', async () => {
    nock(TOKEN_HOST).post('/oauth/token').reply(307, '', { Location: 'https://collector.example.net/steal' });
    const collector = nock('https://collector.example.net').post('/steal').reply(200, { access_token: 'stolen' });

    const error = await rejectionOf(
      appTester(perform, { authData: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, environment: 'production' } }),
    );

    expect(collector.isDone()).toBe(false);
    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'UnexpectedResponse', status: 307 });
    expect(messageOf(error)).toBe(
      'Sesamy sent an unexpected answer while the app tried to get an access token: it answered 307 Temporary Redirect, and the app follows no redirect. Try again; if it keeps happening, contact Sesamy support.',
    );
  });

  it.each([301, 302, 303, 307, 308])(
    'a %i to the same host on a lookup: not followed, and the run fails rather than skip the event',
    async (status) => {
      nock(API)
        .get('/management/users/user_moved')
        .reply(status, '', { Location: `${API}/management/users/user_elsewhere` });
      nock(API)
        .persist()
        .get(/^\/management\/(contracts|entitlements)\?/)
        .reply(200, []);
      const target = nock(API).get('/management/users/user_elsewhere').reply(200, reader('user_elsewhere'));

      const error = await rejectionOf(
        appTester(
          hookOperation('user_signed_up').perform,
          bundleWith({ cleanedRequest: thinEvent('userVendor.1#new', { userId: 'user_moved' }) }),
        ),
      );

      expect(target.isDone()).toBe(false);
      expect(error).toBeInstanceOf(errors.Error);
      expect(JSON.parse(error.message)).toMatchObject({ code: 'UnexpectedResponse', status });
      expect(messageOf(error)).toMatch(
        /^Sesamy sent an unexpected answer while the app tried to read user “user_moved”: it answered 30\d [A-Za-z ]+, and the app follows no redirect\./,
      );
    },
  );
});

describe('an id stays in its path segment (urlOf, the one URL builder)', () => {
  const z = {} as ZObject;
  const bundle = { authData } as unknown as Bundle;

  it.each(['', '.', '..', '%2e', '%2E', '%2e%2e', '%2E%2e', '.%2e', '%2e.', '%252e%252e', '%25252e', '．．', '\uFF0E'])(
    'refuses the segment %j: it would address another endpoint',
    (id) => {
      expect(isUnsafeSegment(id)).toBe(true);
      expect(() => urlOf(z, bundle, { host: 'api', path: ['management', 'users', id] })).toThrow(UnsafeSegment);
    },
  );

  // What a party that decodes before it resolves reads as more than one segment, one of them empty or a dot segment.
  it.each([
    'x/..',
    '../..',
    'x/../../contracts',
    'x\\..',
    'x%2F..',
    'x%5C..',
    'x%252F..',
    'x／..',
    'x＼..',
    '/',
    '%2F',
    'x/',
    '/x',
    'a/../b',
    'x/./y',
    '?',
    '%3Fq',
    '#',
    '%zz%2F..',
  ])('refuses the segment %j: read as a path, one of its parts is empty or a dot segment', (id) => {
    expect(isUnsafeSegment(id)).toBe(true);
    expect(() => urlOf(z, bundle, { host: 'api', path: ['management', 'users', id] })).toThrow(UnsafeSegment);
  });

  it('Update User with the user "x/.." sends nothing: a decoding party would read PATCH /management/users/', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runCreate('update_user', { userId: 'x/..', lastName: 'Hopper' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
    expect(sesamy.requests).toEqual([]);
  });

  it.each(['...', 'a.b', '.a', 'a.', '%2e%2ex', ' ', ' .. ', '%', '%zz', 'a/b', 'a%2Fb', 'a\\b', 'x?..', '\uD83D', 'ü'])(
    'keeps the segment %j, encoded in its place',
    (id) => {
      expect(isUnsafeSegment(id)).toBe(false);
      const url = new URL(urlOf(z, bundle, { host: 'api', path: ['management', 'users', id] }));
      expect(url.origin).toBe(API);
      expect(url.pathname.split('/')).toHaveLength(4);
      expect(url.pathname.startsWith('/management/users/')).toBe(true);
      expect(url.search).toBe('');
      expect(url.hash).toBe('');
    },
  );

  // Every endpoint with an id in its path: the path as declared, with the ids at these places.
  const ENDPOINTS = [
    { path: (id: string) => getUser.path({ userId: id }), ids: [2] },
    { path: (id: string) => getContract.path({ contractId: id }), ids: [2] },
    { path: (id: string) => listGrants.path({ accessListId: id }), ids: [2] },
    { path: (id: string) => updateGrantStatus.path({ accessListId: id, grantId: id, status: 'CANCELED' }), ids: [2, 4] },
    { path: (id: string) => setUserMetadata.path({ userId: id, key: id, value: 'v' }), ids: [2, 4] },
    { path: (id: string) => updateUser.path({ userId: id, body: {} }), ids: [2] },
  ];

  it('for any id it does not refuse: the path keeps its segments, and each id decodes back to itself', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENDPOINTS),
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('..', '%2e', '/..', '../', '%2e%2E')),
        (endpoint, id) => {
          const declared = endpoint.path(id);
          if (declared.some(isUnsafeSegment)) {
            expect(() => urlOf(z, bundle, { host: 'api', path: declared })).toThrow(UnsafeSegment);
            return;
          }
          const url = new URL(urlOf(z, bundle, { host: 'api', path: declared }));
          const segments = url.pathname.split('/').slice(1);
          expect(url.origin).toBe(API);
          expect(segments).toHaveLength(declared.length);
          for (const [index, segment] of segments.entries()) {
            const expected = (declared[index] ?? '').replace(/\p{Cs}/gu, '\uFFFD');
            expect(decodeURIComponent(segment)).toBe(expected);
          }
        },
      ),
      { numRuns: 2_000, seed: 16 },
    );
  });

  /** The path a party addresses that percent-decodes the URL's path `decodings` times (strictly, or each ASCII escape on its own), then resolves it. */
  const addressedBy = (url: string, decodings: number, strict: boolean): string => {
    let path = new URL(url).pathname;
    for (let index = 0; index < decodings; index++) {
      try {
        path = strict
          ? decodeURIComponent(path)
          : path.replace(/%[0-7][0-9a-f]/gi, (e) => String.fromCharCode(Number.parseInt(e.slice(1), 16)));
      } catch {
        break; // not percent-encoding: it reads the rest as it is
      }
    }
    return new URL(path.split(/[?#]/, 1)[0]?.replace(/\\/g, '/') ?? '', API).pathname;
  };

  it('for any id it does not refuse, a party that decodes up to three times before it resolves still addresses a user: never the collection, never above', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('.', '/', '\\', '%', '2', '5', 'e', 'E', 'f', 'F', 'c', 'C', '3', 'a', '?', '#', '．', '／'),
          maxLength: 14,
        }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        (id, decodings, strict) => {
          fc.pre(!isUnsafeSegment(id));
          const addressed = addressedBy(urlOf(z, bundle, { host: 'api', path: ['management', 'users', id] }), decodings, strict);
          expect(addressed).toMatch(/^\/management\/users\/[^/]/);
        },
      ),
      { numRuns: 5_000, seed: 16 },
    );
  });

  it('takes any query value as a value: "..", "&", "#" never become a segment or another parameter', () => {
    expect(urlOf(z, bundle, { host: 'api', path: ['management', 'contracts'], query: { userId: '../x&limit=9#', limit: 1 } })).toBe(
      `${API}/management/contracts?userId=..%2Fx%26limit%3D9%23&limit=1`,
    );
  });
});
