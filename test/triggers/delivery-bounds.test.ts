// What a delivery may cost, and what it must be to cost anything: at most 100 events, none
// nested deeper than 32 levels, thin events that name their vendor, ids that stay in their
// path. Anything else is refused before a single request, with one log line or a clear halt.

import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { RUN_BUDGET_MS } from '../../api/invocation.ts';
import { ACCESS_TOKEN, API, articlePurchases, serveAccount, users, VENDOR } from '../../scripts/fake-sesamy/account.ts';
import { newTraffic, serveAnyReader } from '../../scripts/fake-sesamy/scale.ts';
import { depthExceeds, type JsonObject } from '../../sesamy/json.ts';
import { MAX_EVENT_DEPTH, MAX_EVENTS_PER_DELIVERY } from '../../triggers/delivery.ts';
import { MAX_PRODUCT_READS } from '../../triggers/filters.ts';
import { MAX_FURTHER_CONTRACT_PAGES } from '../../triggers/lookups.ts';
import {
  appTester,
  bundleWith,
  deliveryOf,
  errors,
  hookOperation,
  loggedBy,
  rejectionOf,
  settledOnFakeTime,
  specOf,
  thinEvent,
} from '../support/harness.ts';

const signUps = hookOperation('user_signed_up');
const signUp = (userId: string) => thinEvent('userVendor.1#new', { userId });
const readers = (count: number) => Array.from({ length: count }, (_, index) => signUp(`reader_${index}`));

/** A z.cache that counts its calls and remembers nothing. */
const countingCache = () => {
  const calls: string[] = [];
  const called =
    <T>(method: string, answer: T) =>
    async () => {
      calls.push(method);
      return answer;
    };
  const cache = { get: called('get', null), set: called('set', true), delete: called('delete', true) };
  return { calls, cache };
};

/** perform with this z.cache, on a Zap that remembers (meta.zap.id). */
const withCache = (cache: unknown, bundle: Partial<Bundle>) =>
  appTester(async (z: ZObject, b: Bundle) => signUps.perform({ ...z, cache } as unknown as ZObject, b), {
    ...bundle,
    meta: { zap: { id: 'zap_bounds' } },
  } as Partial<Bundle>);

/** `levels` objects, one inside the other, around `innermost`. */
const nested = (levels: number, innermost: unknown = 'bottom', key = 'extra'): unknown => {
  let value = innermost;
  for (let level = 0; level < levels; level++) value = { [key]: value };
  return value;
};
const nestedArrays = (levels: number): unknown => {
  let value: unknown = 'bottom';
  for (let level = 0; level < levels; level++) value = [value];
  return value;
};

describe(`at most ${MAX_EVENTS_PER_DELIVERY} events per delivery`, () => {
  it.each([101, 10_000])('a delivery of %i events halts before any request or z.cache call, naming both numbers', async (count) => {
    const seen = serveAccount();
    const { calls, cache } = countingCache();

    const error = await rejectionOf(withCache(cache, bundleWith({ cleanedRequest: readers(count) })));

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      `Sesamy sent ${count.toLocaleString('en-US')} events in one delivery, and this Zap takes at most 100 at a time (Sesamy sends one per delivery), so none of them ran. If they are Sesamy's, ask Sesamy support to send them in smaller deliveries.`,
    );
    expect(seen).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('the cap comes first: before the Vendor field is read', async () => {
    const error = await rejectionOf(appTester(signUps.perform, { ...bundleWith({ cleanedRequest: readers(101) }), inputData: {} }));

    expect(error.message).toMatch(/^Sesamy sent 101 events in one delivery/);
  });

  it('a delivery of exactly 100 events of distinct readers gives 100 rows, 300 reads', async () => {
    const traffic = serveAnyReader(newTraffic());

    const rows = await appTester(signUps.perform, bundleWith({ cleanedRequest: readers(MAX_EVENTS_PER_DELIVERY) }));

    expect(rows.map((row) => row.userId)).toEqual(readers(MAX_EVENTS_PER_DELIVERY).map((event) => event.userId));
    expect(traffic.seen).toHaveLength(300);
  });
});

describe(`no event nests deeper than ${MAX_EVENT_DEPTH} levels`, () => {
  const deepLine = 'Skipped an item of a Sesamy delivery nested more than 32 levels deep: no Sesamy event is.';

  it('depthExceeds counts an object or a list as one level, a scalar as none', () => {
    expect(depthExceeds('text', 0)).toBe(false);
    expect(depthExceeds({}, 0)).toBe(true);
    expect(depthExceeds({}, 1)).toBe(false);
    expect(depthExceeds(nested(32), 32)).toBe(false);
    expect(depthExceeds(nested(33), 32)).toBe(true);
    expect(depthExceeds([[[]]], 2)).toBe(true);
    expect(depthExceeds({ a: 1, b: [1, { c: null }] }, 3)).toBe(false);
  });

  it('depthExceeds walks with its own stack: a million levels overflow nothing', () => {
    expect(depthExceeds(nested(1_000_000), MAX_EVENT_DEPTH)).toBe(true);
    expect(depthExceeds(nestedArrays(1_000_000), MAX_EVENT_DEPTH)).toBe(true);
  });

  it('depthExceeds reads own values only: a __proto__ key is data, and no getter runs', () => {
    const delivery = JSON.parse('{"__proto__": {"a": {"b": 1}}}') as JsonObject;
    const trap = Object.defineProperty({}, 'x', { get: () => nested(100), enumerable: false });

    expect(depthExceeds(delivery, 2)).toBe(true);
    expect(depthExceeds(trap, 2)).toBe(false);
  });

  it.each([
    ['33 levels', () => ({ ...signUp('user_ada'), extra: nested(32) })],
    ['100 levels', () => ({ ...signUp('user_ada'), extra: nested(99) })],
    [
      '4,000 levels (core’s copy of the bundle overflowed at about 1,300 before merge was off)',
      () => ({
        ...signUp('user_ada'),
        extra: nested(3_999),
      }),
    ],
    ['4,000 levels of lists', () => nestedArrays(4_000)],
  ])('an event nested %s gives no row, one log line, and no request', async (_depth, delivery) => {
    const seen = serveAccount();

    const { result: rows, lines } = await loggedBy(() =>
      appTester(signUps.perform, bundleWith({ cleanedRequest: delivery() as JsonObject })),
    );

    expect(rows).toEqual([]);
    expect(lines).toEqual([deepLine]);
    expect(seen).toEqual([]);
  });

  it('a deep item does not stop the delivery’s other events', async () => {
    const seen = serveAccount();

    const { result: rows, lines } = await loggedBy(() =>
      appTester(signUps.perform, bundleWith({ cleanedRequest: [nested(200) as JsonObject, signUp('user_ada')] })),
    );

    expect(rows.map((row) => row.userId)).toEqual(['user_ada']);
    expect(lines).toEqual([deepLine]);
    expect(seen).toHaveLength(3);
  });

  it('a delivery 10,000 levels deep fails in core, before the app runs (RangeError from its log of the bundle), and sends nothing', async () => {
    // A limit of core (zapier-platform-core/src/app-middlewares/before/add-app-context.js stringifies the bundle before any app code); docs/reliability.md.
    // If an upgrade of core fixes it, this fails: then the delivery is skipped like the ones above, and the doc changes.
    const seen = serveAccount();

    const error = await rejectionOf(
      appTester(signUps.perform, bundleWith({ cleanedRequest: nested(10_000, signUp('user_ada')) as JsonObject })),
    );

    expect(error.name).toBe('RangeError');
    expect(seen).toEqual([]);
  });
});

describe('a thin event names its vendor (Sesamy’s always do)', () => {
  const { vendorId: _vendor, ...withoutVendor } = signUp('user_ada');

  it('a thin event without vendorId gives no row, one log line, no request and no z.cache call', async () => {
    const seen = serveAccount();
    const { calls, cache } = countingCache();

    const { result: rows, lines } = await loggedBy(() => withCache(cache, bundleWith({ cleanedRequest: withoutVendor })));

    expect(rows).toEqual([]);
    expect(lines).toEqual([
      "Skipped an event without a vendorId: Sesamy's standard events always name their vendor, so this one is not Sesamy's.",
    ]);
    expect(seen).toEqual([]);
    expect(calls).toEqual([]);
  });

  it.each([
    [null, 'a null'],
    [42, 'a number'],
    ['', '“”'],
    [{ id: VENDOR }, 'a object'],
  ])('a thin event whose vendorId is %j is another vendor’s: no row, no request', async (vendorId, shown) => {
    const seen = serveAccount();

    const { result: rows, lines } = await loggedBy(() =>
      appTester(signUps.perform, bundleWith({ cleanedRequest: { ...withoutVendor, vendorId } as JsonObject })),
    );

    expect(rows).toEqual([]);
    expect(lines).toEqual([`Skipped a Sesamy event for vendor ${shown}: this Zap is for vendor “acme-news”.`]);
    expect(seen).toEqual([]);
  });

  it('a rich event carries no vendor, as Sesamy documents it, and still gives its row', async () => {
    serveAccount();
    const rich = deliveryOf(specOf('user_signed_up'));

    const rows = await appTester(signUps.perform, bundleWith({ inputData: { vendorId: VENDOR }, cleanedRequest: rich }));

    expect(Object.hasOwn(rich, 'vendorId')).toBe(false);
    expect(rows).toHaveLength(1);
  });

  it('of a thin event without a vendor and one naming the Zap’s, only the second gives a row', async () => {
    const seen = serveAccount();

    const rows = await appTester(signUps.perform, bundleWith({ cleanedRequest: [withoutVendor, signUp('user_grace')] }));

    expect(rows.map((row) => row.userId)).toEqual(['user_grace']);
    expect(seen.every((request) => request.includes('user_grace'))).toBe(true);
  });
});

describe('a delivered id stays in its path', () => {
  const ODD_IDS = ['..', '.', ' .. ', '%2e%2e', '%2E%2e', '.%2E', '．．'];
  const subscriptions = hookOperation('subscription_created');
  const subscription = (ids: Record<string, string>) =>
    thinEvent('contract.1#purchased', { userId: 'user_ada', contractId: 'contract_101', ...ids });

  it.each(ODD_IDS)(
    'a contractId of %j skips that event with one log line; the other event of the delivery still gives its row',
    async (id) => {
      const seen = serveAccount();

      const { result: rows, lines } = await loggedBy(() =>
        appTester(
          subscriptions.perform,
          bundleWith({ cleanedRequest: [subscription({ contractId: id }), subscription({ contractId: 'contract_101', occured_at: 'x' })] }),
        ),
      );

      const shown = id.trim();
      expect(rows.map((row) => row.contractId)).toEqual(['contract_101']);
      expect(lines).toEqual([
        `Could not read contract “${shown}”: “${shown}” cannot name a Sesamy record (no id or key is empty, “.” or “..”, starts with “?” or “#”, or has an empty, “.” or “..” part where “/” or “\\” divide it). This event was skipped.`,
      ]);
      expect([...new Set(seen)].sort()).toEqual([
        'GET /management/contracts/contract_101',
        'GET /management/contracts?userId=user_ada&limit=100',
        'GET /management/entitlements?userId=user_ada',
        'GET /management/users/user_ada',
      ]);
    },
  );

  it.each(ODD_IDS)('a userId of %j halts the run with that reason; no request leaves its endpoint', async (id) => {
    const seen = serveAccount();

    const error = await rejectionOf(appTester(signUps.perform, bundleWith({ cleanedRequest: signUp(id) })));

    const shown = id.trim();
    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      `Could not read user “${shown}”: “${shown}” cannot name a Sesamy record (no id or key is empty, “.” or “..”, starts with “?” or “#”, or has an empty, “.” or “..” part where “/” or “\\” divide it). This event was skipped.`,
    );
    // The reader's lists, read alongside, may still be on their way: they name the id as a query value, where it is only a value.
    const lists = [
      `GET /management/contracts?userId=${encodeURIComponent(shown)}&limit=100`,
      `GET /management/entitlements?userId=${encodeURIComponent(shown)}`,
    ];
    expect(seen.filter((request) => !lists.includes(request))).toEqual([]);
    expect(seen.some((request) => /^GET \/management\/?(users\/?)?$/.test(request))).toBe(false);
  });

  it.each([
    [20, 'reads each of them once'],
    [21, 'gives no row and one log line, and reads none'],
  ])('an event naming %i products, on a Zap with the Product Types filter, %s', async (count, _what) => {
    const traffic = serveAnyReader(newTraffic());
    const rich = deliveryOf(specOf('contract_purchased'));
    const products = Array.from({ length: count }, (_, index) => ({ ...(rich.products as JsonObject[])[0], sku: `sku_${index}` }));
    const bundle = bundleWith({ inputData: { vendorId: VENDOR, productTypes: ['bundle'] }, cleanedRequest: { ...rich, products } });

    const { lines } = await loggedBy(() => appTester(hookOperation('contract_purchased').perform, bundle).catch(() => []));

    const productReads = traffic.seen.filter((request) => request.startsWith('GET /management/products/'));
    if (count <= MAX_PRODUCT_READS) {
      expect(productReads).toHaveLength(count);
    } else {
      expect(productReads).toEqual([]);
      expect(lines).toEqual([
        `Skipped an event naming ${count} products: the Product Types filter reads at most ${MAX_PRODUCT_READS} for one event, and no Sesamy order names that many.`,
      ]);
    }
  });

  it('a product SKU of ".." in a rich delivery (the Product Types filter reads it) skips that event', async () => {
    const seen = serveAccount();
    const rich = deliveryOf(specOf('contract_purchased'));
    const products = (rich.products as JsonObject[]).map((product) => ({ ...product, sku: '..' }));

    const error = await rejectionOf(
      appTester(
        hookOperation('contract_purchased').perform,
        bundleWith({ inputData: { vendorId: VENDOR, productTypes: ['bundle'] }, cleanedRequest: { ...rich, products } }),
      ),
    );

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toMatch(/^Could not read product “\.\.”: /);
    expect(seen.filter((request) => request.startsWith('GET /management/products'))).toEqual([]);
  });
});

describe(`a delivery reads at most ${MAX_FURTHER_CONTRACT_PAGES} pages of readers' contracts after each reader's first`, () => {
  const STARTED = Date.parse('2026-12-01T12:00:00Z');
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  /** Sesamy with every reader holding `contracts` article purchases, each answer after `delayMs`; the contract pages asked for. */
  const serveHeavyReaders = (contracts: number, delayMs = 0) => {
    const contractPages: string[] = [];
    nock(API)
      .persist()
      .get(/^\/management\//)
      .reply(async (request: Request) => {
        const url = new URL(request.url);
        if (request.headers.get('authorization') !== `Bearer ${ACCESS_TOKEN}`) return [401, {}];
        if (delayMs > 0) await sleep(delayMs);
        const userId = url.searchParams.get('userId') ?? '';
        if (url.pathname.startsWith('/management/users/')) return [200, { ...users.user_grace, userId: url.pathname.split('/')[3] }];
        if (url.pathname === '/management/entitlements') return [200, []];
        contractPages.push(`${userId}@${url.searchParams.get('offset') ?? 0}`);
        const offset = Number(url.searchParams.get('offset') ?? 0);
        return [200, articlePurchases(userId, contracts).slice(offset, offset + Number(url.searchParams.get('limit')))];
      });
    return contractPages;
  };
  const TAGS_CUT =
    /^Not all of user “reader_\d+”'s contracts and entitlements were read .*: the row's Sesamy Tags, and on a subscription's row its User Insights counts, are of those read, and no tag is listed to remove/;

  it(`100 readers with 150 contracts each: ${MAX_FURTHER_CONTRACT_PAGES} are read whole, the other ${100 - MAX_FURTHER_CONTRACT_PAGES} give their rows with their tags cut, one log line each`, async () => {
    const contractPages = serveHeavyReaders(150);

    const { result: rows, lines } = await loggedBy(() => appTester(signUps.perform, bundleWith({ cleanedRequest: readers(100) })));

    expect(rows).toHaveLength(100);
    expect(contractPages).toHaveLength(100 + MAX_FURTHER_CONTRACT_PAGES);
    const cut = rows.filter((row) => lines.some((line) => TAGS_CUT.test(line) && line.includes(`“${String(row.userId)}”`)));
    expect(lines.filter((line) => TAGS_CUT.test(line))).toHaveLength(100 - MAX_FURTHER_CONTRACT_PAGES);
    expect(cut.map((row) => row.sesamyTagsToRemove)).toEqual(Array(100 - MAX_FURTHER_CONTRACT_PAGES).fill([]));
  });

  it('100 readers with 1,000 contracts each, Sesamy at 200 ms a request: the delivery gives its 100 rows, well within the run', async () => {
    const contractPages = serveHeavyReaders(1_000, 200);
    let endedAt = 0;

    const result = await settledOnFakeTime(
      async () => {
        const rows = await appTester(signUps.perform, bundleWith({ cleanedRequest: readers(100) }));
        endedAt = Date.now() - STARTED;
        return rows;
      },
      { now: STARTED, stepMs: 200 },
    );

    expect('value' in result && result.value).toHaveLength(100);
    // 100 profiles, 100 entitlement lists, 100 first pages and the further pages: 390 requests, 8 at a time, 200 ms each.
    expect(contractPages).toHaveLength(100 + MAX_FURTHER_CONTRACT_PAGES);
    expect(endedAt).toBeLessThan(RUN_BUDGET_MS / 2);
  }, 60_000); // hundreds of requests on the fake clock: seconds of real time on a busy machine
});
