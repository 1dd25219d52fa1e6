// The searches, actions and dropdowns under test, run through core's app tester.
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { OutputField } from '../../output-fields/of-schema.ts';
import { authData } from '../../scripts/fake-sesamy/account.ts';
import type { JsonObject } from '../../sesamy/json.ts';
import { App, appTester } from './app.ts';

type Step<T> = (z: ZObject, bundle: Bundle) => Promise<T>;

export interface StepOperation<T> {
  perform: Step<T>;
  sample: JsonObject;
  outputFields: OutputField[];
  inputFields: { key: string; label: string; required?: boolean; dynamic?: string; search?: string; dict?: boolean; type?: string }[];
  lock?: { key: string; scope?: string[]; timeout?: number };
}

export type CreateKey = keyof typeof App.creates;
export type SearchKey = keyof typeof App.searches;

export const createOperation = (key: CreateKey) => App.creates[key].operation as unknown as StepOperation<JsonObject>;
export const searchOperation = (key: SearchKey) => App.searches[key].operation as unknown as StepOperation<JsonObject[]>;

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
