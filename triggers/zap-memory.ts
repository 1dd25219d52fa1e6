// What a Zap remembers between deliveries, in z.cache: the events it has already run
// for (Zapier does not deduplicate hook deliveries, and Sesamy may send an event more
// than once) and the contract endings Subscription Ended has already fired for.
//
// Memory is per Zap, so another Zap on the same event still gets it. The Zap is
// `bundle.meta.zap.id`; where Zapier leaves that out, Sesamy's hook subscription id
// (`bundle.subscribeData.id`, one per Zap, kept by Zapier since the Zap was turned on),
// then the Zap's hook URL (`bundle.targetUrl`). With none of them nothing is remembered.
//
// Remembering is best effort and never loses an event: when z.cache is missing or
// fails, the event goes through (at least once).
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';

/** How long a Zap remembers an event it has run for: Sesamy's retries come within hours. */
export const SEEN_TTL_SECONDS = 24 * 60 * 60;

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

/** A short cache key: ids come from deliveries and may be long or odd. */
const keyOf = (kind: string, zapKey: string, id: string): string =>
  `sesamy:${kind}:${createHash('sha256').update(`${zapKey}\n${id}`).digest('hex').slice(0, 40)}`;

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

/** Any failure of z.cache (absent, RPC error, bad answer) reads as "not remembered"; payment-memory.ts remembers so too. */
export const attempt = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
  try {
    return await work();
  } catch {
    return fallback;
  }
};

export const zapMemoryOf = (z: ZObject, bundle: Bundle): ZapMemory => {
  const zapKey = zapKeyOf(bundle);
  const get = (kind: string, id: string) =>
    zapKey ? attempt(async () => (await z.cache.get(keyOf(kind, zapKey, id))) as unknown, undefined) : Promise.resolve(undefined);
  const set = async (kind: string, id: string, value: string, ttl?: number) => {
    if (zapKey) await attempt(() => z.cache.set(keyOf(kind, zapKey, id), value, ttl), null);
  };
  return {
    seen: async (eventId) => {
      const value = await get('event', eventId);
      return value !== undefined && value !== null;
    },
    remember: (eventId) => set('event', eventId, '1', SEEN_TTL_SECONDS),
    endingOf: async (contractId) => {
      const value = await get('ending', contractId);
      return typeof value === 'string' ? value : undefined;
    },
    // No TTL: an ending is remembered for as long as z.cache keeps entries.
    rememberEnding: (contractId, fingerprint) => set('ending', contractId, fingerprint),
    forgetEnding: async (contractId) => {
      if (zapKey) await attempt(() => z.cache.delete(keyOf('ending', zapKey, contractId)), false);
    },
  };
};
