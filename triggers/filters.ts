// What the publisher chooses on a trigger: the vendor (required) and optional filters.
// Filters are sent with the hook subscription, so Sesamy can filter at the source once
// it supports that, and are applied again to every row (perform and performList), so
// they hold even when it does not. Input keys are public contract: never rename one.

import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineInputField } from 'zapier-platform-core';
import { raise } from '../api/errors.ts';
import type { FilterKey } from '../events.ts';
import { ENDED_STATUSES, type Ending, hasProduct, isEnded } from '../sesamy/facts.ts';
import { asArray, asNumber, asObject, asText, type JsonObject } from '../sesamy/json.ts';

export const vendorField = defineInputField({
  key: 'vendorId',
  label: 'Vendor',
  type: 'string',
  required: true,
  dynamic: 'vendor_list.id.name',
  helpText: 'The Sesamy vendor (publication or brand) whose events start this Zap. Events of your other vendors never reach it.',
});

/** The chosen vendor; without one the trigger cannot tell which events are the publisher's. */
export const vendorIdOf = (z: ZObject, bundle: Bundle): string => {
  const vendorId: unknown = bundle.inputData?.vendorId;
  if (typeof vendorId !== 'string' || vendorId.trim() === '') {
    throw raise.halt(z, bundle, 'Choose a Sesamy vendor in the Vendor field of this trigger, then test it again.');
  }
  return vendorId.trim();
};

/** What each status that ends a subscription (sesamy/facts.ts) means to a publisher. */
export const ENDINGS = {
  CANCELED: 'Canceled (refunded, or canceled by the reader)',
  EXPIRED: 'Expired (a renewal payment failed)',
  DELETED: 'Deleted (removed by Sesamy)',
} as const satisfies Record<Ending, string>;

/** Sesamy's product types (the Management API's entitlement `type`). */
export const PRODUCT_TYPES = {
  article: 'Article',
  audiobook: 'Audiobook',
  ebook: 'E-Book',
  bundle: 'Bundle',
  podcast: 'Podcast',
  pass: 'Pass',
  publication: 'Publication',
  physical_issue: 'Physical Issue',
} as const;

const choicesOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, sample: value, label }));

export const FILTER_FIELDS = {
  skus: defineInputField({
    key: 'skus',
    label: 'Products',
    type: 'string',
    list: true,
    required: false,
    dynamic: 'product_list.sku.name',
    helpText:
      'Optional. Only events for these products (by SKU) start the Zap. Pick them, or type SKUs separated by commas. Leave empty for every product.',
  }),
  productTypes: defineInputField({
    key: 'productTypes',
    label: 'Product Types',
    type: 'string',
    list: true,
    required: false,
    choices: choicesOf(PRODUCT_TYPES),
    helpText: 'Optional. Only events for products of these types start the Zap. Leave empty for every type.',
  }),
  endStatuses: defineInputField({
    key: 'endStatuses',
    label: 'Endings',
    type: 'string',
    list: true,
    required: false,
    choices: choicesOf(ENDINGS),
    helpText: 'Optional. Only subscriptions that ended in one of these ways start the Zap. Leave empty for every ending.',
  }),
  minTotal: defineInputField({
    key: 'minTotal',
    label: 'Minimum Total',
    type: 'number',
    required: false,
    helpText:
      'Optional. Only purchases whose total, taxes included, is at least this amount (like 99.50 or 99,50) start the Zap. A purchase without a total never matches.',
  }),
  maxTotal: defineInputField({
    key: 'maxTotal',
    label: 'Maximum Total',
    type: 'number',
    required: false,
    helpText:
      'Optional. Only purchases whose total, taxes included, is at most this amount (like 99.50 or 99,50) start the Zap. A purchase without a total never matches.',
  }),
} satisfies Record<FilterKey, unknown>;

/** The filters a publisher set, read and checked. Absent keys filter nothing. */
export type Filters = {
  skus?: string[];
  productTypes?: string[];
  endStatuses?: Ending[];
  minTotal?: number;
  maxTotal?: number;
};

/** A filter the publisher set that cannot be read; the message says which and how to type it. */
export const invalidFilter = (z: ZObject, bundle: Bundle, message: string): Error =>
  raise.fail(z, bundle, `${message} Edit the trigger's filters and try again.`, 'InvalidFilter');

/**
 * A list field's values: trimmed, without blanks or repeats. Zapier may send one value as a
 * plain string, and a person may type several into one box: "sku-1, sku-2" is two values.
 */
export const listedValues = (value: unknown): string[] => {
  const values = typeof value === 'string' ? [value] : asArray(value);
  return [
    ...new Set(
      values
        .flatMap((item) => asText(typeof item === 'number' ? String(item) : item)?.split(',') ?? [])
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  ];
};

/** "99,50" → "99.50": a decimal comma is one comma followed by one or two digits. "1,000" stays ambiguous. */
const DECIMAL_COMMA = /^([+-]?\d+),(\d{1,2})$/;
/** "1.000" or "12.500.000": thousands written with points, as Danes, Norwegians and Germans write them; "1.000" is not 1. */
const THOUSANDS_POINTS = /^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$/;

/**
 * An amount filter as people type it: "99", "99.50" or "99,50"; empty is no filter. A
 * thousands separator (a comma or a point), or anything else that is no number, is an
 * error naming the field; so is an amount below zero, as amounts are compared by size.
 */
export const amountFilterOf = (z: ZObject, bundle: Bundle, label: string, value: unknown): number | undefined => {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  const text = typeof value === 'string' ? value.trim() : undefined;
  const amount = text === undefined ? value : THOUSANDS_POINTS.test(text) ? Number.NaN : Number(text.replace(DECIMAL_COMMA, '$1.$2'));
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw invalidFilter(z, bundle, `${label} must be a number, like 99, 99.50 or 99,50, without thousands separators.`);
  }
  if (amount < 0) {
    throw invalidFilter(z, bundle, `${label} cannot be below zero: amounts are compared by their size, so type ${-amount}.`);
  }
  return amount;
};

/** A minimum and a maximum amount filter, each as labelled and as set. */
interface AmountFields {
  readonly min: { readonly label: string; readonly value: unknown };
  readonly max: { readonly label: string; readonly value: unknown };
}

/** Both amount filters, read as people type them; a minimum above the maximum could match no `noun` (a purchase, a payment), and says so. */
export const amountRangeOf = (
  z: ZObject,
  bundle: Bundle,
  { min, max }: AmountFields,
  noun: string,
): { readonly min?: number; readonly max?: number } => {
  const least = amountFilterOf(z, bundle, min.label, min.value);
  const most = amountFilterOf(z, bundle, max.label, max.value);
  if (least !== undefined && most !== undefined && least > most) {
    throw invalidFilter(z, bundle, `${min.label} (${least}) is more than ${max.label} (${most}), so no ${noun} could match.`);
  }
  return { ...(least === undefined ? {} : { min: least }), ...(most === undefined ? {} : { max: most }) };
};

export const filtersOf = (z: ZObject, bundle: Bundle, keys: readonly FilterKey[]): Filters => {
  const input = (bundle.inputData ?? {}) as JsonObject;
  const filters: Filters = {};
  if (keys.includes('skus')) {
    const skus = listedValues(input.skus);
    if (skus.length > 0) filters.skus = skus;
  }
  if (keys.includes('productTypes')) {
    const types = listedValues(input.productTypes).map((type) => type.toLowerCase());
    if (types.length > 0) filters.productTypes = types;
  }
  if (keys.includes('endStatuses')) {
    const chosen = listedValues(input.endStatuses).map((status) => status.toUpperCase());
    const unknown = chosen.filter((status) => !isEnded(status));
    if (unknown.length > 0) {
      const labels = ENDED_STATUSES.map((status) => status.charAt(0) + status.slice(1).toLowerCase());
      throw invalidFilter(z, bundle, `Endings can be ${labels.join(', ')}; “${unknown[0]}” is not one of them.`);
    }
    // None chosen means every ending: the trigger is about ended subscriptions only.
    filters.endStatuses = chosen.length > 0 ? (chosen as Ending[]) : [...ENDED_STATUSES];
  }
  const field = (key: 'minTotal' | 'maxTotal') => ({ label: FILTER_FIELDS[key].label, value: keys.includes(key) ? input[key] : undefined });
  const { min, max } = amountRangeOf(z, bundle, { min: field('minTotal'), max: field('maxTotal') }, 'purchase');
  if (min !== undefined) filters.minTotal = min;
  if (max !== undefined) filters.maxTotal = max;
  return filters;
};

/** The SKUs a row is about: its own, or its line items'. */
export const skusOf = (row: JsonObject): string[] =>
  [row.sku, ...asArray(row.products).map((product) => asObject(product)?.sku)].filter(
    (sku): sku is string => typeof sku === 'string' && sku !== '',
  );

/** The most products the Product Types filter reads for one event; a Sesamy order names a few. */
export const MAX_PRODUCT_READS = 20;

/** The distinct SKUs the Product Types filter would read for a row: none when it is not set, or the row carries its type. */
export const productReadsOf = (filters: Filters, row: JsonObject): string[] =>
  filters.productTypes && !asText(row.productType) ? [...new Set(skusOf(row))] : [];

/** Looks up a product's type by SKU, for rows that do not carry one (checkouts). */
export type ProductTypeOf = (sku: string) => Promise<string | null>;

const productTypesOf = async (row: JsonObject, productTypeOf: ProductTypeOf): Promise<string[]> => {
  const own = asText(row.productType);
  const types = own ? [own] : await Promise.all([...new Set(skusOf(row))].map(productTypeOf));
  return types.filter((type): type is string => Boolean(type)).map((type) => type.toLowerCase());
};

/**
 * Whether an amount lies within a range as amountRangeOf reads it: any amount when no bound
 * is set; else a known amount within every bound set (an unknown one lies within none).
 */
export const isWithin = (
  amount: number | null | undefined,
  { min, max }: { readonly min?: number | undefined; readonly max?: number | undefined },
): boolean =>
  (min === undefined && max === undefined) ||
  (amount !== null && amount !== undefined && (min === undefined || amount >= min) && (max === undefined || amount <= max));

/** Whether a row passes every filter that is set. Product types are looked up only when that filter is set. */
export const passes = async (filters: Filters, row: JsonObject, productTypeOf: ProductTypeOf): Promise<boolean> => {
  const { skus, productTypes, endStatuses, minTotal, maxTotal } = filters;
  if (endStatuses && !(endStatuses as string[]).includes(asText(row.status)?.toUpperCase() ?? '')) return false;
  if (skus && !hasProduct(skusOf(row), skus)) return false;
  if (!isWithin(asNumber(asObject(row.totals)?.total), { min: minTotal, max: maxTotal })) return false;
  if (productTypes) {
    const types = await productTypesOf(row, productTypeOf);
    if (!types.some((type) => productTypes.includes(type))) return false;
  }
  return true;
};
