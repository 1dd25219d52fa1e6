// Making payment rows from transactions: each one's reader and bill, read in parallel,
// each record at most once per run. A reader or a bill the transaction does not name, or
// that Sesamy no longer has (404, 410), gives the row without it and one log line;
// anything else fails the run (api/errors.ts). Rows are built a batch at a time until
// enough pass a filter on the bill (firstPassing), or a few at a time within a deadline
// (settleLimited).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, getBill, getUser, readOnce } from '../api/calls.ts';
import { quote } from '../api/errors.ts';
import type { BillRecord, UserRecord } from '../api/records.ts';
import type { UsableTransaction } from '../payloads/payment-payloads.ts';
import { paymentPayload } from '../payloads/payment-payloads.ts';
import type { PaymentRow } from '../payloads/payment-shapes.ts';
import { hasProduct } from '../sesamy/facts.ts';
import { amountOf } from '../sesamy/transactions.ts';

/** Builds rows; `kind` says what the reads serve: a poll's row ('detail') or a search ('search'). */
export type RowMaker = (transaction: UsableTransaction) => Promise<PaymentRow>;

export const rowMaker = (z: ZObject, bundle: Bundle, kind: 'detail' | 'search'): RowMaker => {
  // A reader pays often, and a refund shares its payment's bill.
  const readerOf = readOnce((userId): Promise<UserRecord | undefined> => call(z, bundle, kind, getUser, { userId }));
  const billOf = readOnce((billId): Promise<BillRecord | undefined> => call(z, bundle, kind, getBill, { billId }));
  return async (transaction) => {
    const { userId, billId } = transaction;
    const [user, bill] = await Promise.all([userId ? readerOf(userId) : undefined, billId ? billOf(billId) : undefined]);
    const what = `${transaction.isRefund ? 'refund' : 'payment'} ${quote(transaction.id)}`;
    if (!userId) z.console.log(`Sesamy's ${what} names no user; it comes without the reader's email and name.`);
    else if (!user) z.console.log(`Sesamy has no user ${quote(userId)}; ${what} comes without the reader's email and name.`);
    if (!billId) z.console.log(`Sesamy's ${what} names no bill; it comes without its receipt and items.`);
    else if (!bill) z.console.log(`Sesamy has no bill ${quote(billId)}; ${what} comes without its receipt and items.`);
    if (transaction.amount !== undefined && transaction.amount !== null && amountOf(transaction.amount) === null) {
      z.console.log(`Sesamy's ${what} has an amount that is not a number; it comes without one.`);
    }
    return paymentPayload(transaction, user, bill);
  };
};

/** Whether the row's order (its bill's items) holds one of these products. */
export const hasProductOf = (row: PaymentRow, skus: readonly string[]): boolean =>
  hasProduct(
    row.items.map((item) => item.sku),
    skus,
  );

/**
 * The first `wanted` rows that pass, built a batch at a time in the transactions' order from
 * at most `most` of them: for filters that need the bill (a product), so Test trigger and
 * Find Payments read few bills when many rows pass, and never more than `most`.
 */
export const firstPassing = async (
  transactions: readonly UsableTransaction[],
  makeRow: RowMaker,
  { batch, most, wanted, passes }: { batch: number; most: number; wanted: number; passes: (row: PaymentRow) => boolean },
): Promise<PaymentRow[]> => {
  const considered = transactions.slice(0, most);
  const rows: PaymentRow[] = [];
  for (let start = 0; start < considered.length && rows.length < wanted; start += batch) {
    const built = await Promise.all(considered.slice(start, start + batch).map(makeRow));
    rows.push(...built.filter(passes));
  }
  return rows.slice(0, wanted);
};

/** What one task came to: its value, its failure, or that it was never started (the time was up). */
export type Settled<T> = { readonly value: T } | { readonly error: unknown } | { readonly started: false };

/**
 * Runs `work` on every item, at most `limit` at a time, and starts none after `startBy`
 * (a time in ms): a run stays within Zapier's 30 seconds however slow Sesamy answers.
 * Every task settles; one failing stops none of the others.
 */
export const settleLimited = async <T, R>(
  items: readonly T[],
  limit: number,
  startBy: number,
  work: (item: T) => Promise<R>,
): Promise<Settled<R>[]> => {
  const settled: Settled<R>[] = items.map(() => ({ started: false }));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && Date.now() <= startBy) {
      const index = next++;
      try {
        settled[index] = { value: await work(items[index] as T) };
      } catch (error) {
        settled[index] = { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return settled;
};
