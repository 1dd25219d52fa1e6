// The records a delivery's events need, each read at most once per invocation: the
// event's contract, the reader's profile, their contracts and entitlements (for
// hydration and for their tags alike), a product's type (for the Product Types filter).
// A record a fresh event names may not be readable yet (Sesamy's API lags behind its
// events): its 404 is asked again once, a moment later, before the event is skipped; so is
// the reader's entitlement list that does not hold a fresh event's entitlement yet.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, getContract, getProduct, getUser, readOnce } from '../api/calls.ts';
import { failureOf } from '../api/errors.ts';
import { REQUEST_TIMEOUT_MS } from '../api/http.ts';
import { hasTimeFor } from '../api/invocation.ts';
import { type ReadList, readerContracts, readerEntitlements } from '../api/pages.ts';
import type { ContractRecord, EntitlementRecord, ProductRecord, UserRecord } from '../api/records.ts';
import { userIdOf } from '../sesamy/facts.ts';
import type { ReaderRecords } from '../sesamy/reader-tags.ts';

/**
 * Reads of single records, each fetched at most once per invocation. Records a
 * listing already returned are passed in `known` and never fetched again.
 */
export interface Lookups {
  user(userId: string): Promise<UserRecord>;
  contract(contractId: string): Promise<ContractRecord>;
  product(sku: string): Promise<ProductRecord>;
  /** Every page of the reader's contracts, up to the cap (api/pages.ts). */
  userContracts(userId: string): Promise<ReadList<ContractRecord>>;
  userEntitlements(userId: string): Promise<ReadList<EntitlementRecord>>;
  /**
   * The reader's entitlement with this id, from their list; undefined when it is not there.
   * For a fresh event the list may lag behind it as a record does: then it is read again
   * once, NOT_FOUND_RETRY_MS later (not from the memo), as a fresh record's 404 is asked again.
   */
  entitlement(userId: string, entitlementId: string): Promise<EntitlementRecord | undefined>;
}

export interface KnownRecords {
  readonly contracts?: readonly ContractRecord[];
  readonly users?: readonly UserRecord[];
  readonly entitlements?: readonly EntitlementRecord[];
}

/** An event at most this old (either way: clocks differ) is fresh: a record it names may not be readable yet. */
export const FRESH_EVENT_MS = 120_000;
/** How long a fresh event's missing record is waited for before it is asked again, once. */
export const NOT_FOUND_RETRY_MS = 2_000;
/** What asking again may take: the wait, then a request's whole timeout; no wait unless the run has that left (api/invocation.ts startBy). */
export const NOT_FOUND_RETRY_COST_MS = NOT_FOUND_RETRY_MS + REQUEST_TIMEOUT_MS;

/**
 * The most pages of readers' contracts a delivery reads after each reader's first: a
 * 100-event delivery of readers with 1,000 contracts each would otherwise make about 1,300
 * requests and never end within a run. Nine are one reader read whole to PAGING's cap, so
 * ten such readers are; past it a reader's list is cut there, and their tags list nothing
 * to remove (triggers/delivery.ts says so in one log line).
 */
export const MAX_FURTHER_CONTRACT_PAGES = 90;

/** Whether an event time (Sesamy's `occured_at`, ISO 8601) is within FRESH_EVENT_MS of now. */
export const isFresh = (occurredAt: unknown, now = Date.now()): boolean => {
  if (typeof occurredAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(occurredAt)) return false;
  const at = Date.parse(occurredAt);
  return !Number.isNaN(at) && Math.abs(now - at) <= FRESH_EVENT_MS;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A single-record read that, for a fresh event, asks once more after NOT_FOUND_RETRY_MS
 * when Sesamy answers 404 (410 means gone). The wait holds no slot of the invocation's
 * limit (requests and z.cache calls do, a timer does not), and the memoized read shares it
 * with every event that needs the record.
 */
const askingAgainOnce =
  <T>(z: ZObject, fresh: boolean, fetch: (id: string) => Promise<T>) =>
  async (id: string): Promise<T> => {
    try {
      return await fetch(id);
    } catch (error) {
      if (!fresh || failureOf(error)?.status !== 404 || !hasTimeFor(z, NOT_FOUND_RETRY_COST_MS)) throw error;
      await sleep(NOT_FOUND_RETRY_MS);
      return fetch(id);
    }
  };

export interface LookupOptions {
  /** The delivery holds a fresh event (isFresh): a 404 on a single record is asked again once. */
  readonly fresh?: boolean;
}

export const createLookups = (z: ZObject, bundle: Bundle, known: KnownRecords = {}, options: LookupOptions = {}): Lookups => {
  const again = <T>(fetch: (id: string) => Promise<T>) => askingAgainOnce(z, options.fresh === true, fetch);
  // Entitlements a listing of each user's entitlements returned answer "the user's entitlements" for their users.
  const entitlementsByUser = new Map<string, EntitlementRecord[]>();
  for (const entitlement of known.entitlements ?? []) {
    if (entitlement.userId)
      entitlementsByUser.set(entitlement.userId, [...(entitlementsByUser.get(entitlement.userId) ?? []), entitlement]);
  }
  const knownEntitlements = [...entitlementsByUser].map(([userId, records]): [string, ReadList<EntitlementRecord>] => [
    userId,
    { records, complete: true },
  ]);
  let furtherPages = 0;
  const mayReadAnotherPage = () => furtherPages++ < MAX_FURTHER_CONTRACT_PAGES;
  const userEntitlements = readOnce((userId: string) => readerEntitlements(z, bundle, 'lookup', userId), knownEntitlements);
  // One re-read per reader, however many of their fresh events miss it; the wait holds no slot.
  const userEntitlementsLater = readOnce(async (userId: string) => {
    await sleep(NOT_FOUND_RETRY_MS);
    return readerEntitlements(z, bundle, 'lookup', userId);
  });
  return {
    user: readOnce(
      again((userId) => call(z, bundle, 'lookup', getUser, { userId })),
      (known.users ?? []).map((user) => [userIdOf(user), user]),
    ),
    contract: readOnce(
      again((contractId) => call(z, bundle, 'lookup', getContract, { contractId })),
      (known.contracts ?? []).map((contract) => [contract.id, contract]),
    ),
    product: readOnce(again((sku) => call(z, bundle, 'lookup', getProduct, { sku }))),
    userContracts: readOnce((userId) => readerContracts(z, bundle, 'lookup', userId, { mayReadMore: mayReadAnotherPage })),
    userEntitlements,
    entitlement: async (userId, entitlementId) => {
      const inList = (list: ReadList<EntitlementRecord>) => list.records.find((entitlement) => entitlement.id === entitlementId);
      const found = inList(await userEntitlements(userId));
      if (found || options.fresh !== true || !hasTimeFor(z, NOT_FOUND_RETRY_COST_MS)) return found;
      return inList(await userEntitlementsLater(userId));
    },
  };
};

/**
 * The reader's contracts and entitlements, through `lookups`, so each is read at most once
 * per invocation and shared with hydration; `complete` when both are all Sesamy has.
 * Throws what the reads throw.
 */
export const readerListsOf = async (
  lookups: Pick<Lookups, 'userContracts' | 'userEntitlements'>,
  userId: string,
): Promise<Pick<ReaderRecords, 'contracts' | 'entitlements' | 'complete'>> => {
  const [contracts, entitlements] = await Promise.all([lookups.userContracts(userId), lookups.userEntitlements(userId)]);
  return { contracts: contracts.records, entitlements: entitlements.records, complete: contracts.complete && entitlements.complete };
};
