// Quoting an id in words (quote), and Retry-After, read once (retryAfterSeconds): whole or decimal seconds, or an HTTP date in
// any of RFC 9110's three forms, clamped to what Zapier honours; and end to end, the
// ThrottledError's delay and words say the clamped value.
import nock from 'nock';
import { MAX_RETRY_AFTER_S, MIN_RETRY_AFTER_S, quote, retryAfterSeconds } from '../../api/errors.ts';
import { API, serveAccount } from '../../scripts/fake-sesamy/account.ts';
import { appTester, bundleWith, errors, hookOperation, messageOf, rejectionOf, thinEvent } from '../support/harness.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('Retry-After', () => {
  it('is clamped to 1–300 seconds: what Zapier honours for a hook’s perform', () => {
    expect([MIN_RETRY_AFTER_S, MAX_RETRY_AFTER_S]).toEqual([1, 300]);
  });

  it.each([
    ['120', 120],
    ['1.5', 2],
    ['0.2', 1],
    ['0', 1],
    ['300', 300],
    ['301', 300],
    ['999999', 300],
    ['9'.repeat(400), 300],
    [' 30 ', 30],
    ['Tue, 01 Dec 2026 12:01:30 GMT', 90],
    ['Tuesday, 01-Dec-26 12:01:30 GMT', 90],
    ['Tue Dec  1 12:01:30 2026', 90],
    ['Tue, 01 Dec 2026 11:00:00 GMT', 1],
    ['Tue, 01 Dec 2026 18:00:00 GMT', 300],
  ])('Retry-After %j is %i seconds', (header, seconds) => {
    expect(retryAfterSeconds(header, NOW)).toBe(seconds);
  });

  it.each([
    '',
    '-1',
    '1e3',
    '+5',
    '1.',
    '.5',
    'soon',
    '1.5 seconds',
    'Wed, 32 Oct 2026 07:28:00 GMT',
    'Mon, 31 Feb 2026 07:28:00 GMT',
    'Tue, 01 Dec 2026 25:00:00 GMT',
    'Tue, 01 Dec 2026 12:01:30 +0100',
    '2026-12-01T12:01:30Z',
  ])('Retry-After %j is unreadable: Zapier’s default', (header) => {
    expect(retryAfterSeconds(header, NOW)).toBeUndefined();
  });

  it('reads an asctime date (which names no zone) as GMT, whatever the machine’s zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(retryAfterSeconds('Tue Dec  1 12:01:30 2026', NOW)).toBe(90);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('reads a two-digit RFC 850 year as the most recent past year with those digits when 50 years ahead', () => {
    expect(retryAfterSeconds('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(1);
  });

  it.each([
    ['1.5', 2, 'in 2 seconds'],
    ['999999', 300, 'in 300 seconds'],
    ['0', 1, 'in 1 second'],
    ['soon', undefined, 'shortly'],
  ])('a 429 with Retry-After %j retries after %s seconds, and says “%s”', async (header, delay, when) => {
    nock(API).get('/management/users/user_ada').reply(429, {}, { 'Retry-After': header });
    serveAccount();

    const error = await rejectionOf(
      appTester(
        hookOperation('user_signed_up').perform,
        bundleWith({ cleanedRequest: thinEvent('userVendor.1#new', { userId: 'user_ada' }) }),
      ),
    );

    expect(error).toBeInstanceOf(errors.ThrottledError);
    expect(JSON.parse(error.message).delay).toBe(delay);
    expect(messageOf(error)).toBe(
      `Sesamy is receiving too many requests (429 Too Many Requests) while trying to read user “user_ada”. Zapier will retry ${when}.`,
    );
  });
});

describe('quoting an id in a message or a log line', () => {
  it('keeps it on one line: control characters and line breaks are written out', () => {
    expect(quote('bill_1')).toBe('“bill_1”');
    expect(quote('a\nb\u2028c\u0000')).toBe('“a\\u000ab\\u2028c\\u0000”');
  });

  it('cuts a long id to 60 characters, the ellipsis included', () => {
    expect(quote('x'.repeat(61))).toBe(`“${'x'.repeat(59)}…”`);
  });
});
