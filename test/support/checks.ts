// Zapier's integration checks (docs.zapier.com/platform/publish/integration-checks-reference),
// as pure functions over the app definition Zapier sees: core's compiled and serialized
// app, the same JSON `zapier-platform build` writes to definition.json. Each function
// returns its violations as sentences that start with the check id, so a failing test
// reads like Zapier's own report. An empty list means the check passes.
import { createRequire } from 'node:module';
import { isObject, type JsonObject } from '../../rows/json.ts';
import { keysOf, valuesAt } from '../../rows/flat-keys.ts';

// ---------------------------------------------------------------------------------
// The serialized definition

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

export interface Trigger {
  readonly key: string;
  readonly noun: string;
  readonly display: { readonly label?: string; readonly description?: string; readonly hidden?: boolean };
  readonly operation: Operation;
}

export interface Definition {
  readonly authentication?: {
    readonly type: string;
    readonly fields?: readonly (Field | string)[];
    readonly test?: unknown;
    readonly connectionLabel?: unknown;
  };
  readonly triggers: Readonly<Record<string, Trigger>>;
  readonly searches?: Readonly<Record<string, unknown>>;
  readonly creates?: Readonly<Record<string, unknown>>;
}

/** The definition as Zapier receives it (core's `definition` command: serializeApp(compileApp(app))). */
export const serializedDefinition = (app: unknown): Definition =>
  schemaTools.serializeApp(schemaTools.compileApp(app)) as Definition;

/** A serialized function, `$func$<arity>$<uses arguments>$`. */
export const isSerializedFunction = (value: unknown): boolean => typeof value === 'string' && /^\$func\$\d+\$[tf]\$$/.test(value);

const isField = (value: Field | string): value is Field => typeof value !== 'string';

export const triggersOf = (definition: Definition): Trigger[] => Object.values(definition.triggers);
export const visibleTriggersOf = (definition: Definition): Trigger[] => triggersOf(definition).filter((trigger) => !trigger.display.hidden);
export const hookTriggersOf = (definition: Definition): Trigger[] =>
  visibleTriggersOf(definition).filter((trigger) => trigger.operation.type === 'hook');

/** Static input fields (dynamic ones, serialized as functions, cannot be inspected). */
export const inputFieldsOf = (trigger: Trigger): Field[] => (trigger.operation.inputFields ?? []).filter(isField);
export const outputFieldsOf = (trigger: Trigger): Field[] => (trigger.operation.outputFields ?? []).filter(isField);
export const authFieldsOf = (definition: Definition): Field[] => (definition.authentication?.fields ?? []).filter(isField);

/** A field with where it sits, for messages: `triggers.x.inputFields.vendorId` or `authentication.fields.clientId`. */
export interface Placed<T> {
  readonly where: string;
  readonly item: T;
}

export const placedInputFields = (definition: Definition): Placed<Field>[] => [
  ...authFieldsOf(definition).map((item) => ({ where: `authentication.fields.${item.key}`, item })),
  ...triggersOf(definition).flatMap((trigger) =>
    inputFieldsOf(trigger).map((item) => ({ where: `triggers.${trigger.key}.inputFields.${item.key}`, item })),
  ),
];

/** Every text Zapier renders as Markdown: trigger descriptions and help texts. */
export const placedMarkdown = (definition: Definition): Placed<string>[] => [
  ...triggersOf(definition).flatMap((trigger) =>
    trigger.display.description === undefined
      ? []
      : [{ where: `triggers.${trigger.key}.display.description`, item: trigger.display.description }],
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

const quoted = (text: string): string => `“${text}”`;

// ---------------------------------------------------------------------------------
// D018: Title Case, as the Python `titlecase` package does it (John Gruber's rules).
// Zapier's check is believed to use that package (its small-word list is exactly the
// one below); this port follows its algorithm except the Mc/Mac and Mr/Mrs/Dr special
// cases, which no label here needs. UNVERIFIED: that Zapier uses this exact package.

const SMALL = String.raw`a|an|and|as|at|but|by|en|for|if|in|of|on|or|the|to|v\.?|via|vs\.?`;
/** Python titlecase's PUNCT, escaped for a character class. */
const PUNCT = String.raw`!"“#$%&'‘()*+,\-–‒—―./:;?@[\\\]_` + '`{|}~';
const SMALL_WORD = new RegExp(`^(?:${SMALL})$`, 'i');
const INLINE_PERIOD = /\p{L}[.]\p{L}/u;
const UC_ELSEWHERE = new RegExp(`^[${PUNCT}]*?\\p{L}+\\p{Lu}+?`, 'u');
const UC_INITIALS = /^(?:\p{Lu}\.)+$/u;
const CAP_FIRST = new RegExp(`^([${PUNCT}]*?)(\\p{L})`, 'u');
const SMALL_FIRST = new RegExp(`^([${PUNCT}]*)(${SMALL})\\b`, 'i');
const SMALL_LAST = new RegExp(`\\b(${SMALL})([${PUNCT}]?)$`, 'i');
const SUBPHRASE = new RegExp(`([:.;?!\\-–‒—―] )(${SMALL})`, 'g');
const ALL_CONSONANTS = /^[bcdfghjklmnpqrstvwxz]+$/i;

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

export const titleCase = (text: string, smallFirstLast = true): string =>
  text
    .split(/[\r\n]+/)
    .map((line) => {
      const allCaps = line.toUpperCase() === line;
      const words = line.split(/[\t ]/).map((original): string => {
        let word = original;
        if (allCaps && UC_INITIALS.test(word)) return word;
        if (INLINE_PERIOD.test(word) || (!allCaps && UC_ELSEWHERE.test(word))) return word; // "iPhone", "ID", "e.g."
        if (SMALL_WORD.test(word)) return word.toLowerCase();
        if (word.includes('/') && !word.includes('//')) return word.split('/').map((part) => titleCase(part, false)).join('/');
        if (word.includes('-')) return word.split('-').map((part) => titleCase(part, smallFirstLast)).join('-');
        if (allCaps) word = word.toLowerCase();
        if (ALL_CONSONANTS.test(word) && word.length > 2) return word.toUpperCase(); // an acronym: "HTML"
        return word.replace(CAP_FIRST, (_, punct: string, letter: string) => `${punct}${letter.toUpperCase()}`);
      });
      if (smallFirstLast && words.length > 0) {
        words[0] = (words[0] ?? '').replace(SMALL_FIRST, (_, punct: string, small: string) => `${punct}${capitalize(small)}`);
        const last = words.length - 1;
        words[last] = (words[last] ?? '').replace(SMALL_LAST, (_, small: string, punct: string) => `${capitalize(small)}${punct}`);
      }
      return words.join(' ').replace(SUBPHRASE, (_, lead: string, small: string) => `${lead}${capitalize(small)}`);
    })
    .join('\n');

/** D018: trigger labels are Title Case. The reference names no exemption for hidden triggers. */
export const d018 = (trigger: Trigger): string[] => {
  const { label } = trigger.display;
  if (label === undefined || titleCase(label) === label) return [];
  return [`D018 Titlecased Label: triggers.${trigger.key} label ${quoted(label)} should be ${quoted(titleCase(label))}.`];
};

// ---------------------------------------------------------------------------------
// D021: trigger descriptions

export const TRIGGER_DESCRIPTION = /^Triggers when \S[\s\S]*\.$/;

/** D021: "Trigger descriptions must start with `Triggers when ` and end with a `.`". No exemption for hidden triggers is stated. */
export const d021 = (trigger: Trigger): string[] => {
  const { description } = trigger.display;
  if (description === undefined || TRIGGER_DESCRIPTION.test(description)) return [];
  return [`D021 Trigger Description Requirements: triggers.${trigger.key} description ${quoted(description)} must start with “Triggers when ” and end with “.”.`];
};

// ---------------------------------------------------------------------------------
// D012, D016/D017, D006 (definition part)

/** D012: a visible trigger has a static sample (hidden triggers are exempt). */
export const d012 = (trigger: Trigger): string[] =>
  trigger.display.hidden || (isObject(trigger.operation.sample) && Object.keys(trigger.operation.sample).length > 0)
    ? []
    : [`D012 Static Sample Is Required: triggers.${trigger.key} has no static sample (operation.sample).`];

const isDefined = (step: unknown): boolean => isSerializedFunction(step) || isObject(step) || (typeof step === 'string' && step !== '');

/** D016/D017: a visible REST hook trigger subscribes and unsubscribes (else it is a static webhook). */
export const d016d017 = (trigger: Trigger): string[] =>
  (['performSubscribe', 'performUnsubscribe'] as const)
    .filter((step) => trigger.operation.type === 'hook' && !isDefined(trigger.operation[step]))
    .map((step) => `D017 Static Hook Is Discouraged: triggers.${trigger.key} has no ${step}, so Zapier shows it as a static webhook.`);

/** D006: a REST hook trigger has a polling fallback (performList). */
export const d006PerformList = (trigger: Trigger): string[] =>
  trigger.operation.type !== 'hook' || isDefined(trigger.operation.performList)
    ? []
    : [`D006 REST Hook Trigger Needs a Polling URL: triggers.${trigger.key} has no performList.`];

// ---------------------------------------------------------------------------------
// D006/T006: sample, live (perform) rows and polling (performList) rows have the same keys

const difference = (a: readonly string[], b: readonly string[]): string[] => a.filter((key) => !b.includes(key));

/**
 * D006: performList rows have exactly the structure of hook payloads; T006: the polling
 * sample's keys are a subset of the live row's. Compared here: each performList row and
 * the static sample against every perform row of the documented delivery.
 */
export const d006t006 = (
  trigger: Trigger,
  { sample, live, polling }: { sample: unknown; live: readonly JsonObject[]; polling: readonly JsonObject[] },
): string[] => {
  const dicts = outputFieldsOf(trigger).filter((field) => field.dict).map((field) => field.key);
  const problems: string[] = [];
  if (live.length === 0) problems.push(`D006 triggers.${trigger.key}: perform gave no row for the documented delivery, so there is nothing to compare.`);
  if (polling.length === 0) problems.push(`D006 triggers.${trigger.key}: performList gave no row from the test account, so there is nothing to compare.`);
  const compare = (name: string, row: unknown, liveRow: JsonObject, check: 'D006' | 'T006') => {
    const keys = keysOf(row, dicts);
    const liveKeys = keysOf(liveRow, dicts);
    const extra = difference(keys, liveKeys);
    const missing = difference(liveKeys, keys);
    if (extra.length > 0) {
      problems.push(`${check} triggers.${trigger.key}: ${name} has keys a live hook row lacks: ${extra.join(', ')}.`);
    }
    if (missing.length > 0) {
      problems.push(`D006 triggers.${trigger.key}: ${name} lacks keys a live hook row has: ${missing.join(', ')}.`);
    }
  };
  for (const liveRow of live) {
    compare('the static sample', sample, liveRow, 'D006');
    polling.forEach((row, index) => compare(`performList row ${index}`, row, liveRow, 'T006'));
  }
  return problems;
};

// ---------------------------------------------------------------------------------
// D023: ISO 8601 dates in static samples

/** A date, or a date and time with a zone (D023: "Timezone info should also be present if it contains time"). */
export const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** Strings that look like a date or a time, in any format. */
const DATE_LIKE = [
  /\d{4}-\d{1,2}-\d{1,2}/, // 2023-08-01, 2023-8-1 08:00
  /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/, // 08/01/2023, 1.8.2023
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}(?:\\s|,|$)`, 'i'), // 01 Aug 2023
  new RegExp(`\\b${MONTH}\\s+\\d{1,2}\\b`, 'i'), // Aug 1, 2023
  /\b\d{1,2}:\d{2}(?::\d{2})?\b/, // 06:50
];
/** Keys that name a point in time: createdAt, created_at, expiry_date, startTime. */
const DATE_KEY = /(?:At|_at|Date|_date|Time|_time|Timestamp|_timestamp)$|^(?:date|time|timestamp)$/;

const leafEntries = (value: unknown, path = ''): Placed<unknown>[] => {
  if (Array.isArray(value)) return value.flatMap((child, index) => leafEntries(child, `${path}[${index}]`));
  if (isObject(value)) return Object.entries(value).flatMap(([key, child]) => leafEntries(child, path ? `${path}.${key}` : key));
  return [{ where: path, item: value }];
};

const lastKey = (path: string): string => path.replace(/\[\d+\]$/, '').split('.').at(-1) ?? '';

/** D023: every date or time in the static sample is ISO 8601, with a zone when it has a time. */
export const d023 = (trigger: Trigger): string[] =>
  leafEntries(trigger.operation.sample).flatMap(({ where, item }) => {
    const dateKey = DATE_KEY.test(lastKey(where));
    const message = `D023 ISO-8601 Date/Time Format in Static Sample: triggers.${trigger.key} sample ${where}`;
    if (typeof item === 'number' && dateKey) return [`${message} is the number ${item}; use an ISO 8601 string, not a Unix time.`];
    if (typeof item !== 'string' || ISO_8601.test(item)) return [];
    if (DATE_LIKE.some((pattern) => pattern.test(item)) || (dateKey && !Number.isNaN(Date.parse(item)))) {
      return [`${message} is ${quoted(item)}, not ISO 8601 with a zone (like 2023-09-15T09:59:59Z).`];
    }
    return [];
  });

// ---------------------------------------------------------------------------------
// D024: the static sample respects the output fields

// valuesAt (rows/flat-keys.ts) reads a flat output-field key back from a row.

const TYPE_CHECKS: Readonly<Record<string, (value: unknown) => boolean>> = {
  string: (value) => typeof value === 'string',
  text: (value) => typeof value === 'string',
  password: (value) => typeof value === 'string',
  copy: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  integer: (value) => typeof value === 'number' && Number.isInteger(value),
  boolean: (value) => typeof value === 'boolean',
  datetime: (value) => typeof value === 'string' && ISO_8601.test(value),
  // "Field type of `file` will accept either a file object or a string" (PlainOutputFieldSchema).
  file: (value) => typeof value === 'string' || isObject(value),
};

const describeValue = (value: unknown): string =>
  Array.isArray(value) ? 'a list' : isObject(value) ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;

/** Whether one value fits the field; a list field's value is checked item by item. */
const typeProblem = (field: Field, value: unknown): string | undefined => {
  // UNVERIFIED: the reference does not say how D024 treats null. Zapier shows a null
  // as an empty value of any type, and Sesamy's documented samples use null for
  // "not set" (canceledAt, expiresAt), so null is accepted for every type here.
  if (value === null) return undefined;
  if (field.dict) return isObject(value) ? undefined : `is ${describeValue(value)}, but the field is a dict (an object)`;
  if (field.list) {
    if (!Array.isArray(value)) return `is ${describeValue(value)}, but the field is a list`;
    const wrong = value.find((item) => item !== null && field.type !== undefined && !(TYPE_CHECKS[field.type] ?? (() => true))(item));
    return wrong === undefined ? undefined : `has the item ${describeValue(wrong)}, but the items are of type ${field.type}`;
  }
  if (field.type === undefined) return undefined;
  const check = TYPE_CHECKS[field.type];
  if (check === undefined) return `has the unknown field type ${field.type}`;
  return check(value) ? undefined : `is ${describeValue(value)}, but the field type is ${field.type}`;
};

/** D024: required output fields are in the sample, and every sample value matches its field's type. */
export const d024 = (trigger: Trigger): string[] => {
  const { sample } = trigger.operation;
  const message = `D024 Static Sample Respects Output Field Definition: triggers.${trigger.key}`;
  const fields = (trigger.operation.outputFields ?? []).filter(isField);
  return fields.flatMap((field) => {
    const values = [...(valuesAt(sample, field.key) ?? []), ...(field.sample === undefined ? [] : [field.sample])];
    if (values.length === 0) return field.required ? [`${message}: the required output field ${field.key} is not in the sample.`] : [];
    return values.flatMap((value) => {
      const problem = typeProblem(field, value);
      return problem ? [`${message}: sample ${field.key} ${problem}.`] : [];
    });
  });
};

// ---------------------------------------------------------------------------------
// D002, D004, D005, D011: fields

/** A well-formed Markdown link to a web page (whether it is HTTPS is D007's concern). */
const MARKDOWN_LINK = /\[[^\]\n]+\]\((https?:\/\/[^\s)]+)\)/;

/**
 * D002: every auth field the user pastes a credential into (not a choice, not computed
 * by the app) links in its help text to where that credential is found.
 */
export const d002 = ({ where, item }: Placed<Field>): string[] => {
  const pasted = item.choices === undefined && !item.computed && ['string', 'password', 'text', undefined].includes(item.type);
  if (!pasted || MARKDOWN_LINK.test(item.helpText ?? '')) return [];
  return [`D002 Provide Link in Help Text for Auth Fields: ${where} help text has no Markdown link to where the ${item.label ?? item.key} is found.`];
};

/** A field that asks for an identifier: by key (vendorId, user_id, skus) or by label ("Vendor ID"). */
export const isIdField = (field: Field): boolean =>
  /(?:^id|_id|Id|ID)s?$|^skus?$|_skus?$|Skus?$/.test(field.key) || /\b(?:ID|IDs|SKU|SKUs)\b/.test(field.label ?? '');

/** D004: an ID field offers a dynamic dropdown (auth fields are credentials, not IDs to pick). */
export const d004 = ({ where, item }: Placed<Field>): string[] =>
  where.startsWith('authentication.') || !isIdField(item) || item.dynamic !== undefined
    ? []
    : [`D004 ID Fields Should Have Dynamic Dropdowns: ${where} asks for an ID but has no dynamic dropdown.`];

/** The parts of a `dynamic` reference: `trigger.idField.labelField[,labelField…]`. */
export const dynamicParts = (dynamic: string): { trigger: string; id: string | undefined; labels: string[] } => {
  const [trigger = '', id, labels] = dynamic.split('.');
  return { trigger, id, labels: labels ? labels.split(',') : [] };
};

/** D005: a dynamic dropdown connects to a trigger that exists. */
export const d005 = (definition: Definition, { where, item }: Placed<Field>): string[] => {
  if (item.dynamic === undefined) return [];
  const { trigger } = dynamicParts(item.dynamic);
  return Object.prototype.hasOwnProperty.call(definition.triggers, trigger)
    ? []
    : [`D005 Dynamic Dropdown Connects to a Non-Existing Trigger: ${where} dynamic ${quoted(item.dynamic)} names no trigger ${quoted(trigger)}.`];
};

/** D005 (rows): the dropdown trigger's rows carry the id and label fields the reference names. */
export const d005Rows = (where: string, dynamic: string, rows: readonly JsonObject[]): string[] => {
  const { trigger, id, labels } = dynamicParts(dynamic);
  if (rows.length === 0) return [`D005 ${where}: the dropdown trigger ${trigger} gave no rows to check.`];
  return [id, ...labels]
    .filter((key): key is string => key !== undefined)
    .filter((key) => rows.some((row) => row[key] === undefined || row[key] === null))
    .map((key) => `D005 ${where}: dynamic ${quoted(dynamic)} reads ${key}, but rows of ${trigger} lack it.`);
};

const normalized = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** D011: help text says more than the label. */
export const d011 = ({ where, item }: Placed<Field>): string[] =>
  item.helpText !== undefined && normalized(item.helpText) === normalized(item.label ?? item.key)
    ? [`D011 Redundant Help Text: ${where} help text ${quoted(item.helpText)} only repeats the label ${quoted(item.label ?? item.key)}.`]
    : [];

// ---------------------------------------------------------------------------------
// D007, D008, D025: URLs and links

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`)\]]+/gi;

/** D007: every URL in the definition (and every endpoint the app is configured with) uses HTTPS. */
export const d007 = ({ where, item }: Placed<string>): string[] =>
  [...item.matchAll(URL_IN_TEXT)]
    .map(([url]) => url)
    .filter((url) => !url.toLowerCase().startsWith('https://'))
    .map((url) => `D007 All URLs Should Be HTTPS: ${where} has ${quoted(url)}.`);

/**
 * D008: Markdown links are well formed, and a URL not in a link is in backticks. Valid
 * links and code spans are removed; what remains must hold no URL and no link syntax.
 */
export const d008 = ({ where, item }: Placed<string>): string[] => {
  const rest = item.replace(/`[^`\n]*`/g, '').replace(new RegExp(MARKDOWN_LINK.source, 'g'), '');
  const problems: string[] = [];
  const broken = rest.match(/\[[^\]\n]*\]\s*\([^)\n]*\)?|\[[^\]\n]*\bhttps?:\/\/[^\s\]]*/i);
  if (broken) problems.push(`D008 Invalid Markdown Link: ${where} has the malformed link ${quoted(broken[0])}.`);
  const bare = rest.match(/\b(?:https?:\/\/|www\.)[^\s)\]]*[^\s)\].,;:!?]/i);
  if (bare && !broken) {
    problems.push(`D008 Invalid Markdown Link: ${where} has the bare URL ${quoted(bare[0])}; make it a [link](…) or put it in backticks.`);
  }
  return problems;
};

/** D025: no dangerous URIs (script URIs, data URIs). */
export const d025 = ({ where, item }: Placed<string>): string[] => {
  const found = item.match(/\b(?:javascript|vbscript):|\bdata:[a-z]+\/[a-z0-9.+-]+[;,]/i);
  return found ? [`D025 Dangerous URI: ${where} has a ${quoted(found[0])} URI.`] : [];
};

// ---------------------------------------------------------------------------------
// D003: the connection label

/** D003: the definition sets a connection label (a template, a request or a function). */
export const d003Set = (definition: Definition): string[] => {
  const label = definition.authentication?.connectionLabel;
  return (typeof label === 'string' && label.trim() !== '') || isObject(label)
    ? []
    : ['D003 Connection Label Should Be Set: authentication.connectionLabel is not set.'];
};

/**
 * D003: the label the connection gets identifies the account: it is not just the app's
 * name, and two different accounts get different labels.
 */
export const d003Label = (label: unknown, otherAccountLabel: unknown, appTitle: string): string[] => {
  const message = 'D003 Connection Label Should Be Set: the connection label';
  if (typeof label !== 'string' || label.trim() === '') return [`${message} is empty (${JSON.stringify(label)}).`];
  const problems: string[] = [];
  if (normalized(label) === normalized(appTitle)) problems.push(`${message} ${quoted(label)} is just the app's name.`);
  if (label === otherAccountLabel) problems.push(`${message} ${quoted(label)} is the same for two different accounts.`);
  return problems;
};
