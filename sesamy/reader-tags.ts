// A reader's own Sesamy tags: the whole current `sesamy_` set, as Sesamy's email and CRM
// integrations sync it (they replace the reader's `sesamy_` tags with this set), from the
// reader's profile tags, contracts and entitlements. Pure: records in, tags out.
import type { ContractRecord, EntitlementRecord } from '../api/records.ts';
import { isActiveContract, isActiveEntitlement, isExternal, isSinglePurchase, purchaseOptionIdOf } from './facts.ts';
import { upperText } from './json.ts';
import { sesamyTags, type TagFacts } from './tags.ts';

/** What the reader's tags are built from. */
export interface ReaderRecords {
  /** The reader's own tags, from their profile. */
  readonly profileTags: readonly string[];
  readonly contracts: readonly ContractRecord[];
  readonly entitlements: readonly EntitlementRecord[];
  /** False when the contracts or entitlements were cut at a read's cap: then a tag may be missing, so none is listed for removal. */
  readonly complete?: boolean;
}

/** The facts Sesamy's tag patterns read from a reader's records, at `now` (ISO 8601). */
export const readerFacts = (records: ReaderRecords, now: string): TagFacts => {
  const activeContracts = records.contracts.filter(isActiveContract);
  const activeEntitlements = records.entitlements.filter((entitlement) => isActiveEntitlement(entitlement, now));
  return {
    customTags: records.profileTags,
    activeSubscriber: activeContracts.some((contract) => !isSinglePurchase(contract)),
    overdueContract: records.contracts.some((contract) => upperText(contract.status) === 'OVERDUE'),
    externalAccess: activeEntitlements.some(isExternal),
    singlePurchase:
      records.contracts.some(isSinglePurchase) ||
      records.entitlements.some((entitlement) => upperText(entitlement.type) === 'ARTICLE' && !isExternal(entitlement)),
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
 * active SKU, and so on (tags.ts has the patterns).
 */
export const readerTags = (records: ReaderRecords, now: string): string[] => sesamyTags(readerFacts(records, now));
