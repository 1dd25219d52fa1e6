// A slow or hung z.cache never holds a run: each call gives up after CACHE_TIMEOUT_MS and
// reads as "not remembered" (at least once, never lost), and after one such call z.cache is
// not asked again in that run. All on jest's fake clock: no test waits in real time.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { IN_FLIGHT, RUN_BUDGET_MS } from '../../api/invocation.ts';
import { serveAccount } from '../../scripts/fake-sesamy/account.ts';
import { newTraffic, RPC, serveAnyReader, serveZapierCache } from '../../scripts/fake-sesamy/scale.ts';
import { attempt, CACHE_BUDGET_MS, CACHE_TIMEOUT_MS } from '../../triggers/zap-memory.ts';
import { appTester, bundleWith, hookOperation, loggedBy, settledOnFakeTime, thinEvent, withCacheRpc } from '../support/harness.ts';

const signUps = hookOperation('user_signed_up');
const signUp = (userId: string) => thinEvent('userVendor.1#new', { userId });
const never = () => new Promise<never>(() => undefined);

/** A z.cache whose calls never answer, where `hangs` says so; it counts every call. */
const cacheThat = (hangs: { get?: boolean; set?: boolean }) => {
  const calls: string[] = [];
  const store = new Map<string, unknown>();
  const called =
    <A extends unknown[], T>(method: string, hang: boolean | undefined, answer: (...args: A) => T) =>
    (...args: A): Promise<T> => {
      calls.push(method);
      return hang ? never() : Promise.resolve(answer(...args));
    };
  return {
    calls,
    cache: {
      get: called('get', hangs.get, (key: string) => store.get(key) ?? null),
      set: called('set', hangs.set, (key: string, value: unknown) => store.set(key, value) && true),
      delete: called('delete', false, () => true),
    },
  };
};

let zaps = 0;
/** perform with this z.cache, on a Zap of its own (meta.zap.id), on the fake clock. */
const run = (cache: unknown, delivery: unknown, zap = `zap_memory_${++zaps}`) =>
  settledOnFakeTime(() =>
    appTester(async (z: ZObject, bundle: Bundle) => signUps.perform({ ...z, cache } as unknown as ZObject, bundle), {
      ...bundleWith({ cleanedRequest: delivery as Bundle['cleanedRequest'] }),
      meta: { zap: { id: zap } },
    } as Partial<Bundle>),
  );

afterEach(() => {
  nock.abortPendingRequests();
});

describe(`a z.cache call slower than ${CACHE_TIMEOUT_MS} ms reads as “not remembered”`, () => {
  it('a z.cache that never answers: the events still give their rows, and z.cache is not asked again in the run', async () => {
    serveAccount();
    const { calls, cache } = cacheThat({ get: true, set: true });

    const result = await run(cache, [signUp('user_ada'), signUp('user_grace')]);

    expect('value' in result && result.value.map((row) => row.userId)).toEqual(['user_ada', 'user_grace']);
    // Both "seen?" reads went out at once and timed out together; nothing was asked after.
    expect(calls).toEqual(['get', 'get']);
  });

  it('a z.cache that hangs only when remembering: the row comes, and a later delivery of the event runs again (at least once)', async () => {
    serveAccount();
    const { calls, cache } = cacheThat({ set: true });

    const first = await run(cache, signUp('user_ada'), 'zap_set_hangs');
    const again = await run(cache, signUp('user_ada'), 'zap_set_hangs');

    expect('value' in first && first.value).toHaveLength(1);
    expect('value' in again && again.value).toHaveLength(1);
    expect(calls).toEqual(['get', 'set', 'get', 'set']);
  });

  it('the next run asks z.cache again: giving up lasts one run', async () => {
    serveAccount();
    let hang = true;
    const store = new Map<string, unknown>();
    const cache = {
      get: (key: string) => (hang ? never() : Promise.resolve(store.get(key) ?? null)),
      set: (key: string, value: unknown) => Promise.resolve(store.set(key, value) && true),
      delete: () => Promise.resolve(true),
    };

    const first = await run(cache, signUp('user_ada'), 'zap_recovers');
    hang = false;
    const second = await run(cache, signUp('user_ada'), 'zap_recovers');
    const third = await run(cache, signUp('user_ada'), 'zap_recovers');

    expect('value' in first && first.value).toHaveLength(1);
    expect('value' in second && second.value).toHaveLength(1); // the first run remembered nothing
    expect('value' in third && third.value).toEqual([]); // the second did
  });

  it(`hung z.cache calls free their slots: a delivery of ${IN_FLIGHT + 4} events, all their "seen?" reads hanging, still reads every reader`, async () => {
    const traffic = serveAnyReader(newTraffic());
    const { calls, cache } = cacheThat({ get: true });
    const readers = Array.from({ length: IN_FLIGHT + 4 }, (_, index) => signUp(`reader_${index}`));

    const result = await run(cache, readers);

    expect('value' in result && result.value).toHaveLength(IN_FLIGHT + 4);
    // The first IN_FLIGHT took every slot and timed out; those queued behind them were not made.
    expect(calls).toEqual(Array(IN_FLIGHT).fill('get'));
    expect(traffic.seen).toHaveLength(3 * (IN_FLIGHT + 4));
  });

  it('a z.cache that answers just under the timeout, call after call, still ends within the run’s 25 s', async () => {
    serveAnyReader(newTraffic());
    const calls: string[] = [];
    const slow = (method: string) => () => {
      calls.push(method);
      return new Promise((resolve) => setTimeout(() => resolve(null), CACHE_TIMEOUT_MS - 100));
    };
    const cache = { get: slow('get'), set: slow('set'), delete: slow('delete') };
    // Subscription Ended asks z.cache about each contract in turn: 20 contracts, 20 calls one after the other.
    const updates = Array.from({ length: 20 }, (_, index) =>
      thinEvent('contract.1#update', { userId: `reader_${index}`, contractId: `contract_${index}` }),
    );
    const started = Date.parse('2026-12-01T12:00:00Z');
    let ended = 0;

    const result = await settledOnFakeTime(
      async () => {
        const rows = await appTester(
          async (z: ZObject, bundle: Bundle) => hookOperation('subscription_ended').perform({ ...z, cache } as unknown as ZObject, bundle),
          { ...bundleWith({ cleanedRequest: updates }), meta: { zap: { id: 'zap_slow_cache' } } } as Partial<Bundle>,
        );
        ended = Date.now();
        return rows;
      },
      { now: started },
    );

    expect('value' in result).toBe(true);
    expect(ended - started).toBeLessThan(RUN_BUDGET_MS + CACHE_TIMEOUT_MS);
    expect(calls.filter((method) => method === 'delete').length).toBeLessThan(20);
  });

  it('through Zapier’s own RPC, which has no timeout of its own: a hung z.cache costs one timeout, one call', async () => {
    serveAccount();
    const traffic = serveZapierCache(newTraffic(), { hang: true });

    const result = await withCacheRpc(() =>
      settledOnFakeTime(() =>
        appTester(signUps.perform, {
          ...bundleWith({ cleanedRequest: signUp('user_ada') }),
          meta: { zap: { id: 'zap_rpc' } },
        } as Partial<Bundle>),
      ),
    );

    expect('value' in result && result.value).toHaveLength(1);
    expect(traffic.rpc).toEqual(['zcache_get']);
  });
});

describe('an event reads as already run only when z.cache answers the one value the app stores', () => {
  const cacheAnswering = (answer: unknown) => ({ get: async () => answer, set: async () => true, delete: async () => true });

  it.each([[false], [0], [''], [null], [1], [true], ['0'], [{}]])(
    'z.cache answering %j for the event: the row comes, nothing is skipped',
    async (answer) => {
      serveAccount();

      const { result, lines } = await loggedBy(() => run(cacheAnswering(answer), signUp('user_ada')));

      expect('value' in result && result.value.map((row) => row.userId)).toEqual(['user_ada']);
      expect(lines.filter((line) => line.includes('already run'))).toEqual([]);
    },
  );

  it('z.cache answering "1", the value remembered: the event is skipped with its one log line', async () => {
    serveAccount();

    const { result, lines } = await loggedBy(() => run(cacheAnswering('1'), signUp('user_ada')));

    expect('value' in result && result.value).toEqual([]);
    expect(lines.filter((line) => line.includes('already run'))).toEqual([
      expect.stringMatching(/^Skipped Sesamy event “.+”: this Zap has already run for it\.$/),
    ]);
  });
});

describe(`z.cache may take at most ${CACHE_BUDGET_MS} ms of a run, all its calls together`, () => {
  const STARTED = Date.parse('2026-12-01T12:00:00Z');
  const answerAfter = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(resolve, ms, value));

  it('calls of 1.5 s one after another: two answer, the third is given up when the 4 s are spent, the fourth is never made', async () => {
    const z = {} as ZObject;
    const made: string[] = [];
    const call = (name: string) =>
      attempt(
        z,
        () => {
          made.push(name);
          return answerAfter(1_500, name);
        },
        'not remembered',
      );

    const result = await settledOnFakeTime(
      async () => {
        const answers = [await call('a'), await call('b'), await call('c')];
        const givenUpAt = Date.now() - STARTED;
        return { answers: [...answers, await call('d')], givenUpAt };
      },
      { now: STARTED },
    );

    expect('value' in result && result.value).toEqual({
      answers: ['a', 'b', 'not remembered', 'not remembered'],
      givenUpAt: CACHE_BUDGET_MS,
    });
    expect(made).toEqual(['a', 'b', 'c']);
  });

  it('calls that leave 2 s of the budget: cut when 2 s are spent, and z.cache still answers a call that leaves none, until the 4 s are spent', async () => {
    const z = {} as ZObject;
    const made: string[] = [];
    const call = (name: string, leaveMs: number) =>
      attempt(
        z,
        () => {
          made.push(name);
          return answerAfter(1_500, name);
        },
        'not remembered',
        leaveMs,
      );

    const result = await settledOnFakeTime(
      async () => {
        const answers = [await call('read a', 2_000), await call('read b', 2_000), await call('read c', 2_000)];
        const cutAt = Date.now() - STARTED;
        return { answers: [...answers, await call('write', 0), await call('write again', 0)], cutAt };
      },
      { now: STARTED },
    );

    expect('value' in result && result.value).toEqual({
      answers: ['read a', 'not remembered', 'not remembered', 'write', 'not remembered'],
      cutAt: 2_000,
    });
    expect(made).toEqual(['read a', 'read b', 'write', 'write again']);
  });

  it(`calls in flight together count once: ${IN_FLIGHT} calls of 1.5 s at once take 1.5 s of the budget, and the next ${IN_FLIGHT} still answer`, async () => {
    const z = {} as ZObject;
    const round = (name: string) =>
      Promise.all(Array.from({ length: IN_FLIGHT }, () => attempt(z, () => answerAfter(1_500, name), 'not remembered')));

    const result = await settledOnFakeTime(async () => [await round('first'), await round('second')], { now: STARTED });

    expect('value' in result && result.value).toEqual([Array(IN_FLIGHT).fill('first'), Array(IN_FLIGHT).fill('second')]);
  });

  it('z.cache at 1.9 s a call (never a timeout), Sesamy at 100 ms: a delivery of 100 events gives its 100 rows, and z.cache is asked only in the run’s first 4 s', async () => {
    const traffic = newTraffic();
    serveAnyReader(traffic, 100);
    serveZapierCache(traffic, { delayMs: 1_900 });
    const signUpsAnHourOld = Array.from({ length: 100 }, (_, index) =>
      thinEvent('userVendor.1#new', { userId: `reader_${index}` }, '2026-12-01T11:00:00Z'),
    );

    const result = await withCacheRpc(() =>
      settledOnFakeTime(
        () =>
          appTester(signUps.perform, {
            ...bundleWith({ cleanedRequest: signUpsAnHourOld }),
            meta: { zap: { id: 'zap_slow_cache' } },
          } as Partial<Bundle>),
        { now: STARTED },
      ),
    );

    expect('value' in result && result.value).toHaveLength(100);
    expect(traffic.seen).toHaveLength(3 * 100);
    // Two rounds of 8 "seen?" reads answered (3.8 s), the third given up at 4 s; none asked after.
    expect(traffic.rpc).toEqual(Array(3 * IN_FLIGHT).fill('zcache_get'));
    expect(traffic.rpcAt.every((at) => at - STARTED < CACHE_BUDGET_MS)).toBe(true);
  }, 30_000); // a hundred events on the fake clock: seconds of real time on a busy machine
});

describe('a z.cache call given up on is not cancelled (docs/reliability.md)', () => {
  it('an RPC that fails after 2.5 s: the run ends at the 2-s timeout with its row, and Zapier’s RPC client still posts the call twice after that', async () => {
    const STARTED = Date.parse('2026-12-01T12:00:00Z');
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    serveAnyReader(newTraffic());
    const posted: number[] = [];
    nock(RPC)
      .persist()
      .post('/cli')
      .reply(async () => {
        posted.push(Date.now() - STARTED);
        await sleep(2_500);
        return [500, 'unavailable'];
      });
    let endedAt = 0;

    const result = await withCacheRpc(() =>
      settledOnFakeTime(
        async () => {
          const rows = await appTester(signUps.perform, {
            ...bundleWith({ cleanedRequest: signUp('reader_1') }),
            meta: { zap: { id: 'zap_rpc_after_run' } },
          } as Partial<Bundle>);
          endedAt = Date.now() - STARTED;
          await sleep(10_000); // the clock turns on after the run, as in a warm Lambda
          return rows;
        },
        { now: STARTED, stepMs: 50 },
      ),
    );

    expect('value' in result && result.value).toHaveLength(1);
    expect(endedAt).toBeLessThan(2_500);
    expect(posted.filter((at) => at > endedAt)).toEqual([2_600, 5_200]);
  });
});
