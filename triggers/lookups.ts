// The records a delivery's events need, each read at most once per invocation: the
// event's contract, the reader's profile, their contracts and entitlements (for
// hydration and for their tags alike), a product's type (for the Product Types filter).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, getContract, getProduct, getUser, listContracts, listEntitlements, READER_CONTRACTS_LIMIT, readOnce } from '../api/calls.ts';
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
  userContracts(userId: string): Promise<ContractRecord[]>;
  userEntitlements(userId: string): Promise<EntitlementRecord[]>;
}

export interface KnownRecords {
  readonly contracts?: readonly ContractRecord[];
  readonly users?: readonly UserRecord[];
  readonly entitlements?: readonly EntitlementRecord[];
}

export const createLookups = (z: ZObject, bundle: Bundle, known: KnownRecords = {}): Lookups => {
  // Entitlements a listing returned answer "the user's entitlements" for their users.
  const entitlementsByUser = new Map<string, EntitlementRecord[]>();
  for (const entitlement of known.entitlements ?? []) {
    if (entitlement.userId)
      entitlementsByUser.set(entitlement.userId, [...(entitlementsByUser.get(entitlement.userId) ?? []), entitlement]);
  }
  return {
    user: readOnce(
      (userId) => call(z, bundle, 'lookup', getUser, { userId }),
      (known.users ?? []).map((user) => [userIdOf(user), user]),
    ),
    contract: readOnce(
      (contractId) => call(z, bundle, 'lookup', getContract, { contractId }),
      (known.contracts ?? []).map((contract) => [contract.id, contract]),
    ),
    product: readOnce((sku) => call(z, bundle, 'lookup', getProduct, { sku })),
    userContracts: readOnce((userId) => call(z, bundle, 'lookup', listContracts, { userId, limit: READER_CONTRACTS_LIMIT })),
    userEntitlements: readOnce((userId) => call(z, bundle, 'lookup', listEntitlements, { userId }), entitlementsByUser),
  };
};

/**
 * The reader's contracts and entitlements, through `lookups`, so each is read at most once
 * per invocation and shared with hydration. Throws what the reads throw.
 */
export const readerListsOf = async (
  lookups: Pick<Lookups, 'userContracts' | 'userEntitlements'>,
  userId: string,
): Promise<Pick<ReaderRecords, 'contracts' | 'entitlements'>> => {
  const [contracts, entitlements] = await Promise.all([lookups.userContracts(userId), lookups.userEntitlements(userId)]);
  return { contracts, entitlements };
};
