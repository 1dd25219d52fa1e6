// What one invocation of the app shares: the limit on the requests and z.cache calls it
// has in flight, and when it started. Core makes one `z` per invocation, so `z` is the key
// (a module-level limiter would be shared by every invocation a process runs at once).
import type { ZObject } from 'zapier-platform-core';

/**
 * At most this many requests and z.cache calls in flight per invocation. A delivery's
 * events share it, so a big delivery queues instead of opening hundreds of requests at
 * once (docs/performance.md has the measurements behind 8).
 */
export const IN_FLIGHT = 8;

/**
 * Every call of a run starts and ends within this much of its start (Zapier stops a run
 * at 30 s): a slow Sesamy or z.cache then ends the run in the app's words, not with
 * Zapier's own timeout.
 */
export const RUN_BUDGET_MS = 25_000;

/**
 * The latest Date.now() at which work that may take `ms` (a request's whole timeout, or a
 * wait and then a request) can start and still end within RUN_BUDGET_MS: the one rule for
 * "is there time left for this", so a slow Sesamy ends a run with what it has, in the app's
 * words, never by Zapier's 30 s.
 */
export const startBy = (z: ZObject, ms: number): number => invocationOf(z).startedAt + RUN_BUDGET_MS - ms;

/** Whether work that may take `ms` can still start in this run (startBy). */
export const hasTimeFor = (z: ZObject, ms: number): boolean => Date.now() <= startBy(z, ms);

/** Thrown to work still queued, or asked for, after its invocation ended: it never starts. */
export class InvocationClosed extends Error {
  constructor() {
    super('The run ended before this request could start.');
    this.name = 'InvocationClosed';
  }
}

/** z.cache in one invocation: whether it is still asked, and the run time spent waiting on it (triggers/zap-memory.ts attempt). */
export interface CacheUse {
  /** A call timed out, or the calls took their budget: z.cache is not asked again in this invocation. */
  closed: boolean;
  /** Calls in flight now, and since when at least one has been. */
  inFlight: number;
  busySince: number;
  /** Run time with at least one call in flight, up to the last time none was. */
  busyMs: number;
}

export interface Invocation {
  /** Runs `work` once a slot is free; the slot is held until its promise settles. */
  limit<T>(work: () => Promise<T>): Promise<T>;
  /** Date.now() when the run first used its invocation (its first call, or a look at its time). */
  readonly startedAt: number;
  /** What is left of RUN_BUDGET_MS, in ms (0 or less: none). */
  timeLeft(): number;
  /** The most calls that were in flight at once. */
  readonly peak: number;
  /** How this invocation has used z.cache (triggers/zap-memory.ts). */
  readonly cache: CacheUse;
  /** Drops what is still queued, and all that comes later (it rejects with InvocationClosed); what is in flight finishes. */
  close(): void;
}

const createInvocation = (): Invocation => {
  let active = 0;
  let peak = 0;
  let closed = false;
  const queue: { start: () => void; drop: (error: Error) => void }[] = [];
  const startedAt = Date.now();
  return {
    startedAt,
    timeLeft: () => RUN_BUDGET_MS - (Date.now() - startedAt),
    cache: { closed: false, inFlight: 0, busySince: 0, busyMs: 0 },
    get peak() {
      return peak;
    },
    async limit(work) {
      if (closed) throw new InvocationClosed();
      if (active < IN_FLIGHT) active += 1;
      // The slot is handed over by the call that frees it, so none can be taken in between.
      else await new Promise<void>((start, drop) => queue.push({ start, drop }));
      peak = Math.max(peak, active);
      try {
        return await work();
      } finally {
        const next = queue.shift();
        if (next) next.start();
        else active -= 1;
      }
    },
    close() {
      closed = true;
      for (const waiting of queue.splice(0)) waiting.drop(new InvocationClosed());
    },
  };
};

const invocations = new WeakMap<ZObject, Invocation>();

/** This invocation's shared state, made on first use. */
export const invocationOf = (z: ZObject): Invocation => {
  let invocation = invocations.get(z);
  if (!invocation) {
    invocation = createInvocation();
    invocations.set(z, invocation);
  }
  return invocation;
};

/**
 * Ends the invocation: what is queued is dropped, and so is whatever its `z` is asked for
 * later (a wait that ends after the run, say), so nothing is sent once a run has ended.
 */
export const endInvocation = (z: ZObject): void => invocationOf(z).close();
