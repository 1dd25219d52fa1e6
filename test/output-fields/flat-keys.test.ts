// Zapier-style flat keys (output-fields/flat-keys.ts), the one definition the app's output fields,
// the hook runner and the publishing checks share: its edge cases, pinned once.
import * as z from 'zod';
import { childKey, flattenRow, keysOf, lineItemsKey, sortedKeysOf, valuesAt } from '../../output-fields/flat-keys.ts';
import { outputFieldsOf } from '../../output-fields/of-schema.ts';

describe('flat keys', () => {
  it('joins an object field with __, a line item field with [], and goes on with __ inside a line item', () => {
    expect(childKey('', 'user')).toBe('user');
    expect(childKey('user', 'email')).toBe('user__email');
    expect(lineItemsKey('products')).toBe('products[]');
    expect(childKey('products[]', 'sku')).toBe('products[]sku');
    expect(childKey('products[]price', 'amount')).toBe('products[]price__amount');
  });

  it('flattens nested objects and line items into the fields a Zap maps, in the row’s order', () => {
    expect(
      flattenRow({
        id: 'e_1',
        user: { email: 'a@b.c', address: { city: 'Oslo' } },
        products: [{ sku: 'a', price: { amount: 1 } }, { sku: 'b' }],
      }),
    ).toEqual([
      { key: 'id', value: 'e_1' },
      { key: 'user__email', value: 'a@b.c' },
      { key: 'user__address__city', value: 'Oslo' },
      { key: 'products[]sku', value: ['a', 'b'] },
      { key: 'products[]price__amount', value: [1] },
    ]);
    expect(keysOf({ id: 'e_1', user: { email: 'a@b.c' }, products: [{ sku: 'a' }, { sku: 'b', qty: 2 }] })).toEqual([
      'id',
      'user__email',
      'products[]sku',
      'products[]qty',
    ]);
  });

  it('keeps null as a value with its key', () => {
    expect(flattenRow({ canceledAt: null, user: { name: null } })).toEqual([
      { key: 'canceledAt', value: null },
      { key: 'user__name', value: null },
    ]);
    expect(keysOf({ canceledAt: null, user: { name: null } })).toEqual(['canceledAt', 'user__name']);
    expect(valuesAt({ canceledAt: null }, 'canceledAt')).toEqual([null]);
    expect(valuesAt({ user: null }, 'user__name')).toBeUndefined();
  });

  it('gives an empty object no key, though the runner shows it as {}', () => {
    expect(keysOf({ id: 'e_1', meta: {} })).toEqual(['id']);
    expect(flattenRow({ meta: {} })).toEqual([{ key: 'meta', value: { emptyObject: true } }]);
    expect(keysOf({})).toEqual([]);
    expect(flattenRow({})).toEqual([]);
  });

  it('makes a list field of an array of scalars, an empty array, and a mixed array (objects as JSON text)', () => {
    expect(flattenRow({ tags: ['x', 'y'], none: [], mixed: [{ a: 1 }, 2, null] })).toEqual([
      { key: 'tags', value: ['x', 'y'] },
      { key: 'none', value: [] },
      { key: 'mixed', value: ['{"a":1}', 2, null] },
    ]);
    // The objects in a mixed list still count for the checks: their keys are compared too.
    expect(keysOf({ tags: ['x'], none: [], mixed: [{ a: 1 }, 2] })).toEqual(['tags', 'none', 'mixed', 'mixed[]a']);
    expect(keysOf({ mixed: [{ a: 1 }, 2] })).not.toEqual(keysOf({ mixed: [{ b: 1 }, 2] }));
  });

  it('does not nest line items: an array of objects inside a line item is one list field', () => {
    const row = { orders: [{ id: 'o_1', lines: [{ sku: 'a' }, { sku: 'b' }] }] };
    expect(flattenRow(row)).toEqual([
      { key: 'orders[]id', value: ['o_1'] },
      { key: 'orders[]lines', value: ['{"sku":"a"},{"sku":"b"}'] },
    ]);
    expect(keysOf(row)).toEqual(['orders[]id', 'orders[]lines', 'orders[]lines[]sku']);
    expect(keysOf(row)).not.toEqual(keysOf({ orders: [{ id: 'o_1', lines: [{ code: 'a' }] }] }));
    expect(
      outputFieldsOf(z.object({ orders: z.array(z.object({ id: z.string(), lines: z.array(z.object({ sku: z.string() })) })) })).map(
        (field) => field.key,
      ),
    ).toEqual(['orders[]id', 'orders[]lines']);
  });

  it('counts a dict field as one key, whatever it holds', () => {
    expect(sortedKeysOf({ newsletters: { weekly: true, daily: false }, id: 'e_1' }, ['newsletters'])).toEqual(['id', 'newsletters']);
    expect(keysOf({ newsletters: {} }, ['newsletters'])).toEqual(['newsletters']);
  });

  it('declares output fields with the same keys a row of the schema flattens to', () => {
    const schema = z.object({
      user: z.object({ email: z.string() }),
      products: z.array(z.object({ sku: z.string(), price: z.object({ amount: z.number() }) })),
      tags: z.array(z.string()),
    });
    const row = { user: { email: 'a@b.c' }, products: [{ sku: 'a', price: { amount: 1 } }], tags: ['x'] };
    expect(outputFieldsOf(schema).map((field) => field.key)).toEqual(keysOf(row));
    expect(flattenRow(row).map((field) => field.key)).toEqual(keysOf(row));
  });

  it('reads a key back: a field named with __ first, then the nested path, and every line item', () => {
    expect(valuesAt({ a__b: 1, a: { b: 2 } }, 'a__b')).toEqual([1]);
    expect(valuesAt({ a: { b: 2 } }, 'a__b')).toEqual([2]);
    expect(valuesAt({ products: [{ sku: 'a' }, { sku: 'b' }, {}] }, 'products[]sku')).toEqual(['a', 'b']);
    expect(valuesAt({ products: [] }, 'products[]sku')).toBeUndefined();
    expect(valuesAt({}, 'missing')).toBeUndefined();
  });
});
