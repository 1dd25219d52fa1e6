// No secret is ever shown: every operation runs with distinctive credentials, on success
// and under the faults that produce messages, with Zapier's own logging sent to stdout.
// Everything the app and core write, and every error, is collected and searched.
import { jest } from '@jest/globals';
import nock from 'nock';
import { redact } from '../../api/errors.ts';
import { ACCESS_TOKEN, API, authData, CLIENT_SECRET, TOKEN_HOST } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { appTester, bundleWith, deliveryOf, hookOperation, specOf } from '../support/harness.ts';
import { expected, FAULTS, OPERATIONS, serveFault } from '../support/operations.ts';

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

/** The answers of a healthy Sesamy, for the operations that are not plain reads. */
const serveWrites = () => {
  nock(TOKEN_HOST).persist().post('/oauth/token').reply(200, { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 86400 });
  nock(API).persist().post('/management/webhooks').reply(201, { id: 'wh_1' });
  nock(API).persist().delete('/management/webhooks/wh_1').reply(204);
};

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

describe('redact()', () => {
  it('replaces a secret however a text carries it: as given, trimmed, JSON-escaped, URL-encoded; the longest first', () => {
    const secret = ' s3cr"et/+ ';
    const bundle = { authData: { clientSecret: secret, sessionKey: 'tok_12345' } };
    const text = [secret, secret.trim(), JSON.stringify(secret), encodeURIComponent(secret), 'Bearer tok_12345'].join('|');

    expect(redact(bundle, text)).toBe(':censored:|:censored:|":censored:"|:censored:|Bearer :censored:');
    expect(redact({ authData: { clientSecret: 'abc' } }, 'abc is too short to be a secret')).toBe('abc is too short to be a secret');
  });
});
