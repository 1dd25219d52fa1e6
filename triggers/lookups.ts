// The records a delivery's events need, each read at most once per invocation: the
// event's contract, the reader's profile, their contracts and entitlements (for
// hydration and for their tags alike), a product's type (for the Product Types filter).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, getContract, getProduct, getUser } from '../api/calls.ts';
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
}

const memoize = <T>(fetch: (id: string) => Promise<T>, known: Iterable<[string, T]> = []) => {
  const cache = new Map<string, Promise<T>>([...known].map(([id, value]) => [id, Promise.resolve(value)]));
  return (id: string): Promise<T> => {
    let pending = cache.get(id);
    if (!pending) {
      pending = fetch(id);
      cache.set(id, pending);
    }
    return pending;
  };
};

export interface KnownRecords {
  readonly contracts?: readonly ContractRecord[];
  readonly users?: readonly UserRecord[];
  readonly entitlements?: readonly EntitlementRecord[];
}

export const createLookups = (z: ZObject, bundle: Bundle, known: KnownRecords = {}): Lookups => {
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
  return {
    user: memoize(
      (userId) => call(z, bundle, 'lookup', getUser, { userId }),
      (known.users ?? []).map((user) => [userIdOf(user), user]),
    ),
    contract: memoize(
      (contractId) => call(z, bundle, 'lookup', getContract, { contractId }),
      (known.contracts ?? []).map((contract) => [contract.id, contract]),
    ),
    product: memoize((sku) => call(z, bundle, 'lookup', getProduct, { sku })),
    userContracts: memoize((userId) => readerContracts(z, bundle, 'lookup', userId)),
    userEntitlements: memoize((userId) => readerEntitlements(z, bundle, 'lookup', userId), knownEntitlements),
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
