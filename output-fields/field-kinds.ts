// The kinds of field a row schema is declared with, each carrying the label and the
// Zapier type its output field gets (of-schema.ts reads them from .meta()). The payload
// shapes (payloads/) and the steps' rows (steps/row-shapes.ts) are written in these.
import * as z from 'zod';

/** Publisher-facing label plus the Zapier output field type, read by of-schema.ts. */
export interface FieldMeta {
  label: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'datetime';
}

export const text = (label: string) =>
  z
    .string()
    .nullable()
    .meta({ label } satisfies FieldMeta);
export const datetime = (label: string) =>
  z.iso
    .datetime({ offset: true })
    .nullable()
    .meta({ label, type: 'datetime' } satisfies FieldMeta);
export const amount = (label: string) =>
  z
    .number()
    .nullable()
    .meta({ label, type: 'number' } satisfies FieldMeta);
export const count = (label: string) =>
  z
    .int()
    .nullable()
    .meta({ label, type: 'integer' } satisfies FieldMeta);
export const flag = (label: string) =>
  z
    .boolean()
    .nullable()
    .meta({ label, type: 'boolean' } satisfies FieldMeta);
export const texts = (label: string) => z.array(z.string()).meta({ label } satisfies FieldMeta);
/** A nested object; its label prefixes its children's labels ("User" + "Email" = "User Email"), '' adds none. */
export const group = <Shape extends z.core.$ZodLooseShape>(label: string, shape: Shape) =>
  z.looseObject(shape).meta({ label } satisfies FieldMeta);

/** A required id: every row's primary key (Zapier check D010). */
export const id = (label: string) => z.string().meta({ label } satisfies FieldMeta);
/** A free-form map of names and values (newsletters, metadata): one output field. */
export const dict = (label: string) => z.record(z.string(), z.unknown()).meta({ label } satisfies FieldMeta);
