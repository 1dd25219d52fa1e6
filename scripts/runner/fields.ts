// How a Zap sees a row, as a table: the row's flat fields (output-fields/flat-keys.ts: `user__email`,
// `products[]sku`), each labelled from the trigger's outputFields (a dict field such as
// Newsletters labels every key under it), truncated to the terminal's width.
import { type Cell, childKey, type Field, flattenRow, isEmptyObject, type Scalar } from '../../output-fields/flat-keys.ts';

export { flattenRow };

export interface OutputFieldView {
  readonly key: string;
  readonly label?: string;
  readonly dict?: boolean;
}

/** The Zap editor's label for a flattened key, or undefined when the trigger declares none. */
export const labelFor = (key: string, outputFields: readonly OutputFieldView[]): string | undefined => {
  const exact = outputFields.find((field) => field.key === key);
  if (exact) return exact.label ?? undefined;
  const dict = outputFields.find((field) => field.dict && key.startsWith(childKey(field.key, '')));
  return dict ? `${dict.label ?? dict.key} ${key.slice(childKey(dict.key, '').length)}` : undefined;
};

/** A cell as one line of text: lists joined like Zapier joins them, control characters made visible. */
export const lineOf = (cell: Cell): string => {
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
  const all = lineOf(items);
  if ([...all].length <= width) return all;
  const texts = items.map((item) => (item === null ? '' : lineOf(item)));
  for (let count = texts.length - 1; count >= 1; count -= 1) {
    const shown = `${texts.slice(0, count).join(', ')}, … (+${texts.length - count} more)`;
    if ([...shown].length <= width) return shown;
  }
  return truncate(all, width);
};

const fittedCell = (cell: Cell, width: number): string => (Array.isArray(cell) ? truncateList(cell, width) : truncate(lineOf(cell), width));

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
    return `${INDENT}${labelText}${GAP}${style.dim(keyText)}${GAP}${fittedCell(value, valueWidth)}`.trimEnd();
  });
};
