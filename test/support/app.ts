// The app under test, through Zapier's own app tester (real middleware, real checks).
import zapier from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { EVENTS, type TriggerKey } from '../../events';
import App from '../../index';
import type { JsonObject } from '../../json';
import type { OutputField } from '../../output-fields';
import { authData, VENDOR } from './sesamy';

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
  inputFields: { key: string; required?: boolean; dynamic?: string; list?: boolean }[];
}

export const hookOperation = (key: TriggerKey): HookOperation => {
  const { operation } = App.triggers[key];
  if (operation.type !== 'hook') throw new Error(`${key} is not a hook trigger`);
  return operation as unknown as HookOperation;
};

export const instantKeys: TriggerKey[] = EVENTS.map((spec) => spec.key);

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
