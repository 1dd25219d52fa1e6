// Zapier's integration checks on operations and their static samples
// (docs.zapier.com/platform/publish/integration-checks-reference): a sample exists (D012),
// carries its primary key (D010), dates it as ISO 8601 (D023) and fits the output fields
// (D024); REST hooks subscribe (D016/D017) and can be polled (D006, T006). Each returns
// its violations as sentences that start with the check id; an empty list passes.

import { keysOf, valuesAt } from '../../../output-fields/flat-keys.ts';
import { isObject, type JsonObject } from '../../../sesamy/json.ts';
import { type Field, isField, isSerializedFunction, outputFieldsOf, type Placed, placeOf, quoted, type Trigger } from './definition.ts';

// ---------------------------------------------------------------------------------
// D012, D016/D017, D006 (definition part)

/** D012: a visible trigger, search or create has a static sample (hidden ones are exempt). */
export const d012 = (trigger: Trigger): string[] =>
  trigger.display.hidden || (isObject(trigger.operation.sample) && Object.keys(trigger.operation.sample).length > 0)
    ? []
    : [`D012 Static Sample Is Required: ${placeOf(trigger)} has no static sample (operation.sample).`];

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
  const dicts = outputFieldsOf(trigger)
    .filter((field) => field.dict)
    .map((field) => field.key);
  const problems: string[] = [];
  if (live.length === 0)
    problems.push(`D006 triggers.${trigger.key}: perform gave no row for the documented delivery, so there is nothing to compare.`);
  if (polling.length === 0)
    problems.push(`D006 triggers.${trigger.key}: performList gave no row from the test account, so there is nothing to compare.`);
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
    for (const [index, row] of polling.entries()) compare(`performList row ${index}`, row, liveRow, 'T006');
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

const lastKey = (path: string): string =>
  path
    .replace(/\[\d+\]$/, '')
    .split('.')
    .at(-1) ?? '';

/** D023: every date or time in the static sample is ISO 8601, with a zone when it has a time. */
export const d023 = (trigger: Trigger): string[] =>
  leafEntries(trigger.operation.sample).flatMap(({ where, item }) => {
    const dateKey = DATE_KEY.test(lastKey(where));
    const message = `D023 ISO-8601 Date/Time Format in Static Sample: ${placeOf(trigger)} sample ${where}`;
    if (typeof item === 'number' && dateKey) return [`${message} is the number ${item}; use an ISO 8601 string, not a Unix time.`];
    if (typeof item !== 'string' || ISO_8601.test(item)) return [];
    if (DATE_LIKE.some((pattern) => pattern.test(item)) || (dateKey && !Number.isNaN(Date.parse(item)))) {
      return [`${message} is ${quoted(item)}, not ISO 8601 with a zone (like 2023-09-15T09:59:59Z).`];
    }
    return [];
  });

// ---------------------------------------------------------------------------------
// D024: the static sample respects the output fields

// valuesAt (output-fields/flat-keys.ts) reads a flat output-field key back from a row.
export { valuesAt };

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
  const message = `D024 Static Sample Respects Output Field Definition: ${placeOf(trigger)}`;
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
// D010: the static sample carries the primary key

/** The output fields marked `primary`, else `id`: what Zapier dedupes and links records by. */
export const primaryKeysOf = (action: Trigger): string[] => {
  const primary = outputFieldsOf(action)
    .filter((field) => field.primary)
    .map((field) => field.key);
  return primary.length > 0 ? primary : ['id'];
};

/**
 * D010: a visible search's, create's or polling trigger's static sample has its primary
 * key (REST hooks are not deduped, so the reference exempts them; hidden ones have no sample).
 */
export const d010 = (action: Trigger): string[] => {
  if (action.display.hidden || ((action.kind ?? 'triggers') === 'triggers' && action.operation.type === 'hook')) return [];
  return primaryKeysOf(action)
    .filter((key) => !(valuesAt(action.operation.sample, key) ?? []).some((value) => value !== null && value !== ''))
    .map((key) => `D010 Static Sample Contains Primary Key: ${placeOf(action)} sample has no ${quoted(key)}.`);
};

// ---------------------------------------------------------------------------------
// T002, T004: a polling trigger's live results (UNVERIFIED: the checks' exact titles;
// what they test is the reference's)

/** T002: every result of a polling trigger has its primary key, so Zapier can deduplicate it. */
export const t002 = (trigger: Trigger, rows: readonly unknown[]): string[] =>
  rows.flatMap((row, index) =>
    primaryKeysOf(trigger)
      .filter((key) => !(valuesAt(row, key) ?? []).some((value) => value !== null && value !== ''))
      .map((key) => `T002 Polling Results Contain Primary Key: ${placeOf(trigger)} result ${index} has no ${quoted(key)}.`),
  );

/** T004: every key of the static sample is in the live results, so what a Zap maps from the sample is there when it runs. */
export const t004 = (trigger: Trigger, rows: readonly unknown[]): string[] => {
  const dicts = outputFieldsOf(trigger)
    .filter((field) => field.dict)
    .map((field) => field.key);
  const sampleKeys = keysOf(trigger.operation.sample, dicts);
  return rows.flatMap((row, index) => {
    const liveKeys = keysOf(row, dicts);
    const missing = sampleKeys.filter((key) => !liveKeys.includes(key));
    return missing.length > 0
      ? [`T004 Static Sample Keys Are in Live Results: ${placeOf(trigger)} result ${index} lacks ${missing.join(', ')}.`]
      : [];
  });
};
