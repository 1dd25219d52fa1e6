// Compares rows by the keys Zapier flattens them into, the way checks D006/T006 do.
import { isObject } from '../../rows/json.ts';

/**
 * Flattened key paths of a row: `user__email`, line items as `products[]sku`.
 * Fields listed in `dicts` (free-form maps such as newsletters) count as one key.
 */
export const keyPaths = (value: unknown, dicts: readonly string[] = [], prefix = ''): string[] => {
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix.endsWith('[]') ? `${prefix}${key}` : prefix ? `${prefix}__${key}` : key;
    if (dicts.includes(path)) return [path];
    if (isObject(child)) return keyPaths(child, dicts, path);
    if (Array.isArray(child) && child.some(isObject)) {
      return [...new Set(child.flatMap((item) => keyPaths(item, dicts, `${path}[]`)))];
    }
    return [path];
  });
};

export const sortedKeyPaths = (value: unknown, dicts: readonly string[] = []): string[] =>
  [...new Set(keyPaths(value, dicts))].sort();
