// Making payment rows from transactions: each one's reader, contract and bill, read in
// parallel, each record at most once per run. A record the transaction does not name, or
// that Sesamy no longer has (404, 410), gives the row without it and one log line;
// anything else fails the run (api/errors.ts). Rows are built a few at a time while the
// run has time (settleLimited).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, getBill, getContract, getUser, readOnce } from '../api/calls.ts';
import { quote } from '../api/errors.ts';
import type { BillRecord, ContractRecord, UserRecord } from '../api/records.ts';
import { paymentPayload, productsOf, type UsableTransaction } from '../payloads/payment-payloads.ts';
import type { PaymentRow } from '../payloads/payment-shapes.ts';
import { hasProduct } from '../sesamy/facts.ts';
import { amountOf } from '../sesamy/transactions.ts';

/** Builds a transaction's row. */
export type RowMaker = (transaction: UsableTransaction) => Promise<PaymentRow>;

/** The parts of a row read from records besides the transaction, and what a row lacks without each. */
const PARTS = {
  user: { noun: 'user', lacks: "the reader's email and name" },
  contract: { noun: 'contract', lacks: "its contract's product" },
  bill: { noun: 'bill', lacks: 'its receipt and items' },
} as const;

/**
 * Reads the records of a transaction's row through the one policy for a row's records
 * (kind `detail`). `contracts` are records a listing already returned: they are not read again.
 */
export const rowMaker = (z: ZObject, bundle: Bundle, { contracts = [] }: { contracts?: readonly ContractRecord[] } = {}): RowMaker => {
  // A reader pays often, and a refund shares its payment's bill and contract.
  const reads = {
    user: readOnce((userId): Promise<UserRecord | undefined> => call(z, bundle, 'detail', getUser, { userId })),
    contract: readOnce(
      (contractId): Promise<ContractRecord | undefined> => call(z, bundle, 'detail', getContract, { contractId }),
      contracts.map((contract) => [contract.id, contract] as const),
    ),
    bill: readOnce((billId): Promise<BillRecord | undefined> => call(z, bundle, 'detail', getBill, { billId })),
  };
  return async (transaction) => {
    const { userId, contractId, billId } = transaction;
    const [user, contract, bill] = await Promise.all([
      userId ? reads.user(userId) : undefined,
      contractId ? reads.contract(contractId) : undefined,
      billId ? reads.bill(billId) : undefined,
    ]);
    const what = `${transaction.isRefund ? 'refund' : 'payment'} ${quote(transaction.id)}`;
    const note = (part: keyof typeof PARTS, id: string | null | undefined, record: unknown) => {
      const { noun, lacks } = PARTS[part];
      if (!id) z.console.log(`Sesamy's ${what} names no ${noun}; it comes without ${lacks}.`);
      else if (!record) z.console.log(`Sesamy has no ${noun} ${quote(id)}; ${what} comes without ${lacks}.`);
    };
    note('user', userId, user);
    note('contract', contractId, contract);
    note('bill', billId, bill);
    if (transaction.amount !== undefined && transaction.amount !== null && amountOf(transaction.amount) === null) {
      z.console.log(`Sesamy's ${what} has an amount that is not a number; it comes without one.`);
    }
    return paymentPayload(transaction, { user, contract, bill });
  };
};

/** Whether a row is about one of these products (payment-payloads.ts productsOf): its contract's, else its order's. */
export const hasProductOf = (row: PaymentRow, skus: readonly string[]): boolean => hasProduct(productsOf(row), skus);

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
    // Every row of the batch settles before a failure is passed on, so what is read does not depend on timing.
    const settled = await Promise.allSettled(considered.slice(start, start + batch).map(makeRow));
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    rows.push(...settled.flatMap((outcome) => (outcome.status === 'fulfilled' && passes(outcome.value) ? [outcome.value] : [])));
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
