// Reading a Sesamy list to its end, page by page, never without bound: the page size and
// the most pages read of every list the app pages through are here, in one table, and so
// is the one rule that says whether more records follow a page (`moreFollow`).
// Sesamy's list order is not documented, so a list that must be whole is read whole, up
// to its cap; a list not read to its end says so and why (`complete: false`, `cut`), and
// its caller decides.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, listContracts, listEntitlements } from './calls.ts';
import type { OperationKind } from './errors.ts';
import type { ContractRecord, EntitlementRecord, PageFacts } from './records.ts';

export interface Paging {
  /** The `limit` of each request. */
  readonly pageSize: number;
  /** The most pages one read makes; at this cap the list as read is incomplete. */
  readonly maxPages: number;
}

/** How every list that is read to its end pages. A step has about 30 seconds, and a page takes a round trip. */
export const PAGING = {
  /** Sesamy's fuzzy user search, read until a page holds the exact email: at most 500 near-matches. */
  userSearch: { pageSize: 100, maxPages: 5 },
  /** A reader's contracts, read whole: at most 1,000 (a heavy article buyer has one per article). */
  readerContracts: { pageSize: 100, maxPages: 10 },
} as const satisfies Record<string, Paging>;

/** The User and Product dropdowns read one page each time Zapier asks for the next (dropdowns/paging.ts). */
export const DROPDOWN_PAGE_SIZE = 50;

/**
 * Why a list was not read to its end: its cap was reached (or, for a list read in one
 * request, its envelope says more follow); a later page was gone (a search's 404 or 410);
 * or a page brought no record not read before (a server that ignores `offset`).
 */
export type Cut = 'cap' | 'gone' | 'stuck';

/** A list as read: its records, and whether they are all Sesamy has; when not, why. */
export type ReadList<T> =
  | { readonly records: T[]; readonly complete: true }
  | { readonly records: T[]; readonly complete: false; readonly cut: Cut };

/** A page as a call answers it (records.ts listOf): its records, and what its envelope said. */
type Page<T> = readonly T[] & { readonly facts?: PageFacts };

/**
 * What a page shorter than asked for means: the `last` page, or, where a wrong end costs
 * more than a request (Create User would make a second account), a page to `confirm` with
 * the next one, as Sesamy may cap `limit` below what was asked.
 */
export type ShortPage = 'last' | 'confirm';

/**
 * The one rule for whether more records follow a page asked for at `offset` with `limit`
 * (undefined: the server chose the page's length). A full page is never the last, whatever
 * an envelope says (its `total` may count the page alone). Otherwise an envelope's `hasMore`
 * decides, else its `total` beyond this page; without either a short page is the last,
 * unless `shortPage` says to confirm it (an empty page is the last in any case).
 */
const moreFollow = (page: Page<unknown>, offset: number, limit: number | undefined, shortPage: ShortPage): boolean => {
  if (limit !== undefined && page.length >= limit) return true;
  if (page.facts?.hasMore !== undefined) return page.facts.hasMore;
  if (page.facts?.total !== undefined) return page.facts.total > offset + page.length;
  return shortPage === 'confirm' && limit !== undefined && page.length > 0;
};

export interface ReadOptions<T> {
  /** Ends the read, complete, at a page for which it holds (a page with what was looked for). */
  readonly enough?: (page: readonly T[]) => boolean;
  readonly shortPage?: ShortPage;
  /** Asked before each page after the first: false ends the read there, at a cap of the caller's (a delivery's share of pages). */
  readonly mayReadMore?: () => boolean;
}

/**
 * Reads pages from offset 0 while more follow (`moreFollow`), until `enough` holds for a
 * page or the cap. The first request carries no offset; each next one starts after the
 * records received so far (so a server that sends fewer than `limit` loses none). A record
 * seen on an earlier page is not kept twice. A first page that is gone is a list without
 * records; a later one that is gone, or a page that brings nothing new after a full one,
 * ends the read as incomplete rather than as the end of the list, or loop. Nothing new
 * after a short page being confirmed confirms it.
 */
export const readPages = async <T>(
  pageAt: (page: { limit: number; offset?: number }) => Promise<Page<T> | undefined>,
  paging: Paging,
  keyOf: (record: T) => string,
  { enough = () => false, shortPage = 'last', mayReadMore = () => true }: ReadOptions<T> = {},
): Promise<ReadList<T>> => {
  const seen = new Set<string>();
  const records: T[] = [];
  let offset = 0;
  let confirming = false;
  for (let index = 0; index < paging.maxPages; index++) {
    if (index > 0 && !mayReadMore()) return { records, complete: false, cut: 'cap' };
    const page = await pageAt({ limit: paging.pageSize, ...(offset > 0 ? { offset } : {}) });
    if (page === undefined) return index === 0 ? { records, complete: true } : { records, complete: false, cut: 'gone' };
    const fresh = page.filter((record) => !seen.has(keyOf(record)));
    for (const record of fresh) seen.add(keyOf(record));
    records.push(...fresh);
    if (enough(page) || !moreFollow(page, offset, paging.pageSize, shortPage)) return { records, complete: true };
    // Nothing new after a short page being confirmed is its confirmation; after a full one, a server stuck on a page.
    if (fresh.length === 0) return confirming ? { records, complete: true } : { records, complete: false, cut: 'stuck' };
    confirming = page.length < paging.pageSize;
    offset += page.length;
  }
  return { records, complete: false, cut: 'cap' };
};

/** Every contract of a reader, up to the cap (`paging`'s; and, where `mayReadMore` says so, fewer). */
export const readerContracts = (
  z: ZObject,
  bundle: Bundle,
  kind: OperationKind,
  userId: string,
  { paging = PAGING.readerContracts, mayReadMore }: { readonly paging?: Paging; readonly mayReadMore?: () => boolean } = {},
): Promise<ReadList<ContractRecord>> =>
  readPages(
    (page) => call(z, bundle, kind, listContracts, { userId, ...page }),
    paging,
    (contract) => contract.id,
    mayReadMore ? { mayReadMore } : {},
  );

/**
 * A reader's entitlements, the one way every step and trigger reads them: one request, as
 * Sesamy's SDK names no paging for them (docs/sesamy-api.md). Incomplete only when an
 * envelope says more follow; gone (a search's 404) is none.
 */
export const readerEntitlements = async (
  z: ZObject,
  bundle: Bundle,
  kind: OperationKind,
  userId: string,
): Promise<ReadList<EntitlementRecord>> => {
  const page = await call(z, bundle, kind, listEntitlements, { userId });
  const records = [...(page ?? [])];
  return page !== undefined && moreFollow(page, 0, undefined, 'last')
    ? { records, complete: false, cut: 'cap' }
    : { records, complete: true };
};
