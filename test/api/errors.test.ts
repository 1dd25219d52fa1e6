// Quoting an id in words (quote), and Retry-After, read once (retryAfterSeconds): whole or decimal seconds, or an HTTP date in
// any of RFC 9110's three forms, clamped to what Zapier honours; and end to end, the
// ThrottledError's delay and words say the clamped value. Which answers of the token
// endpoint are Sesamy's own refusal of the credentials (sesamysRefusal), and which are not.
import nock from 'nock';
import { MAX_RETRY_AFTER_S, MIN_RETRY_AFTER_S, quote, retryAfterSeconds } from '../../api/errors.ts';
import { startSession } from '../../authentication.ts';
import { API, CLIENT_ID, CLIENT_SECRET, serveAccount, TOKEN_HOST } from '../../scripts/fake-sesamy/account.ts';
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

describe('the token exchange: only Sesamy’s own refusal of the credentials means reconnect', () => {
  const exchange = () =>
    appTester(startSession, { authData: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, environment: 'production' } });
  const JSON_TYPE = { 'Content-Type': 'application/json' };

  it.each([
    // An API gateway, a CDN or a firewall in front answers in JSON too (AWS API Gateway and CloudFront send exactly these).
    [403, { message: 'Forbidden' }, '403 Forbidden'],
    [403, { message: 'Missing Authentication Token' }, '403 Forbidden'],
    [400, { message: 'Missing Authentication Token' }, '400 Bad Request'],
    [404, { message: 'Not Found' }, '404 Not Found'],
    [405, { message: 'Method Not Allowed' }, '405'],
    [413, { message: 'Request Entity Too Large' }, '413'],
    [431, { message: 'Request Header Fields Too Large' }, '431'],
    // Sesamy's own words, but with a status Sesamy never sends them with.
    [404, { message: 'Client not found' }, '404 Not Found'],
    [403, { message: 'Tenant not found' }, '403 Forbidden'],
    // An OAuth refusal on a status that is no refusal.
    [404, { error: 'invalid_client' }, '404 Not Found, invalid_client'],
    [413, { error: 'access_denied' }, '413, access_denied'],
    // OAuth errors that refuse no credentials.
    [400, { error: 'invalid_request' }, '400 Bad Request, invalid_request'],
    [400, { error: 'unsupported_grant_type' }, '400 Bad Request, unsupported_grant_type'],
    [403, { error: { code: 'E403', message: 'Forbidden' } }, '403 Forbidden, E403'],
  ])('%i %j is temporary (ThrottledError): it says nothing about the credentials', async (status, body, said) => {
    nock(TOKEN_HOST).post('/oauth/token').reply(status, body, JSON_TYPE);

    const error = await rejectionOf(exchange());

    expect(error).toBeInstanceOf(errors.ThrottledError);
    expect(messageOf(error)).toBe(
      `Sesamy's sign-in service answered ${said} with something other than its own refusal (application/json) while trying to get an access token: maybe a firewall or a network problem on the way. Zapier will retry shortly.`,
    );
  });

  it.each([
    [400, { error: 'invalid_client', error_description: 'Client authentication failed' }, '400 Bad Request, invalid_client'],
    [400, { error: 'unauthorized_client' }, '400 Bad Request, unauthorized_client'],
    [400, { error: 'invalid_grant' }, '400 Bad Request, invalid_grant'],
    [403, { error: 'access_denied' }, '403 Forbidden, access_denied'],
    [403, { message: 'Invalid client credentials' }, '403 Forbidden'],
    [403, { message: 'Client not found' }, '403 Forbidden'],
    [404, { message: 'Tenant not found' }, '404 Not Found'],
  ])('%i %j, Sesamy’s own refusal, marks the connection expired (ExpiredAuthError)', async (status, body, said) => {
    nock(TOKEN_HOST).post('/oauth/token').reply(status, body, JSON_TYPE);

    const error = await rejectionOf(exchange());

    expect(error).toBeInstanceOf(errors.ExpiredAuthError);
    expect(error.message).toMatch(
      new RegExp(`^Sesamy did not accept this connection's credentials \\(${said}\\)\\. Reconnect your Sesamy account`),
    );
  });
});
