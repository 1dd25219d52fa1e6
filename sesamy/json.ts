// Safe readers for JSON of unknown shape. Deliveries and API answers are read
// through these, so a field with an unexpected type reads as "absent" instead of
// crashing deep inside a mapping.

export type JsonObject = { [key: string]: unknown };

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export const asObject = (value: unknown): JsonObject | undefined => (isObject(value) ? value : undefined);

export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A non-empty string, or undefined. */
export const asText = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** A string in capitals, for comparing Sesamy's enum values whatever their case; '' for anything else. */
export const upperText = (value: unknown): string => (typeof value === 'string' ? value.toUpperCase() : '');

export const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Own property only: `__proto__` or `constructor` in a delivery are plain data, never inherited members. */
export const own = (object: JsonObject, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);

export const hasOwn = (object: JsonObject, key: string): boolean => Object.hasOwn(object, key);

/** ISO 8601 with zone, or null: rows carry dates Zapier can read (check D023). */
export const isoDate = (value: unknown): string | null => {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

/**
 * Whether a JSON value nests deeper than `max` levels (a scalar is 0 deep, `{}` and `[]`
 * are 1). Iterative, with its own stack, so no depth can overflow it; it stops at the
 * first node too deep, and reads own enumerable values only (never a `__proto__` getter).
 */
export const depthExceeds = (value: unknown, max: number): boolean => {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
};
