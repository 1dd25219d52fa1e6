// One check of New Payment or New Refund, polling triggers: Zapier calls perform every 1 to
// 15 minutes (by plan) and starts the Zap for each row whose id (the transaction's) it has
// not seen. A check reads Sesamy's newest transactions (payments/transactions.ts: one
// request when Sesamy lists newest first), keeps those of the trigger's kind, and builds
// rows only for those made in the last 23 hours, or since the Zap's last check that delivered
// when that was earlier (payment-memory.ts), and not built before, at most
// HYDRATIONS_PER_POLL, the oldest first; all it has time for when z.cache fails, as nothing
// built is then remembered and a cap would build the same oldest check after check:
//   - the first check after the Zap is turned on (meta.isPopulatingDedupe) only fills
//     Zapier's deduplication list: it builds nothing;
//   - "Test trigger" (meta.isLoadingSample) builds the newest few, however old.
// A check uses nothing but its row of the money triggers' table (money-triggers.ts).
// docs/performance.md has the request counts; docs/sesamy-api.md what is assumed.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { TRANSACTIONS_PAGE } from '../api/calls.ts';
import { REQUEST_TIMEOUT_MS } from '../api/http.ts';
import { hasTimeFor } from '../api/invocation.ts';
import type { MoneyTriggerSpec } from '../money-triggers.ts';
import { paymentPayload, type UsableTransaction } from '../payloads/payment-payloads.ts';
import type { PaymentRow } from '../payloads/payment-shapes.ts';
import { buildRows, hasProductOf, rowMaker } from '../payments/hydrate.ts';
import { newestTransactions } from '../payments/transactions.ts';
import { amountOf } from '../sesamy/transactions.ts';
import { isWithin } from './filters.ts';
import { paymentMemoryOf } from './payment-memory.ts';
import { firstPassing } from './recent-rows.ts';

/** Rows built per check at most: 3 requests each (reader, contract, bill), so a check makes at most 1 + 3 × 25 = 76 (95 if Sesamy lists oldest first). */
export const HYDRATIONS_PER_POLL = 25;
/** Rows built at a time: their 15 reads keep the run's 8 requests in flight busy (api/invocation.ts). */
export const PARALLEL_HYDRATIONS = 5;
/**
 * How far back a check always looks (Sesamy may list a transaction hours after its
 * createdAt), and all it looks back with nothing remembered of the Zap's last check (z.cache
 * lost it, or Zapier names no Zap): under a row's memory (a day), so no row is built twice.
 */
export const DEFAULT_HORIZON_MS = 23 * 60 * 60 * 1000;
/** How long before the Zap's last check that delivered a check looks back too, when that was over DEFAULT_HORIZON_MS ago. */
export const OVERLAP_MS = 60 * 60 * 1000;
/** However long ago the Zap's last check that delivered was (days of failed checks), a check looks back no further. */
export const MAX_HORIZON_MS = 7 * 24 * 60 * 60 * 1000;
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
  const amount = amountOf(transaction.amount);
  return isWithin(amount === null ? null : Math.abs(amount), { min: minAmount, max: maxAmount });
};

/** Products are the contract's, so only a built row can be compared. */
const productPasses = ({ skus }: PaymentFilters, row: PaymentRow): boolean => !skus || hasProductOf(row, skus);

/** When a transaction was made, in ms; NaN when its date is unreadable. */
const madeAt = (transaction: UsableTransaction): number => Date.parse(transaction.createdAt ?? '');

/** Whether a transaction was made since `from`; one without a readable date counts as new, so none is lost. */
const isSince = (transaction: UsableTransaction, from: number): boolean => {
  const at = madeAt(transaction);
  return Number.isNaN(at) || at >= from;
};

export const pollPayments = async (
  z: ZObject,
  bundle: Bundle,
  { isRefund, nouns }: Pick<MoneyTriggerSpec, 'isRefund' | 'nouns'>,
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
    await Promise.all([memory.rememberPopulated(ofKind.map((transaction) => transaction.id)), memory.rememberSince(started)]);
    return ofKind.map((transaction) => paymentPayload(transaction));
  }
  const candidates = ofKind.filter((transaction) => amountPasses(filters, transaction));
  const makeRow = rowMaker(z, bundle, { listed: transactions });
  if (bundle.meta?.isLoadingSample) {
    // Test trigger: the newest, however old, a few at a time until SAMPLE_SIZE pass the Products filter, while the run has time.
    return firstPassing(
      candidates.slice(0, SAMPLE_CANDIDATES),
      async (batch) => {
        const { rows, failure } = await buildRows(z, batch, makeRow, PARALLEL_HYDRATIONS);
        if (failure) throw failure.error;
        return batch.flatMap((transaction) => rows.get(transaction.id) ?? []).filter((row) => productPasses(filters, row));
      },
      () => hasTimeFor(z, REQUEST_TIMEOUT_MS),
    );
  }

  // The last 23 hours, as a row is remembered for a day; further back to the Zap's last check that delivered, less an hour, after failed checks; 7 days at most.
  const since = await memory.since();
  const from = Math.max(started - MAX_HORIZON_MS, Math.min((since ?? started) - OVERLAP_MS, started - DEFAULT_HORIZON_MS));
  const populated = await memory.populated();
  const unseen = candidates.filter((transaction) => !populated.has(transaction.id));
  const recent = unseen.filter((transaction) => isSince(transaction, from));
  // Said when the page shows some a remembered last check could have taken (7 days at most): once lost, a Zap's last check is not remembered again until a check delivers.
  if (since === undefined && unseen.some((transaction) => !isSince(transaction, from) && isSince(transaction, started - MAX_HORIZON_MS))) {
    z.console.log(
      `When this Zap last checked is not remembered, so this check looked back ${DEFAULT_HORIZON_MS / 3_600_000} hours only: older new Sesamy ${nouns}, if any, were not looked at.`,
    );
  }
  const remembered = await memory.rows(recent);
  const unbuilt = recent.filter((_, index) => !remembered[index]);
  // The oldest first: they are the next to leave Sesamy's newest page.
  const oldestFirst = unbuilt.toReversed();
  const built = new Map<string, PaymentRow>();
  const build = async (batch: readonly UsableTransaction[]) => {
    const { rows, failure } = await buildRows(z, batch, makeRow, PARALLEL_HYDRATIONS, memory.rememberRow);
    for (const [id, row] of rows) built.set(id, row);
    if (failure) throw failure.error;
  };
  // With z.cache failing nothing built is remembered: capped, every check would build the same oldest and newer ones wait, so it builds all it has time for.
  const capped = !memory.failing();
  await build(capped ? oldestFirst.slice(0, HYDRATIONS_PER_POLL) : oldestFirst);
  if (capped && memory.failing()) await build(oldestFirst.slice(HYDRATIONS_PER_POLL));

  const left = unbuilt.filter((transaction) => !built.has(transaction.id));
  if (memory.failing() && unbuilt.length > HYDRATIONS_PER_POLL) {
    z.console.log(
      `Remembering in z.cache is failing, so this check built all it had time for, ${built.size} of ${unbuilt.length} new Sesamy ${nouns}, not the oldest ${HYDRATIONS_PER_POLL}; the next checks may build them again.`,
    );
  } else if (left.length > 0) {
    z.console.log(`This check took the oldest ${built.size} of ${unbuilt.length} new Sesamy ${nouns}; the next checks take the rest.`);
  }
  // Whatever their kind: every transaction Sesamy listed is new, so older ones were not listed.
  const oldest = transactions.at(-1);
  if (more && oldest && !Number.isNaN(madeAt(oldest)) && madeAt(oldest) > (since ?? from)) {
    z.console.log(
      `All of Sesamy's newest ${TRANSACTIONS_PAGE} transactions are new since the last check, so older new ${nouns} may have been missed: each check reads only the newest ${TRANSACTIONS_PAGE}.`,
    );
  }
  // The next check looks back to this one, or to the oldest left for it to build.
  await memory.rememberSince(Math.min(started, ...left.map(madeAt).filter((at) => !Number.isNaN(at))));
  return recent
    .map((transaction, index) => remembered[index] ?? built.get(transaction.id))
    .filter((row): row is PaymentRow => row !== undefined && productPasses(filters, row));
};
