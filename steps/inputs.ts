// Reading what a publisher typed or mapped into a search or an action. Every value
// is checked before any request is sent: a malformed one gets an error that names
// the field and says what to type, and nothing reaches Sesamy.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { quote, raise } from '../api/errors.ts';
import type { ProfileAddress } from '../api/profile-writes.ts';
import { asObject } from '../sesamy/json.ts';
import { ADDRESS_PARTS, type AddressPrefix, type AddressSuffix } from './fields.ts';

/** What a publisher typed or mapped, as trimmed text, or undefined when empty. Numbers and booleans (a mapped value) read as their text. */
export const inputText = (value: unknown): string | undefined => {
  const raw = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  const trimmed = raw?.trim();
  return trimmed ? trimmed : undefined;
};

/** What a field holds as trimmed texts, the empty ones dropped: an array's values (a list mapped into it), or its one value. */
const valuesOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).map(inputText).filter((text): text is string => text !== undefined);

/** A mapped field Zapier has not filled yet, as a dropdown receives it while it loads: `{{123__sku}}`. */
const UNFILLED_MAPPING = /\{\{[^{}]*\}\}/;

/**
 * A value of the half-filled form a dropdown reads, or undefined when it is empty or holds
 * an unfilled mapping (alone or within text): its value is not known until the Zap runs.
 */
export const formValueOf = (value: unknown): string | undefined => {
  const text = inputText(value);
  return text === undefined || UNFILLED_MAPPING.test(text) ? undefined : text;
};

const invalid = (z: ZObject, bundle: Bundle, message: string): Error => raise.fail(z, bundle, message, 'InvalidInput');

export const requireText = (z: ZObject, bundle: Bundle, value: unknown, label: string): string => {
  const text = inputText(value);
  if (text === undefined) throw invalid(z, bundle, `${label} is empty. Fill it in, or map a field that always has a value.`);
  return text;
};

/**
 * A field that takes one value (a Product, a Purchase Option), or undefined when empty. A
 * list of values, as when an order's line items are mapped at once (an array, or text with
 * commas or line breaks), is an error that says so and then `remedy`: what the step takes instead.
 */
export const singleValue = (z: ZObject, bundle: Bundle, value: unknown, label: string, remedy: string): string | undefined => {
  const values = valuesOf(value);
  const text = values.join(',');
  if (values.length > 1 || /[,\n\r]/.test(text)) {
    throw invalid(z, bundle, `${label} ${quote(text)} holds several values, as when an order's line items are mapped at once. ${remedy}`);
  }
  return values[0];
};

// Sesamy types emails `Format: email`, the format zod's email() gives its OpenAPI (Sesamy's
// API is built on zod, UNVERIFIED): the same check here refuses before sending what Sesamy would.
// It is zod's own pattern (`regexes.email` in zod 4), written out so that checking an email
// does not load zod when the app starts (docs/performance.md); test/steps/inputs.test.ts keeps the two equal.
// biome-ignore lint/complexity/noUselessEscapeInRegex: written exactly as zod writes it, so the test can compare the two.
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** An email, trimmed and lowercased (readers sign in with it, ignoring case); a malformed one, or a list of several, is an error. */
export const emailOf = (z: ZObject, bundle: Bundle, value: unknown, label = 'Email'): string | undefined => {
  const values = valuesOf(value);
  const text = values.join(', ');
  if (values.length === 0) return undefined;
  if (values.length > 1 || !EMAIL_PATTERN.test(text)) {
    throw invalid(z, bundle, `${label} ${quote(text)} is not an email address. Map a field that holds one email, like reader@example.com.`);
  }
  return text.toLowerCase();
};

export const requireEmail = (z: ZObject, bundle: Bundle, value: unknown, label = 'Email'): string =>
  emailOf(z, bundle, value, label) ?? requireText(z, bundle, value, label);

/** One choice of a static dropdown: its value, its label, and what else a publisher may type for it. */
export interface Choice<Value extends string> {
  readonly value: Value;
  readonly label: string;
  /** Other words for it, written as `typed` reads them (lower case, words split by one space). */
  readonly synonyms: readonly string[];
}

/** Typed text as a choice reads it: capitals, spaces, dashes, underscores and commas do not matter. */
const typedWords = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The field's input as Zapier's choices list them (value, sample, label). */
export const choicesOf = <Value extends string>(choices: readonly Choice<Value>[]) =>
  choices.map(({ value, label }) => ({ value, sample: value, label }));

/**
 * A static dropdown's value, also when typed as a custom value: its value, its label or a
 * synonym, in any capitals; empty is `fallback`. Anything else is an error that lists the
 * choices, so a typo never reads as another choice.
 */
export const choiceOf = <Value extends string>(
  z: ZObject,
  bundle: Bundle,
  value: unknown,
  label: string,
  choices: readonly Choice<Value>[],
  fallback: NoInfer<Value>,
): Value => {
  const text = inputText(value);
  if (text === undefined) return fallback;
  const words = typedWords(text);
  const chosen = choices.find((choice) => [choice.value, choice.label, ...choice.synonyms].some((word) => typedWords(word) === words));
  if (chosen) return chosen.value;
  const labels = choices.map((choice) => quote(choice.label));
  const listed = `${labels.slice(0, -1).join(', ')} or ${labels.at(-1) ?? ''}`;
  throw invalid(z, bundle, `${label} ${quote(text)} is not one of the choices. Choose ${listed}, or leave it empty.`);
};

/** A date as ISO 8601 with a time zone (what Sesamy's grants take); a value that is no date is an error. */
export const isoDateOf = (z: ZObject, bundle: Bundle, value: unknown, label: string): string | undefined => {
  const text = inputText(value);
  if (text === undefined) return undefined;
  // A bare date is read as midnight UTC; anything Date.parse cannot read is refused.
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  const iso = Number.isNaN(time) ? undefined : new Date(time).toISOString();
  // Years outside 0000-9999 print as ±YYYYYY, which RFC 3339 (Sesamy's date-time) does not allow.
  if (iso === undefined || !/^\d{4}-/.test(iso)) {
    throw invalid(z, bundle, `${label} ${quote(text)} is not a date. Use a date like 2026-12-31 or 2026-12-31T23:59:00Z.`);
  }
  return iso;
};

/**
 * A dictionary field (name → value) as Sesamy's string map. Nothing typed is dropped: a
 * value that is a list or an object (a mapped step output) is kept as its JSON, and a
 * plain text where names and values belong is an error that says what to do.
 */
export const dictOf = (z: ZObject, bundle: Bundle, value: unknown, label: string): Record<string, string> | undefined => {
  if (value === undefined || value === null || (typeof value !== 'object' && inputText(value) === undefined)) return undefined;
  const object = asObject(value);
  if (!object) {
    throw invalid(
      z,
      bundle,
      `${label} takes names and values, one pair per row, not ${quote(String(value))} alone. Put the value under a name of its own.`,
    );
  }
  const entries = Object.entries(object)
    .map(([key, field]) => [key.trim(), field !== null && typeof field === 'object' ? JSON.stringify(field) : inputText(field)] as const)
    .filter((entry): entry is readonly [string, string] => entry[0] !== '' && entry[1] !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
};

/** The five flat address inputs of one address, as steps/fields.ts declares them. */
export type AddressInputs<Prefix extends AddressPrefix> = {
  readonly [Suffix in AddressSuffix as `${Prefix}${Suffix}`]?: unknown;
};

/** The flat fields `deliveryAddressStreet`, `…City` … (the names of Sesamy's earlier Zapier app) as one address. */
export const addressOf = <Prefix extends AddressPrefix>(inputs: AddressInputs<Prefix>, prefix: Prefix): ProfileAddress | undefined => {
  const entries = (Object.keys(ADDRESS_PARTS) as AddressSuffix[]).flatMap((suffix) => {
    const value = inputText((inputs as Readonly<Record<string, unknown>>)[`${prefix}${suffix}`]);
    return value === undefined ? [] : [[ADDRESS_PARTS[suffix].part, value] as const];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
};

/** Drops the keys without a value, so a request carries exactly the fields a publisher filled. */
export const withoutEmpty = <T extends Record<string, unknown>>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
