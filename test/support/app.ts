// The app under test, through Zapier's own app tester (real middleware, real checks).

import type { Bundle, ZObject } from 'zapier-platform-core';
import zapier from 'zapier-platform-core';
import { EVENTS, type EventSpec, type TriggerKey } from '../../events.ts';
import App from '../../index.ts';
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
