// Bad deliveries, generated: perform receives whatever is posted to the hook URL.
// fast-check throws at every instant trigger arbitrary JSON, documented payloads with
// fields removed, retyped, nulled or oversized, unicode and emoji everywhere, `__proto__`
// and `constructor` keys, arrays of mixed items, and thin events that need lookups.
//
// The property: perform either returns rows that keep every delivered field (same
// value, by identity) for the chosen vendor only, or no row, or throws a Zapier error
// with a clear message and no secret; it never throws anything else, never mutates the
// delivery (it arrives frozen), and never hangs. Whatever it logs is one line, no secret.
//
// Speed: the bulk runs call perform directly with a real `z` from core's app tester (a
// full appTester call costs ~11 ms in Jest: 90,000 cases would take minutes); a smaller
// run goes through appTester itself, with core's middleware and output checks. The two
// fuzz-*.test.ts files split the triggers so Jest runs them on both cores.
import { jest } from '@jest/globals';
import fc from 'fast-check';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { EVENT_TYPES, EVENTS, type EventSpec } from '../../events.ts';
import { ACCESS_TOKEN, CLIENT_SECRET, serveAccount, VENDOR } from '../../scripts/fake-sesamy/account.ts';
import { isObject, type JsonObject } from '../../sesamy/json.ts';
import { writeTallies } from './fuzz-tallies.ts';
import { appTester, bundleWith, errors, hookOperation, messageOf, thinEvent } from './harness.ts';

/** Cases per trigger in the direct run, and through the full app tester. */
export const RUNS_PER_TRIGGER = Number(process.env.FUZZ_RUNS ?? 10_000);
// Core's lambda handler exits the process once it has served 250 invocations while the
// process holds over 450 MB (zapier-platform-core/src/tools/memory-checker.js): stay under 250 per test file.
export const APP_TESTER_RUNS_PER_TRIGGER = 25;
/** A perform that takes longer than this has hung: nothing in it waits on anything slow. */
export const HANG_MS = 10_000;

const ZAPIER_ERRORS = [errors.HaltedError, errors.Error, errors.ThrottledError, errors.ExpiredAuthError, errors.RefreshAuthError];

// ---- Arbitraries -----------------------------------------------------------------

const ONE_MB_STRING = '€🦄'.repeat(1 << 18); // 1,048,576 UTF-16 units; 1.75 MB as UTF-8
const TEN_THOUSAND_ITEMS = Object.freeze(Array.from({ length: 10_000 }, (_, index) => (index % 2 ? `item ${index} ✓` : index)));

/** Keys a delivery might really have, plus the ones that break naive code. */
const MEANINGFUL_KEYS = [
  ...new Set([
    ...EVENTS.flatMap((spec) => Object.keys(spec.sample)),
    ...['eventType', 'vendorId', 'userId', 'contractId', 'entitlementId', 'checkoutId', 'occured_at', 'occurredAt', 'id'],
    ...['sesamyTags', 'sesamyTagsText', 'tags', 'email', 'sku', 'status', 'price', 'total', 'productType', 'type'],
  ]),
];
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '🦄', 'a.b', 'user__email'];

// Any code point (lone surrogates included), and whole emoji, flags, joiners and bidi marks.
// Built from an array, not fc.string: fc.string's 'grapheme' unit rebuilds a lookup table
// on every draw, which would triple the run's time.
const codePoint = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCodePoint(code)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)) },
  { weight: 1, arbitrary: fc.constantFrom('🦄', '👩‍👩‍👧', '🇸🇪', 'é', 'e\u0301', 'ß', 'İ', '\u202e', '\u0000', '"', '\\', '</script>') },
);
const text = fc.oneof(
  { weight: 8, arbitrary: fc.array(codePoint, { maxLength: 24 }).map((points) => points.join('')) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(VENDOR, 'acme-sport', 'vendor_123', 'user_ada', 'contract_101', 'ent_202', '123-xyz', 'premium-digital'),
  },
  { weight: 2, arbitrary: fc.constantFrom(...EVENT_TYPES, 'contract.1#purchased ', 'CONTRACT.1#PURCHASED', '#') },
  { weight: 2, arbitrary: fc.constantFrom('2022-11-08T12:49:11.190Z', '2026-13-45T99:99:99Z', 'not a date', '0', 'CANCELED', 'ACTIVE') },
);
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MEANINGFUL_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_KEYS) },
  { weight: 2, arbitrary: text },
);
const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }), // JSON carries no NaN or Infinity
  fc.boolean(),
  fc.constant(null),
);
const huge = fc.constantFrom<unknown>(ONE_MB_STRING, TEN_THOUSAND_ITEMS);

/** Any JSON value; objects through Object.fromEntries, so `__proto__` becomes an own key, as JSON.parse makes it. */
const { json } = fc.letrec<{ json: unknown; object: JsonObject }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 8, arbitrary: scalar },
    { weight: 3, arbitrary: tie('object') },
    { weight: 2, arbitrary: fc.array(tie('json'), { maxLength: 5 }) },
  ),
  object: fc.array(fc.tuple(key, tie('json')), { maxLength: 8 }).map((entries) => Object.fromEntries(entries) as JsonObject),
}));

/** A value that replaces a field: anything, null, or (rarely) a 1 MB string or 10,000-element array. */
const replacement = fc.oneof({ weight: 80, arbitrary: json }, { weight: 20, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: huge });

type Mutation = { path: readonly string[]; change: 'remove' } | { path: readonly string[]; change: 'set'; value: unknown };

const pathsOf = (value: unknown, prefix: readonly string[] = []): (readonly string[])[] =>
  isObject(value) || Array.isArray(value)
    ? Object.keys(value).flatMap((child) => [[...prefix, child], ...pathsOf((value as JsonObject)[child], [...prefix, child])])
    : [];

const applied = (sample: unknown, mutations: readonly Mutation[]): unknown => {
  const copy = structuredClone(sample);
  for (const mutation of mutations) {
    const parentPath = mutation.path.slice(0, -1);
    const last = mutation.path.at(-1) as string;
    let parent: unknown = copy;
    for (const step of parentPath) parent = isObject(parent) || Array.isArray(parent) ? (parent as JsonObject)[step] : undefined;
    // An earlier mutation removed or retyped it, or put a generated value there that an earlier case froze.
    if (!(isObject(parent) || Array.isArray(parent)) || Object.isFrozen(parent)) continue;
    if (mutation.change === 'remove') delete (parent as JsonObject)[last];
    else Object.defineProperty(parent, last, { value: mutation.value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
};

/** A documented payload (of any trigger, not only the one under test) with fields removed, retyped, nulled or oversized. */
const mutatedSample = fc
  .constantFrom(...EVENTS.map((spec) => ({ sample: spec.sample, paths: pathsOf(spec.sample) })))
  .chain(({ sample, paths }) => {
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ path: fc.constantFrom(...paths), change: fc.constant('remove' as const) }),
      fc.record({ path: fc.constantFrom(...paths), change: fc.constant('set' as const), value: replacement }),
      // a new field, possibly `__proto__`, at the top or inside an object
      fc.record({ path: fc.tuple(key).map((added) => added), change: fc.constant('set' as const), value: json }),
    );
    return fc.array(mutation, { minLength: 0, maxLength: 4 }).map((mutations) => applied(sample, mutations));
  });

/** Sesamy's standard (thin) event, sometimes bent: served by the fake account, so lookups really run. */
const mutatedThinEvent = fc
  .record({
    eventType: fc.constantFrom<string>(...EVENT_TYPES),
    ids: fc.record({
      userId: fc.constantFrom('user_ada', 'user_grace', 'user_missing'),
      contractId: fc.constantFrom('contract_101', 'contract_102', 'contract_missing'),
      entitlementId: fc.constantFrom('ent_202', 'ent_203', 'ent_missing'),
    }),
    vendorId: fc.constantFrom<unknown>(VENDOR, VENDOR, 'acme-sport', 7, null),
  })
  .chain(({ eventType, ids, vendorId }) => {
    const event = { ...thinEvent(eventType, ids), vendorId };
    const paths = pathsOf(event);
    return fc
      .array(fc.record({ path: fc.constantFrom(...paths), change: fc.constant('set' as const), value: replacement }), { maxLength: 2 })
      .map((mutations) => applied(event, mutations));
  });

/** An event-like item: mostly mutated documented payloads. */
const eventLike = fc.oneof({ weight: 6, arbitrary: mutatedSample }, { weight: 2, arbitrary: json });

/** What arrives at the hook: one event, a list of mixed items, a non-object, or (rarely) a thin event needing lookups. */
const delivery = fc.oneof(
  { weight: 60, arbitrary: eventLike },
  { weight: 15, arbitrary: fc.array(fc.oneof(eventLike, scalar, fc.array(scalar, { maxLength: 3 })), { maxLength: 6 }) },
  { weight: 10, arbitrary: json },
  { weight: 1, arbitrary: mutatedThinEvent },
);

/** Sometimes the Zap has filters set too, matching or not, well-formed or not. */
const inputData = fc.oneof(
  { weight: 8, arbitrary: fc.constant({}) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        skus: fc.constantFrom<unknown>(['123-xyz'], ['premium-digital', 'weekend-print'], 'premium-digital', []),
        endStatuses: fc.constantFrom<unknown>(['CANCELED'], ['EXPIRED', 'DELETED'], 'CANCELED'),
        minTotal: fc.constantFrom<unknown>(10, '5', '0'),
        maxTotal: fc.constantFrom<unknown>(1000, '99.5'),
      },
      { requiredKeys: [] },
    ),
  },
);

// ---- The property --------------------------------------------------------------

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

/** The event objects of a delivery, in order (what perform may turn into rows). */
const eventsOf = (delivered: unknown): JsonObject[] => (Array.isArray(delivered) ? delivered : [delivered]).filter(isObject);

/** Every delivered field of the event is in the row with the very same value. */
const keepsEveryField = (row: JsonObject, event: JsonObject): boolean =>
  Object.keys(event).every((field) => Object.hasOwn(row, field) && Object.is(row[field], event[field]));

const describeValue = (value: unknown): string => {
  const shown = JSON.stringify(value, (_, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length})` : v));
  return shown === undefined ? String(value) : shown.length > 600 ? `${shown.slice(0, 600)}…` : shown;
};

/** One delivery, with the Zap's filter inputs, through a trigger's perform. */
export type Run = (delivered: unknown, inputs: Record<string, unknown>) => Promise<unknown>;

/** Runs one case and returns what is wrong with its outcome, or undefined when it holds. */
export const violation = async (perform: Run, delivered: unknown, inputs: Record<string, unknown>): Promise<string | undefined> => {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), HANG_MS);
  });
  const outcome = await Promise.race([
    perform(delivered, inputs).then(
      (rows) => ({ rows }),
      (error: unknown) => ({ error }),
    ),
    hung,
  ]).finally(() => clearTimeout(timer));

  if (outcome === 'hung') return `perform did not settle within ${HANG_MS} ms`;
  if ('error' in outcome) {
    const { error } = outcome;
    if (!(error instanceof Error)) return `threw a non-error: ${describeValue(error)}`;
    if (!ZAPIER_ERRORS.some((kind) => error instanceof kind)) return `threw ${error.name}: ${error.message}\n${error.stack ?? ''}`;
    const message = messageOf(error);
    if (!/^[A-Z“"].{20,}[.)]$/s.test(message) || message.length > 600) return `unclear message: ${message}`;
    if (`${error.message}${error.stack ?? ''}`.includes(CLIENT_SECRET) || error.message.includes(ACCESS_TOKEN))
      return 'a secret in an error';
    return undefined;
  }
  const { rows } = outcome;
  if (!Array.isArray(rows)) return `returned a non-array: ${describeValue(rows)}`;
  // Rows come in delivery order, some events filtered out: match them as a subsequence.
  const events = eventsOf(delivered);
  let next = 0;
  for (const row of rows) {
    if (!isObject(row)) return `returned a non-object row: ${describeValue(row)}`;
    if (row.vendorId !== VENDOR) return `returned a row for vendor ${describeValue(row.vendorId)}`;
    while (next < events.length && !keepsEveryField(row, events[next] as JsonObject)) next += 1;
    if (next === events.length) return `a row lost or changed a delivered field: ${describeValue(row)}`;
    next += 1;
  }
  return undefined;
};

/** The seed: fixed, so a failure reproduces; FUZZ_SEED=… explores others. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

/** What the cases came to: the run must reach rows, skips and errors alike, or it tests little. */
interface Tally {
  cases: number;
  rows: number;
  noRow: number;
  errors: number;
}

const runTrigger = async (spec: EventSpec, numRuns: number, perform: Run, logged: string[]): Promise<Tally> => {
  const tally: Tally = { cases: 0, rows: 0, noRow: 0, errors: 0 };
  const counting: Run = async (delivered, inputs) => {
    tally.cases += 1;
    try {
      const rows = await perform(delivered, inputs);
      if (Array.isArray(rows) && rows.length > 0) tally.rows += 1;
      else tally.noRow += 1;
      return rows;
    } catch (error) {
      tally.errors += 1;
      throw error;
    }
  };
  await fc.assert(
    fc.asyncProperty(delivery, inputData, async (delivered, inputs) => {
      logged.length = 0;
      const problem = (await violation(counting, deepFreeze(delivered), inputs)) ?? logProblem(logged);
      if (problem) throw new Error(`${spec.key}: ${problem}`);
    }),
    { numRuns, seed: SEED, endOnFailure: true },
  );
  return tally;
};

const logProblem = (lines: readonly string[]): string | undefined => {
  const bad = lines.find((line) => line.includes('\n') || line.includes(CLIENT_SECRET) || line.includes(ACCESS_TOKEN) || line.length > 400);
  return bad === undefined ? undefined : `logged a bad line: ${describeValue(bad)}`;
};

/** Declares the fuzz runs for these triggers in the calling test file. */
export const fuzzTriggers = (specs: readonly (typeof EVENTS)[number][]): void => {
  let z: ZObject;
  const answered = new Map<string, Promise<unknown>>();
  const logged: string[] = [];
  const tallies: Record<string, Tally> = {};

  beforeAll(async () => {
    // Keep Jest's output readable: core's console logs each line perform writes.
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await appTester(async (captured: ZObject) => {
      // Its requests carry the test connection's token through the app's middleware;
      // its console collects what perform logs, for the property to read.
      const collect = (...parts: unknown[]) => void logged.push(parts.map(String).join(' '));
      // Each distinct GET goes through core's pipeline once per test, then is answered from memory:
      // a request costs ~40 ms under Jest, and every rich delivery reads the reader's two lists.
      const request = ((options: { url?: string; method?: string }) => {
        if ((options.method ?? 'GET') !== 'GET' || typeof options.url !== 'string') return captured.request(options as never);
        let pending = answered.get(options.url);
        if (!pending) {
          pending = captured.request(options as never);
          answered.set(options.url, pending);
        }
        return pending;
      }) as ZObject['request'];
      z = { ...captured, request, console: { ...captured.console, log: collect, info: collect, warn: collect, error: collect } } as ZObject;
      return {};
    }, bundleWith());
  });

  beforeEach(() => {
    answered.clear();
    serveAccount(); // thin events' lookups, the reader's lists for their tags, and the product-type filter's
  });

  afterAll(() => {
    jest.restoreAllMocks();
    // Printed once, above jest's summary, by test/support/fuzz-reporter.mjs.
    const line = (t: Tally) => `${t.cases} cases, ${t.rows} with rows, ${t.noRow} without, ${t.errors} Zapier errors`;
    writeTallies(
      'Fuzz run: generated deliveries per trigger, and what perform made of them',
      SEED,
      Object.fromEntries(Object.entries(tallies).map(([key, t]) => [key, line(t)])),
    );
  });

  const cases = specs.map((spec) => [spec.key, spec] as const);

  // First, while the process is small (see APP_TESTER_RUNS_PER_TRIGGER).
  describe(`perform, through the full app tester, survives ${APP_TESTER_RUNS_PER_TRIGGER} generated deliveries per trigger`, () => {
    it.each(cases)(
      '%s',
      async (_key, spec) => {
        const { perform } = hookOperation(spec.key);
        const tally = await runTrigger(
          spec,
          APP_TESTER_RUNS_PER_TRIGGER,
          (delivered, inputs) =>
            appTester(
              perform,
              bundleWith({ inputData: { vendorId: VENDOR, ...inputs }, cleanedRequest: delivered as Bundle['cleanedRequest'] }),
            ),
          [],
        );
        expect(tally.cases).toBe(APP_TESTER_RUNS_PER_TRIGGER);
      },
      60_000,
    );
  });

  describe(`perform survives ${RUNS_PER_TRIGGER} generated deliveries per trigger`, () => {
    it.each(cases)(
      '%s',
      async (key, spec) => {
        const { perform } = hookOperation(spec.key);
        const tally = await runTrigger(
          spec,
          RUNS_PER_TRIGGER,
          (delivered, inputs) =>
            // A z of its own per case, as Zapier gives each run: a run that ends sends nothing more (api/invocation.ts).
            perform({ ...z }, {
              ...(bundleWith() as Bundle),
              inputData: { vendorId: VENDOR, ...inputs },
              cleanedRequest: delivered,
            } as Bundle),
          logged,
        );
        tallies[key] = tally;
        expect(tally.cases).toBe(RUNS_PER_TRIGGER);
        // The generators reach every outcome, each in at least 1% of the cases.
        for (const outcome of ['rows', 'noRow', 'errors'] as const)
          expect([outcome, tally[outcome] >= RUNS_PER_TRIGGER / 100]).toEqual([outcome, true]);
      },
      60_000 + RUNS_PER_TRIGGER * 10,
    ); // ~2 ms a case at worst, under load
  });
};
