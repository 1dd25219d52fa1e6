import { quote } from '../../api/errors.ts';

describe('quoting an id in a message or a log line', () => {
  it('keeps it on one line: control characters and line breaks are written out', () => {
    expect(quote('bill_1')).toBe('“bill_1”');
    expect(quote('a\nb\u2028c\u0000')).toBe('“a\\u000ab\\u2028c\\u0000”');
  });

  it('cuts a long id at 60 characters', () => {
    expect(quote('x'.repeat(61))).toBe(`“${'x'.repeat(60)}…”`);
  });
});
