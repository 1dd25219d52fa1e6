// Derives a trigger's Zapier outputFields from its zod row schema, so labels and
// types are declared once, next to the shape they describe (field-kinds.ts).
//
// Keys follow Zapier's flattening as flat-keys.ts defines it: nested objects as
// `user__email`, arrays of objects as line items `products[]sku`. Nested objects
// contribute their label as a prefix ("User" + "Email" = "User Email").
import * as z from 'zod';
import type { FieldMeta } from './field-kinds.ts';
import { childKey, lineItemsKey } from './flat-keys.ts';

export interface OutputField {
  key: string;
  label: string;
  type?: NonNullable<FieldMeta['type']>;
  list?: boolean;
  dict?: boolean;
}

const metaOf = (schema: z.ZodType): Partial<FieldMeta> => (schema.meta() ?? {}) as Partial<FieldMeta>;

/** Strips nullable/optional wrappers, keeping the outermost label and type found on the way. */
const unwrap = (schema: z.ZodType): { inner: z.ZodType; meta: Partial<FieldMeta> } => {
  let meta = metaOf(schema);
  let inner = schema;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional) {
    inner = inner.unwrap() as z.ZodType;
    meta = { ...metaOf(inner), ...meta };
  }
  return { inner, meta };
};

const joinLabels = (...parts: (string | undefined)[]): string => parts.filter((part): part is string => Boolean(part)).join(' ');

const leafType = (schema: z.ZodType, meta: Partial<FieldMeta>): OutputField['type'] =>
  meta.type ?? (schema instanceof z.ZodBoolean ? 'boolean' : schema instanceof z.ZodNumber ? 'number' : 'string');

const walk = (schema: z.ZodType, key: string, labelPrefix: string, inLineItem: boolean): OutputField[] => {
  const { inner, meta } = unwrap(schema);
  const label = joinLabels(labelPrefix, meta.label);

  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([name, child]) =>
      walk(child, childKey(key, name), label, inLineItem),
    );
  }
  if (inner instanceof z.ZodArray) {
    const element = unwrap(inner.element as z.ZodType).inner;
    // An array of objects is line items (flat-keys.ts isLineItems), except inside a line item.
    if (element instanceof z.ZodObject && !inLineItem) {
      return walk(element, lineItemsKey(key), label, true);
    }
    return [{ key, label, type: leafType(element, meta), list: true }];
  }
  if (inner instanceof z.ZodRecord) {
    return [{ key, label, dict: true }];
  }
  return [{ key, label, type: leafType(inner, meta) }];
};

export const outputFieldsOf = (schema: z.ZodType): OutputField[] => walk(schema, '', '', false);
