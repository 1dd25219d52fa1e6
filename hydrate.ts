// Builds the documented payload shapes (payloads.ts) from Sesamy Management API
// records. performList uses it to show recent records exactly as a delivery would
// look. The field-by-field mapping and its gaps are in docs/hydration.md.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { getContract, getUser, listUserContracts, listUserEntitlements } from './client';
import { ENDED_STATUSES } from './events';
import { asObject, asText } from './json';
import type { CheckoutPayload, ShapeName, SubscriptionPayload, UserEventPayload, UserPayload } from './payloads';
import { raise } from './policy';
import type { ContractRecord, EntitlementRecord, UserRecord } from './records';

/** ISO 8601 with zone, or null: samples and rows carry dates Zapier can read (check D023). */
export const isoDate = (value: unknown): string | null => {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

const upper = (value: string | null | undefined): string => (value ?? '').toUpperCase();

export const isEnded = (status: unknown): boolean =>
  typeof status === 'string' && (ENDED_STATUSES as readonly string[]).includes(status.toUpperCase());

const isActiveContract = (contract: ContractRecord): boolean =>
  contract.isActive ?? ['ACTIVE', 'VALID'].includes(upper(contract.status));

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

export const userIdOf = (user: UserRecord): string => user.userId ?? user.id ?? '';

export const userPayload = (user: UserRecord): UserPayload => ({
  userId: userIdOf(user),
  firstName: user.firstName ?? null,
  lastName: user.lastName ?? null,
  email: user.email ?? null,
  contactEmail: user.contactEmail ?? user.email ?? null,
  signedUpAt: isoDate(user.createdAt),
  deliveryAddress: addressPayload(user.deliveryAddress),
  billingAddress: addressPayload(user.billingAddress),
  tags: user.tags,
});

/** The counts Sesamy's documented payload calls userInsights, from the reader's contracts. */
const userInsights = (contracts: readonly ContractRecord[]): SubscriptionPayload['userInsights'] => ({
  canceledSubscriptions: contracts.filter((contract) => upper(contract.status) === 'CANCELED').length,
  activeSubscriptions: contracts.filter(isActiveContract).length,
  expiredSubscriptions: contracts.filter((contract) => upper(contract.status) === 'EXPIRED').length,
});

/** The entitlement a contract granted: the one whose origin names the contract, else the one for its SKU. */
const entitlementOf = (
  contract: ContractRecord,
  entitlements: readonly EntitlementRecord[],
): EntitlementRecord | undefined => {
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
  const contracts = userContracts.some((known) => known.id === contract.id)
    ? userContracts.map((known) => (known.id === contract.id ? contract : known))
    : [...userContracts, contract];
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
    // Sesamy's contract has no cancellation time; a canceled contract's last update is when it was canceled.
    canceledAt: isoDate(contract.canceledAt) ?? (upper(contract.status) === 'CANCELED' ? isoDate(contract.updatedAt) : null),
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
  Object.fromEntries(
    Object.entries(asObject(value) ?? {}).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'),
  );

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

/**
 * Reads of single records, each fetched at most once per invocation. Contracts a
 * listing already returned are passed in `known` and never fetched again.
 */
export interface Lookups {
  user(userId: string): Promise<UserRecord>;
  contract(contractId: string): Promise<ContractRecord>;
  userContracts(userId: string): Promise<ContractRecord[]>;
  userEntitlements(userId: string): Promise<EntitlementRecord[]>;
}

const memoize = <T>(fetch: (id: string) => Promise<T>, known: ReadonlyMap<string, T> = new Map()) => {
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

export const createLookups = (
  z: ZObject,
  bundle: Bundle,
  known: { contracts?: readonly ContractRecord[] } = {},
): Lookups => ({
  user: memoize((id) => getUser(z, bundle, id)),
  contract: memoize(
    (id) => getContract(z, bundle, id),
    new Map((known.contracts ?? []).map((contract) => [contract.id, contract])),
  ),
  userContracts: memoize((id) => listUserContracts(z, bundle, id)),
  userEntitlements: memoize((id) => listUserEntitlements(z, bundle, id)),
});

/** The ids of Sesamy's standard event payload that hydration reads. */
export interface EventIds {
  readonly eventType: string;
  readonly userId: string;
  readonly contractId?: string | null;
}

export type Payload = SubscriptionPayload | CheckoutPayload | UserEventPayload;

const requireId = (z: ZObject, bundle: Bundle, event: EventIds, key: 'contractId'): string => {
  const id = event[key];
  if (typeof id !== 'string' || id.trim() === '') {
    throw raise.halt(
      z,
      bundle,
      `Sesamy sent a ${event.eventType} event without a ${key}, so its details could not be fetched. This event was skipped.`,
    );
  }
  return id;
};

/**
 * The documented payload for an event, from the fewest reads its shape needs, made in parallel:
 * subscription 4 (contract, user, the user's contracts and entitlements), checkout 2, user 1.
 */
export const hydrate = async (
  z: ZObject,
  bundle: Bundle,
  shape: ShapeName,
  event: EventIds,
  lookups: Lookups,
): Promise<Payload> => {
  switch (shape) {
    case 'subscription': {
      const [contract, user, contracts, entitlements] = await Promise.all([
        lookups.contract(requireId(z, bundle, event, 'contractId')),
        lookups.user(event.userId),
        lookups.userContracts(event.userId),
        lookups.userEntitlements(event.userId),
      ]);
      return subscriptionPayload(contract, user, contracts, entitlements);
    }
    case 'checkout': {
      const [contract, user] = await Promise.all([
        lookups.contract(requireId(z, bundle, event, 'contractId')),
        lookups.user(event.userId),
      ]);
      return checkoutPayload(contract, user);
    }
    case 'user':
      return userEventPayload(await lookups.user(event.userId));
  }
};
