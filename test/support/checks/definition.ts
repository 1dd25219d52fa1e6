// The app definition Zapier sees: core's compiled and serialized app, the same JSON
// `zapier-platform build` writes to definition.json, with readers for its triggers,
// searches, creates, searchOrCreates and fields. The checks (text.ts, samples.ts,
// fields.ts) are pure functions over it.
import { createRequire } from 'node:module';
import { isObject } from '../../../sesamy/json.ts';

const require = createRequire(import.meta.url);
const schemaTools = require('zapier-platform-core/src/tools/schema') as {
  compileApp: (app: unknown) => unknown;
  serializeApp: (compiled: unknown) => unknown;
};

/** A field as serialized; functions (dynamic fields) are serialized as `$func$…` strings. */
export interface Field {
  readonly key: string;
  readonly label?: string;
  readonly helpText?: string;
  readonly type?: string;
  readonly required?: boolean;
  readonly list?: boolean;
  readonly dict?: boolean;
  readonly dynamic?: string;
  /** A search connector: `find_x.id` (D013, D014). */
  readonly search?: string;
  /** An output field that is part of the primary key (D010). */
  readonly primary?: boolean;
  readonly altersDynamicFields?: boolean;
  readonly choices?: unknown;
  readonly computed?: boolean;
  readonly inputFormat?: string;
  readonly sample?: unknown;
  readonly children?: readonly Field[];
}

export interface Operation {
  readonly type?: string;
  readonly inputFields?: readonly (Field | string)[];
  readonly outputFields?: readonly (Field | string)[];
  readonly sample?: unknown;
  readonly perform?: unknown;
  readonly performList?: unknown;
  readonly performSubscribe?: unknown;
  readonly performUnsubscribe?: unknown;
}

/** Where an operation sits in the definition. */
export type Kind = 'triggers' | 'searches' | 'creates';

/** A trigger, search or create (they share `key, noun, display, operation`); `kind` defaults to triggers. */
export interface Trigger {
  readonly kind?: Kind;
  readonly key: string;
  readonly noun: string;
  readonly display: { readonly label?: string; readonly description?: string; readonly hidden?: boolean };
  readonly operation: Operation;
}

/** A search, or a create: the same shape as a trigger. */
export type Action = Trigger;

export interface SearchOrCreate {
  readonly key: string;
  readonly display: { readonly label?: string; readonly description?: string; readonly hidden?: boolean };
  readonly search: string;
  readonly create: string;
}

export interface Definition {
  readonly authentication?: {
    readonly type: string;
    readonly fields?: readonly (Field | string)[];
    readonly test?: unknown;
    readonly connectionLabel?: unknown;
  };
  readonly triggers: Readonly<Record<string, Trigger>>;
  readonly searches?: Readonly<Record<string, Action>>;
  readonly creates?: Readonly<Record<string, Action>>;
  readonly searchOrCreates?: Readonly<Record<string, SearchOrCreate>>;
}

/** The definition as Zapier receives it (core's `definition` command: serializeApp(compileApp(app))). */
export const serializedDefinition = (app: unknown): Definition => schemaTools.serializeApp(schemaTools.compileApp(app)) as Definition;

/** A serialized function, `$func$<arity>$<uses arguments>$`. */
export const isSerializedFunction = (value: unknown): boolean => typeof value === 'string' && /^\$func\$\d+\$[tf]\$$/.test(value);

export const isField = (value: Field | string): value is Field => typeof value !== 'string';

/** `triggers.new_user`, `searches.find_user`, `creates.grant_access`: where messages point. */
export const placeOf = (action: Trigger | SearchOrCreate): string =>
  'operation' in action ? `${action.kind ?? 'triggers'}.${action.key}` : `searchOrCreates.${action.key}`;

const ofKind = (kind: Kind, items: Readonly<Record<string, Action>> | undefined): Action[] =>
  Object.values(items ?? {}).map((item) => ({ ...item, kind }));

export const triggersOf = (definition: Definition): Trigger[] => Object.values(definition.triggers);
export const visibleTriggersOf = (definition: Definition): Trigger[] => triggersOf(definition).filter((trigger) => !trigger.display.hidden);
export const hookTriggersOf = (definition: Definition): Trigger[] =>
  visibleTriggersOf(definition).filter((trigger) => trigger.operation.type === 'hook');
/** The visible polling triggers: those a Zap starts on by Zapier's checks (the hidden ones fill dropdowns). */
export const pollingTriggersOf = (definition: Definition): Trigger[] =>
  visibleTriggersOf(definition).filter((trigger) => (trigger.operation.type ?? 'polling') === 'polling');
export const searchesOf = (definition: Definition): Action[] => ofKind('searches', definition.searches);
export const createsOf = (definition: Definition): Action[] => ofKind('creates', definition.creates);
/** Searches and creates: what a Zap does, rather than what starts it. */
export const actionsOf = (definition: Definition): Action[] => [...searchesOf(definition), ...createsOf(definition)];
export const searchOrCreatesOf = (definition: Definition): SearchOrCreate[] => Object.values(definition.searchOrCreates ?? {});

/** Static input fields (dynamic ones, serialized as functions, cannot be inspected). */
export const inputFieldsOf = (trigger: Trigger): Field[] => (trigger.operation.inputFields ?? []).filter(isField);
export const outputFieldsOf = (trigger: Trigger): Field[] => (trigger.operation.outputFields ?? []).filter(isField);
export const authFieldsOf = (definition: Definition): Field[] => (definition.authentication?.fields ?? []).filter(isField);

/** A field with where it sits, for messages: `triggers.x.inputFields.vendorId` or `authentication.fields.clientId`. */
export interface Placed<T> {
  readonly where: string;
  readonly item: T;
}

/** Every static input field: auth fields, then those of triggers, searches and creates. */
export const placedInputFields = (definition: Definition): Placed<Field>[] => [
  ...authFieldsOf(definition).map((item) => ({ where: `authentication.fields.${item.key}`, item })),
  ...[...triggersOf(definition), ...actionsOf(definition)].flatMap((action) =>
    inputFieldsOf(action).map((item) => ({ where: `${placeOf(action)}.inputFields.${item.key}`, item })),
  ),
];

/** Every text Zapier renders as Markdown: descriptions and help texts. */
export const placedMarkdown = (definition: Definition): Placed<string>[] => [
  ...[...triggersOf(definition), ...actionsOf(definition), ...searchOrCreatesOf(definition)].flatMap((action) =>
    action.display.description === undefined ? [] : [{ where: `${placeOf(action)}.display.description`, item: action.display.description }],
  ),
  ...placedInputFields(definition).flatMap(({ where, item }) =>
    item.helpText === undefined ? [] : [{ where: `${where}.helpText`, item: item.helpText }],
  ),
];

/** Every string anywhere in the definition, with its path. */
export const placedStrings = (value: unknown, where = ''): Placed<string>[] => {
  if (typeof value === 'string') return [{ where, item: value }];
  if (Array.isArray(value)) return value.flatMap((child, index) => placedStrings(child, `${where}[${index}]`));
  if (isObject(value)) return Object.entries(value).flatMap(([key, child]) => placedStrings(child, where ? `${where}.${key}` : key));
  return [];
};

export const quoted = (text: string): string => `“${text}”`;
