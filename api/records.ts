// What the app reads from Sesamy's Management API, as lenient zod schemas.
// Shapes follow docs/sesamy-api.md (Sesamy's OpenAPI spec, SDK and WordPress plugin).
// Only the fields a mapping cannot do without are required; every other field
// falls back to undefined when Sesamy sends something unexpected (`.catch`), so a
// new or odd field never breaks a Zap, and unknown fields pass through.
import * as z from 'zod';

/** Sesamy ids are strings; a numeric id is accepted and read as its string form. */
const Id = z.union([z.string().trim().min(1), z.number().transform(String)]);
const text = z.string().nullish().catch(undefined);
const number = z.number().nullish().catch(undefined);
const flag = z.boolean().nullish().catch(undefined);

/** What an envelope said about the list beyond its page, as said: whether more follow, and how many there are in all. */
export interface PageFacts {
  readonly hasMore?: boolean;
  readonly total?: number;
}

/** A list as read, with what its envelope said as `facts` (api/pages.ts decides what they mean). */
export type Listed<T> = T[] & { readonly facts?: PageFacts };

/** What an envelope may say about the pages (developers.sesamy.com: `pagination {total, limit, offset, hasMore}`). */
const EnvelopeFacts = z.looseObject({ hasMore: flag, has_more: flag, total: number });
type EnvelopeFacts = z.infer<typeof EnvelopeFacts>;

/** The facts of the first place that states each (`pagination`, then `meta`, then the envelope itself). */
const factsOf = (...places: (EnvelopeFacts | null | undefined)[]): PageFacts => {
  const hasMore = places.map((place) => place?.hasMore ?? place?.has_more).find((said): said is boolean => typeof said === 'boolean');
  const total = places.map((place) => place?.total).find((said): said is number => typeof said === 'number');
  return { ...(hasMore === undefined ? {} : { hasMore }), ...(total === undefined ? {} : { total }) };
};

/** The records of an envelope, with its facts as `facts` (not enumerable, so a list reads as a list). */
const listed = <T>(records: T[], facts: PageFacts): Listed<T> =>
  Object.keys(facts).length === 0 ? records : Object.defineProperty(records, 'facts', { value: facts, enumerable: false });

/**
 * Sesamy answers lists with a bare array, sometimes inside a `{data: [...]}` envelope, which
 * may say whether more pages follow (at its top, or under `pagination` or `meta`).
 */
export const listOf = <Item extends z.ZodType>(item: Item) =>
  z.union([
    z.array(item),
    EnvelopeFacts.extend({
      data: z.array(item),
      pagination: EnvelopeFacts.nullish().catch(undefined),
      meta: EnvelopeFacts.nullish().catch(undefined),
    }).transform((envelope): Listed<z.output<Item>> => listed(envelope.data, factsOf(envelope.pagination, envelope.meta, envelope))),
  ]);

export const TokenRecord = z.looseObject({
  access_token: z.string().min(1),
  expires_in: number,
});

export const VendorRecord = z.looseObject({ id: Id, name: text, logo: text });

export const ProductRecord = z.looseObject({
  sku: Id,
  name: text,
  title: text,
  productType: text,
  type: text,
});

const ContractItemRecord = z.looseObject({
  sku: text,
  purchaseOptionId: text,
  purchaseOptionName: text,
  name: text,
  purchaseType: text,
});

export const ContractRecord = z.looseObject({
  id: Id,
  vendorId: text,
  userId: text,
  name: text,
  status: text,
  isActive: flag,
  price: number,
  currency: text,
  /** RECURRING for a subscription, PERPETUAL for a single purchase. */
  contractDuration: text,
  items: z.array(ContractItemRecord).catch([]),
  createdAt: text,
  updatedAt: text,
  expiresAt: text,
  willCancelAt: text,
  cancelRequestedAt: text,
  canceledAt: text,
});

const AddressRecord = z.looseObject({
  firstName: text,
  lastName: text,
  street: text,
  co: text,
  addressLineOne: text,
  addressLineTwo: text,
  zip: text,
  city: text,
  country: text,
});

/** A user profile. Sesamy names the id `userId` on profiles and `id` on user lists; either is accepted. */
export const UserRecord = z
  .looseObject({
    id: text,
    userId: text,
    vendorId: text,
    email: text,
    contactEmail: text,
    firstName: text,
    lastName: text,
    name: text,
    mobilePhone: text,
    createdAt: text,
    updatedAt: text,
    tags: z.array(z.string()).catch([]),
    billingAddress: AddressRecord.nullish().catch(undefined),
    deliveryAddress: AddressRecord.nullish().catch(undefined),
    company: z
      .union([z.string(), z.looseObject({ name: text, companyName: text, vatNr: text, vatNumber: text })])
      .nullish()
      .catch(undefined),
    user_metadata: z.record(z.string(), z.unknown()).nullish().catch(undefined),
  })
  .refine((user) => Boolean(user.userId ?? user.id), { message: 'a user needs an id or userId' });

export const EntitlementRecord = z.looseObject({
  id: Id,
  vendorId: text,
  userId: text,
  sku: text,
  purchaseOption: z
    .union([z.string(), z.looseObject({ id: text })])
    .nullish()
    .catch(undefined),
  title: text,
  type: text,
  hasAccess: flag,
  expiresAt: text,
  createdAt: text,
  updatedAt: text,
  origin: z.looseObject({ type: text, id: text, listId: text, name: text, contractId: text }).nullish().catch(undefined),
});

export const AccessListRecord = z.looseObject({ id: Id, name: text, description: text, type: text, status: text });

const GrantAddressRecord = z.looseObject({ street: text, city: text, zip: text, country: text, co: text });

/** A grant in an access list: access given from outside Sesamy (Sesamy's SDK type `Grant`). */
export const GrantRecord = z.looseObject({
  id: Id,
  source: text,
  email: text,
  userId: text,
  publisherUserId: text,
  sku: text,
  poId: text,
  status: text,
  startsAt: text,
  endsAt: text,
  firstName: text,
  lastName: text,
  phone: text,
  deliveryAddress: GrantAddressRecord.nullish().catch(undefined),
  billingAddress: GrantAddressRecord.nullish().catch(undefined),
  publisherPurchaseId: text,
  notes: text,
  extraFields: z.record(z.string(), z.unknown()).nullish().catch(undefined),
  excludeFromStats: flag,
});

/** A purchase option as a paywall lists it; a paywall's other fields are not read. */
const PaywallOptionRecord = z.looseObject({ id: text, sku: text, poId: text, title: text, periodText: text, price: number });

/** GET /management/paywalls: the one known list of purchase options (docs/sesamy-api.md). */
export const PaywallRecord = z.looseObject({ id: text, subscriptions: z.array(PaywallOptionRecord).catch([]) });

/** Paywalls as a bare array, `{data: [...]}` or `{paywalls: [...]}` (as Sesamy's WordPress plugin accepts). */
export const PaywallList = z.union([
  listOf(PaywallRecord),
  z.looseObject({ paywalls: z.array(PaywallRecord) }).transform((envelope) => envelope.paywalls),
]);

/**
 * A payment or a refund (Sesamy's SDK type `Transaction`). Every field is read leniently,
 * the id too: a poll skips a record it cannot use (no id, no refund flag), with a log
 * line, rather than failing on it. Amounts are in the currency's units (sesamy/transactions.ts).
 */
export const TransactionRecord = z.looseObject({
  id: Id.nullish().catch(undefined),
  /** Read by sesamy/transactions.ts amountOf, which takes a number or the text of one. */
  amount: z.unknown().optional(),
  currency: text,
  contractId: text,
  isRefund: flag,
  /** Not in the SDK's Transaction type, but its list filters by them (TransactionListQuery): Sesamy's words, as sent. */
  status: text,
  type: text,
  userId: text,
  billId: text,
  createdAt: text,
  updatedAt: text,
});

/** A page of transactions: a record that is not even an object reads as null, so one odd record never fails the page. */
export const TransactionList = listOf(TransactionRecord.nullable().catch(null));

const BillItemRecord = z.looseObject({ sku: text, title: text, purchaseOptionId: text });

/** The order a transaction was paid in (Sesamy's SDK type `Bill`): its items, total, receipt and provider. */
export const BillRecord = z.looseObject({
  id: Id,
  items: z.array(BillItemRecord.nullable().catch(null)).catch([]),
  /** Read by sesamy/transactions.ts amountOf, as a transaction's amount is. */
  price: z.unknown().optional(),
  currency: text,
  receiptUrl: text,
  paymentProvider: text,
  paymentMethod: text,
  status: text,
  createdAt: text,
  updatedAt: text,
});

/** Sesamy's answer to a hook subscription: only its id is required, and only its id is kept. */
export const WebhookRecord = z.looseObject({ id: Id });

export type ContractRecord = z.infer<typeof ContractRecord>;
export type UserRecord = z.infer<typeof UserRecord>;
export type EntitlementRecord = z.infer<typeof EntitlementRecord>;
export type VendorRecord = z.infer<typeof VendorRecord>;
export type ProductRecord = z.infer<typeof ProductRecord>;
export type WebhookRecord = z.infer<typeof WebhookRecord>;
export type AccessListRecord = z.infer<typeof AccessListRecord>;
export type GrantRecord = z.infer<typeof GrantRecord>;
export type PaywallRecord = z.infer<typeof PaywallRecord>;
export type TransactionRecord = z.infer<typeof TransactionRecord>;
export type BillRecord = z.infer<typeof BillRecord>;
