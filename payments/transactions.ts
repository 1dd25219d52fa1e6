// Reading Sesamy's newest transactions, for New Payment, New Refund and Find Payments.
// Sesamy's list has no sort parameter, no cursor and no total, and its order is not
// documented: a full first page tells the order (sesamy/transactions.ts listOrderOf).
// Newest first, the newest are on the first pages. Oldest first, they are on the last
// ones, which are found by galloping forward from the end remembered last time and then
// halving the gap, within LIST_REQUESTS_CAP requests. Either way the caller gets the same:
// the newest `count` transactions it can use, newest first, each id once.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, listTransactions, TRANSACTIONS_PAGE } from '../api/calls.ts';
import { raise } from '../api/errors.ts';
import { REQUEST_TIMEOUT_MS } from '../api/http.ts';
import { hasTimeFor } from '../api/invocation.ts';
import type { TransactionRecord } from '../api/records.ts';
import { isUsable, type UsableTransaction } from '../payloads/payment-payloads.ts';
import { listOrderOf, newestTransactionFirst } from '../sesamy/transactions.ts';

/** The most list requests one read makes; only a list kept oldest first can need more than a few. */
export const LIST_REQUESTS_CAP = 20;

const PAGE = TRANSACTIONS_PAGE;

/** Where the last page of the list was last time (an offset), kept by the caller between runs. */
export interface TailMemory {
  get(): Promise<number | undefined>;
  set(offset: number): Promise<void>;
}

export interface Reading {
  /** The kind of run the reads serve: a poll lists, a search finds (a 404 is then nothing found). */
  readonly kind: 'list' | 'search';
  /** A reader's transactions only. */
  readonly userId?: string;
  /** How many of the newest to read at most: a multiple of the page size. */
  readonly count: number;
  /** Whether the newest read so far (newest first) are enough: no further page is then read. */
  readonly enough?: (newest: readonly UsableTransaction[]) => boolean;
  readonly tail?: TailMemory;
}

export interface Newest {
  /** The newest transactions a row can be made of, newest first, each id once. */
  readonly transactions: UsableTransaction[];
  /** Records Sesamy listed among them that no row can be made of (no id, no refund flag, not an object). */
  readonly unusable: number;
  /** Whether Sesamy lists older transactions than these. */
  readonly more: boolean;
  /** Whether a further page was left unread because the run had no time left for it (api/invocation.ts hasTimeFor). */
  readonly outOfTime: boolean;
}

type Page = readonly (TransactionRecord | null)[];

/** A page offset remembered from an earlier run, when it can be one. */
const validOffset = (offset: number | undefined): offset is number =>
  offset !== undefined && Number.isSafeInteger(offset) && offset >= PAGE && offset % PAGE === 0;

export const newestTransactions = async (z: ZObject, bundle: Bundle, reading: Reading): Promise<Newest> => {
  const { kind, userId, count } = reading;
  const pages = new Map<number, Page>();
  let low = 0; // oldest first: an offset whose page is known to be full
  const read = async (offset: number): Promise<Page> => {
    const known = pages.get(offset);
    if (known) return known;
    // Searching an oldest-first list for its end: a further page only within the cap and while the run has time.
    const capped = pages.size >= LIST_REQUESTS_CAP;
    if (capped || (pages.size > 0 && !hasTimeFor(z, REQUEST_TIMEOUT_MS))) {
      // Where this search got to is remembered: the next run goes on from there, not from the start again.
      if (low >= PAGE) await reading.tail?.set(low);
      const next = reading.tail ? '; the next check goes on from where this one got to. If this keeps happening, contact' : '. Contact';
      const within = capped ? `within ${LIST_REQUESTS_CAP} requests` : "within Zapier's time limit, as Sesamy answered slowly";
      throw raise.fail(
        z,
        bundle,
        `Sesamy lists transactions oldest first, and the newest could not be reached ${within}${next} Sesamy support.`,
        'TransactionOrder',
      );
    }
    // A search's list that Sesamy does not have (404) is an empty one.
    const page = (await call(z, bundle, kind, listTransactions, { userId, limit: PAGE, offset })) ?? [];
    pages.set(offset, page);
    return page;
  };
  const full = (page: Page) => page.length >= PAGE;
  /** The records of the pages from `lowest` on, as listed. */
  const recordsFrom = (lowest: number): Page => [...pages.entries()].filter(([offset]) => offset >= lowest).flatMap(([, page]) => page);
  /** The usable records of the pages from `lowest` on, newest first, each id once. */
  const newestFrom = (lowest: number): UsableTransaction[] => {
    const records = recordsFrom(lowest);
    const byId = new Map<string, UsableTransaction>();
    // A record listed twice (the list moved between two pages) is kept once.
    for (const transaction of records.filter(isUsable)) if (!byId.has(transaction.id)) byId.set(transaction.id, transaction);
    return [...byId.values()].sort(newestTransactionFirst);
  };
  let outOfTime = false;
  /** Whether to read one more page of the `count`: not when those read are enough, nor when the run has no time for it. */
  const goOn = (lowest: number): boolean => {
    if (reading.enough?.(newestFrom(lowest))) return false;
    outOfTime = !hasTimeFor(z, REQUEST_TIMEOUT_MS);
    return !outOfTime;
  };

  const first = await read(0);
  let lowest = 0;
  let more = false;
  if (full(first) && listOrderOf(first.filter(isUsable)) === 'newest first') {
    // The newest are on the first pages: read on until `count` or the end of the list.
    let offset = 0;
    while (full(await read(offset)) && offset + PAGE < count && goOn(0)) offset += PAGE;
    more = full(await read(offset));
  } else if (full(first)) {
    // Oldest first: gallop to a page that is not full, from where the end was last time.
    const remembered = await reading.tail?.get();
    // An end remembered where the list now ends nowhere near (it shrank, or z.cache answered oddly) is found afresh from the start.
    const endsAt = async (offset: number) => (await read(offset)).length > 0 || full(await read(offset - PAGE));
    let high = validOffset(remembered) && (await endsAt(remembered)) ? remembered : PAGE;
    for (let step = PAGE; full(await read(high)); step *= 2) {
      low = high;
      high += step;
    }
    // Then halve the gap down to one page: `high` is the last page, `low` the full one before it.
    if (high - PAGE > low) {
      if (full(await read(high - PAGE))) low = high - PAGE;
      else high -= PAGE;
    }
    while (high - low > PAGE) {
      const middle = low + Math.floor((high - low) / PAGE / 2) * PAGE;
      if (full(await read(middle))) low = middle;
      else high = middle;
    }
    await reading.tail?.set(high);
    // The window: the last page and those before it, until `count` records.
    let listed = (await read(high)).length;
    lowest = high;
    while (listed < count && lowest > 0 && goOn(lowest)) {
      lowest -= PAGE;
      listed += (await read(lowest)).length;
    }
    more = lowest > 0;
  }

  const records = recordsFrom(lowest);
  const transactions = newestFrom(lowest);
  return {
    transactions: transactions.slice(0, count),
    unusable: records.length - records.filter(isUsable).length,
    more: more || transactions.length > count,
    outOfTime,
  };
};
