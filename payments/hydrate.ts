// Making payment rows from transactions: each one's reader, contract and bill, read in
// parallel, each record at most once per run. A record the transaction does not name, or
// that Sesamy no longer has (404, 410), gives the row without it and one log line; so
// does a read that fails for a reason of that record alone (a 400 or 422 on its id, an
// answer that is not the record, a 403 while other records of its kind can be read), so
// one odd transaction never holds back the others. A failure about the connection (401,
// 429, 5xx, a redirect, a timeout, a permission missing) fails the run (api/errors.ts), so Zapier
// retries it. Rows are built a few at a time while the run has time (buildRows).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, getBill, getContract, getUser } from '../api/calls.ts';
import { failureOf, isAboutOneRecord, isRefused, quote } from '../api/errors.ts';
import { isUnsafeSegment, REQUEST_TIMEOUT_MS } from '../api/http.ts';
import { hasTimeFor } from '../api/invocation.ts';
import type { ContractRecord } from '../api/records.ts';
import { paymentPayload, productsOf, type UsableTransaction } from '../payloads/payment-payloads.ts';
import type { PaymentRow } from '../payloads/payment-shapes.ts';
import { hasProduct } from '../sesamy/facts.ts';
import { amountOf } from '../sesamy/transactions.ts';

/** Builds a transaction's row; it rejects only for a failure about the connection. */
export type RowMaker = (transaction: UsableTransaction) => Promise<PaymentRow>;

/** The records a row is read from besides its transaction: their id on the transaction, and what a row lacks without each. */
const PARTS = {
  user: { idOf: (t: UsableTransaction) => t.userId, noun: 'user', lacks: "the reader's email and name" },
  contract: { idOf: (t: UsableTransaction) => t.contractId, noun: 'contract', lacks: "its contract's product" },
  bill: { idOf: (t: UsableTransaction) => t.billId, noun: 'bill', lacks: 'its receipt and items' },
} as const;
type Part = keyof typeof PARTS;

/** A read as it came out: the record (undefined when Sesamy has none), or its failure; `asked` when a request was made. */
type Read<T> = { readonly record: T | undefined; readonly asked: boolean } | { readonly failed: unknown };

/** One kind of record, each read at most once per run: a reader pays often, and a refund shares its payment's bill and contract. */
const recordsOf = <T>(request: (id: string) => Promise<T | undefined>, known: readonly (readonly [string, T])[] = []) => {
  const reads = new Map<string, Promise<Read<T>>>(known.map(([id, record]) => [id, Promise.resolve({ record, asked: true })]));
  const read = (id: string): Promise<Read<T>> => {
    let pending = reads.get(id);
    if (!pending) {
      // An id no record can have is not found, and asks nothing (api/calls.ts).
      pending = isUnsafeSegment(id)
        ? Promise.resolve({ record: undefined, asked: false })
        : request(id).then(
            (record): Read<T> => ({ record, asked: true }),
            (failed: unknown): Read<T> => ({ failed }),
          );
      reads.set(id, pending);
    }
    return pending;
  };
  const answered = (outcome: Read<T> | undefined): boolean => outcome !== undefined && !('failed' in outcome) && outcome.asked;
  return {
    read,
    /**
     * Whether a record of this kind other than `id` was read in this run, so that a 403 on
     * `id` is about that record alone. When no other was asked for, one of `candidates` is
     * (at most one such request per run, and one the run would make anyway, as a rule).
     */
    othersReadable: async (id: string, candidates: readonly (string | null | undefined)[]): Promise<boolean> => {
      const others = [...reads.keys()].filter((other) => other !== id);
      if (others.length > 0) return (await Promise.all(others.map((other) => reads.get(other)))).some(answered);
      const probe = candidates.find(
        (candidate): candidate is string => Boolean(candidate) && candidate !== id && !isUnsafeSegment(candidate ?? ''),
      );
      return probe !== undefined && answered(await read(probe));
    },
  };
};

export interface RowSources {
  /** The transactions listed with these: where another record of a kind is found, should a 403 need telling apart. */
  readonly listed?: readonly UsableTransaction[];
  /** Contracts a listing already returned: not read again. */
  readonly contracts?: readonly ContractRecord[];
}

/** Reads the records of a transaction's row through the one policy for a row's records (kind `detail`). */
export const rowMaker = (z: ZObject, bundle: Bundle, { listed = [], contracts = [] }: RowSources = {}): RowMaker => {
  const sources = {
    user: recordsOf((userId) => call(z, bundle, 'detail', getUser, { userId })),
    contract: recordsOf(
      (contractId) => call(z, bundle, 'detail', getContract, { contractId }),
      contracts.map((contract) => [contract.id, contract] as const),
    ),
    bill: recordsOf((billId) => call(z, bundle, 'detail', getBill, { billId })),
  };
  return async (transaction) => {
    const what = `${transaction.isRefund ? 'refund' : 'payment'} ${quote(transaction.id)}`;
    /** The record of one part, and what the log says of it; throws a failure about the connection. */
    const recordOf = async <T>(part: Part, source: ReturnType<typeof recordsOf<T>>) => {
      const { idOf, noun, lacks } = PARTS[part];
      const id = idOf(transaction);
      if (!id) return { record: undefined, note: `Sesamy's ${what} names no ${noun}; it comes without ${lacks}.` };
      const outcome = await source.read(id);
      if (!('failed' in outcome)) {
        return {
          record: outcome.record,
          note: outcome.record ? undefined : `Sesamy has no ${noun} ${quote(id)}; ${what} comes without ${lacks}.`,
        };
      }
      const { failed } = outcome;
      const aboutThisOne = isAboutOneRecord(failed) || (isRefused(failed) && (await source.othersReadable(id, listed.map(idOf))));
      if (!aboutThisOne) throw failed;
      const status = failureOf(failed)?.status;
      const why = status === undefined ? `Sesamy's answer was not a ${noun}` : `Sesamy answered ${status}`;
      return { record: undefined, note: `Could not read ${noun} ${quote(id)} (${why}); ${what} comes without ${lacks}.` };
    };
    const [user, contract, bill] = await Promise.all([
      recordOf('user', sources.user),
      recordOf('contract', sources.contract),
      recordOf('bill', sources.bill),
    ]);
    for (const { note } of [user, contract, bill]) if (note) z.console.log(note);
    if (transaction.amount !== undefined && transaction.amount !== null && amountOf(transaction.amount) === null) {
      z.console.log(`Sesamy's ${what} has an amount that is not a number; it comes without one.`);
    }
    const row = paymentPayload(transaction, { user: user.record, contract: contract.record, bill: bill.record });
    if (productsOf(row) === undefined) {
      const ordered = [...new Set(row.items.flatMap((item) => (item.sku ? [quote(item.sku)] : [])))].join(', ');
      z.console.log(
        `Could not tell which of its order's products (${ordered}) Sesamy's ${what} is for; a Products filter does not match it.`,
      );
    }
    return row;
  };
};

/** Whether a row is about one of these products (payment-payloads.ts productsOf); one of unknown product is about none. */
export const hasProductOf = (row: PaymentRow, skus: readonly string[]): boolean => hasProduct(productsOf(row) ?? [], skus);

/** What one task came to: its value, its failure, or that it was never started (the run's time was up). */
export type Settled<T> = { readonly value: T } | { readonly error: unknown } | { readonly started: false };

/**
 * Runs `work` on every item, at most `limit` at a time, starting each only while `mayStart`
 * holds (the run has time: api/invocation.ts hasTimeFor), so a run stays within Zapier's
 * 30 seconds however slow Sesamy answers. Every task settles; one failing stops none of the others.
 */
export const settleLimited = async <T, R>(
  items: readonly T[],
  limit: number,
  mayStart: () => boolean,
  work: (item: T) => Promise<R>,
): Promise<Settled<R>[]> => {
  const settled: Settled<R>[] = items.map(() => ({ started: false }));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && mayStart()) {
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

/** The rows built, by transaction id, and the first failure about the connection, if one came. */
export interface Built {
  readonly rows: Map<string, PaymentRow>;
  readonly failure?: { readonly error: unknown };
}

/**
 * Builds the transactions' rows, `limit` at a time, while the run has time; every one
 * settles before a failure is passed on, so what is read never depends on timing, and
 * each row is handed to `built` (remembered) as soon as it is made.
 */
export const buildRows = async (
  z: ZObject,
  transactions: readonly UsableTransaction[],
  makeRow: RowMaker,
  limit: number,
  built: (row: PaymentRow) => Promise<void> = async () => undefined,
): Promise<Built> => {
  const rows = new Map<string, PaymentRow>();
  const settled = await settleLimited(
    transactions,
    limit,
    () => hasTimeFor(z, REQUEST_TIMEOUT_MS),
    async (transaction) => {
      const row = await makeRow(transaction);
      rows.set(transaction.id, row);
      await built(row);
    },
  );
  const failed = settled.find((outcome) => 'error' in outcome);
  return failed && 'error' in failed ? { rows, failure: { error: failed.error } } : { rows };
};
