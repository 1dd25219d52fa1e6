// What New Payment and New Refund remember in z.cache between polls:
//   - each transaction's row, for a day, per Sesamy connection (its environment and
//     client ID): a transaction's reader and bill are read once, however many polls,
//     Zaps and triggers on the connection see it;
//   - where the end of Sesamy's transaction list was, for a list kept oldest first;
//   - per Zap, the transactions its first poll returned (the poll that fills Zapier's
//     deduplication list), which its later polls neither build nor return.
// Keys are hashed (ids come from Sesamy and may be long or odd). Remembering is best
// effort, as in zap-memory.ts: a z.cache failure reads as nothing remembered, which costs
// requests but never loses a payment.
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { clientIdOf } from '../api/http.ts';
import type { PaymentRow } from '../payloads/payment-shapes.ts';
import type { TailMemory } from '../payments/transactions.ts';
import { isObject } from '../sesamy/json.ts';
import { attempt, zapKeyOf } from './zap-memory.ts';

/** How long a row is remembered: past the poll's horizon (payment-poll.ts), so a row is built once. */
export const ROW_TTL_SECONDS = 24 * 60 * 60;
/** How long the end of an oldest-first list is remembered; it only moves on. */
export const TAIL_TTL_SECONDS = 30 * 24 * 60 * 60;
/** A row whose JSON is longer is returned but not remembered: z.cache's largest value is not documented. */
export const MAX_REMEMBERED_ROW = 64 * 1024;

/** The connection: two Zapier connections with the same credentials read the same account, a Client ID typed with a space too. */
const connectionOf = (bundle: Bundle): string => `${bundle.authData?.environment ?? 'production'}\n${clientIdOf(bundle)}`;

/** `sesamy:<kind>:v2:<hash>`; v2 is the row's shape: a changed shape takes a new version, so no old row is returned. */
export const paymentKeyOf = (kind: 'payment-row' | 'transactions-tail' | 'payment-populated', ...parts: string[]): string =>
  `sesamy:${kind}:v2:${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40)}`;

export interface PaymentMemory {
  /** The remembered row of each transaction, or undefined. */
  rows(transactionIds: readonly string[]): Promise<(PaymentRow | undefined)[]>;
  rememberRow(row: PaymentRow): Promise<void>;
  /** Where Sesamy's oldest-first list ended last time. */
  readonly tail: TailMemory;
  /** The transactions this Zap's first poll returned; none when Zapier names no Zap. */
  populated(): Promise<Set<string>>;
  rememberPopulated(transactionIds: readonly string[]): Promise<void>;
}

export const paymentMemoryOf = (z: ZObject, bundle: Bundle): PaymentMemory => {
  const connection = connectionOf(bundle);
  const zapKey = zapKeyOf(bundle);
  const get = (key: string) => attempt(z, async () => (await z.cache.get(key)) as unknown, undefined);
  const set = (key: string, value: unknown, ttl: number) => attempt(z, () => z.cache.set(key, value, ttl), null);
  const tailKey = paymentKeyOf('transactions-tail', connection);
  const populatedKey = zapKey === undefined ? undefined : paymentKeyOf('payment-populated', connection, zapKey);
  return {
    rows: (transactionIds) =>
      Promise.all(
        transactionIds.map(async (id) => {
          const row = await get(paymentKeyOf('payment-row', connection, id));
          return isObject(row) && row.id === id ? (row as PaymentRow) : undefined;
        }),
      ),
    rememberRow: async (row) => {
      if (JSON.stringify(row).length <= MAX_REMEMBERED_ROW)
        await set(paymentKeyOf('payment-row', connection, row.id), row, ROW_TTL_SECONDS);
    },
    tail: {
      get: async () => {
        const offset = await get(tailKey);
        return typeof offset === 'number' ? offset : undefined;
      },
      set: async (offset) => {
        await set(tailKey, offset, TAIL_TTL_SECONDS);
      },
    },
    populated: async () => {
      const ids = populatedKey === undefined ? undefined : await get(populatedKey);
      return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
    },
    rememberPopulated: async (transactionIds) => {
      if (populatedKey !== undefined) await set(populatedKey, [...transactionIds], ROW_TTL_SECONDS);
    },
  };
};
