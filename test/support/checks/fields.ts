// Zapier's integration checks on fields and the links between operations
// (docs.zapier.com/platform/publish/integration-checks-reference): ID fields get dropdowns
// (D004) on triggers that exist (D005); searches have a search field (D009); search
// connectors name a search that exists (D013) and come with a dropdown (D014);
// searchOrCreates name a search and a create that exist (D015); creates have static
// input fields (D022). Each returns its violations as sentences that start with the check
// id; an empty list passes.
import type { JsonObject } from '../../../sesamy/json.ts';
import {
  type Action,
  type Definition,
  type Field,
  inputFieldsOf,
  type Placed,
  placeOf,
  quoted,
  type SearchOrCreate,
} from './definition.ts';
import { valuesAt } from './samples.ts';

const has = (record: Readonly<Record<string, unknown>> | undefined, key: string): boolean =>
  record !== undefined && Object.hasOwn(record, key);

/** A field that asks for an identifier: by key (vendorId, user_id, skus) or by label ("Vendor ID"). */
export const isIdField = (field: Field): boolean =>
  /(?:^id|_id|Id|ID)s?$|^skus?$|_skus?$|Skus?$/.test(field.key) || /\b(?:ID|IDs|SKU|SKUs)\b/.test(field.label ?? '');

/**
 * Ids the publisher's own systems issued (publisherUserId, publisherPurchaseId): Sesamy
 * stores them but cannot list them, so there is no dropdown to offer; a Zap maps them from
 * the publisher's earlier step. UNVERIFIED: whether Zapier's D004 heuristic exempts them.
 */
export const isPublishersOwnId = (field: Field): boolean => /^publisher[A-Z]\w*Ids?$/.test(field.key);

/** D004: an ID field offers a dynamic dropdown (auth fields are credentials, not IDs to pick). */
export const d004 = ({ where, item }: Placed<Field>): string[] =>
  where.startsWith('authentication.') || !isIdField(item) || isPublishersOwnId(item) || item.dynamic !== undefined
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
  return Object.hasOwn(definition.triggers, trigger)
    ? []
    : [
        `D005 Dynamic Dropdown Connects to a Non-Existing Trigger: ${where} dynamic ${quoted(item.dynamic)} names no trigger ${quoted(trigger)}.`,
      ];
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

/** D009: a search has at least one static search field (a copy field is only text). */
export const d009 = (search: Action): string[] =>
  inputFieldsOf(search).some((field) => field.type !== 'copy')
    ? []
    : [`D009 Search Needs a Search Field: ${placeOf(search)} has no input field to search by.`];

/** The parts of a search connector: `find_x.id`. */
export const searchParts = (search: string): { search: string; field: string | undefined } => {
  const [key = '', field] = search.split('.');
  return { search: key, field };
};

/** D013: a search connector names a search that exists, and a field its sample has. */
export const d013 = (definition: Definition, { where, item }: Placed<Field>): string[] => {
  if (item.search === undefined) return [];
  const { search, field } = searchParts(item.search);
  const message = `D013 Search Connector Points to a Non-Existing Search: ${where} search ${quoted(item.search)}`;
  const target = definition.searches?.[search];
  if (!has(definition.searches, search) || target === undefined) return [`${message} names no search ${quoted(search)}.`];
  if (field === undefined || field === '') return [`${message} names no field of the search's result (use ${quoted(`${search}.id`)}).`];
  return valuesAt(target.operation.sample, field) === undefined
    ? [`${message} reads ${quoted(field)}, which the search's sample lacks.`]
    : [];
};

/** D014: a field with a search connector also has a dynamic dropdown. */
export const d014 = ({ where, item }: Placed<Field>): string[] =>
  item.search !== undefined && item.dynamic === undefined
    ? [`D014 Search Connector Needs a Dynamic Dropdown: ${where} has search ${quoted(item.search)} but no dynamic dropdown.`]
    : [];

/** D015: a searchOrCreate is keyed by its search, and names a search and a create that exist. */
export const d015 = (definition: Definition, searchOrCreate: SearchOrCreate): string[] => {
  const message = `D015 Search-or-Create References: ${placeOf(searchOrCreate)}`;
  return [
    ...(has(definition.searches, searchOrCreate.search) ? [] : [`${message} names no search ${quoted(searchOrCreate.search)}.`]),
    ...(has(definition.creates, searchOrCreate.create) ? [] : [`${message} names no create ${quoted(searchOrCreate.create)}.`]),
    ...(searchOrCreate.key === searchOrCreate.search ? [] : [`${message} key is not its search's key ${quoted(searchOrCreate.search)}.`]),
  ];
};

/** D022: a visible create has static input fields, so Zap templates can fill it (dynamic ones alone cannot be). */
export const d022 = (create: Action): string[] =>
  create.display.hidden || inputFieldsOf(create).some((field) => field.type !== 'copy')
    ? []
    : [`D022 Static Input Fields for Zap Templates: ${placeOf(create)} has no static input field.`];
