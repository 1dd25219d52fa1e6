// Reading a Sesamy list to its end, page by page, never without bound: the page size and
// the most pages read of every list the app pages through are here, in one table.
// Sesamy's list order is not documented, so a list that must be whole is read whole, up
// to its cap; a list cut at its cap says so (`complete: false`) and its caller decides.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, listContracts, listEntitlements } from './calls.ts';
import type { OperationKind } from './errors.ts';
import type { ContractRecord, EntitlementRecord, Listed } from './records.ts';

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

/** The most records a paged read returns. */
export const capOf = (paging: Paging): number => paging.pageSize * paging.maxPages;

/** A list as read: its records, and whether they are all Sesamy has. */
export interface ReadList<T> {
  readonly records: T[];
  readonly complete: boolean;
}

/** What an envelope said about more records after a page (records.ts listOf); undefined when it said nothing. */
const moreAfter = (page: readonly unknown[]): boolean | undefined => (page as Listed<unknown>).more;

/**
 * Reads pages from offset 0 until one is short (the last), an envelope says it is the last,
 * `enough` holds for a page, or the cap. The first request carries no offset; each next one
 * starts after the records received so far (so a server that sends fewer than `limit` but
 * says more follow loses none). A record seen on an earlier page is not kept twice; a page
 * that brings nothing new (a server that ignores `offset`) ends the read as incomplete
 * rather than loop.
 */
export const readPages = async <T>(
  pageAt: (page: { limit: number; offset?: number }) => Promise<readonly T[] | undefined>,
  paging: Paging,
  keyOf: (record: T) => string,
  enough: (page: readonly T[]) => boolean = () => false,
): Promise<ReadList<T>> => {
  const seen = new Set<string>();
  const records: T[] = [];
  let offset = 0;
  for (let index = 0; index < paging.maxPages; index++) {
    const page = (await pageAt({ limit: paging.pageSize, ...(offset > 0 ? { offset } : {}) })) ?? [];
    offset += page.length;
    const fresh = page.filter((record) => !seen.has(keyOf(record)));
    for (const record of fresh) seen.add(keyOf(record));
    records.push(...fresh);
    const more = moreAfter(page);
    if (enough(page) || more === false || (more === undefined && page.length !== paging.pageSize)) return { records, complete: true };
    if (fresh.length === 0) return { records, complete: false };
  }
  return { records, complete: false };
};

/** Every contract of a reader, up to the cap. */
export const readerContracts = (z: ZObject, bundle: Bundle, kind: OperationKind, userId: string): Promise<ReadList<ContractRecord>> =>
  readPages(
    (page) => call(z, bundle, kind, listContracts, { userId, ...page }),
    PAGING.readerContracts,
    (contract) => contract.id,
  );

/**
 * A reader's entitlements: one read, as Sesamy's SDK names no paging for them (docs/sesamy-api.md).
 * Incomplete only when an envelope says more follow.
 */
export const readerEntitlements = async (
  z: ZObject,
  bundle: Bundle,
  kind: OperationKind,
  userId: string,
): Promise<ReadList<EntitlementRecord>> => {
  const records = (await call(z, bundle, kind, listEntitlements, { userId })) ?? [];
  return { records: [...records], complete: moreAfter(records) !== true };
};
