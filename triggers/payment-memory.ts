// What New Payment and New Refund remember in z.cache between checks:
//   - each transaction's row, for a day, per Sesamy connection (its environment and
//     client ID): a transaction's reader, contract and bill are read once, however many
//     checks, Zaps and triggers on the connection see it;
//   - where the end of Sesamy's transaction list was, for a list kept oldest first;
//   - per Zap, when its last check that delivered began (its `since`): the next check
//     looks back to then, so checks that fail lose no payment made meanwhile;
//   - per Zap, the transactions its first check returned (the check that fills Zapier's
//     deduplication list), which its later checks neither build nor return.
// Remembering is best effort, through zap-memory.ts's attempt (limited, timed out): a
// z.cache failure reads as nothing remembered, which costs requests but never loses a
// payment: a check that sees its memory fail builds all it has time for (payment-poll.ts).
// Reads and rows' writes leave part of the run's z.cache budget to the writes a check moves
// on by (its `since`), so a slow z.cache read for each candidate cannot starve them. What z.cache answers is checked before it is used, never taken on trust: a
// row by the row's own schema, loaded when first needed as the record schemas are.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { clientIdOf } from '../api/http.ts';
import { invocationOf } from '../api/invocation.ts';
import type { PaymentRow } from '../payloads/payment-shapes.ts';
import type { TailMemory } from '../payments/transactions.ts';
import { isoDate } from '../sesamy/json.ts';
import { attempt, CACHE_TIMEOUT_MS, cacheKeyOf, zapKeyOf } from './zap-memory.ts';

/** How long a row is remembered: past the usual look back of a check (payment-poll.ts), so a row is built once. */
export const ROW_TTL_SECONDS = 24 * 60 * 60;
/** How long the end of an oldest-first list is remembered; it only moves on. */
export const TAIL_TTL_SECONDS = 30 * 24 * 60 * 60;
/**
 * How long a Zap's last check is remembered: well past the furthest a check looks back
 * (payment-poll.ts MAX_HORIZON_MS, 7 days), so a Zap failing a little longer still looks back
 * 7 days, not the 23 hours of a Zap whose last check is unknown.
 */
export const SINCE_TTL_SECONDS = 30 * 24 * 60 * 60;
/**
 * The part of a run's z.cache budget (zap-memory.ts CACHE_BUDGET_MS) reads and rows' writes
 * leave: as long as one call may take (CACHE_TIMEOUT_MS), so the writes a check moves on by
 * get their turn however slow the reads were.
 */
export const KEPT_FOR_WRITES_MS = CACHE_TIMEOUT_MS;
/** A row whose JSON is longer is returned but not remembered: z.cache's largest value is not documented. */
export const MAX_REMEMBERED_ROW = 64 * 1024;
/** The shape of a remembered row: a changed shape takes a new version, so no row of an old one is even looked at. */
const ROW_VERSION = 'v2';

/** The connection: two Zapier connections with the same credentials read the same account, a Client ID typed with a space too. */
const connectionOf = (bundle: Bundle): string => `${bundle.authData?.environment ?? 'production'}\n${clientIdOf(bundle)}`;

/** The row schema, loaded on first use (zod is not loaded when the app starts; docs/performance.md). */
let loadingShapes: Promise<typeof import('../payloads/payment-shapes.ts')> | undefined;
const loadShapes = () => (loadingShapes ??= import('../payloads/payment-shapes.ts'));

/** What a remembered row must match besides its shape: the transaction as listed now, in the same version (its updatedAt). */
export interface Listed {
  readonly id: string;
  readonly updatedAt?: string | null;
}

export interface PaymentMemory {
  /** Each transaction's remembered row, or undefined: none, not a row, or one of an older version of the transaction. */
  rows(transactions: readonly Listed[]): Promise<(PaymentRow | undefined)[]>;
  rememberRow(row: PaymentRow): Promise<void>;
  /** Where Sesamy's oldest-first list ended last time. */
  readonly tail: TailMemory;
  /** When this Zap's last check that delivered began (ms), if remembered; none when Zapier names no Zap. */
  since(): Promise<number | undefined>;
  rememberSince(at: number): Promise<void>;
  /** The transactions this Zap's first check returned; none when Zapier names no Zap. */
  populated(): Promise<Set<string>>;
  rememberPopulated(transactionIds: readonly string[]): Promise<void>;
  /** Whether a call of this run failed, timed out or was not made: what it builds may not be remembered. */
  failing(): boolean;
}

export const paymentMemoryOf = (z: ZObject, bundle: Bundle): PaymentMemory => {
  const connection = connectionOf(bundle);
  const zapKey = zapKeyOf(bundle);
  let failed = false;
  /** The value, or undefined when none is remembered or the call failed (then `failing`). */
  const get = async (key: string, leaveMs = KEPT_FOR_WRITES_MS): Promise<unknown> => {
    const answer = await attempt(z, async () => ({ value: (await z.cache.get(key)) as unknown }), undefined, leaveMs);
    if (answer === undefined) failed = true;
    return answer?.value;
  };
  const set = async (key: string, value: unknown, ttl: number, leaveMs = 0): Promise<void> => {
    const done = await attempt(
      z,
      async () => {
        await z.cache.set(key, value, ttl);
        return true;
      },
      false,
      leaveMs,
    );
    if (!done) failed = true;
  };
  const rowKey = (id: string) => cacheKeyOf(`payment-row:${ROW_VERSION}`, connection, id);
  const tailKey = cacheKeyOf('transactions-tail', connection);
  const zapKeys =
    zapKey === undefined
      ? undefined
      : { since: cacheKeyOf('payment-since', connection, zapKey), populated: cacheKeyOf('payment-populated:v2', connection, zapKey) };
  return {
    rows: async (transactions) => {
      const values = await Promise.all(transactions.map(({ id }) => get(rowKey(id))));
      if (values.every((value) => value === undefined || value === null)) return values.map(() => undefined);
      const schema = (await loadShapes()).PaymentRowSchema;
      return values.map((value, index) => {
        const row = schema.safeParse(value);
        const transaction = transactions[index];
        return row.success && row.data.id === transaction?.id && row.data.updatedAt === isoDate(transaction.updatedAt)
          ? row.data
          : undefined;
      });
    },
    rememberRow: async (row) => {
      if (JSON.stringify(row).length <= MAX_REMEMBERED_ROW) await set(rowKey(row.id), row, ROW_TTL_SECONDS, KEPT_FOR_WRITES_MS);
    },
    tail: {
      get: async () => {
        const offset = await get(tailKey);
        return typeof offset === 'number' ? offset : undefined;
      },
      set: async (mark) => {
        await set(tailKey, mark, TAIL_TTL_SECONDS);
      },
    },
    since: async () => {
      const at = zapKeys === undefined ? undefined : await get(zapKeys.since);
      return typeof at === 'number' && Number.isSafeInteger(at) && at > 0 ? at : undefined;
    },
    rememberSince: async (at) => {
      if (zapKeys !== undefined) await set(zapKeys.since, at, SINCE_TTL_SECONDS);
    },
    populated: async () => {
      const ids = zapKeys === undefined ? undefined : await get(zapKeys.populated);
      return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
    },
    rememberPopulated: async (transactionIds) => {
      if (zapKeys !== undefined) await set(zapKeys.populated, [...transactionIds], ROW_TTL_SECONDS);
    },
    failing: () => failed || invocationOf(z).cache.closed,
  };
};
