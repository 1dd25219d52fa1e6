// Builds the documented payload shapes (payloads.ts) from Sesamy Management API
// records, for thin deliveries (only ids) and for performList's recent records, so
// both look exactly like a rich delivery. The field-by-field mapping and its gaps
// are in docs/hydration.md.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { quote, raise } from '../api/errors.ts';
import { getContract, getProduct, getUser, listUserContracts, listUserEntitlements } from '../api/http.ts';
import type { ContractRecord, EntitlementRecord, ProductRecord, UserRecord } from '../api/records.ts';
import type { ShapeName } from '../events.ts';
import type {
  CheckoutPayload,
  EntitlementPayload,
  Payload,
  SubscriptionPayload,
  UserEventPayload,
  UserPayload,
} from '../payloads/event-shapes.ts';
import { asObject, asText, isoDate, upperText as upper } from '../sesamy/json.ts';
import { isActiveContract, withCurrentContract } from '../sesamy/reader-tags.ts';

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

/** The counts Sesamy's documented payload calls userInsights, from the reader's contracts. */
const userInsights = (contracts: readonly ContractRecord[]): SubscriptionPayload['userInsights'] => ({
  canceledSubscriptions: contracts.filter((contract) => upper(contract.status) === 'CANCELED').length,
  activeSubscriptions: contracts.filter(isActiveContract).length,
  expiredSubscriptions: contracts.filter((contract) => upper(contract.status) === 'EXPIRED').length,
});

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
  const purchaseOption = entitlement.purchaseOption;
  return {
    user: userPayload(user),
    entitlementId: entitlement.id,
    sku: entitlement.sku ?? null,
    purchaseOptionId: asText(purchaseOption) ?? asText(asObject(purchaseOption)?.id) ?? null,
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
  // Entitlements a listing returned answer "the user's entitlements" for their users.
  const entitlementsByUser = new Map<string, EntitlementRecord[]>();
  for (const entitlement of known.entitlements ?? []) {
    if (entitlement.userId)
      entitlementsByUser.set(entitlement.userId, [...(entitlementsByUser.get(entitlement.userId) ?? []), entitlement]);
  }
  return {
    user: memoize(
      (id) => getUser(z, bundle, id),
      (known.users ?? []).map((user) => [userIdOf(user), user]),
    ),
    contract: memoize(
      (id) => getContract(z, bundle, id),
      (known.contracts ?? []).map((contract) => [contract.id, contract]),
    ),
    product: memoize((sku) => getProduct(z, bundle, sku)),
    userContracts: memoize((id) => listUserContracts(z, bundle, id)),
    userEntitlements: memoize((id) => listUserEntitlements(z, bundle, id), entitlementsByUser),
  };
};

/** Sesamy's standard (thin) event: ids only, as its webhook guide documents. */
export interface ThinEvent {
  readonly eventType: string;
  readonly userId?: string;
  readonly contractId?: string;
  readonly entitlementId?: string;
}

const requireId = (z: ZObject, bundle: Bundle, event: ThinEvent, key: 'userId' | 'contractId' | 'entitlementId'): string => {
  const id = event[key];
  if (id === undefined) {
    throw raise.halt(
      z,
      bundle,
      `Sesamy sent a ${event.eventType} event without a ${key}, so its details could not be fetched. This event was skipped.`,
    );
  }
  return id;
};

const entitlementById = async (
  z: ZObject,
  bundle: Bundle,
  lookups: Lookups,
  userId: string,
  entitlementId: string,
): Promise<EntitlementRecord> => {
  const found = (await lookups.userEntitlements(userId)).find((entitlement) => entitlement.id === entitlementId);
  if (!found) {
    throw raise.halt(
      z,
      bundle,
      `Could not find entitlement ${quote(entitlementId)} among the entitlements of user ${quote(userId)}; it may have been deleted. This event was skipped.`,
    );
  }
  return found;
};

/**
 * The documented payload for a thin event, from the fewest reads its shape needs, made
 * in parallel: subscription 4 (contract, user, the user's contracts for userInsights and
 * entitlements for entitlementId and productType), checkout 2, entitlement 2, user 1.
 */
export const hydrate = async (z: ZObject, bundle: Bundle, shape: ShapeName, event: ThinEvent, lookups: Lookups): Promise<Payload> => {
  const userId = requireId(z, bundle, event, 'userId');
  switch (shape) {
    case 'subscription': {
      const [contract, user, contracts, entitlements] = await Promise.all([
        lookups.contract(requireId(z, bundle, event, 'contractId')),
        lookups.user(userId),
        lookups.userContracts(userId),
        lookups.userEntitlements(userId),
      ]);
      return subscriptionPayload(contract, user, contracts, entitlements);
    }
    case 'checkout': {
      const [contract, user] = await Promise.all([lookups.contract(requireId(z, bundle, event, 'contractId')), lookups.user(userId)]);
      return checkoutPayload(contract, user);
    }
    case 'entitlement': {
      const entitlementId = requireId(z, bundle, event, 'entitlementId');
      const [entitlement, user] = await Promise.all([entitlementById(z, bundle, lookups, userId, entitlementId), lookups.user(userId)]);
      return entitlementPayload(entitlement, user);
    }
    case 'user':
      return userEventPayload(await lookups.user(userId));
  }
};
