// No secret is ever shown: every operation runs with distinctive credentials, on success
// and under the faults that produce messages, with Zapier's own logging sent to stdout.
// Everything the app and core write, and every error, is collected and searched.
import querystring from 'node:querystring';
import { jest } from '@jest/globals';
import nock from 'nock';
import { redact } from '../../api/errors.ts';
import { startSession, testConnection } from '../../authentication.ts';
import { ACCESS_TOKEN, API, authData, CLIENT_ID, CLIENT_SECRET, TOKEN_HOST } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { appTester, bundleWith, deliveryOf, errors, hookOperation, rejectionOf, specOf } from '../support/harness.ts';
import { expected, FAULTS, OPERATIONS, serveFault, serveWrites } from '../support/operations.ts';

const written: string[] = [];

beforeAll(() => {
  // Core prints its HTTP and z.console logs, in detail, when these are set (zapier-platform-core/src/tools/create-logger.js).
  process.env.LOG_TO_STDOUT = '1';
  process.env.DETAILED_LOG_TO_STDOUT = '1';
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      written.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    });
  }
});

afterAll(() => {
  delete process.env.LOG_TO_STDOUT;
  delete process.env.DETAILED_LOG_TO_STDOUT;
  jest.restoreAllMocks();
});

const MESSAGE_FAULTS = FAULTS.filter((fault) =>
  ['malformed JSON', '400', '401', '401 after a renewal', '403', '404', '500'].includes(fault.name),
);

describe('secrets', () => {
  it('never appear in a log line or an error, whatever the operation and whatever goes wrong', async () => {
    const errors: string[] = [];
    const settle = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: Error) => errors.push(`${error.name} ${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`),
      );

    for (const operation of OPERATIONS) {
      serveWrites();
      serveSesamy();
      const before = errors.length;
      await settle(operation.run(authData));
      expect([operation.name, errors.length - before]).toEqual([operation.name, 0]);
      nock.cleanAll();
      for (const fault of MESSAGE_FAULTS) {
        serveFault(operation, fault);
        operation.before?.();
        serveSesamy();
        await settle(operation.run(fault.freshToken ? { ...authData, tokenIssuedAt: new Date().toISOString() } : authData));
        nock.cleanAll();
      }
    }
    // A delivery the trigger skips is logged through z.console.
    await appTester(
      hookOperation('subscription_created').perform,
      bundleWith({ cleanedRequest: [{ ...deliveryOf(specOf('subscription_created')), vendorId: 'acme-sport' }] }),
    );

    const everything = [...written, ...errors].join('\n');
    // The collection is real: requests, their answers and the app's own lines are in it.
    expect(written.some((line) => line.includes('POST https://token.sesamy.com/oauth/token'))).toBe(true);
    expect(written.some((line) => line.includes('GET https://api2.sesamy.com/management/vendors'))).toBe(true);
    expect(written.some((line) => line.includes('Skipped a Sesamy event for vendor “acme-sport”'))).toBe(true);
    // Every fault run failed, but where the policy makes the fault a success (gone, nothing found, unread).
    const failing = OPERATIONS.flatMap((operation) => MESSAGE_FAULTS.filter((fault) => !('success' in expected(operation, fault.name))));
    expect(failing.length).toBeGreaterThan(OPERATIONS.length * (MESSAGE_FAULTS.length - 2));
    expect(errors.length).toBe(failing.length);
    expect(everything).not.toContain(CLIENT_SECRET);
    expect(everything).not.toContain(ACCESS_TOKEN);
  }, 180_000); // 37 operations × 8 runs, all through the app tester: seconds, more on a loaded machine
});

/** Every form a text may carry a secret in: the forms core's scrubber replaces, and querystring's. */
const formsOf = (secret: string): string[] =>
  [secret, secret.trim()].flatMap((text) => [
    text,
    encodeURIComponent(text),
    encodeURIComponent(text).replace(/%20/g, '+'),
    querystring.escape(text),
    Buffer.from(text).toString('base64'),
    JSON.stringify(text).slice(1, -1),
  ]);

/** Secrets as publishers paste them: the characters a form or a URL encodes, letters beyond ASCII, colons. */
const ODD_SECRETS = ['SECRET abc+/= def#&%ghij-odd', 'SECRET-sécret-ü-42-odd', 'SECRET:a:b:c-123456-odd'];
/** The same, with what a paste adds around it. */
const PASTED_SECRETS = [' SECRET-leading-space-odd', 'SECRET-trailing-newline-odd\n', '\tSECRET-tab-odd', 'SECRET-crlf-odd\r\n'];

const exchange = (clientSecret: string) =>
  appTester(startSession, { authData: { clientId: CLIENT_ID, clientSecret, environment: 'production' } });

/** Answers the token exchange with a token; what it returns tells the client_secret the form sent. */
const tokenEndpointSees = (): (() => string | null) => {
  let sent: string | null = null;
  nock(TOKEN_HOST)
    .post('/oauth/token')
    .reply(async (request: Request) => {
      sent = new URLSearchParams(await request.text()).get('client_secret');
      return [200, { access_token: ACCESS_TOKEN }];
    });
  return () => sent;
};

describe('secrets as publishers paste them', () => {
  it.each(PASTED_SECRETS)(
    'a connection saved earlier with the Client Secret %j, whitespace around it, still gets its token: the secret is sent trimmed',
    async (secret) => {
      const sent = tokenEndpointSees();

      const session = await exchange(secret);

      expect(sent()).toBe(secret.trim());
      expect(session).toEqual({ sessionKey: ACCESS_TOKEN, tokenIssuedAt: expect.any(String) });
    },
  );

  it.each(PASTED_SECRETS)(
    'a connection with the Client Secret %j, whitespace around it, passes its connection test: the test sends the token, never the secret',
    async (secret) => {
      const vendors = nock(API)
        .get('/management/vendors')
        .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
        .reply(200, [{ id: 'vendor_1', name: 'Acme News' }]);

      const test = await appTester(testConnection, {
        authData: { clientId: CLIENT_ID, clientSecret: secret, environment: 'production', sessionKey: ACCESS_TOKEN },
      });

      expect(test).toEqual({ vendors: [{ id: 'vendor_1', name: 'Acme News' }], clientId: CLIENT_ID, environment: 'production' });
      expect(vendors.isDone()).toBe(true);
    },
  );

  it.each(['abcde', 'a', '12345'])(
    'a Client Secret of %j, too short for core’s log scrubber to hide (and for Sesamy), is refused before any request',
    async (secret) => {
      const token = nock(TOKEN_HOST).post('/oauth/token').reply(200, { access_token: ACCESS_TOKEN });

      const error = await rejectionOf(exchange(secret));

      expect(error).toBeInstanceOf(errors.ExpiredAuthError);
      expect(error.message).toBe(
        `The Client Secret of this connection is ${secret.length} characters long, shorter than any of Sesamy's. Reconnect your Sesamy account and paste the whole secret.`,
      );
      expect(token.isDone()).toBe(false);
    },
  );

  it.each(ODD_SECRETS)('the token exchange sends the stored secret %j byte for byte', async (secret) => {
    const sent = tokenEndpointSees();

    await exchange(secret);

    expect(sent()).toBe(secret);
  });

  it('no form of an odd or pasted secret reaches core’s logs or an error, on any operation, on success or failure', async () => {
    const before = written.length;
    const thrown: string[] = [];
    const settle = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: Error) => thrown.push(`${error.name} ${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`),
      );
    for (const secret of [...ODD_SECRETS, ...PASTED_SECRETS]) {
      // Answers that echo back the secret as stored (what the app sends), as a careless server might: as is (JSON-escaped by the body), URL- and form-encoded, in base64.
      const echo = `echo|${formsOf(secret).slice(0, 5).join('|')}|`;
      nock(TOKEN_HOST).post('/oauth/token').reply(200, { access_token: ACCESS_TOKEN, note: echo });
      await settle(exchange(secret));
      for (const status of [400, 403, 500]) {
        nock(TOKEN_HOST).post('/oauth/token').reply(status, { error: 'invalid_client', error_description: echo });
        await settle(exchange(secret));
      }
      nock(TOKEN_HOST).post('/oauth/token').reply(403, `<html>${echo}</html>`, { 'Content-Type': 'text/html' });
      await settle(exchange(secret));
      const auth = { ...authData, clientSecret: secret };
      for (const operation of OPERATIONS.filter((candidate) => candidate.kind !== 'token')) {
        serveWrites();
        serveSesamy();
        await settle(operation.run(auth));
        nock.cleanAll();
        nock(operation.host)
          .intercept(operation.path, operation.method.toUpperCase())
          .reply(403, { error: { code: 'E403', message: echo } });
        serveSesamy();
        await settle(operation.run(auth));
        nock.cleanAll();
      }
    }

    const everything = [...written.slice(before), ...thrown].join('\n');
    expect(written.slice(before).some((line) => line.includes('POST https://token.sesamy.com/oauth/token'))).toBe(true);
    expect(thrown.length).toBeGreaterThan(OPERATIONS.length);
    for (const secret of [...ODD_SECRETS, ...PASTED_SECRETS]) {
      for (const form of formsOf(secret)) expect([secret, form, everything.includes(form)]).toEqual([secret, form, false]);
    }
  }, 180_000);
});

describe('redact()', () => {
  it.each([...ODD_SECRETS, ...PASTED_SECRETS])('masks every form of the secret %j, and of it trimmed', (secret) => {
    const bundle = { authData: { clientSecret: secret } };
    for (const form of formsOf(secret)) {
      const masked = redact(bundle, `before ${form} after`);
      expect([form, masked.includes(form), masked.includes(':censored:')]).toEqual([form, false, true]);
    }
  });

  it('replaces a secret however a text carries it: as given, trimmed, JSON-escaped, URL-encoded; the longest first', () => {
    const secret = ' s3cr"et/+ ';
    const bundle = { authData: { clientSecret: secret, sessionKey: 'tok_12345' } };
    const text = [secret, secret.trim(), JSON.stringify(secret), encodeURIComponent(secret), 'Bearer tok_12345'].join('|');

    expect(redact(bundle, text)).toBe(':censored:|:censored:|":censored:"|:censored:|Bearer :censored:');
    expect(redact({ authData: { clientSecret: 'abc' } }, 'abc is too short to be a secret')).toBe('abc is too short to be a secret');
  });
});
