// A reader's own Sesamy tags: the whole current `sesamy_` set, as Sesamy's email and CRM
// integrations sync it (they replace the reader's `sesamy_` tags with this set). Built
// from the reader's profile tags, contracts and entitlements. Usable outside a delivery
// (a search's row about a reader): readerTagsOf reads what it needs.
import type { ContractRecord, EntitlementRecord } from '../api/records.ts';
import type { Lookups } from '../triggers/hydrate.ts';
import { asObject, asText, isoDate, upperText as upper } from './json.ts';
import { sesamyTags, type TagFacts } from './tags.ts';

/** What the reader's tags are built from. */
export interface ReaderRecords {
  /** The reader's own tags, from their profile. */
  readonly profileTags: readonly string[];
  readonly contracts: readonly ContractRecord[];
  readonly entitlements: readonly EntitlementRecord[];
}

/** Contract statuses that mean a subscription has ended. */
export const ENDED_STATUSES = ['CANCELED', 'EXPIRED', 'DELETED'] as const;
export type Ending = (typeof ENDED_STATUSES)[number];
export const isEnded = (status: unknown): boolean => (ENDED_STATUSES as readonly string[]).includes(upper(status));

/** A contract status that means it is in force. */
export const isActiveStatus = (status: unknown): boolean => ['ACTIVE', 'VALID'].includes(upper(status));

export const isActiveContract = (contract: ContractRecord): boolean => contract.isActive ?? isActiveStatus(contract.status);

/** A single purchase (Sesamy's `contractDuration` PERPETUAL), not a subscription: a record or a row alike. */
export const isSinglePurchase = (contract: { readonly contractDuration?: unknown }): boolean =>
  upper(contract.contractDuration) === 'PERPETUAL';

/** A reader's contracts with `contract` as read now in place of its listed copy, or added: Sesamy's lists may lag. */
export const withCurrentContract = (contracts: readonly ContractRecord[], contract: ContractRecord): ContractRecord[] =>
  contracts.some((known) => known.id === contract.id)
    ? contracts.map((known) => (known.id === contract.id ? contract : known))
    : [...contracts, contract];

const isExternal = (entitlement: EntitlementRecord): boolean => upper(entitlement.origin?.type) === 'EXTERNAL';

/** Access now: not revoked, not expired at `now` (ISO 8601). An entitlement record or a row alike. */
export const isActiveEntitlement = (entitlement: { readonly hasAccess?: unknown; readonly expiresAt?: unknown }, now: string): boolean => {
  const expiresAt = isoDate(entitlement.expiresAt);
  return entitlement.hasAccess !== false && (expiresAt === null || expiresAt > now);
};

const purchaseOptionIdOf = (entitlement: EntitlementRecord): string | null =>
  asText(entitlement.purchaseOption) ?? asText(asObject(entitlement.purchaseOption)?.id) ?? null;

/** The facts Sesamy's tag patterns read from a reader's records, at `now` (ISO 8601). */
export const readerFacts = (records: ReaderRecords, now: string): TagFacts => {
  const activeContracts = records.contracts.filter(isActiveContract);
  const activeEntitlements = records.entitlements.filter((entitlement) => isActiveEntitlement(entitlement, now));
  return {
    customTags: records.profileTags,
    activeSubscriber: activeContracts.some((contract) => !isSinglePurchase(contract)),
    overdueContract: records.contracts.some((contract) => upper(contract.status) === 'OVERDUE'),
    externalAccess: activeEntitlements.some(isExternal),
    singlePurchase:
      records.contracts.some(isSinglePurchase) ||
      records.entitlements.some((entitlement) => upper(entitlement.type) === 'ARTICLE' && !isExternal(entitlement)),
    activeEntitlements: activeEntitlements.flatMap(({ type, title }) => (type && title ? [{ productType: type, title }] : [])),
    activeSkus: [
      ...activeContracts.flatMap((contract) =>
        contract.items.flatMap(({ sku, purchaseOptionId }) => (sku ? [{ sku, purchaseOptionId: purchaseOptionId ?? null }] : [])),
      ),
      ...activeEntitlements.flatMap((entitlement) =>
        entitlement.sku ? [{ sku: entitlement.sku, purchaseOptionId: purchaseOptionIdOf(entitlement) }] : [],
      ),
    ],
  };
};

/**
 * The reader's whole current `sesamy_` tag set at `now` (ISO 8601), from their profile
 * tags, contracts and entitlements: "has at least one active subscription", one tag per
 * active SKU, and so on (sesamy/tags.ts has the patterns). Pure.
 */
export const readerTags = (records: ReaderRecords, now: string): string[] => sesamyTags(readerFacts(records, now));

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

/**
 * A reader's current `sesamy_` tags, for use outside a delivery (a search about a reader):
 * reads their profile, contracts and entitlements (3 requests, fewer where `lookups`
 * already holds them) and applies readerTags. Failures are thrown as the error policy
 * (api/errors.ts) makes them.
 */
export const readerTagsOf = async (
  lookups: Pick<Lookups, 'user' | 'userContracts' | 'userEntitlements'>,
  userId: string,
  now: string = new Date().toISOString(),
): Promise<string[]> => {
  const [user, lists] = await Promise.all([lookups.user(userId), readerListsOf(lookups, userId)]);
  return readerTags({ profileTags: user.tags, ...lists }, now);
};
