// The payload shapes of Sesamy's Zapier events, one zod schema per shape, plus the
// event fields this app adds to every row. Each schema is the single source of truth
// for three things:
//   - the TypeScript type that hydration must produce (z.infer),
//   - the check that a sample in samples/ matches it (test/app/definition.test.ts),
//   - the trigger's outputFields and their labels (output-fields/of-schema.ts reads .meta()).
// Objects are loose: a field Sesamy adds later passes through untouched.
import * as z from 'zod';
import type { ShapeName } from '../events.ts';
import { amount, count, datetime, type FieldMeta, flag, group, id, text, texts } from '../output-fields/field-kinds.ts';

export const address = (label: string) =>
  group(label, {
    firstName: text('First Name'),
    lastName: text('Last Name'),
    addressLineOne: text('Line 1'),
    addressLineTwo: text('Line 2'),
    zip: text('Postal Code'),
    city: text('City'),
    country: text('Country Code'),
  }).nullable();

export const UserSchema = group('User', {
  userId: text('ID'),
  firstName: text('First Name'),
  lastName: text('Last Name'),
  email: text('Email'),
  contactEmail: text('Contact Email'),
  signedUpAt: datetime('Sign-Up Time'),
  deliveryAddress: address('Delivery Address'),
  billingAddress: address('Billing Address'),
  tags: texts('Tags'),
});

/** "User Subscription Created", "… Created Or Updated", "… Ended", and a cancellation request. */
export const SubscriptionSchema = z.looseObject({
  user: UserSchema,
  sku: text('SKU'),
  entitlementId: text('Entitlement ID'),
  purchaseOptionId: text('Purchase Option ID'),
  title: text('Title'),
  description: text('Description'),
  productType: text('Product Type'),
  status: text('Status'),
  userInsights: group('', {
    canceledSubscriptions: count("Reader's Canceled Subscriptions (Count)"),
    activeSubscriptions: count("Reader's Active Subscriptions (Count)"),
    expiredSubscriptions: count("Reader's Expired Subscriptions (Count)"),
  }),
  expiresAt: datetime('Expires At'),
  canceledAt: datetime('Canceled At'),
  willCancelAt: datetime('Scheduled Cancellation Time'),
});

/** "Contract Purchased": a confirmed checkout. */
export const CheckoutSchema = z.looseObject({
  user: UserSchema,
  contractId: text('Contract ID'),
  totals: group('Order', {
    total: amount('Total'),
    totalTaxes: amount('Taxes'),
    netPrice: amount('Net Price'),
    discount: amount('Discount'),
    currency: text('Currency'),
  }),
  products: z
    .array(
      z.looseObject({
        sku: text('SKU'),
        quantity: count('Quantity'),
        purchaseOptionId: text('Purchase Option ID'),
        total: amount('Total'),
        totalTaxes: amount('Taxes'),
        netPrice: amount('Net Price'),
        discount: amount('Discount'),
        currency: text('Currency'),
      }),
    )
    .meta({ label: 'Product' } satisfies FieldMeta),
  utmTags: group('UTM', {
    utmCampaign: text('Campaign'),
    utmContent: text('Content'),
    utmMedium: text('Medium'),
    utmSource: text('Source'),
    utmTerm: text('Term'),
  }),
});

/** "User Signed Up" and "User Signed Up Or Updated". */
export const UserEventSchema = z.looseObject({
  acceptedTCVersion: datetime('Accepted Terms Version'),
  newsletters: z.record(z.string(), z.boolean()).meta({ label: 'Newsletters' } satisfies FieldMeta),
  mobilePhone: text('Mobile Phone'),
  user: UserSchema,
  businessDetails: group('', {
    companyName: text('Company Name'),
    vatNr: text('VAT Number'),
  }).nullable(),
});

/**
 * A new or updated entitlement (access to a product) and its user. Field names follow
 * the subscription shape where they mean the same (entitlementId, productType).
 */
export const EntitlementSchema = z.looseObject({
  user: UserSchema,
  entitlementId: text('Entitlement ID'),
  sku: text('SKU'),
  purchaseOptionId: text('Purchase Option ID'),
  title: text('Title'),
  productType: text('Product Type'),
  hasAccess: flag('Access Active'),
  createdAt: datetime('Granted At'),
  expiresAt: datetime('Expires At'),
  origin: group('Origin', {
    type: text('Type'),
    contractId: text('Contract ID'),
    id: text('External ID'),
    listId: text('External List ID'),
    name: text('External Name'),
  }),
});

/**
 * What every row carries besides its payload: the event it came from. Sesamy's
 * standard event fields keep Sesamy's names (`occured_at` included, as sent, or
 * null), so a thin delivery and a rich one give rows with the same keys.
 */
export const EventFieldsSchema = z.looseObject({
  id: id('Event ID'),
  eventType: text('Event Type'),
  occurredAt: z.iso.datetime({ offset: true }).meta({ label: 'Event Time', type: 'datetime' } satisfies FieldMeta),
  vendorId: z.string().meta({ label: 'Vendor ID' } satisfies FieldMeta),
  userId: text('User ID (From the Event)'),
  contractId: text('Contract ID (From the Event)'),
  entitlementId: text('Entitlement ID (From the Event)'),
  checkoutId: text('Checkout ID (From the Event)'),
  occured_at: text('Event Time (Raw Text From Sesamy)'),
  sesamyTags: texts('Sesamy Tags'),
  sesamyTagsText: z.string().meta({ label: 'Sesamy Tags (Comma-Separated)' } satisfies FieldMeta),
  sesamyTagsToRemove: texts('Sesamy Tags to Remove'),
  sesamyTagsToRemoveText: z.string().meta({ label: 'Sesamy Tags to Remove (Comma-Separated)' } satisfies FieldMeta),
});

export type UserPayload = z.infer<typeof UserSchema>;
export type SubscriptionPayload = z.infer<typeof SubscriptionSchema>;
export type CheckoutPayload = z.infer<typeof CheckoutSchema>;
export type UserEventPayload = z.infer<typeof UserEventSchema>;
export type EntitlementPayload = z.infer<typeof EntitlementSchema>;
export type EventFields = z.infer<typeof EventFieldsSchema>;

/** The payload shapes, by the name the event table uses for them. */
export const SHAPES = {
  subscription: SubscriptionSchema,
  checkout: CheckoutSchema,
  user: UserEventSchema,
  entitlement: EntitlementSchema,
} as const satisfies Record<ShapeName, unknown>;
export type Payload = z.infer<(typeof SHAPES)[ShapeName]>;

/**
 * A row as a trigger returns it: the payload, then the event fields. A field both
 * define (entitlementId on subscriptions, contractId on checkouts) keeps the payload's
 * label and meaning.
 */
export const rowSchemaOf = (shape: ShapeName) => {
  const payload = SHAPES[shape];
  const added = Object.fromEntries(Object.entries(EventFieldsSchema.shape).filter(([key]) => !(key in payload.shape)));
  return payload.extend(added);
};
