// The invocation's limit on calls in flight: never more than IN_FLIGHT at once, a freed
// slot handed to the next in line, queued work dropped when the run ends.
import type { ZObject } from 'zapier-platform-core';
import { endInvocation, IN_FLIGHT, InvocationClosed, invocationOf } from '../../api/invocation.ts';

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
