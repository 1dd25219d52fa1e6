// Sesamy's published types (@sesamy/sdk, a devDependency for its types only), and the
// few places where the fake account's records knowingly go beyond them. Every record
// the fake Management API serves `satisfies` one of these, so a fixture cannot drift
// from Sesamy's contract: a renamed or missing required field fails `tsc`.
//
// Fields Sesamy sends beyond its published types (the app reads them leniently, see
// api/records.ts); each is the only widening of its type, and says where it is seen:
import type { AccessList, Bill, Contract, Entitlement, Grant, Product, Profile, Transaction, User, Vendor } from '@sesamy/sdk';

export type { AccessList, Bill, Contract, Entitlement, Grant, Product, Profile, Transaction, User, Vendor };

/**
 * A contract, plus `cancelRequestedAt`: in Sesamy's client API spec (nullable), not in the
 * management SDK's Contract; the cancellation-requested trigger dates its rows by it.
 */
export type FakeContract = Contract & { cancelRequestedAt?: string | null };

/**
 * A transaction, plus `status` and `type`: not in the SDK's Transaction, but its
 * TransactionListQuery filters the list by both, so Sesamy's records carry them (their
 * values are not documented).
 */
export type FakeTransaction = Transaction & { status?: string; type?: string };

/** The company of a profile as Sesamy's documented user event carries it (`businessDetails {companyName, vatNr}`). */
export interface CompanyDetails {
  name?: string;
  companyName?: string;
  vatNr?: string;
}

/**
 * A profile, where the SDK types `company` as a string and `user_metadata` values as
 * strings or numbers, but Sesamy's documented user event (../shared/seeds/000, samples/user.json)
 * carries a company with a VAT number and a `newsletters` map of booleans.
 */
export type FakeProfile = Omit<Profile, 'company' | 'user_metadata'> & {
  company?: Profile['company'] | CompanyDetails;
  user_metadata?: Record<string, NonNullable<Profile['user_metadata']>[string] | Record<string, boolean>>;
};
