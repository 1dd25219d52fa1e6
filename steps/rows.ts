// Rows of the searches and actions, from Management API records. Shapes and labels
// are declared in row-shapes.ts; the reader's profile fields are mapped by
// payloads/event-payloads.ts's userPayload, so a Find User row and a trigger row's user agree.
import type { ContractRecord, EntitlementRecord, GrantRecord, UserRecord } from '../api/records.ts';
import { entitlementPayload, userPayload } from '../payloads/event-payloads.ts';
import { isActiveContract, isActiveEntitlement, isSku, userIdOf } from '../sesamy/facts.ts';
import { asText, isoDate } from '../sesamy/json.ts';
import type { ContractRow, EntitlementRow, GrantRow, ReaderRow } from './row-shapes.ts';

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

/** A contract's row, naming the item of `sku` when the search asked for a product, else its first item. */
export const contractRow = (contract: ContractRecord, sku?: string): ContractRow => {
  const item = contract.items.find((candidate) => sku !== undefined && isSku(candidate.sku, sku)) ?? contract.items[0];
  return {
    id: contract.id,
    userId: contract.userId ?? null,
    name: contract.name ?? item?.name ?? null,
    status: contract.status ?? null,
    isActive: isActiveContract(contract),
    contractDuration: asText(contract.contractDuration)?.toUpperCase() ?? null,
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

/**
 * A found entitlement's row at `now` (ISO 8601). "Access Active" follows the one rule Find
 * Entitlement filters and sorts by (isActiveEntitlement): an entitlement past its Expires At
 * has no access, whatever its `hasAccess` still says.
 */
export const entitlementRow = (entitlement: EntitlementRecord, userId: string, now: string): EntitlementRow => {
  // The entitlement trigger's mapping, without the user it nests (a search row is one level).
  const { user: _user, entitlementId: _id, ...fields } = entitlementPayload(entitlement, { userId, tags: [] });
  return { id: entitlement.id, userId: entitlement.userId ?? userId, ...fields, hasAccess: isActiveEntitlement(entitlement, now) };
};
