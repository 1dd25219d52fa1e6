// The built app as the runner sees it: its definition, its hook and polling triggers' steps, and the steps a --live session needs.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { isObject, type JsonObject } from '../../sesamy/json.ts';
import { errorReportOf, RunnerError } from './errors.ts';
import type { OutputFieldView } from './fields.ts';

/** One of the app's functions (perform, performList, performSubscribe…), run through the app tester. */
export type Step = (z: ZObject, bundle: Bundle) => unknown;

export interface HookTrigger {
  readonly key: string;
  readonly label: string;
  readonly perform: Step;
  readonly performList: Step | undefined;
  readonly performSubscribe: Step | undefined;
  readonly performUnsubscribe: Step | undefined;
  readonly sample: JsonObject | undefined;
  readonly outputFields: readonly OutputFieldView[];
}

/** A visible polling trigger (New Payment, New Refund): one check is one perform. */
export interface PollingTrigger {
  readonly key: string;
  readonly label: string;
  readonly perform: Step;
  /** The keys of its input fields (its filters). */
  readonly inputKeys: readonly string[];
  readonly outputFields: readonly OutputFieldView[];
}

export interface AppView {
  /** The whole definition: searches and creates are read from here (definition.searches, definition.creates). */
  readonly definition: JsonObject;
  readonly hooks: ReadonlyMap<string, HookTrigger>;
  readonly polls: ReadonlyMap<string, PollingTrigger>;
  readonly sessionPerform: Step | undefined;
  readonly vendorListPerform: Step | undefined;
}

export const isStep = (value: unknown): value is Step => typeof value === 'function';
export const stepOrUndefined = (value: unknown): Step | undefined => (isStep(value) ? value : undefined);
export const objectAt = (value: unknown, key: string): JsonObject | undefined => {
  const child = isObject(value) ? value[key] : undefined;
  return isObject(child) ? child : undefined;
};

/** The label of a trigger, search or create, or its key when it has none. */
export const labelOf = (operation: unknown, key: string): string => {
  const label = objectAt(operation, 'display')?.label;
  return typeof label === 'string' ? label : key;
};

export const outputFieldsOf = (value: unknown): OutputFieldView[] =>
  (Array.isArray(value) ? value : []).filter(isObject).flatMap((field) =>
    typeof field.key === 'string'
      ? [
          {
            key: field.key,
            ...(typeof field.label === 'string' ? { label: field.label } : {}),
            ...(field.dict === true ? { dict: true } : {}),
          },
        ]
      : [],
  );

/** The keys of an operation's input fields: the only ones Zapier puts in its inputData. */
export const inputKeysOf = (inputFields: unknown): string[] =>
  (Array.isArray(inputFields) ? inputFields : []).filter(isObject).flatMap((field) => (typeof field.key === 'string' ? [field.key] : []));

export const readApp = (module: unknown): AppView => {
  const definition = objectAt(module, 'default');
  const triggers = objectAt(definition, 'triggers');
  if (!definition || !triggers) throw new RunnerError('the built app (dist/index.js) exports no app definition with triggers', 1);
  const hooks = new Map<string, HookTrigger>();
  const polls = new Map<string, PollingTrigger>();
  for (const [key, trigger] of Object.entries(triggers)) {
    const operation = objectAt(trigger, 'operation');
    const hidden = objectAt(trigger, 'display')?.hidden === true;
    if (operation?.type === 'polling' && !hidden && isStep(operation.perform)) {
      polls.set(key, {
        key,
        label: labelOf(trigger, key),
        perform: operation.perform,
        inputKeys: inputKeysOf(operation.inputFields),
        outputFields: outputFieldsOf(operation.outputFields),
      });
    }
    if (operation?.type !== 'hook' || !isStep(operation.perform)) continue;
    hooks.set(key, {
      key,
      label: labelOf(trigger, key),
      perform: operation.perform,
      performList: stepOrUndefined(operation.performList),
      performSubscribe: stepOrUndefined(operation.performSubscribe),
      performUnsubscribe: stepOrUndefined(operation.performUnsubscribe),
      sample: isObject(operation.sample) ? operation.sample : undefined,
      outputFields: outputFieldsOf(operation.outputFields),
    });
  }
  return {
    definition,
    hooks,
    polls,
    sessionPerform: stepOrUndefined(objectAt(objectAt(definition, 'authentication'), 'sessionConfig')?.perform),
    vendorListPerform: stepOrUndefined(objectAt(objectAt(triggers, 'vendor_list'), 'operation')?.perform),
  };
};

/** Loads dist/index.js (or what the tests give) and reads it. */
export const loadAppView = async (loadApp: () => Promise<unknown>): Promise<AppView> => {
  let module: unknown;
  try {
    module = await loadApp();
  } catch (thrown) {
    throw new RunnerError(`cannot load the built app: ${errorReportOf(thrown).message} (run npm run build)`, 1);
  }
  return readApp(module);
};

/** A search or an action of the built app. */
export type StepType = 'search' | 'action';

export interface StepOperation {
  readonly key: string;
  readonly kind: StepType;
  readonly label: string;
  readonly perform: Step;
  /** The keys of its input fields: the only ones Zapier puts in its inputData. */
  readonly inputKeys: readonly string[];
  readonly outputFields: readonly OutputFieldView[];
}
