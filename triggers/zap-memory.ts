// What a Zap remembers between deliveries, in z.cache: the events it has already run
// for (Zapier does not deduplicate hook deliveries, and Sesamy may send an event more
// than once) and the contract endings Subscription Ended has already fired for.
//
// Memory is per Zap, so another Zap on the same event still gets it. The Zap is
// `bundle.meta.zap.id`; where Zapier leaves that out, Sesamy's hook subscription id
// (`bundle.subscribeData.id`, one per Zap, kept by Zapier since the Zap was turned on),
// then the Zap's hook URL (`bundle.targetUrl`). With none of them nothing is remembered.
//
// Remembering is best effort and never loses an event: when z.cache is missing, fails
// or is slow, the event goes through (at least once). Its calls share the invocation's
// limit on calls in flight with the requests to Sesamy (api/invocation.ts).
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type CacheUse, invocationOf } from '../api/invocation.ts';

/** How long a Zap remembers an event it has run for: Sesamy's retries come within hours. */
export const SEEN_TTL_SECONDS = 24 * 60 * 60;

/** The one value remembered for an event; any other answer (false, 0, '' from a cache on a bad day) is "not remembered", so no event is lost to it. */
const SEEN = '1';

/** An id Zapier passes, as text; undefined when it passes none. */
const idOf = (value: unknown): string | undefined =>
  (typeof value === 'string' && value !== '') || typeof value === 'number' ? String(value) : undefined;

/** What identifies the Zap a delivery is for, or undefined when nothing does. */
export const zapKeyOf = (bundle: Bundle): string | undefined => {
  const zapId = idOf(bundle.meta?.zap?.id);
  if (zapId) return `zap ${zapId}`;
  const hookId = idOf(bundle.subscribeData?.id);
  if (hookId) return `hook ${hookId}`;
  const url = idOf(bundle.targetUrl);
  return url ? `url ${url}` : undefined;
};

/**
 * A short z.cache key, `sesamy:<kind>:<hash of the parts>`: ids come from deliveries and
 * Sesamy's lists and may be long or odd. Every key the app keeps is made here (a Zap's
 * events below, a check's memory in payment-memory.ts).
 */
export const cacheKeyOf = (kind: string, ...parts: string[]): string =>
  `sesamy:${kind}:${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40)}`;

export interface ZapMemory {
  /** Whether this Zap has already run for the event (false when unknown). */
  seen(eventId: string): Promise<boolean>;
  /** Remembers, for a day, that this Zap ran for the event. */
  remember(eventId: string): Promise<void>;
  /** The ending this Zap last fired for a contract (its fingerprint), if remembered. */
  endingOf(contractId: string): Promise<string | undefined>;
  rememberEnding(contractId: string, fingerprint: string): Promise<void>;
  /** The contract is active again: its next ending fires again. */
  forgetEnding(contractId: string): Promise<void>;
}

/**
 * A z.cache call slower than this reads as "not remembered". Core's RPC has no timeout of
 * its own; a healthy call is one small POST, and a failing one gives up in well under this.
 */
export const CACHE_TIMEOUT_MS = 2_000;

/**
 * The run time an invocation may spend waiting on z.cache, all calls together (time with at
 * least one in flight): calls each just under CACHE_TIMEOUT_MS would otherwise hold slots
 * for the whole run. A healthy call takes tens of ms, so a 100-event delivery stays far under it.
 */
export const CACHE_BUDGET_MS = 4_000;

const TIMED_OUT = Symbol('timed out');

/** The call's answer, or TIMED_OUT after `ms`; the timer never outlives the call, nor keeps a process alive. */
const withTimeout = async <T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  work.catch(() => undefined); // an abandoned call may still fail later: that is no unhandled rejection
  try {
    return await Promise.race([
      work,
      new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(resolve, ms, TIMED_OUT);
        timer.unref?.();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

/** The run time spent waiting on z.cache so far, the calls in flight included. */
const spentOn = (cache: CacheUse, now: number): number => cache.busyMs + (cache.inFlight > 0 ? now - cache.busySince : 0);

/**
 * Any failure of z.cache (absent, RPC error, bad answer) reads as "not remembered", and so
 * does a call that takes longer than CACHE_TIMEOUT_MS, or than what is left of
 * CACHE_BUDGET_MS; after such a call, or once the budget is spent, z.cache is not asked
 * again in the invocation, so a slow or hung z.cache costs a run at most CACHE_BUDGET_MS.
 * A call given up on is not cancelled (core's RPC has no way to): it may still land after
 * the run. The timeout runs inside the call's slot, so a hung call frees it.
 * A call given `leaveMs` is not made, or is cut, once only that much of the budget is left,
 * which is kept for the calls that matter more (payment-memory.ts: a check's `since`).
 * payment-memory.ts remembers through it too.
 */
export const attempt = async <T>(z: ZObject, work: () => Promise<T>, fallback: T, leaveMs = 0): Promise<T> => {
  const invocation = invocationOf(z);
  const { cache } = invocation;
  try {
    // Decided inside the slot, so a call queued behind one that timed out is not made.
    const result = await invocation.limit(async () => {
      // Nor is one made once the run's time or z.cache's share of it is up, and none outlasts either.
      const started = Date.now();
      const timeout = Math.min(CACHE_TIMEOUT_MS, invocation.timeLeft());
      const left = Math.min(timeout, CACHE_BUDGET_MS - leaveMs - spentOn(cache, started));
      if (cache.closed || left <= 0) return TIMED_OUT;
      if (cache.inFlight++ === 0) cache.busySince = started;
      try {
        const answer = await withTimeout(work(), left);
        // A call cut only by its share (`leaveMs`) leaves z.cache open for the calls the rest was kept for.
        if (answer === TIMED_OUT && left === timeout) cache.closed = true;
        return answer;
      } finally {
        const ended = Date.now();
        if (--cache.inFlight === 0) cache.busyMs += ended - cache.busySince;
        if (spentOn(cache, ended) >= CACHE_BUDGET_MS) cache.closed = true;
      }
    });
    return result === TIMED_OUT ? fallback : result;
  } catch {
    return fallback;
  }
};

export const zapMemoryOf = (z: ZObject, bundle: Bundle): ZapMemory => {
  const zapKey = zapKeyOf(bundle);
  const get = (kind: string, id: string) =>
    zapKey ? attempt(z, async () => (await z.cache.get(cacheKeyOf(kind, zapKey, id))) as unknown, undefined) : Promise.resolve(undefined);
  const set = async (kind: string, id: string, value: string, ttl?: number) => {
    if (zapKey) await attempt(z, () => z.cache.set(cacheKeyOf(kind, zapKey, id), value, ttl), null);
  };
  return {
    seen: async (eventId) => {
      return (await get('event', eventId)) === SEEN;
    },
    remember: (eventId) => set('event', eventId, SEEN, SEEN_TTL_SECONDS),
    endingOf: async (contractId) => {
      const value = await get('ending', contractId);
      return typeof value === 'string' ? value : undefined;
    },
    // No TTL: an ending is remembered for as long as z.cache keeps entries.
    rememberEnding: (contractId, fingerprint) => set('ending', contractId, fingerprint),
    forgetEnding: async (contractId) => {
      if (zapKey) await attempt(z, () => z.cache.delete(cacheKeyOf('ending', zapKey, contractId)), false);
    },
  };
};
