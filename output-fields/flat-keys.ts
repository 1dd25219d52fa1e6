// Zapier-style flat keys, the one definition: how a row's nested fields become the keys a Zap maps (`user__email`, `products[]sku`).
//
// The rules, pinned in test/output-fields/flat-keys.test.ts:
//   - an object's field is `parent__child`; a line item's field is `items[]child`, and
//     an object inside a line item goes on with `__` (`items[]price__amount`);
//   - an array is line items when it is non-empty and every item is an object, and it
//     is not itself inside a line item; any other array (scalars, mixed, empty, or
//     nested in a line item) is one list field at its own key;
//   - null is a value like any other; an empty object gives a Zap no field (the hook
//     runner still shows it, as {}, so nothing delivered goes unseen);
//   - a dict field (a free-form map such as newsletters) counts as one key.
// output-fields/of-schema.ts declares a schema's fields with these keys, the hook runner
// prints rows with them, and the tests compare rows by them.
import { isObject } from '../sesamy/json.ts';

export const LINE_ITEM = '[]';
export const NESTED = '__';

/** The key of `child` under `parent`; '' is the row itself. */
export const childKey = (parent: string, child: string): string =>
  parent === '' ? child : parent.endsWith(LINE_ITEM) ? `${parent}${child}` : `${parent}${NESTED}${child}`;

/** The prefix of the fields of the line items at `key`: `products` → `products[]`. */
export const lineItemsKey = (key: string): string => `${key}${LINE_ITEM}`;

/** Whether an array at this place is line items (rather than one list field). */
export const isLineItems = (value: readonly unknown[], inLineItem: boolean): boolean =>
  !inLineItem && value.length > 0 && value.every(isObject);

// ---- Fields with their values (what a Zap shows) ----------------------------------

export type Scalar = string | number | boolean | null;
export interface EmptyObject {
  readonly emptyObject: true;
}
export type Cell = Scalar | readonly Scalar[] | EmptyObject;

export interface Field {
  readonly key: string;
  readonly value: Cell;
}

const EMPTY_OBJECT: EmptyObject = { emptyObject: true };

export const isEmptyObject = (cell: Cell): cell is EmptyObject => isObject(cell) && !Array.isArray(cell);

/** A list item or leaf as one value: an object or array inside a list reads as its JSON text. */
const scalarOf = (value: unknown): Scalar => {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return null;
  return JSON.stringify(value) ?? null;
};

/** One line-item column's value for one item: lists inside a line item read as one text. */
const columnValueOf = (cell: Cell): Scalar => {
  if (isEmptyObject(cell)) return '{}';
  if (Array.isArray(cell)) return cell.map((item) => (item === null ? '' : String(item))).join(',');
  return cell as Scalar;
};

const flattenInto = (out: Field[], value: unknown, key: string, inLineItem: boolean): void => {
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && key !== '') out.push({ key, value: EMPTY_OBJECT });
    for (const [child, childValue] of entries) flattenInto(out, childValue, childKey(key, child), inLineItem);
    return;
  }
  if (Array.isArray(value)) {
    if (isLineItems(value, inLineItem)) {
      // Line items: one column per key, one value per item, in the order keys first appear.
      const columns = new Map<string, Scalar[]>();
      value.forEach((item, index) => {
        const itemFields: Field[] = [];
        flattenInto(itemFields, item, lineItemsKey(key), true);
        for (const field of itemFields) {
          const column = columns.get(field.key) ?? Array.from<Scalar>({ length: index }).fill(null);
          column.push(columnValueOf(field.value));
          columns.set(field.key, column);
        }
      });
      for (const [columnKey, values] of columns) out.push({ key: columnKey, value: values });
      return;
    }
    out.push({ key, value: value.map(scalarOf) });
    return;
  }
  out.push({ key, value: scalarOf(value) });
};

/** A row as the flat fields a Zap maps from, in the row's own order (empty objects included, as {}). */
export const flattenRow = (row: Readonly<Record<string, unknown>>): Field[] => {
  const out: Field[] = [];
  flattenInto(out, row, '', false);
  return out;
};

// ---- Keys only (what the checks compare) -------------------------------------------

/**
 * The flat keys of a row, each once, in the row's order. Beside the fields a Zap gets,
 * a list that holds objects also contributes those objects' keys (`list[]key`), so two
 * rows whose lists hold differently shaped objects never compare as equal.
 */
export const keysOf = (row: unknown, dicts: readonly string[] = []): string[] => {
  const keys = new Set<string>();
  const visit = (value: unknown, key: string, inLineItem: boolean): void => {
    if (key !== '' && dicts.includes(key)) {
      keys.add(key);
    } else if (isObject(value)) {
      for (const [child, childValue] of Object.entries(value)) visit(childValue, childKey(key, child), inLineItem);
    } else if (Array.isArray(value) && isLineItems(value, inLineItem)) {
      for (const item of value) visit(item, lineItemsKey(key), true);
    } else {
      keys.add(key);
      if (Array.isArray(value)) for (const item of value) if (isObject(item)) visit(item, lineItemsKey(key), true);
    }
  };
  if (isObject(row)) visit(row, '', false);
  return [...keys];
};

export const sortedKeysOf = (row: unknown, dicts: readonly string[] = []): string[] => keysOf(row, dicts).sort();

// ---- Reading a key back ---------------------------------------------------------------

/**
 * The values a flat key points at in a row: `user__email` reads row.user.email,
 * `products[]sku` reads the sku of every item of row.products. A key that is itself a
 * field name (`occured_at`, `a__b` delivered as is) is read first. Undefined means
 * absent; a path through null reads as absent.
 */
export const valuesAt = (row: unknown, key: string): unknown[] | undefined => {
  const [head = '', ...rest] = key.split(LINE_ITEM);
  const read = (object: unknown, path: string): unknown => {
    if (!isObject(object)) return undefined;
    if (Object.hasOwn(object, path)) return object[path];
    const [first = '', ...more] = path.split(NESTED);
    return more.length > 0 && Object.hasOwn(object, first) ? read(object[first], more.join(NESTED)) : undefined;
  };
  const value = read(row, head);
  if (rest.length === 0) return value === undefined ? undefined : [value];
  if (!Array.isArray(value)) return undefined;
  const found = value.flatMap((item) => valuesAt(item, rest.join(LINE_ITEM)) ?? []);
  return found.length > 0 ? found : undefined;
};
