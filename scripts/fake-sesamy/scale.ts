// Fakes for deliveries at scale, shared by the tests and `npm run bench`: a Sesamy that
// knows any reader and contract id (so every event of a big delivery is a distinct
// reader), answering after a delay, and Zapier's z.cache RPC. Both count the calls they
// have open at once, together, so a test can see the app's limit on calls in flight.
import nock from 'nock';
import { ACCESS_TOKEN, API, contracts, users } from './account.ts';

/** Calls answered, when (Date.now(), so a test's fake clock), and the most that were open at once (Sesamy and z.cache together). */
export interface Traffic {
  readonly seen: string[];
  readonly seenAt: number[];
  readonly rpc: string[];
  readonly rpcAt: number[];
  open: number;
  peak: number;
}

export const newTraffic = (): Traffic => ({ seen: [], seenAt: [], rpc: [], rpcAt: [], open: 0, peak: 0 });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Holds a call open for `delayMs`, counting it among the open ones, then answers it. */
const held = async <T>(traffic: Traffic, delayMs: number, answer: () => T): Promise<T> => {
  traffic.open += 1;
  traffic.peak = Math.max(traffic.peak, traffic.open);
  try {
    if (delayMs > 0) await sleep(delayMs);
    return answer();
  } finally {
    traffic.open -= 1;
  }
};

const template = { user: users.user_ada, contract: contracts.contract_101 };

/** Any id names a reader, a contract or a product (a bundle); a reader's lists are empty. */
const anyRecord = (url: URL): [number, unknown] => {
  const [, , collection, id] = url.pathname.split('/').map(decodeURIComponent);
  if (collection === 'users' && id) return [200, { ...template.user, userId: id, email: `${id}@example.com` }];
  if (collection === 'contracts' && id) return [200, { ...template.contract, id, userId: `reader_of_${id}` }];
  if (collection === 'products' && id) return [200, { sku: id, title: id, productType: 'bundle' }];
  if (collection === 'contracts' || collection === 'entitlements') return [200, []];
  return [404, { error: { code: 'NOT_FOUND', message: `${url.pathname} not found` } }];
};

/** Serves every Management API read for any id, each after `delayMs`, until nock.cleanAll(). */
export const serveAnyReader = (traffic: Traffic = newTraffic(), delayMs = 0): Traffic => {
  nock(API)
    .persist()
    .get(/^\/management\//)
    .reply(async (request: Request) => {
      const url = new URL(request.url);
      traffic.seen.push(`GET ${url.pathname}${url.search}`);
      traffic.seenAt.push(Date.now());
      // Only the connection's token is let in, as with the fixture account.
      if (request.headers.get('authorization') !== `Bearer ${ACCESS_TOKEN}`) return [401, { error: { code: 'UNAUTHORIZED' } }];
      return held(traffic, delayMs, () => anyRecord(url));
    });
  return traffic;
};

export const RPC = 'https://rpc.zapier.com';

interface RpcCall {
  readonly id: string;
  readonly method: string;
  readonly params: unknown[];
}

/**
 * Zapier's z.cache, as core reaches it outside the app tester's in-memory stand-in: one
 * POST per call to its RPC endpoint (zapier-platform-core/src/tools/create-rpc-client.js).
 * `delayMs` holds each call open; `hang` never answers.
 */
export const serveZapierCache = (traffic: Traffic = newTraffic(), { delayMs = 0, hang = false } = {}): Traffic => {
  const memory = new Map<string, unknown>();
  nock(RPC)
    .persist()
    .post('/cli')
    .reply(async (request: Request) => {
      const call = JSON.parse(await request.text()) as RpcCall;
      traffic.rpc.push(call.method);
      traffic.rpcAt.push(Date.now());
      if (hang) await new Promise<never>(() => undefined);
      return held(traffic, delayMs, () => {
        const [key, value] = call.params as [string, unknown];
        if (call.method === 'zcache_get') return [200, { id: call.id, result: memory.get(key) ?? null }];
        if (call.method === 'zcache_set') memory.set(key, value);
        if (call.method === 'zcache_delete') memory.delete(key);
        return [200, { id: call.id, result: true }];
      });
    });
  return traffic;
};
