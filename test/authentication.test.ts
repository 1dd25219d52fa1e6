import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { connectionLabel, connectionLabelFor, startSession, testConnection } from '../authentication.ts';
import { ACCESS_TOKEN, API, authData, CLIENT_ID, CLIENT_SECRET, serveAccount, TOKEN_HOST } from '../scripts/fake-sesamy/account.ts';
import { appTester, errors, messageOf, rejectionOf } from './support/harness.ts';

const sessionPerform = startSession;
const credentials = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, environment: 'production' };

const FORM = `grant_type=client_credentials&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`;

const expectNoSecrets = (error: Error) => {
  const text = `${error.message} ${error.stack ?? ''}`;
  expect(text).not.toContain(CLIENT_SECRET);
  expect(text).not.toContain(ACCESS_TOKEN);
};

describe('session: exchanging the client credentials for a token', () => {
  it('posts a form-encoded client-credentials grant to the production token host, with no bearer header', async () => {
    const scope = nock(TOKEN_HOST, { badheaders: ['authorization'] })
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .post('/oauth/token', FORM)
      .reply(200, { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 86400 });

    const before = Date.now();
    const result = await appTester(sessionPerform, { authData: credentials });

    expect(scope.isDone()).toBe(true);
    expect(result.sessionKey).toBe(ACCESS_TOKEN);
    expect(Date.parse(result.tokenIssuedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Object.keys(result).sort()).toEqual(['sessionKey', 'tokenIssuedAt']);
  });

  it('uses token.sesamy.dev for the Development environment, with the Client ID trimmed of pasted spaces', async () => {
    const scope = nock('https://token.sesamy.dev').post('/oauth/token', FORM).reply(200, { access_token: 'dev-token' });

    const result = await appTester(sessionPerform, {
      authData: { clientId: ` ${CLIENT_ID} `, clientSecret: CLIENT_SECRET, environment: 'development' },
    });

    expect(scope.isDone()).toBe(true);
    expect(result.sessionKey).toBe('dev-token');
  });

  it('asks for both credentials before calling Sesamy', async () => {
    const error = await rejectionOf(appTester(sessionPerform, { authData: { clientId: CLIENT_ID, clientSecret: ' ' } }));
    expect(error).toBeInstanceOf(errors.Error);
    expect(messageOf(error)).toMatch(/^Enter both the Client ID and the Client Secret\./);
  });

  it.each([
    [401, { error: 'invalid_client', error_description: `Client ${CLIENT_SECRET} not found` }],
    [403, { error: 'access_denied' }],
    [400, { error: 'unauthorized_client' }],
  ])('turns a %i from the token endpoint into a reconnect error that shows no secret', async (status, body) => {
    nock(TOKEN_HOST).post('/oauth/token').reply(status, body);

    const error = await rejectionOf(appTester(sessionPerform, { authData: credentials }));

    expect(error).toBeInstanceOf(errors.ExpiredAuthError);
    expect(error.message).toMatch(/^Sesamy did not accept this connection's credentials \(\d{3} [A-Za-z ]+/);
    expect(error.message).toContain('Reconnect your Sesamy account');
    expectNoSecrets(error);
  });

  // Sesamy's token service (authhero) refuses with its JSON: {"message": …} or an OAuth {"error": …}.
  it.each([
    ['403 {"message":"Invalid client credentials"}', 403, { message: 'Invalid client credentials' }, '403 Forbidden'],
    ['403 {"message":"Client not found"}', 403, { message: 'Client not found' }, '403 Forbidden'],
    ['400 {"error":"invalid_client"}', 400, { error: 'invalid_client' }, '400 Bad Request, invalid_client'],
    ['404 {"message":"Tenant not found"}', 404, { message: 'Tenant not found' }, '404 Not Found'],
  ])('Sesamy’s own refusal, %s, means reconnect', async (_name, status, body, said) => {
    nock(TOKEN_HOST).post('/oauth/token').reply(status, body);

    const error = await rejectionOf(appTester(sessionPerform, { authData: credentials }));

    expect(error).toBeInstanceOf(errors.ExpiredAuthError);
    expect(error.message).toMatch(new RegExp(`^Sesamy did not accept this connection's credentials \\(${said}\\)\\. Reconnect`));
  });

  it.each([
    [
      'an HTML page (a CDN or a firewall)',
      403,
      '<html><body>Access denied</body></html>',
      { 'Content-Type': 'text/html' },
      '403 Forbidden',
      'text/html',
    ],
    ['an empty answer', 403, '', {}, '403 Forbidden', undefined],
    ['Cloudflare’s JSON', 403, { cloudflare_error: true, title: 'Access denied', status: 403 }, {}, '403 Forbidden', 'application/json'],
    [
      'JSON sent as text/plain',
      403,
      '{"message":"Invalid client credentials"}',
      { 'Content-Type': 'text/plain' },
      '403 Forbidden',
      'text/plain',
    ],
    ['a JSON list', 400, [{ message: 'x' }], {}, '400 Bad Request', 'application/json'],
    ['a 404 HTML page', 404, '<html>Not Found</html>', { 'Content-Type': 'text/html; charset=utf-8' }, '404 Not Found', 'text/html'],
    [
      'an OAuth error that refuses no credentials',
      400,
      { error: 'invalid_request' },
      {},
      '400 Bad Request, invalid_request',
      'application/json',
    ],
  ])('%s from the token endpoint is temporary (ThrottledError), not reconnect', async (_name, status, body, headers, said, type) => {
    nock(TOKEN_HOST).post('/oauth/token').reply(status, body, headers);

    const error = await rejectionOf(appTester(sessionPerform, { authData: credentials }));

    expect(error).toBeInstanceOf(errors.ThrottledError);
    expect(messageOf(error)).toBe(
      `Sesamy's sign-in service answered ${said} with something other than its own refusal (${type ?? 'no content type'}) while trying to get an access token: maybe a firewall or a network problem on the way. Zapier will retry shortly.`,
    );
  });

  it.each([
    [408, 'Request Timeout'],
    [425, 'Too Early'],
  ])('a %i from the token endpoint is temporary, not reconnect', async (status, text) => {
    nock(TOKEN_HOST).post('/oauth/token').reply(status, { error: 'try_later' });

    const error = await rejectionOf(appTester(sessionPerform, { authData: credentials }));

    expect(error).toBeInstanceOf(errors.ThrottledError);
    expect(messageOf(error)).toBe(
      `Sesamy asked the app to try again later (${status} ${text}, try_later) while trying to get an access token. Zapier will retry shortly.`,
    );
  });

  it('refuses a token answer without an access_token', async () => {
    nock(TOKEN_HOST).post('/oauth/token').reply(200, { token_type: 'Bearer' });

    const error = await rejectionOf(appTester(sessionPerform, { authData: credentials }));

    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toEqual({
      message:
        'Sesamy sent an unexpected answer while the app tried to get an access token: the answer had an unexpected shape (at “access_token”: Invalid input: expected string, received undefined). Try again; if it keeps happening, contact Sesamy support.',
      code: 'UnexpectedResponse',
    });
  });

  it('rejects an unknown environment with a clear error', async () => {
    const error = await rejectionOf(appTester(sessionPerform, { authData: { ...credentials, environment: 'staging' } }));
    expect(error).toBeInstanceOf(errors.Error);
    expect(messageOf(error)).toBe(
      'This connection names an unknown Sesamy environment. Reconnect your Sesamy account and choose Production or Development.',
    );
  });
});

describe('connection test and label', () => {
  it('lists the vendors with the bearer token and labels the connection by vendors and client ID', async () => {
    const seen = serveAccount();

    const result = await appTester(testConnection, { authData });

    expect(seen).toEqual(['GET /management/vendors']);
    expect(result).toEqual({
      vendors: [
        { id: 'acme-sport', name: 'Acme Sport' },
        { id: 'acme-news', name: 'Acme News' },
      ],
      clientId: CLIENT_ID,
      environment: 'production',
    });
    const label = await appTester(connectionLabel, { authData, inputData: result });
    expect(label).toBe(`Acme Sport, Acme News (client ${CLIENT_ID})`);
  });

  it.each([
    [{ vendors: [], clientId: 'c1', environment: 'production' }, 'Sesamy (no vendors) (client c1)'],
    [
      {
        vendors: [
          { id: 'a', name: 'A' },
          { id: 'b', name: 'B' },
          { id: 'c', name: 'C' },
          { id: 'd', name: 'D' },
        ],
        clientId: 'c2',
        environment: 'development',
      },
      'A, B +2 (client c2, Development)',
    ],
  ])('labels %j as %s', (test, label) => {
    expect(connectionLabelFor(test)).toBe(label);
  });

  it('renews the session on a 401 with a token that has been in use (RefreshAuthError)', async () => {
    nock(API)
      .get('/management/vendors')
      .reply(401, { error: { code: 'UNAUTHORIZED' } });

    const error = await rejectionOf(appTester(testConnection, { authData }));

    expect(error).toBeInstanceOf(errors.RefreshAuthError);
  });

  it('asks to reconnect when a token issued moments ago is refused (the 401 persists)', async () => {
    nock(API)
      .get('/management/vendors')
      .reply(401, { error: { code: 'UNAUTHORIZED' } });

    const error = await rejectionOf(
      appTester(testConnection, {
        authData: { ...authData, tokenIssuedAt: new Date().toISOString() },
      }),
    );

    expect(error).toBeInstanceOf(errors.ExpiredAuthError);
    expect(error.message).toBe(
      "Sesamy did not accept this connection's credentials (401 Unauthorized). Reconnect your Sesamy account in Zapier with the Client ID and Client Secret of a Management API application (Sesamy dashboard → Settings → API → Applications).",
    );
  });

  it('surfaces a 429 as Zapier’s throttled error with the Retry-After delay', async () => {
    nock(API)
      .get('/management/vendors')
      .reply(429, { error: { code: 'RATE_LIMITED' } }, { 'Retry-After': '17' });

    const error = await rejectionOf(appTester(testConnection, { authData }));

    expect(error).toBeInstanceOf(errors.ThrottledError);
    expect(JSON.parse(error.message)).toEqual({
      message:
        'Sesamy is receiving too many requests (429 Too Many Requests, RATE_LIMITED) while trying to list your vendors. Zapier will retry in 17 seconds.',
      delay: 17,
    });
  });
});

describe('bearer token', () => {
  const requestTo = (url: string) => (z: ZObject) => z.request({ url, skipThrowForStatus: true });

  it('is sent to the Sesamy API host of the connection’s environment', async () => {
    const scope = nock(API, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
      .get('/management/products')
      .reply(200, []);

    await appTester(requestTo(`${API}/management/products`), { authData });

    expect(scope.isDone()).toBe(true);
  });

  it.each([
    'https://example.com/collect',
    'https://api2.sesamy.com.example.com/management/vendors',
    'http://api2.sesamy.com/management/vendors',
    'https://api2.sesamy.dev/management/vendors',
    `${TOKEN_HOST}/oauth/token`,
  ])('is never sent to %s', async (url) => {
    const { origin, pathname } = new URL(url);
    const scope = nock(origin, { badheaders: ['authorization'] })
      .get(pathname)
      .query(true)
      .reply(200, {});

    await appTester(requestTo(url), { authData });

    expect(scope.isDone()).toBe(true);
  });

  it('is never put in a query string, and an explicit Authorization header is left alone', async () => {
    const scope = nock(API, { reqheaders: { authorization: 'Basic abc' } })
      .get('/management/vendors')
      .query((query) => Object.keys(query).length === 0)
      .reply(200, []);

    await appTester((z: ZObject) => z.request({ url: `${API}/management/vendors`, headers: { Authorization: 'Basic abc' } }), { authData });

    expect(scope.isDone()).toBe(true);
  });
});
