// How a Zap sees a trigger's row: nested objects flattened to `user__email`, arrays of
// objects as line items `products[]sku`, each key labelled from the trigger's
// outputFields (a dict field such as Newsletters labels every key under it).
import { isObject } from '../../rows/json.ts';

export type Scalar = string | number | boolean | null;
export type Cell = Scalar | readonly Scalar[] | EmptyObject;
export interface EmptyObject {
  readonly emptyObject: true;
}

export interface Field {
  readonly key: string;
  readonly value: Cell;
}

export interface OutputFieldView {
  readonly key: string;
  readonly label?: string;
  readonly dict?: boolean;
}

const EMPTY_OBJECT: EmptyObject = { emptyObject: true };

const isEmptyObject = (cell: Cell): cell is EmptyObject => isObject(cell) && !Array.isArray(cell);

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

const childKey = (key: string, child: string): string => (key === '' ? child : key.endsWith('[]') ? `${key}${child}` : `${key}__${child}`);

const flattenInto = (out: Field[], value: unknown, key: string, inLineItem: boolean): void => {
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && key !== '') out.push({ key, value: EMPTY_OBJECT });
    for (const [child, childValue] of entries) flattenInto(out, childValue, childKey(key, child), inLineItem);
    return;
  }
  if (Array.isArray(value)) {
    if (!inLineItem && value.length > 0 && value.every(isObject)) {
      // Line items: one column per key, one value per item, in the order keys first appear.
      const columns = new Map<string, Scalar[]>();
      value.forEach((item, index) => {
        const itemFields: Field[] = [];
        flattenInto(itemFields, item, `${key}[]`, true);
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

/** A row as the flat fields a Zap maps from, in the row's own order. */
export const flattenRow = (row: Readonly<Record<string, unknown>>): Field[] => {
  const out: Field[] = [];
  flattenInto(out, row, '', false);
  return out;
};

/** The Zap editor's label for a flattened key, or undefined when the trigger declares none. */
export const labelFor = (key: string, outputFields: readonly OutputFieldView[]): string | undefined => {
  const exact = outputFields.find((field) => field.key === key);
  if (exact) return exact.label ?? undefined;
  const dict = outputFields.find((field) => field.dict && key.startsWith(`${field.key}__`));
  return dict ? `${dict.label ?? dict.key} ${key.slice(dict.key.length + 2)}` : undefined;
};

/** A cell as one line of text: lists joined like Zapier joins them, control characters made visible. */
export const textOf = (cell: Cell): string => {
  if (isEmptyObject(cell)) return '{}';
  if (Array.isArray(cell)) return cell.length === 0 ? '[]' : cell.map((item) => (item === null ? '' : String(item))).join(', ');
  if (cell === null) return '(null)';
  if (cell === '') return '""';
  return String(cell).replace(/\r?\n/g, '↵').replace(/\t/g, ' ');
};

/** Shortens text to `width` characters, marking the cut and how much was left out. */
export const truncate = (text: string, width: number): string => {
  const characters = [...text];
  if (characters.length <= width) return text;
  // The note's longest form, so the result never exceeds `width` (except for a tiny width).
  const keep = Math.max(1, width - `… (+${characters.length} chars)`.length);
  return `${characters.slice(0, keep).join('')}… (+${characters.length - keep} chars)`;
};

/** A list shortened to the whole items that fit, then how many were left out. */
const truncateList = (items: readonly Scalar[], width: number): string => {
  const all = textOf(items);
  if ([...all].length <= width) return all;
  const texts = items.map((item) => (item === null ? '' : textOf(item)));
  for (let count = texts.length - 1; count >= 1; count -= 1) {
    const shown = `${texts.slice(0, count).join(', ')}, … (+${texts.length - count} more)`;
    if ([...shown].length <= width) return shown;
  }
  return truncate(all, width);
};

const cellText = (cell: Cell, width: number): string => (Array.isArray(cell) ? truncateList(cell, width) : truncate(textOf(cell), width));

const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - [...text].length));

export interface TableStyle {
  readonly dim: (text: string) => string;
  /** The width of the terminal (or of the page, when output is not a terminal). */
  readonly columns: number;
}

const MAX_LABEL = 40;
const MAX_KEY = 44;
const MIN_VALUE = 40;
const INDENT = '  ';
const GAP = '  ';

/** The fields of one row as aligned `label  key  value` lines. */
export const renderFields = (fields: readonly Field[], outputFields: readonly OutputFieldView[], style: TableStyle): string[] => {
  const labelled = fields.map((field) => ({ ...field, label: labelFor(field.key, outputFields) ?? '' }));
  const labelWidth = Math.min(MAX_LABEL, Math.max(0, ...labelled.map((field) => [...field.label].length)));
  const keyWidth = Math.min(MAX_KEY, Math.max(0, ...labelled.map((field) => [...field.key].length)));
  const valueWidth = Math.max(MIN_VALUE, style.columns - INDENT.length - labelWidth - keyWidth - 2 * GAP.length);
  return labelled.map(({ label, key, value }) => {
    const labelText = padEnd(truncate(label, labelWidth), labelWidth);
    const keyText = padEnd(truncate(key, keyWidth), keyWidth);
    return `${INDENT}${labelText}${GAP}${style.dim(keyText)}${GAP}${cellText(value, valueWidth)}`.trimEnd();
  });
};
