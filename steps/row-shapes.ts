// The rows of the searches and actions, one zod schema per shape, as payloads/event-shapes.ts
// does for the triggers: the TypeScript type the mapping produces (rows.ts), the check of
// each static sample (test/steps/rows.test.ts) and the outputFields (output-fields.ts).
// Every row has an `id` (Zapier check D010) and carries every key, null when empty.
import * as z from 'zod';
import { amount, datetime, dict, type FieldMeta, flag, group, id, text, texts } from '../output-fields/field-kinds.ts';
import { EntitlementSchema, UserSchema } from '../payloads/event-shapes.ts';

/** Fields a reader's row adds beside the profile: their labels carry no "User" prefix. */
export const ReaderExtrasSchema = z.looseObject({
  id: id('Reader ID'),
  sesamyTags: texts('Sesamy Tags'),
  sesamyTagsText: z.string().meta({ label: 'Sesamy Tags (Comma-Separated)' } satisfies FieldMeta),
});

/** The full profile, with the field names and labels of a trigger row's `user` ("User Email"), and more of the profile. */
export const ReaderProfileSchema = UserSchema.extend({
  mobilePhone: text('Mobile Phone'),
  locale: text('Language'),
  company: text('Company'),
  updatedAt: datetime('Updated At'),
  user_metadata: dict('Metadata'),
}).meta({ label: 'User' } satisfies FieldMeta);

/** Find User, Create User, Update User, Set User Metadata. */
export const ReaderRowSchema = ReaderExtrasSchema.extend(ReaderProfileSchema.shape);

const grantAddress = (label: string) =>
  group(label, { street: text('Street'), co: text('C/O'), zip: text('Postal Code'), city: text('City'), country: text('Country Code') });

/** Grant Access, Revoke Access, Find Access Grant: Sesamy's `Grant`. */
export const GrantRowSchema = z.looseObject({
  id: id('Grant ID'),
  source: text('Access List ID'),
  status: text('Status'),
  email: text('Email'),
  userId: text('Sesamy User ID'),
  publisherUserId: text('Publisher User ID'),
  sku: text('SKU'),
  poId: text('Purchase Option ID'),
  startsAt: datetime('Starts At'),
  endsAt: datetime('Ends At'),
  firstName: text('First Name'),
  lastName: text('Last Name'),
  phone: text('Phone'),
  publisherPurchaseId: text('Publisher Purchase ID'),
  notes: text('Notes'),
  deliveryAddress: grantAddress('Delivery Address'),
  billingAddress: grantAddress('Billing Address'),
  extraFields: dict('Extra Fields'),
});

/** Find Subscription: a reader's contract that is a subscription. */
export const ContractRowSchema = z.looseObject({
  id: id('Contract ID'),
  userId: text('User ID'),
  name: text('Name'),
  status: text('Status'),
  isActive: flag('Subscription Active'),
  /** Sesamy's own word: RECURRING, RENEWABLE (single purchases, PERPETUAL, are not listed). */
  contractDuration: text('Contract Duration'),
  sku: text('SKU'),
  purchaseOptionId: text('Purchase Option ID'),
  purchaseOptionName: text('Purchase Option'),
  price: amount('Price'),
  currency: text('Currency'),
  createdAt: datetime('Created At'),
  updatedAt: datetime('Updated At'),
  expiresAt: datetime('Expires At'),
  willCancelAt: datetime('Scheduled Cancellation Time'),
  nextBillAt: datetime('Next Billing Time'),
});

/** Find Entitlement: a reader's access to a product, with the field names of the entitlement trigger. */
export const EntitlementRowSchema = z.looseObject({
  id: id('Entitlement ID'),
  userId: text('User ID'),
  // The entitlement trigger's own fields and labels, so a found entitlement reads like a triggered one.
  ...EntitlementSchema.pick({
    sku: true,
    purchaseOptionId: true,
    title: true,
    productType: true,
    hasAccess: true,
    createdAt: true,
    expiresAt: true,
    origin: true,
  }).shape,
});

export type ReaderRow = z.infer<typeof ReaderRowSchema>;
export type GrantRow = z.infer<typeof GrantRowSchema>;
export type ContractRow = z.infer<typeof ContractRowSchema>;
export type EntitlementRow = z.infer<typeof EntitlementRowSchema>;
