// Sesamy's answers, generated, at New Payment, New Refund and Find Payments: transaction
// lists in any order, with ids listed twice, fields missing or of the wrong type, odd
// dates, 1 MB strings, records that are not objects, `{data: […]}` envelopes and answers
// that are no list at all; readers, contracts and bills answered with a record (odd or
// not), 404, 403, 429 or 500; the Zap's Products and amounts typed as people type them; scheduled checks,
// Test trigger and the first check after a Zap is turned on.
//
// The property: a run either returns rows (each with exactly the row's 16 top-level keys,
// a unique string id, the trigger's kind, and the amount of a transaction Sesamy listed
// with that id, unchanged, or read from its text), or throws a Zapier error with a clear message and no secret;
// never anything else, never a hang, never more requests than the stated bounds; whatever
// it logs is one line without a secret.
//
// Speed: the bulk runs answer requests in process (fuzz-actions.ts inProcessZ: the app's
// own middleware and error policy, no HTTP); a few cases per step also go through core's
// full app tester and nock, and must give the same outcome and the same requests.
import { isDeepStrictEqual } from 'node:util';
import { jest } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ACCESS_TOKEN, API, authData, CLIENT_SECRET } from '../../scripts/fake-sesamy/account.ts';
import type { SeenRequest } from '../../scripts/fake-sesamy/api.ts';
import { isObject, type JsonObject } from '../../sesamy/json.ts';
import { inProcessZ } from './fuzz-actions.ts';
import { typed } from './fuzz-inputs.ts';
import { writeTallies } from './fuzz-tallies.ts';
import {
  appTester,
  errors,
  forgetMemory,
  messageOf,
  type PollingKey,
  pollingOperation,
  type SearchKey,
  searchOperation,
  ZAP,
} from './harness.ts';

/** Cases per step in the in-process run, and through the full app tester. */
export const RUNS_PER_STEP = Number(process.env.FUZZ_RUNS ?? 5_000);
export const APP_TESTER_RUNS_PER_STEP = 12;
export const HANG_MS = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** The fake account's today: dates are generated around it, and the clock is held there. */
const NOW = Date.parse('2026-11-28T12:00:00Z');

/** The most requests a run may make: a check 20 list requests and 25 rows of 3; Test trigger 12 rows; Find Payments 1 + 1 + 20 + 1 + 25 × 2. */
const BOUNDS = { check: 20 + 25 * 3, sample: 20 + 12 * 3, populate: 20, search: 1 + 10 + 20 + 1 + 25 * 2 } as const;

const ZAPIER_ERRORS = [errors.HaltedError, errors.Error, errors.ThrottledError, errors.ExpiredAuthError, errors.RefreshAuthError];
const ROW_KEYS = [
  'amount',
  'bill',
  'billId',
  'contract',
  'contractId',
  'createdAt',
  'currency',
  'id',
  'isRefund',
  'items',
  'signedAmount',
  'status',
  'type',
  'updatedAt',
  'user',
  'userId',
];

// ---- Sesamy's answers ----------------------------------------------------------------

const ONE_MB_STRING = '€🦄'.repeat(1 << 18);
const USERS = ['user_ada', 'user_grace', 'user_gone'];
const BILLS = ['bill_a', 'bill_b', 'bill_c', 'bill_gone'];
const CONTRACTS = ['contract_101', 'contract_103', 'contract_gone'];
const IDS = Array.from({ length: 30 }, (_, index) => `txn_${index}`);
const SKUS = ['premium-digital', 'weekend-print', 'archive-pass'];

/** Anything in place of a value: what a mapping may deliver, and rarely (it costs) a 1 MB string. */
const odd = fc.oneof({ weight: 300, arbitrary: typed }, { weight: 1, arbitrary: fc.constant<unknown>(ONE_MB_STRING) });
/** Mostly the value, sometimes anything. */
const mostly = <T>(arbitrary: fc.Arbitrary<T>, weight = 12) => fc.oneof({ weight, arbitrary }, { weight: 1, arbitrary: odd });

const date = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: -30, max: 3 * 24 * 60 }).map((minutes) => new Date(NOW - minutes * 60_000).toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('2026-13-45T99:99:99Z', 'not a date', '', '1700000000', '2026-11-28', null) },
  { weight: 1, arbitrary: odd },
);

const transaction = fc
  .tuple(
    fc.record({
      id: mostly(fc.constantFrom(...IDS), 40),
      amount: mostly(
        fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.double({ min: -2000, max: 2000, noNaN: true, noDefaultInfinity: true })),
      ),
      currency: mostly(fc.constantFrom('SEK', 'DKK', 'EUR')),
      contractId: mostly(fc.constantFrom(...CONTRACTS)),
      status: fc.option(mostly(fc.constantFrom('SUCCEEDED', 'PAID', 'FAILED', 'PENDING', 'failed')), { freq: 2 }),
      type: fc.option(mostly(fc.constantFrom('PAYMENT', 'REFUND', 'RENEWAL')), { freq: 2 }),
      isRefund: mostly(fc.boolean(), 30),
      userId: mostly(fc.constantFrom(...USERS)),
      billId: mostly(fc.constantFrom(...BILLS)),
      createdAt: date,
      updatedAt: date,
    }),
    fc.option(fc.constantFrom('id', 'amount', 'isRefund', 'userId', 'billId', 'createdAt', 'currency'), { freq: 6 }),
    fc.option(fc.constantFrom('__proto__', 'constructor', 'toString'), { freq: 20 }),
  )
  .map(([record, dropped, nasty]) => {
    const entries = Object.entries(record).filter(([key]) => key !== dropped);
    return Object.fromEntries(nasty ? [...entries, [nasty, { polluted: true }]] : entries) as unknown;
  });

const listItem = fc.oneof({ weight: 40, arbitrary: transaction }, { weight: 1, arbitrary: odd });

const list = fc.oneof(
  { weight: 16, arbitrary: fc.array(listItem, { maxLength: 30 }) },
  { weight: 4, arbitrary: fc.array(listItem, { minLength: 95, maxLength: 125 }) },
  { weight: 1, arbitrary: odd },
);

type Reply = readonly [number, unknown?];
const failure = (status: number): Reply => [status, { error: { code: `E${status}`, message: `echo ${CLIENT_SECRET}` } }];

const reader = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        email: mostly(fc.constantFrom('ada@example.com', 'grace@example.com')),
        firstName: mostly(fc.constant('Ada')),
        name: mostly(fc.constant('Ada Lovelace')),
      })
      .map((profile): Reply => [200, { userId: 'user_x', ...profile }]),
  },
  { weight: 1, arbitrary: fc.constantFrom(404, 403, 429, 500).map(failure) },
  { weight: 1, arbitrary: odd.map((body): Reply => [200, body]) },
);

const billItem = fc.record({
  sku: mostly(fc.constantFrom(...SKUS)),
  title: mostly(fc.constant('Premium Digital')),
  purchaseOptionId: mostly(fc.constant('po-monthly')),
});
const bill = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        id: mostly(fc.constant('bill_x'), 20),
        items: mostly(fc.array(fc.oneof({ weight: 10, arbitrary: billItem }, { weight: 1, arbitrary: odd }), { maxLength: 3 })),
        price: mostly(fc.double({ min: 0, max: 5000, noNaN: true, noDefaultInfinity: true })),
        currency: mostly(fc.constant('SEK')),
        receiptUrl: mostly(fc.constant('https://receipts.example.com/x')),
        paymentProvider: mostly(fc.constant('stripe')),
        paymentMethod: mostly(fc.constant('card')),
        status: mostly(fc.constantFrom('PAID', 'VOIDED')),
      })
      .map((record): Reply => [200, record]),
  },
  { weight: 1, arbitrary: fc.constantFrom(404, 403, 429, 500).map(failure) },
  { weight: 1, arbitrary: odd.map((body): Reply => [200, body]) },
);

const contractItem = fc.record({
  sku: mostly(fc.constantFrom(...SKUS)),
  purchaseOptionId: mostly(fc.constant('po-monthly')),
  name: mostly(fc.constant('Premium Digital')),
});
const contract = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        id: mostly(fc.constant('contract_x'), 20),
        name: mostly(fc.constant('Premium Digital')),
        items: mostly(fc.array(fc.oneof({ weight: 10, arbitrary: contractItem }, { weight: 1, arbitrary: odd }), { maxLength: 2 })),
        createdAt: date,
      })
      .map((record): Reply => [200, record]),
  },
  { weight: 1, arbitrary: fc.constantFrom(404, 403, 429, 500).map(failure) },
  { weight: 1, arbitrary: odd.map((body): Reply => [200, body]) },
);

/** One generated Sesamy account, as its answers. */
export interface World {
  readonly list: unknown;
  readonly order: 'newest first' | 'oldest first' | 'as generated';
  readonly envelope: boolean;
  readonly readers: Readonly<Record<string, Reply>>;
  readonly contracts: Readonly<Record<string, Reply>>;
  readonly bills: Readonly<Record<string, Reply>>;
}

const world: fc.Arbitrary<World> = fc.record({
  list,
  order: fc.constantFrom<World['order']>('newest first', 'newest first', 'oldest first', 'as generated'),
  envelope: fc.boolean(),
  readers: fc.record(Object.fromEntries(USERS.map((id) => [id, reader])) as Record<string, fc.Arbitrary<Reply>>),
  contracts: fc.record(Object.fromEntries(CONTRACTS.map((id) => [id, contract])) as Record<string, fc.Arbitrary<Reply>>),
  bills: fc.record(Object.fromEntries(BILLS.map((id) => [id, bill])) as Record<string, fc.Arbitrary<Reply>>),
});

const timeOf = (item: unknown): number => (isObject(item) && typeof item.createdAt === 'string' ? Date.parse(item.createdAt) || 0 : 0);

/** How the generated account answers a request, as Sesamy would: pages of its list, its readers and bills. */
export const answerOf =
  (account: World) =>
  (_method: string, url: URL): Reply => {
    const path = url.pathname;
    if (path === '/management/transactions') {
      if (!Array.isArray(account.list)) return [200, account.list];
      const userId = url.searchParams.get('userId');
      const listed = account.list.filter((item) => userId === null || !isObject(item) || item.userId === userId);
      if (account.order !== 'as generated')
        listed.sort((a, b) => (account.order === 'newest first' ? timeOf(b) - timeOf(a) : timeOf(a) - timeOf(b)));
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const page = listed.slice(offset, offset + Number(url.searchParams.get('limit') ?? 50));
      return [200, account.envelope ? { data: page } : page];
    }
    if (path === '/management/users') return [200, [{ id: 'user_ada', email: 'ada@example.com' }]];
    const [, , collection, id = ''] = path.split('/').map(decodeURIComponent);
    if (collection === 'users') return account.readers[id] ?? failure(404);
    if (collection === 'bills') return account.bills[id] ?? failure(404);
    if (collection === 'contracts') return account.contracts[id] ?? failure(404);
    return failure(404);
  };

// ---- The Zap's side --------------------------------------------------------------------

const amountTyped = fc.oneof(
  { weight: 12, arbitrary: fc.constant<unknown>(undefined) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>('99,50', '50', '0', 100, 99.5, '-5') },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('1 000', '1,000', '1.000', 'abc', '') },
  { weight: 1, arbitrary: typed },
);
const skusTyped = fc.oneof(
  { weight: 8, arbitrary: fc.constant<unknown>(undefined) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>('premium-digital', 'weekend-print, archive-pass', ['premium-digital'], '') },
  { weight: 1, arbitrary: typed },
);

/** A trigger's run: its filters and which check it is. */
const triggerRun = fc.record({
  inputs: fc.record({ skus: skusTyped, minAmount: amountTyped, maxAmount: amountTyped }),
  meta: fc.constantFrom<JsonObject>({}, {}, {}, {}, { isLoadingSample: true }, { isPopulatingDedupe: true }),
});

/** Find Payments' run: a reader, mostly by id. */
const searchRun = fc.record({
  inputs: fc.record({
    userId: fc.oneof({ weight: 8, arbitrary: fc.constantFrom<unknown>(...USERS) }, { weight: 1, arbitrary: typed }),
    email: fc.oneof(
      { weight: 8, arbitrary: fc.constant<unknown>(undefined) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>('ada@example.com', 'x') },
    ),
    kind: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom<unknown>(undefined, 'refunds', 'payments', 'any') },
      { weight: 1, arbitrary: typed },
    ),
    sku: skusTyped,
  }),
  meta: fc.constant<JsonObject>({}),
});

// ---- The property ------------------------------------------------------------------------

export type Step = PollingKey | Extract<SearchKey, 'find_payments'>;
type Outcome = { rows: unknown } | { error: unknown } | 'hung';

const shown = (value: unknown): string => {
  const text = JSON.stringify(value, (_, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length})` : v));
  return text === undefined ? String(value) : text.slice(0, 600);
};

/** The ids the app reads from a listed record, as api/records.ts's Id does: a trimmed string, or a number as text. */
const idOf = (item: unknown): string | undefined => {
  const id = isObject(item) ? item.id : undefined;
  return typeof id === 'string' ? id.trim() || undefined : typeof id === 'number' ? String(id) : undefined;
};

/** The amount Sesamy listed, as a number: a finite JSON number, or the text of one ("99.50"); anything else is none. */
const listedAmount = (value: unknown): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : null;
};

const listedWith = (account: World, id: string): JsonObject[] =>
  (Array.isArray(account.list) ? account.list : isObject(account.list) && Array.isArray(account.list.data) ? account.list.data : []).filter(
    (item): item is JsonObject => isObject(item) && idOf(item) === id,
  );

const boundOf = (step: Step, meta: JsonObject): number =>
  step === 'find_payments'
    ? BOUNDS.search
    : meta.isPopulatingDedupe
      ? BOUNDS.populate
      : meta.isLoadingSample
        ? BOUNDS.sample
        : BOUNDS.check;

/** What is wrong with a run, or undefined when the property holds. */
export const violation = (
  step: Step,
  outcome: Outcome,
  context: { account: World; meta: JsonObject; requests: readonly SeenRequest[]; logged: readonly string[] },
): string | undefined => {
  if (outcome === 'hung') return `did not settle within ${HANG_MS} ms`;
  const bound = boundOf(step, context.meta);
  if (context.requests.length > bound) return `made ${context.requests.length} requests, more than ${bound}`;
  const badLine = context.logged.find(
    (line) => line.includes('\n') || line.length > 400 || line.includes(CLIENT_SECRET) || line.includes(ACCESS_TOKEN),
  );
  if (badLine !== undefined) return `logged a bad line: ${shown(badLine)}`;
  if ('error' in outcome) {
    const { error } = outcome;
    if (!(error instanceof Error)) return `threw a non-error: ${shown(error)}`;
    if (!ZAPIER_ERRORS.some((kind) => error instanceof kind)) return `threw ${error.name}: ${error.message}\n${error.stack ?? ''}`;
    const message = messageOf(error);
    if (!/^[A-Z“"].{20,}[.)]$/s.test(message) || message.length > 600) return `unclear message: ${message}`;
    if (`${error.message}${error.stack ?? ''}`.includes(CLIENT_SECRET) || error.message.includes(ACCESS_TOKEN))
      return 'a secret in an error';
    return undefined;
  }
  const { rows } = outcome;
  if (!Array.isArray(rows)) return `returned a non-array: ${shown(rows)}`;
  const ids = new Set<string>();
  for (const row of rows) {
    if (!isObject(row)) return `returned a non-object row: ${shown(row)}`;
    if (!isDeepStrictEqual(Object.keys(row).sort(), ROW_KEYS)) return `a row with the keys ${shown(Object.keys(row).sort())}`;
    if (typeof row.id !== 'string' || row.id === '' || ids.has(row.id)) return `a row without a unique string id: ${shown(row.id)}`;
    ids.add(row.id);
    if (step !== 'find_payments' && row.isRefund !== (step === 'refund_issued')) return `a row of the other kind: ${shown(row)}`;
    const listed = listedWith(context.account, row.id);
    // Compared as JSON carries them: -0 arrives as 0.
    const amountAsListed = listed.some((item) => listedAmount(item.amount) === row.amount);
    if (!amountAsListed) return `row ${shown(row.id)} has the amount ${shown(row.amount)}, which Sesamy did not list for it`;
  }
  return undefined;
};

interface Tally {
  cases: number;
  rows: number;
  noRow: number;
  errors: number;
}

/** A z.cache that keeps JSON, as core's does, for one case. */
const memoryCache = (): ZObject['cache'] => {
  const store = new Map<string, string>();
  return {
    get: async (key: string) => {
      const value = store.get(key);
      return value === undefined ? null : (JSON.parse(value) as unknown);
    },
    set: async (key: string, value: unknown) => {
      store.set(key, JSON.stringify(value));
      return true;
    },
    delete: async (key: string) => store.delete(key),
  } as unknown as ZObject['cache'];
};

const performOf = (step: Step) =>
  (step === 'find_payments' ? searchOperation(step).perform : pollingOperation(step).perform) as (
    z: ZObject,
    bundle: Bundle,
  ) => Promise<unknown>;

const settle = async (run: () => Promise<unknown>): Promise<Outcome> => {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), HANG_MS);
  });
  return Promise.race([
    Promise.resolve()
      .then(run)
      .then(
        (rows) => ({ rows }),
        (error: unknown) => ({ error }),
      ),
    hung,
  ]).finally(() => clearTimeout(timer));
};

/** Declares the fuzz runs for these steps in the calling test file. */
export const fuzzPayments = (steps: readonly Step[]): void => {
  let captured: ZObject;
  const tallies: Record<string, Tally> = {};

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'],
      now: NOW,
    });
    await appTester(
      async (z: ZObject) => {
        captured = z;
        return {};
      },
      { authData: { ...authData } },
    );
  });

  afterAll(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
    const line = (t: Tally) => `${t.cases} cases, ${t.rows} with rows, ${t.noRow} without, ${t.errors} Zapier errors`;
    writeTallies(
      'Fuzz run: generated Sesamy answers per money step, and what it made of them',
      SEED,
      Object.fromEntries(Object.entries(tallies).map(([key, t]) => [key, line(t)])),
    );
  });

  const runOf = (step: Step) => (step === 'find_payments' ? searchRun : triggerRun);
  const bundleOf = (inputs: JsonObject, meta: JsonObject) =>
    ({ authData: { ...authData }, inputData: inputs, meta: { zap: ZAP, ...meta } }) as unknown as Bundle;
  /** One case in process: the account's answers through the app's middleware, a fresh z.cache, the lines it logs. */
  const inProcess = async (step: Step, account: World, inputs: JsonObject, meta: JsonObject) => {
    const requests: SeenRequest[] = [];
    const logged: string[] = [];
    const collect = (...parts: unknown[]) => void logged.push(parts.map(String).join(' '));
    const z = {
      ...inProcessZ(captured, () => ({ requests, answer: answerOf(account) })),
      console: { ...captured.console, log: collect, info: collect, warn: collect, error: collect },
      cache: memoryCache(),
    } as ZObject;
    const outcome = await settle(() => performOf(step)(z, bundleOf(inputs, meta)));
    return { outcome, requests, logged };
  };
  const summary = (outcome: Outcome) =>
    outcome === 'hung' || 'rows' in outcome ? outcome : { error: `${(outcome.error as Error).name}: ${messageOf(outcome.error as Error)}` };

  describe(`the in-process path gives what the full app tester gives, on ${APP_TESTER_RUNS_PER_STEP} generated accounts per step`, () => {
    it.each(steps.map((step) => [step]))(
      '%s',
      async (step) => {
        const cases = fc.sample(fc.tuple(world, runOf(step)), { numRuns: APP_TESTER_RUNS_PER_STEP, seed: SEED });
        for (const [account, { inputs, meta }] of cases) {
          nock.cleanAll();
          forgetMemory();
          const served: SeenRequest[] = [];
          const answer = answerOf(account);
          nock(API)
            .persist()
            .get(/^\/management\//)
            .reply((request: Request) => {
              const url = new URL(request.url);
              served.push({ method: 'GET', path: `${url.pathname}${url.search}` });
              const [status, body] = answer('GET', url);
              return [status, JSON.stringify(body) ?? ''];
            });
          const viaAppTester = await settle(() => appTester(performOf(step), bundleOf(inputs, meta)));
          const { outcome, requests } = await inProcess(step, account, inputs, meta);
          // Compared decoded: core encodes a query's odd characters its own way on the way out.
          const decoded = (path: string) => {
            const url = new URL(path, API);
            return [url.pathname, ...[...url.searchParams].map(([key, value]) => `${key}=${value}`)].join(' ');
          };
          const paths = (seen: readonly SeenRequest[]) => seen.map((request) => decoded(request.path)).sort();
          if (!isDeepStrictEqual([summary(outcome), paths(requests)], [summary(viaAppTester), paths(served)])) {
            throw new Error(
              `${step}: in process ${shown([summary(outcome), paths(requests)])}\n  via the app tester ${shown([summary(viaAppTester), paths(served)])}`,
            );
          }
        }
      },
      120_000,
    );
  });

  describe(`each step survives ${RUNS_PER_STEP} generated accounts`, () => {
    it.each(steps.map((step) => [step]))(
      '%s',
      async (step) => {
        const tally: Tally = { cases: 0, rows: 0, noRow: 0, errors: 0 };
        const details = await fc.check(
          fc.asyncProperty(world, runOf(step), async (account, { inputs, meta }) => {
            tally.cases += 1;
            const { outcome, requests, logged } = await inProcess(step, account, inputs, meta);
            if (outcome !== 'hung' && 'rows' in outcome) {
              if (Array.isArray(outcome.rows) && outcome.rows.length > 0) tally.rows += 1;
              else tally.noRow += 1;
            } else tally.errors += 1;
            const problem = violation(step, outcome, { account, meta, requests, logged });
            if (problem) throw new Error(`${step}: ${problem}`);
          }),
          { numRuns: RUNS_PER_STEP, seed: SEED, endOnFailure: true },
        );
        if (details.failed) {
          const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
          throw new Error(`${cause}\n  case: ${shown(details.counterexample)}\n  (seed ${SEED}, path ${details.counterexamplePath ?? ''})`);
        }
        tallies[step] = tally;
        expect(tally.cases).toBe(RUNS_PER_STEP);
        // The generators reach every outcome, each in at least 1% of the cases.
        for (const outcome of ['rows', 'noRow', 'errors'] as const)
          expect([outcome, tally[outcome] >= RUNS_PER_STEP / 100]).toEqual([outcome, true]);
      },
      60_000 + RUNS_PER_STEP * 20,
    );
  });

  it('the property can fail: a row of the other kind, a changed amount, a key too many, too many requests', () => {
    const account: World = {
      list: [{ id: 'txn_1', amount: 99, isRefund: false }],
      order: 'as generated',
      envelope: false,
      readers: {},
      contracts: {},
      bills: {},
    };
    const row = Object.fromEntries(ROW_KEYS.map((key) => [key, null])) as JsonObject;
    const context = { account, meta: {}, requests: [], logged: [] };
    expect(violation('refund_issued', { rows: [{ ...row, id: 'txn_1', isRefund: false, amount: 99 }] }, context)).toMatch(
      /of the other kind/,
    );
    expect(violation('payment_received', { rows: [{ ...row, id: 'txn_1', isRefund: false, amount: 9900 }] }, context)).toMatch(
      /did not list/,
    );
    expect(violation('payment_received', { rows: [{ ...row, id: 'txn_1', isRefund: false, amount: 99, extra: 1 }] }, context)).toMatch(
      /keys/,
    );
    expect(
      violation(
        'payment_received',
        { rows: [] },
        { ...context, requests: Array.from({ length: 96 }, () => ({ method: 'GET', path: '/' })) },
      ),
    ).toBe('made 96 requests, more than 95');
    expect(violation('payment_received', { rows: [{ ...row, id: 'txn_1', isRefund: false, amount: 99 }] }, context)).toBeUndefined();
  });
};
