// The one test harness: the app under test through Zapier's own app tester (real middleware,
// real checks), with ways to run its triggers, searches, actions and dropdowns as Zapier would.

import { afterEach, beforeEach, jest } from '@jest/globals';
import type { Bundle, ZObject } from 'zapier-platform-core';
import zapier from 'zapier-platform-core';
import { EVENTS, type EventSpec, type TriggerKey } from '../../events.ts';
import App from '../../index.ts';
import { MONEY_TRIGGERS, type MoneyTriggerKey } from '../../money-triggers.ts';
import type { OutputField } from '../../output-fields/of-schema.ts';
import { authData, VENDOR } from '../../scripts/fake-sesamy/account.ts';
import type { JsonObject } from '../../sesamy/json.ts';

export { App };
export const appTester = zapier.createAppTester(App);
export const errors = zapier.errors;

type Step<T> = (z: ZObject, bundle: Bundle) => Promise<T>;

/** An instant trigger's operation, with the function types the tests call them with. */
export interface HookOperation {
  perform: Step<JsonObject[]>;
  performList: Step<JsonObject[]>;
  performSubscribe: Step<JsonObject>;
  performUnsubscribe: Step<JsonObject>;
  sample: JsonObject;
  outputFields: OutputField[];
  inputFields: { key: string; label: string; required?: boolean; dynamic?: string; list?: boolean; type?: string; helpText?: string }[];
}

export const hookOperation = (key: TriggerKey): HookOperation => {
  const { operation } = App.triggers[key];
  if (operation.type !== 'hook') throw new Error(`${key} is not a hook trigger`);
  return operation as unknown as HookOperation;
};

/** The perform of a hidden dropdown trigger. */
export const dropdownPerform = (key: 'vendor_list' | 'product_list'): Step<JsonObject[]> =>
  (App.triggers[key].operation as unknown as { perform: Step<JsonObject[]> }).perform;

export const specOf = (key: TriggerKey): EventSpec => {
  const spec = EVENTS.find((candidate) => candidate.key === key);
  if (!spec) throw new Error(`no event ${key}`);
  return spec;
};

export const instantKeys: TriggerKey[] = EVENTS.map((spec) => spec.key);

/** A fresh copy of the payload Sesamy documents (or, for the newer events, shows) for a trigger. */
export const deliveryOf = (spec: EventSpec): JsonObject => structuredClone(spec.sample) as JsonObject;

/** Sesamy's standard (thin) event, for the test vendor. */
export const thinEvent = (eventType: string, ids: Record<string, string>, occuredAt = '2026-11-20T10:00:00Z'): JsonObject => ({
  eventType,
  vendorId: VENDOR,
  ...ids,
  occured_at: occuredAt,
});

/** A bundle for a trigger of the test vendor on an established connection. */
export const bundleWith = (extra: Partial<Bundle> = {}): Partial<Bundle> => ({
  authData: { ...authData },
  inputData: { vendorId: VENDOR },
  ...extra,
});

/** The error a promise rejects with (a test fails if it resolves). */
export const rejectionOf = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but the promise resolved');
};

/** AppError and ThrottledError carry their message as JSON; the others as text. */
export const messageOf = (error: Error): string => {
  try {
    const parsed: unknown = JSON.parse(error.message);
    if (parsed && typeof parsed === 'object' && 'message' in parsed) return String(parsed.message);
  } catch {
    // a plain-text message
  }
  return error.message;
};

/** Output fields that are free-form maps (newsletters): compared as one key. */
export const dictKeysOf = (operation: HookOperation): string[] =>
  operation.outputFields.filter((field) => field.dict).map((field) => field.key);

// ---- Searches, actions and dropdowns ----------------------------------------------------

export interface StepOperation<T> {
  perform: Step<T>;
  sample: JsonObject;
  outputFields: OutputField[];
  inputFields: {
    key: string;
    label: string;
    required?: boolean;
    dynamic?: string;
    search?: string;
    dict?: boolean;
    type?: string;
    helpText?: string;
    dependsOn?: string[];
  }[];
  lock?: { key: string; scope?: string[]; timeout?: number };
}

export type CreateKey = keyof typeof App.creates;
export type SearchKey = keyof typeof App.searches;

export const createOperation = (key: CreateKey) => App.creates[key].operation as unknown as StepOperation<JsonObject>;
export const searchOperation = (key: SearchKey) => App.searches[key].operation as unknown as StepOperation<JsonObject[]>;

/** A bundle for a search, an action or a dropdown, with these inputs, on an established connection. */
const bundleOf = (inputData: Record<string, unknown>, extra: Partial<Bundle> = {}): Partial<Bundle> => ({
  authData: { ...authData },
  inputData,
  ...extra,
});

/** Runs an action as Zapier would, with these inputs. */
export const runCreate = (key: CreateKey, inputData: Record<string, unknown>, auth: Record<string, string> = authData) =>
  appTester(createOperation(key).perform, { ...bundleOf(inputData), authData: auth }) as Promise<JsonObject>;

/** Runs a search as Zapier would, with these inputs. */
export const runSearch = (key: SearchKey, inputData: Record<string, unknown>, auth: Record<string, string> = authData) =>
  appTester(searchOperation(key).perform, { ...bundleOf(inputData), authData: auth }) as Promise<JsonObject[]>;

type DropdownKey = 'access_list_list' | 'purchase_option_list' | 'user_list' | 'grant_list';

/** Loads a dropdown, with the half-filled form and the page Zapier asks for. */
export const runDropdown = (key: DropdownKey, inputData: Record<string, unknown> = {}, page = 0, auth: Record<string, string> = authData) =>
  appTester((App.triggers[key].operation as unknown as { perform: Step<JsonObject[]> }).perform, {
    ...bundleOf(inputData, { meta: { page } as Bundle['meta'] }),
    authData: auth,
  });

/**
 * Fixes the clock, and only the clock, at the fake account's "today" (2026-11-28 12:00 UTC)
 * for each test of the file: whether an entitlement still gives access depends on it.
 */
export const onTheFakeAccountsToday = (): void => {
  beforeEach(() => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'],
      now: new Date('2026-11-28T12:00:00Z'),
    });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
};

/** An address as a row shows it: these fields, the others null. */
export const addressRow = (fields: Record<string, string | null>) => ({
  firstName: null,
  lastName: null,
  addressLineOne: null,
  addressLineTwo: null,
  zip: null,
  city: null,
  country: null,
  ...fields,
});

/**
 * Runs `work` with z.cache going to Zapier's RPC endpoint, as on Zapier, instead of the app
 * tester's in-memory stand-in: serveZapierCache (scripts/fake-sesamy/scale.ts) answers it.
 */
export const withCacheRpc = async <T>(work: () => Promise<T>): Promise<T> => {
  const tester = appTester as unknown as { zcacheTestObj?: unknown };
  const memory = tester.zcacheTestObj;
  process.env.ZAPIER_DEPLOY_KEY = 'test-deploy-key'; // core's RPC client asks for one
  tester.zcacheTestObj = undefined;
  try {
    return await work();
  } finally {
    tester.zcacheTestObj = memory;
    delete process.env.ZAPIER_DEPLOY_KEY;
  }
};

/**
 * Runs `work` on jest's fake clock (setTimeout and Date; the event loop's own ticks stay
 * real), moving the clock on by `stepMs` whenever the work has had a turn, until it
 * settles. Waits, delays and timeouts then cost no real time, and a test asserts what
 * happened, never how long it took.
 */
export const settledOnFakeTime = async <T>(
  work: () => Promise<T>,
  { stepMs = 100, now, limitMs = 120_000 }: { stepMs?: number; now?: number; limitMs?: number } = {},
): Promise<{ value: T } | { error: Error }> => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'], ...(now === undefined ? {} : { now }) });
  try {
    let done = false;
    const settled = work().then(
      (value) => ({ value }),
      (error: unknown) => ({ error: error as Error }),
    );
    void settled.finally(() => {
      done = true;
    });
    for (let elapsed = 0; !done; elapsed += stepMs) {
      // Something waits on what never comes: say so rather than turn the clock forever.
      if (elapsed > limitMs) return { error: new Error(`did not settle within ${limitMs} ms of fake time`) };
      await new Promise((resolve) => setImmediate(resolve));
      if (!done) await jest.advanceTimersByTimeAsync(stepMs);
    }
    return await settled;
  } finally {
    jest.useRealTimers();
  }
};

// ---- Polling triggers: New Payment and New Refund ---------------------------------------

export type PollingKey = MoneyTriggerKey;
export const pollingKeys: PollingKey[] = MONEY_TRIGGERS.map((spec) => spec.key);

/** A polling trigger's operation, with the function types the tests call it with. */
export interface PollingOperation {
  type: 'polling';
  perform: Step<JsonObject[]>;
  sample: JsonObject;
  outputFields: OutputField[];
  inputFields: { key: string; label: string; required?: boolean; dynamic?: string; list?: boolean; type?: string; helpText?: string }[];
}

export const pollingOperation = (key: PollingKey): PollingOperation => {
  const { operation } = App.triggers[key];
  if (operation.type !== 'polling') throw new Error(`${key} is not a polling trigger`);
  return operation as unknown as PollingOperation;
};

/** The Zap the checks are for: Zapier names it in every check. */
export const ZAP = { id: 'zap_1' };

/**
 * One check of a polling trigger, as Zapier runs it; `meta` says which: the first after the
 * Zap is turned on (isPopulatingDedupe), Test trigger (isLoadingSample), or a scheduled one.
 */
export const runPoll = (
  key: PollingKey,
  { inputData = {}, meta = {}, auth = authData }: { inputData?: JsonObject; meta?: JsonObject; auth?: Record<string, string> } = {},
) => appTester(pollingOperation(key).perform, { authData: auth, inputData, meta: { zap: ZAP, ...meta } as Bundle['meta'] });

/** What z.cache holds now for the app tester's runs: key → value as JSON (z.cache keeps JSON). */
export const memory = (): Record<string, string> => (appTester as unknown as { zcacheTestObj: Record<string, string> }).zcacheTestObj;

/** Forgets what z.cache holds, as a new connection would start: call it before each test that polls. */
export const forgetMemory = (): void => {
  (appTester as unknown as { zcacheTestObj: Record<string, string> }).zcacheTestObj = {};
};

/** Zapier's deduplication of a polling trigger, simulated: the first check's ids are seen, then each check's unseen ids start the Zap. */
export const zapierDedupe = () => {
  const seen = new Set<string>();
  return {
    populate: (rows: readonly JsonObject[]) => {
      for (const row of rows) seen.add(String(row.id));
    },
    /** The ids that start the Zap, in the order the check returned them. */
    startedBy: (rows: readonly JsonObject[]): string[] =>
      rows.map((row) => String(row.id)).filter((id) => !seen.has(id) && Boolean(seen.add(id))),
  };
};

/** Runs `work` and returns what it resolved to and the lines it wrote to the Zap's log (z.console writes through console.log). */
export const loggedBy = async <T>(work: () => Promise<T>): Promise<{ result: T; lines: string[] }> => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const result = await work();
    return { result, lines: log.mock.calls.flat().map((line) => String(line).trim()) };
  } finally {
    log.mockRestore();
  }
};
