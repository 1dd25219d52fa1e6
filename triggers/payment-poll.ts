// One check of New Payment or New Refund, polling triggers: Zapier calls perform every 1 to
// 15 minutes (by plan) and starts the Zap for each row whose id (the transaction's) it has
// not seen. A check reads Sesamy's newest transactions (payments/transactions.ts: one
// request when Sesamy lists newest first) and builds rows only for those it has not built
// before (payment-memory.ts), at most HYDRATIONS_PER_POLL, the oldest first:
//   - the first check after the Zap is turned on (meta.isPopulatingDedupe) only fills
//     Zapier's deduplication list: it builds nothing;
//   - "Test trigger" (meta.isLoadingSample) builds the newest few, however old.
// docs/performance.md has the request counts; docs/sesamy-api.md what is assumed.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { TRANSACTIONS_PAGE } from '../api/calls.ts';
import type { MoneyTriggerSpec } from '../money-triggers.ts';
import { paymentPayload, type UsableTransaction } from '../payloads/payment-payloads.ts';
import type { PaymentRow } from '../payloads/payment-shapes.ts';
import { firstPassing, hasProductOf, rowMaker, settleLimited } from '../payments/hydrate.ts';
import { newestTransactions } from '../payments/transactions.ts';
import { amountOf } from '../sesamy/transactions.ts';
import { paymentMemoryOf } from './payment-memory.ts';
import { SAMPLE_SIZE } from './recent-rows.ts';

/** Rows built per check at most: 2 requests each (reader, bill), so a check makes at most 1 + 2 × 25 = 51 (70 if Sesamy lists oldest first). */
export const HYDRATIONS_PER_POLL = 25;
/** Rows built at a time: at most 10 requests in flight. */
export const PARALLEL_HYDRATIONS = 5;
/** No row is started later than this into a check, so it ends within Zapier's 30 seconds (a request may take 10). */
export const START_BY_MS = 15_000;
/**
 * Transactions older than this are neither built nor returned: they were in an earlier
 * check when they were new. It is under the rows' memory (a day), so no row is built twice.
 */
export const HORIZON_MS = 23 * 60 * 60 * 1000;
/** "Test trigger" builds at most this many to find SAMPLE_SIZE rows that pass the Products filter. */
export const SAMPLE_CANDIDATES = 12;

/** What the publisher set on the trigger, read and checked (triggers/payments.ts). */
export interface PaymentFilters {
  readonly skus?: readonly string[];
  readonly minAmount?: number;
  readonly maxAmount?: number;
}

/** The amount filters need no row: a transaction is compared by its size, whatever its sign, read as the row reads it. */
const amountPasses = ({ minAmount, maxAmount }: PaymentFilters, transaction: UsableTransaction): boolean => {
  if (minAmount === undefined && maxAmount === undefined) return true;
  const amount = amountOf(transaction.amount);
  if (amount === null) return false;
  return (minAmount === undefined || Math.abs(amount) >= minAmount) && (maxAmount === undefined || Math.abs(amount) <= maxAmount);
};

/** Products are on the bill, so only a built row can be compared. */
const productPasses = ({ skus }: PaymentFilters, row: PaymentRow): boolean => !skus || hasProductOf(row, skus);

/** Whether a transaction is within the horizon; one without a readable date counts as new, so none is lost. */
const isRecent = (transaction: UsableTransaction, now: number): boolean => {
  const created = Date.parse(transaction.createdAt ?? '');
  return Number.isNaN(created) || now - created <= HORIZON_MS;
};

export const pollPayments = async (
  z: ZObject,
  bundle: Bundle,
  { isRefund, nouns: noun }: Pick<MoneyTriggerSpec, 'isRefund' | 'nouns'>,
  filters: PaymentFilters,
): Promise<PaymentRow[]> => {
  const started = Date.now();
  const memory = paymentMemoryOf(z, bundle);
  const { transactions, unusable, more } = await newestTransactions(z, bundle, {
    kind: 'list',
    count: TRANSACTIONS_PAGE,
    tail: memory.tail,
  });
  if (unusable > 0) {
    z.console.log(`Skipped ${unusable} of Sesamy's newest transactions without an id or a refund flag.`);
  }
  const ofKind = transactions.filter((transaction) => transaction.isRefund === isRefund);

  if (bundle.meta?.isPopulatingDedupe) {
    // Zapier keeps these ids as seen: the rows need no reader and no bill, and later checks skip them.
    await memory.rememberPopulated(ofKind.map((transaction) => transaction.id));
    return ofKind.map((transaction) => paymentPayload(transaction));
  }
  const candidates = ofKind.filter((transaction) => amountPasses(filters, transaction));
  if (bundle.meta?.isLoadingSample) {
    // Test trigger: the newest, however old, a few at a time until SAMPLE_SIZE pass the Products filter.
    const passes = (row: PaymentRow) => productPasses(filters, row);
    return firstPassing(candidates, rowMaker(z, bundle, { listed: transactions }), {
      batch: SAMPLE_SIZE,
      most: SAMPLE_CANDIDATES,
      wanted: SAMPLE_SIZE,
      passes,
    });
  }

  const populated = await memory.populated();
  const recent = candidates.filter((transaction) => !populated.has(transaction.id) && isRecent(transaction, started));
  const remembered = await memory.rows(recent.map((transaction) => transaction.id));
  const unbuilt = recent.filter((_, index) => !remembered[index]);
  // The oldest first: they are the next to leave Sesamy's newest page.
  const toBuild = unbuilt.slice(-HYDRATIONS_PER_POLL).reverse();
  const makeRow = rowMaker(z, bundle, { listed: transactions });
  const built = new Map<string, PaymentRow>();
  const settled = await settleLimited(toBuild, PARALLEL_HYDRATIONS, started + START_BY_MS, async (transaction) => {
    const row = await makeRow(transaction);
    built.set(transaction.id, row);
    // Remembered as soon as it is built: should another fail, the next check builds only what is left.
    await memory.rememberRow(row);
  });
  const failed = settled.find((outcome) => 'error' in outcome);
  if (failed && 'error' in failed) throw failed.error;

  if (unbuilt.length > built.size) {
    z.console.log(`This check took the oldest ${built.size} of ${unbuilt.length} new Sesamy ${noun}; the next checks take the rest.`);
  }
  const oldest = candidates.at(-1);
  if (more && oldest && unbuilt.includes(oldest)) {
    z.console.log(
      `All of Sesamy's newest ${TRANSACTIONS_PAGE} transactions are new since the last check, so older new ${noun} may have been missed: each check reads only the newest ${TRANSACTIONS_PAGE}.`,
    );
  }
  return recent
    .map((transaction, index) => remembered[index] ?? built.get(transaction.id))
    .filter((row): row is PaymentRow => row !== undefined && productPasses(filters, row));
};
