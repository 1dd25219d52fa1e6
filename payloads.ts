// The documented payload shapes of Sesamy's Zapier events, one zod schema per shape.
// Each schema is the single source of truth for three things:
//   - the TypeScript type that hydration must produce (z.infer),
//   - the check that the documented sample in samples/ matches it (test/samples.test.ts),
//   - the trigger's outputFields and their labels (output-fields.ts reads `label` from .meta()).
// Objects are loose: a field Sesamy adds later passes through untouched.
import * as z from 'zod';

/** Publisher-facing label plus the Zapier output field type, read by output-fields.ts. */
export interface FieldMeta {
  label: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'datetime';
}

const text = (label: string) => z.string().nullable().meta({ label } satisfies FieldMeta);
const datetime = (label: string) =>
  z.iso.datetime({ offset: true }).nullable().meta({ label, type: 'datetime' } satisfies FieldMeta);
const amount = (label: string) => z.number().nullable().meta({ label, type: 'number' } satisfies FieldMeta);
const count = (label: string) => z.int().nullable().meta({ label, type: 'integer' } satisfies FieldMeta);
/** A nested object; its label prefixes its children's labels ("User" + "Email" = "User Email"), '' adds none. */
const group = <Shape extends z.core.$ZodLooseShape>(label: string, shape: Shape) =>
  z.looseObject(shape).meta({ label } satisfies FieldMeta);

const address = (label: string) =>
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
  signedUpAt: datetime('Signed Up At'),
  deliveryAddress: address('Delivery Address'),
  billingAddress: address('Billing Address'),
  tags: z.array(z.string()).meta({ label: 'Tags' } satisfies FieldMeta),
});

/** "User Subscription Created", "… Created Or Updated" and "… Ended". */
export const SubscriptionSchema = z.looseObject({
  user: UserSchema,
  sku: text('SKU'),
  entitlementId: text('Entitlement ID'),
  purchaseOptionId: text('Purchase Option ID'),
  title: text('Title'),
  description: text('Description'),
  productType: text('Product Type'),
  status: text('Status'),
  userInsights: group('User', {
    canceledSubscriptions: count('Canceled Subscriptions'),
    activeSubscriptions: count('Active Subscriptions'),
    expiredSubscriptions: count('Expired Subscriptions'),
  }),
  expiresAt: datetime('Expires At'),
  canceledAt: datetime('Canceled At'),
  willCancelAt: datetime('Will Cancel At'),
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

export type UserPayload = z.infer<typeof UserSchema>;
export type SubscriptionPayload = z.infer<typeof SubscriptionSchema>;
export type CheckoutPayload = z.infer<typeof CheckoutSchema>;
export type UserEventPayload = z.infer<typeof UserEventSchema>;

/** The payload shapes, by the name the event table uses for them. */
export const SHAPES = {
  subscription: SubscriptionSchema,
  checkout: CheckoutSchema,
  user: UserEventSchema,
} as const;

export type ShapeName = keyof typeof SHAPES;
