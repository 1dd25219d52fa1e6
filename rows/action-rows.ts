// Rows of the searches and actions, from Management API records. Shapes and labels
// are declared in action-payloads.ts; the reader's profile fields are mapped by
// hydrate.ts's userPayload, so a Find User row and a trigger row's user agree.
import type { ContractRecord, EntitlementRecord, GrantRecord, UserRecord } from '../api/records.ts';
import type { ContractRow, EntitlementRow, GrantRow, ReaderRow } from './action-payloads.ts';
import { isoDate } from './envelope.ts';
import { entitlementPayload, userIdOf, userPayload } from './hydrate.ts';
import { asText } from './json.ts';
import { sesamyTags } from './tags.ts';

const upper = (value: string | null | undefined): string => (value ?? '').toUpperCase();

export const isActiveContract = (contract: ContractRecord): boolean =>
  contract.isActive ?? ['ACTIVE', 'VALID'].includes(upper(contract.status));

/** Access now: Sesamy says so, and it has not expired. */
export const hasAccessNow = (entitlement: EntitlementRecord, now = Date.now()): boolean => {
  const expiresAt = isoDate(entitlement.expiresAt);
  return entitlement.hasAccess !== false && (expiresAt === null || Date.parse(expiresAt) > now);
};

/**
 * A reader's Sesamy tags from their profile tags, contracts and entitlements, through
 * rows/tags.ts. The one place Find User's tags are computed: when the triggers compute a
 * reader's whole current tag set in one module (issue 9), this function calls it instead.
 */
export const readerTags = (
  user: UserRecord,
  contracts: readonly ContractRecord[],
  entitlements: readonly EntitlementRecord[],
): string[] => {
  const activeContracts = contracts.filter(isActiveContract);
  const active = entitlements.filter((entitlement) => hasAccessNow(entitlement));
  const external = (entitlement: EntitlementRecord) => upper(entitlement.origin?.type) === 'EXTERNAL';
  return sesamyTags({
    customTags: user.tags,
    activeSubscriber: activeContracts.length > 0,
    overdueContract: contracts.some((contract) => upper(contract.status) === 'OVERDUE'),
    externalAccess: active.some(external),
    singlePurchase: entitlements.some((entitlement) => entitlement.type?.toLowerCase() === 'article' && !external(entitlement)),
    activeEntitlements: active.flatMap((entitlement) =>
      entitlement.type && entitlement.title ? [{ productType: entitlement.type, title: entitlement.title }] : [],
    ),
    activeSkus: [
      ...activeContracts.flatMap((contract) =>
        contract.items.flatMap((item) => (item.sku ? [{ sku: item.sku, purchaseOptionId: item.purchaseOptionId ?? null }] : [])),
      ),
      ...active.flatMap((entitlement) => (entitlement.sku ? [{ sku: entitlement.sku, purchaseOptionId: null }] : [])),
    ],
  });
};

const companyOf = (company: UserRecord['company']): string | null =>
  typeof company === 'string' ? company : (company?.name ?? company?.companyName ?? null);

export const readerRow = (user: UserRecord, tags: readonly string[]): ReaderRow => ({
  id: userIdOf(user),
  sesamyTags: [...tags],
  sesamyTagsText: tags.join(','),
  ...userPayload(user),
  mobilePhone: user.mobilePhone ?? null,
  locale: asText(user.locale) ?? null,
  company: companyOf(user.company),
  updatedAt: isoDate(user.updatedAt),
  user_metadata: { ...(user.user_metadata ?? {}) },
});

type GrantAddress = GrantRecord['deliveryAddress'];

const grantAddressRow = (address: GrantAddress): GrantRow['deliveryAddress'] => ({
  street: address?.street ?? null,
  co: address?.co ?? null,
  zip: address?.zip ?? null,
  city: address?.city ?? null,
  country: address?.country ?? null,
});

export const grantRow = (grant: GrantRecord): GrantRow => ({
  id: grant.id,
  source: grant.source ?? null,
  status: grant.status ?? null,
  email: grant.email ?? null,
  userId: grant.userId ?? null,
  publisherUserId: grant.publisherUserId ?? null,
  sku: grant.sku ?? null,
  poId: grant.poId ?? null,
  startsAt: isoDate(grant.startsAt),
  endsAt: isoDate(grant.endsAt),
  firstName: grant.firstName ?? null,
  lastName: grant.lastName ?? null,
  phone: grant.phone ?? null,
  publisherPurchaseId: grant.publisherPurchaseId ?? null,
  notes: grant.notes ?? null,
  deliveryAddress: grantAddressRow(grant.deliveryAddress),
  billingAddress: grantAddressRow(grant.billingAddress),
  extraFields: { ...(grant.extraFields ?? {}) },
});

export const contractRow = (contract: ContractRecord): ContractRow => {
  const item = contract.items[0];
  return {
    id: contract.id,
    userId: contract.userId ?? null,
    name: contract.name ?? item?.name ?? null,
    status: contract.status ?? null,
    isActive: isActiveContract(contract),
    sku: item?.sku ?? null,
    purchaseOptionId: item?.purchaseOptionId ?? null,
    purchaseOptionName: item?.purchaseOptionName ?? null,
    price: contract.price ?? null,
    currency: contract.currency ?? null,
    createdAt: isoDate(contract.createdAt),
    updatedAt: isoDate(contract.updatedAt),
    expiresAt: isoDate(contract.expiresAt),
    willCancelAt: isoDate(contract.willCancelAt),
    nextBillAt: isoDate(contract.nextBillAt),
  };
};

export const entitlementRow = (entitlement: EntitlementRecord, userId: string): EntitlementRow => {
  // The entitlement trigger's mapping, without the user it nests (a search row is one level).
  const { user: _user, entitlementId: _id, ...fields } = entitlementPayload(entitlement, { userId, tags: [] });
  return { id: entitlement.id, userId: entitlement.userId ?? userId, ...fields };
};
