// What a publisher types or maps into an action's fields, generated: odd and unicode
// emails, dates in every format, huge strings, numbers as strings and as numbers, a
// list typed as one string or mapped as an array, objects, nulls and missing fields.
// Ids are mostly ones the fake account has, so the runs reach Sesamy as often as they
// stop at a clear error. The fields come from the action's own definition, so a field
// added later is fuzzed too.
import fc from 'fast-check';

/** The input fields of an action, as its definition declares them. */
export interface InputFieldSpec {
  readonly key: string;
  readonly required?: boolean;
  readonly type?: string;
  readonly dict?: boolean;
  readonly list?: boolean;
}

const ONE_MB_STRING = 'é🦄'.repeat(1 << 18);

// Any code point (lone surrogates included), and whole emoji, joiners and bidi marks.
const codePoint = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCodePoint(code)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)) },
  { weight: 1, arbitrary: fc.constantFrom('🦄', '👩‍👩‍👧', '🇸🇪', 'é', 'e\u0301', 'ß', 'İ', '\u202e', '\u0000', '"', '\\', '</script>') },
);
const oddText = fc.array(codePoint, { maxLength: 24 }).map((points) => points.join(''));

/** A value as a mapping may deliver it into any field. */
export const typed: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: oddText },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t\n', 'Ada', ' Ada Lovelace ', 'null', 'undefined', '[object Object]') },
  { weight: 2, arbitrary: fc.constantFrom('12345', '0', '-0', '1e3', '0x10', 'NaN', 'Infinity', '007') },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()) },
  // A list typed as one string, or mapped as a list.
  { weight: 2, arbitrary: fc.constantFrom('a, b, c', 'VIP,Early Bird', 'a\nb', '["a","b"]') },
  { weight: 1, arbitrary: fc.array(fc.oneof(oddText, fc.integer()), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(oddText, oddText, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const ODD_EMAILS = [
  ' Ada@Example.COM ',
  'ADA@EXAMPLE.COM',
  'ada+zapier@example.com',
  'ada@example',
  'ada@@example.com',
  'ada @example.com',
  'ådä@exämple.se',
  '用户@例子.广告',
  'a@b..c',
  '.ada@example.com',
  'ada.@example.com',
  'ada..lovelace@example.com',
  '"ada lovelace"@example.com',
  'ada@example.com, grace@example.com',
  'ada@example.com\n',
  'mailto:ada@example.com',
  '<ada@example.com>',
  'Ada Lovelace <ada@example.com>',
  'ada@-example.com',
  'ada@example.c',
  'ada@example.com.',
  "o'brien@example.ie",
  'ada@[127.0.0.1]',
  'ada@xn--exmple-cua.se',
];

export const email: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('ada@example.com', 'grace@example.com', 'new.reader@example.com', 'Grace@Example.com') },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_EMAILS) },
  { weight: 1, arbitrary: typed },
);

const DATES = [
  '2026-12-31',
  '2026-12-31T23:59:00Z',
  '2026-12-31T23:59:00+01:00',
  '2026-12-31T23:59:00.123456Z',
  '2026-12-31T23:59:00',
  '2026-12-31 23:59',
  '31/12/2026',
  '12/31/2026',
  'Dec 31, 2026',
  '31 December 2026 10:00 GMT+2',
  'tomorrow',
  '2026-13-45',
  '2026-02-30',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+010000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '1767225600',
];

export const date: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...DATES) },
  {
    weight: 5,
    arbitrary: fc
      .date({ noInvalidDate: true, min: new Date('2020-01-01'), max: new Date('2040-01-01') })
      .map((value) => value.toISOString()),
  },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((value) => value.toISOString()) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 4_102_444_800 }) },
  { weight: 1, arbitrary: typed },
);

/** An id the fake account knows (or one it does not), else anything. */
const idFrom = (...known: string[]): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...known, ` ${known[0] ?? ''} `) }, { weight: 1, arbitrary: typed });

const BY_KEY: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  email: email,
  accessListId: idFrom('list_shop', 'list_b2b', 'list_old', 'list_missing'),
  sku: idFrom('premium-digital', 'weekend-print', 'archive-pass', 'sku_missing'),
  poId: idFrom('po-monthly', 'po-yearly', 'po-once'),
  grantId: idFrom('grant_grace_active', 'grant_ada_canceled', 'grant_missing'),
  userId: idFrom('user_ada', 'user_grace', 'user_missing'),
  publisherPurchaseId: idFrom('order-900', 'order-800', 'order-1'),
  key: idFrom('crmId', 'a/b?c', 'newsletter.weekly', '../user_metadata'),
  locale: idFrom('sv', 'en', 'en-GB'),
  mobilePhone: idFrom('+46701234567', '070-123 45 67'),
  phone: idFrom('+46701234567', '070-123 45 67'),
  extraFields: fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.oneof(oddText, fc.constantFrom('', ' ', '__proto__', 'constructor')), typed, { maxKeys: 4 }) },
    { weight: 1, arbitrary: typed },
  ),
};

const valueFor = (field: InputFieldSpec): fc.Arbitrary<unknown> => {
  const byKey = BY_KEY[field.key];
  if (byKey) return byKey;
  if (field.type === 'datetime' || /(?:At|Date)$/.test(field.key)) return date;
  if (/Country$/.test(field.key)) return fc.oneof(fc.constantFrom('SE', 'se', 'Sweden', 'GB'), typed);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('Ada', 'Lovelace', 'Storgatan 1', 'c/o Byron', '11122', 'Stockholm') },
    { weight: 2, arbitrary: typed },
  );
};

/** A field's value; one field in 800 gets a 1 MB string instead (rare, because each costs milliseconds to send). */
const arbitraryFor = (field: InputFieldSpec): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 799, arbitrary: valueFor(field) }, { weight: 1, arbitrary: fc.constant(ONE_MB_STRING) });

const MISSING = Symbol('missing');

/**
 * The inputs of one run: each field present or missing (a required one is missing one
 * time in ten), with a value of its kind; `__proto__` and unknown keys sometimes too.
 */
export const inputsFor = (fields: readonly InputFieldSpec[]): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      ...fields.map((field) =>
        fc.oneof(
          { weight: field.required ? 9 : 1, arbitrary: arbitraryFor(field) },
          { weight: 1, arbitrary: fc.constant<typeof MISSING>(MISSING) },
        ),
      ),
      fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'unknownField'), typed), { freq: 10 }),
    )
    .map((values) => {
      const inputs: Record<string, unknown> = {};
      fields.forEach((field, index) => {
        const value = values[index];
        if (value !== MISSING) inputs[field.key] = value;
      });
      const extra = values[fields.length];
      if (Array.isArray(extra))
        Object.defineProperty(inputs, String(extra[0]), { value: extra[1], enumerable: true, writable: true, configurable: true });
      return inputs;
    });
