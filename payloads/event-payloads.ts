// How Sesamy's Management API records become the documented payload shapes
// (event-shapes.ts): for thin deliveries and the Test trigger's recent records alike, so
// every row looks like a rich delivery; the searches' rows reuse the user and entitlement
// parts. The field-by-field mapping and its gaps are in docs/hydration.md.
import type { ContractRecord, EntitlementRecord, UserRecord } from '../api/records.ts';
import { isActiveContract, isSinglePurchase, purchaseOptionIdOf, userIdOf, withCurrentContract } from '../sesamy/facts.ts';
import { asObject, asText, isoDate, upperText } from '../sesamy/json.ts';
import type { CheckoutPayload, EntitlementPayload, SubscriptionPayload, UserEventPayload, UserPayload } from './event-shapes.ts';

type ApiAddress = UserRecord['billingAddress'];

// An address Sesamy does not have reads as fields without values, not as a missing
// object, so rows always carry the same keys as the sample (checks D006, T006).
const addressPayload = (address: ApiAddress): NonNullable<UserPayload['deliveryAddress']> => ({
  firstName: address?.firstName ?? null,
  lastName: address?.lastName ?? null,
  addressLineOne: address?.addressLineOne ?? address?.street ?? null,
  addressLineTwo: address?.addressLineTwo ?? address?.co ?? null,
  zip: address?.zip ?? null,
  city: address?.city ?? null,
  country: address?.country ?? null,
});

/** A record with only `name`: its first word is the first name, the rest the last name. */
const namePartsOf = (user: UserRecord): { firstName: string | null; lastName: string | null } => {
  if (user.firstName || user.lastName) return { firstName: user.firstName ?? null, lastName: user.lastName ?? null };
  const [first, ...rest] = (user.name ?? '').trim().split(/\s+/).filter(Boolean);
  return { firstName: first ?? null, lastName: rest.length > 0 ? rest.join(' ') : null };
};

export const userPayload = (user: UserRecord): UserPayload => ({
  userId: userIdOf(user),
  ...namePartsOf(user),
  email: user.email ?? null,
  contactEmail: user.contactEmail ?? user.email ?? null,
  signedUpAt: isoDate(user.createdAt),
  deliveryAddress: addressPayload(user.deliveryAddress),
  billingAddress: addressPayload(user.billingAddress),
  tags: user.tags,
});

/** The counts Sesamy's documented payload calls userInsights, from the reader's contracts: subscriptions only, not single purchases. */
const userInsights = (contracts: readonly ContractRecord[]): SubscriptionPayload['userInsights'] => {
  const subscriptions = contracts.filter((contract) => !isSinglePurchase(contract));
  return {
    canceledSubscriptions: subscriptions.filter((contract) => upperText(contract.status) === 'CANCELED').length,
    activeSubscriptions: subscriptions.filter(isActiveContract).length,
    expiredSubscriptions: subscriptions.filter((contract) => upperText(contract.status) === 'EXPIRED').length,
  };
};

/** The entitlement a contract granted: the one whose origin names the contract, else the one for its SKU. */
const entitlementOf = (contract: ContractRecord, entitlements: readonly EntitlementRecord[]): EntitlementRecord | undefined => {
  const sku = contract.items[0]?.sku;
  return (
    entitlements.find((entitlement) => entitlement.origin?.contractId === contract.id) ??
    (sku ? entitlements.find((entitlement) => entitlement.sku === sku) : undefined)
  );
};

export const subscriptionPayload = (
  contract: ContractRecord,
  user: UserRecord,
  userContracts: readonly ContractRecord[],
  userEntitlements: readonly EntitlementRecord[],
): SubscriptionPayload => {
  const item = contract.items[0];
  const entitlement = entitlementOf(contract, userEntitlements);
  const contracts = withCurrentContract(userContracts, contract);
  return {
    user: userPayload(user),
    sku: item?.sku ?? entitlement?.sku ?? null,
    entitlementId: entitlement?.id ?? null,
    purchaseOptionId: item?.purchaseOptionId ?? null,
    title: item?.name ?? contract.name ?? entitlement?.title ?? null,
    description: item?.purchaseOptionName ?? null,
    productType: entitlement?.type ?? null,
    status: contract.status ?? null,
    userInsights: userInsights(contracts),
    expiresAt: isoDate(contract.expiresAt),
    // Only what Sesamy states: a contract's last update is not necessarily its cancellation.
    canceledAt: isoDate(contract.canceledAt),
    willCancelAt: isoDate(contract.willCancelAt),
  };
};

export const checkoutPayload = (contract: ContractRecord, user: UserRecord): CheckoutPayload => {
  const price = contract.price ?? null;
  const currency = contract.currency ?? null;
  const single = contract.items.length === 1;
  const utm = asObject(contract.utmTags) ?? {};
  return {
    user: userPayload(user),
    contractId: contract.id,
    totals: { total: price, totalTaxes: null, netPrice: null, discount: null, currency },
    products: contract.items.map((item) => ({
      sku: item.sku ?? null,
      quantity: 1,
      purchaseOptionId: item.purchaseOptionId ?? null,
      total: single ? price : null,
      totalTaxes: null,
      netPrice: null,
      discount: null,
      currency,
    })),
    utmTags: {
      utmCampaign: asText(utm.utmCampaign) ?? null,
      utmContent: asText(utm.utmContent) ?? null,
      utmMedium: asText(utm.utmMedium) ?? null,
      utmSource: asText(utm.utmSource) ?? null,
      utmTerm: asText(utm.utmTerm) ?? null,
    },
  };
};

const booleansOf = (value: unknown): Record<string, boolean> =>
  Object.fromEntries(Object.entries(asObject(value) ?? {}).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'));

export const userEventPayload = (user: UserRecord): UserEventPayload => {
  const metadata = user.user_metadata ?? {};
  const company = user.company;
  const business =
    typeof company === 'string'
      ? { companyName: company, vatNr: null }
      : { companyName: company?.companyName ?? company?.name ?? null, vatNr: company?.vatNr ?? company?.vatNumber ?? null };
  return {
    acceptedTCVersion: isoDate(user.acceptedTCVersion ?? metadata.acceptedTCVersion),
    newsletters: booleansOf(user.newsletters ?? metadata.newsletters),
    mobilePhone: user.mobilePhone ?? null,
    user: userPayload(user),
    businessDetails: business,
  };
};

/** The entitlement shape; an origin Sesamy does not state reads as fields without values. */
export const entitlementPayload = (entitlement: EntitlementRecord, user: UserRecord): EntitlementPayload => {
  const origin = entitlement.origin;
  return {
    user: userPayload(user),
    entitlementId: entitlement.id,
    sku: entitlement.sku ?? null,
    purchaseOptionId: purchaseOptionIdOf(entitlement),
    title: entitlement.title ?? null,
    productType: entitlement.type ?? null,
    hasAccess: entitlement.hasAccess ?? null,
    createdAt: isoDate(entitlement.createdAt),
    expiresAt: isoDate(entitlement.expiresAt),
    origin: {
      type: origin?.type ?? null,
      contractId: origin?.contractId ?? null,
      id: origin?.id ?? null,
      listId: origin?.listId ?? null,
      name: origin?.name ?? null,
    },
  };
};
