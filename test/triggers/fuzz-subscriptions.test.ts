// Generated bad deliveries at the subscription triggers (the others: fuzz-other-events.test.ts).
// What is generated and what must hold: test/support/fuzz.ts.
import { jest } from '@jest/globals';
import { EVENTS } from '../../events.ts';
import { VENDOR } from '../../scripts/fake-sesamy/account.ts';
import { fuzzTriggers, HANG_MS, type Run, violation } from '../support/fuzz.ts';

fuzzTriggers(EVENTS.filter((spec) => spec.shape === 'subscription'));

describe('the property can fail', () => {
  const holds = (perform: Run) => violation(perform, [{ vendorId: VENDOR, email: 'ada@example.com' }], {});
  it('catches a dropped field, a foreign vendor, a TypeError and a hang', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      expect(await holds(async () => [{ vendorId: VENDOR }])).toMatch(/^a row lost or changed a delivered field/);
      expect(await holds(async () => [{ vendorId: 'acme-sport', email: 'ada@example.com' }])).toBe(
        'returned a row for vendor "acme-sport"',
      );
      expect(await holds(async () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'id')")))).toMatch(
        /^threw TypeError/,
      );
      const hanging = holds(() => new Promise(() => undefined));
      await jest.advanceTimersByTimeAsync(HANG_MS + 1);
      expect(await hanging).toBe(`perform did not settle within ${HANG_MS} ms`);
    } finally {
      jest.useRealTimers();
    }
  });
});
