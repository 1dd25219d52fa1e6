// The fault matrix: every outbound operation against every fault Sesamy or the network
// can produce. Each cell asserts the exact Zapier error class (or success, where the
// policy says so) and that the message names the operation and holds no secret. One
// policy (api/errors.ts) explains every cell; nothing here is special-cased per cell.
import { jest } from '@jest/globals';
import nock from 'nock';
import { REQUEST_TIMEOUT_MS } from '../../api/http.ts';
import { ACCESS_TOKEN, authData, CLIENT_SECRET } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { errors, messageOf } from '../support/harness.ts';
import { expected, FAULTS, OPERATIONS, serveFault } from '../support/operations.ts';

const CELLS = OPERATIONS.flatMap((operation) => FAULTS.map((fault) => [operation.name, fault.name, operation, fault] as const));

describe(`fault matrix: ${OPERATIONS.length} operations × ${FAULTS.length} faults = ${CELLS.length} cells`, () => {
  it('is at least 30 operations × 15 faults', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(30);
    expect(FAULTS.length).toBeGreaterThanOrEqual(15);
  });

  afterEach(() => {
    jest.useRealTimers();
    nock.abortPendingRequests();
  });

  it.each(CELLS)('%s × %s', async (_operation, _fault, operation, fault) => {
    const scope = serveFault(operation, fault);
    operation.before?.();
    serveSesamy(); // every other request answers; nock tries the faulted interceptor first
    const auth = fault.freshToken ? { ...authData, tokenIssuedAt: new Date().toISOString() } : authData;
    const outcome = expected(operation, fault.name);

    if (fault.timeout) jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const settled = operation.run(auth).then(
      (value) => ({ value }),
      (error: unknown) => ({ error: error as Error }),
    );
    if (fault.timeout) {
      // The faulted request may come after others: let each step reach the network, then time it out.
      let done = false;
      void settled.finally(() => (done = true));
      while (!done) {
        await new Promise((resolve) => setImmediate(resolve));
        await jest.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS + 1);
      }
    }
    const result = await settled;

    expect(scope.isDone()).toBe(true);
    if ('success' in outcome) {
      expect(result).toEqual({ value: operation.succeedsWith ?? {} });
      return;
    }
    expect('error' in result).toBe(true);
    const error = 'error' in result ? result.error : new Error('resolved');
    expect(error).toBeInstanceOf(outcome.error);
    const text = `${error.message} ${JSON.stringify(error)}`;
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain(ACCESS_TOKEN);
    // Of Sesamy's answer (which echoes the secrets), only an action's 422 reason is shown, and cleaned.
    const reason = 'sesamySaid' in outcome && outcome.sesamySaid !== undefined ? ` Sesamy said: “${outcome.sesamySaid}”.` : '';
    if (reason) expect(messageOf(error).endsWith(reason)).toBe(true);
    expect(text.replace(reason, '')).not.toContain('echo');
    // Passed on without core's context: no "What happened" with the bundle, the delivery and the hook URL.
    expect(text).not.toContain('What happened');
    expect((error as Error & { doNotContextify?: boolean }).doNotContextify).toBe(true);
    if (outcome.error === errors.RefreshAuthError) return; // Zapier renews the session and retries: no message to show
    const message = messageOf(error);
    if (outcome.error === errors.ExpiredAuthError) {
      expect(message).toMatch(
        /^Sesamy did not accept this connection's credentials \(\d{3} [A-Za-z ]+(, E\d{3})?\)\. Reconnect your Sesamy account/,
      );
      return;
    }
    if (outcome.code) expect(JSON.parse(error.message)).toMatchObject({ code: outcome.code });
    if (outcome.error === errors.ThrottledError) expect(JSON.parse(error.message).delay).toBe(outcome.delay);
    if (outcome.code === 'Forbidden') {
      const said = fault.name === '403' ? '403 Forbidden, E403' : '403 Forbidden';
      expect(message).toMatch(new RegExp(`^This Sesamy connection may not ${operation.permission} \\(${said}\\)\\. `));
    } else {
      expect(message).toContain(outcome.says ?? operation.action);
    }
  });
});
