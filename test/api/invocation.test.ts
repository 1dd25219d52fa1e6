// The invocation's limit on calls in flight: never more than IN_FLIGHT at once, a freed
// slot handed to the next in line, queued work dropped when the run ends.
import { jest } from '@jest/globals';
import type { ZObject } from 'zapier-platform-core';
import { REQUEST_TIMEOUT_MS } from '../../api/http.ts';
import { endInvocation, hasTimeFor, IN_FLIGHT, InvocationClosed, invocationOf, RUN_BUDGET_MS, startBy } from '../../api/invocation.ts';

/** A call that stays open until the test ends it. */
const gate = () => {
  let open!: () => void;
  const closed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { closed, open };
};

const flush = () => new Promise((resolve) => setImmediate(resolve));

const newZ = () => ({}) as ZObject;

describe('the limit on calls in flight', () => {
  it(`runs at most ${IN_FLIGHT} at once, and starts the queued ones in order as slots free`, async () => {
    const invocation = invocationOf(newZ());
    const gates = Array.from({ length: IN_FLIGHT * 3 }, gate);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const done = gates.map((g, index) =>
      invocation.limit(async () => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await g.closed;
        running -= 1;
        return index;
      }),
    );
    await flush();
    expect(started).toEqual(Array.from({ length: IN_FLIGHT }, (_, index) => index));

    for (const g of gates) {
      g.open();
      await flush();
    }

    expect(await Promise.all(done)).toEqual(gates.map((_, index) => index));
    expect(started).toEqual(gates.map((_, index) => index));
    expect(most).toBe(IN_FLIGHT);
    expect(invocation.peak).toBe(IN_FLIGHT);
  });

  it('hands a freed slot to the next in line, so a call made meanwhile cannot take it and exceed the limit', async () => {
    const invocation = invocationOf(newZ());
    const gates = Array.from({ length: IN_FLIGHT + 1 }, gate);
    let running = 0;
    let most = 0;
    const track = (g: ReturnType<typeof gate>) => async () => {
      running += 1;
      most = Math.max(most, running);
      await g.closed;
      running -= 1;
    };
    const queued = gates.map((g) => invocation.limit(track(g)));
    await flush();
    gates[0]?.open();
    // A newcomer arrives in the same tick that a slot frees.
    const late = gate();
    const newcomer = invocation.limit(track(late));
    await flush();

    expect(running).toBe(IN_FLIGHT);
    for (const g of [...gates, late]) g.open();
    await Promise.all([...queued, newcomer]);
    expect(most).toBe(IN_FLIGHT);
  });

  it('frees the slot of a call that fails', async () => {
    const invocation = invocationOf(newZ());
    const failures = Array.from({ length: IN_FLIGHT }, () => invocation.limit(() => Promise.reject(new Error('no'))));
    await Promise.allSettled(failures);

    await expect(invocation.limit(async () => 'ran')).resolves.toBe('ran');
  });

  it('drops what is still queued when the run ends (InvocationClosed), while what is in flight finishes', async () => {
    const z = newZ();
    const invocation = invocationOf(z);
    const gates = Array.from({ length: IN_FLIGHT + 2 }, gate);
    const started: number[] = [];
    const calls = gates.map((g, index) =>
      invocation.limit(async () => {
        started.push(index);
        await g.closed;
        return index;
      }),
    );
    await flush();

    endInvocation(z);
    for (const g of gates) g.open();
    const settled = await Promise.allSettled(calls);

    expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(IN_FLIGHT);
    expect(settled.slice(IN_FLIGHT).map((result) => result.status === 'rejected' && result.reason)).toEqual([
      expect.any(InvocationClosed),
      expect.any(InvocationClosed),
    ]);
    expect(started).toHaveLength(IN_FLIGHT);
  });

  it('is one per z: another z has its own', () => {
    const z = newZ();
    const first = invocationOf(z);

    expect(invocationOf(z)).toBe(first);
    expect(invocationOf(newZ())).not.toBe(first);
  });

  it('once the run has ended, its z sends nothing more: a wait that ends later finds the invocation closed', async () => {
    const z = newZ();
    invocationOf(z);
    endInvocation(z);
    let ran = false;

    await expect(
      invocationOf(z).limit(async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(InvocationClosed);
    expect(ran).toBe(false);
  });
});

describe(`the run's time budget, ${RUN_BUDGET_MS / 1000} s from its first call, is the one rule for what may still start`, () => {
  const START = Date.parse('2026-12-01T12:00:00Z');
  beforeEach(() => jest.useFakeTimers({ now: START }));
  afterEach(() => jest.useRealTimers());

  it(`work that may take a whole request (${REQUEST_TIMEOUT_MS / 1000} s) starts by ${(RUN_BUDGET_MS - REQUEST_TIMEOUT_MS) / 1000} s into the run`, () => {
    const z = newZ();
    invocationOf(z); // the run's first call

    expect(startBy(z, REQUEST_TIMEOUT_MS)).toBe(START + RUN_BUDGET_MS - REQUEST_TIMEOUT_MS);
    jest.setSystemTime(START + RUN_BUDGET_MS - REQUEST_TIMEOUT_MS);
    expect(hasTimeFor(z, REQUEST_TIMEOUT_MS)).toBe(true);
    jest.setSystemTime(START + RUN_BUDGET_MS - REQUEST_TIMEOUT_MS + 1);
    expect(hasTimeFor(z, REQUEST_TIMEOUT_MS)).toBe(false);
    expect(invocationOf(z).timeLeft()).toBe(REQUEST_TIMEOUT_MS - 1);
  });

  it('counts from the run’s first call, not from when the question is asked', () => {
    const z = newZ();
    invocationOf(z);
    jest.setSystemTime(START + 20_000);

    expect(startBy(z, 1_000)).toBe(START + RUN_BUDGET_MS - 1_000);
    expect(hasTimeFor(z, 5_000)).toBe(true);
    expect(hasTimeFor(z, 5_001)).toBe(false);
  });
});
