// Zod mirrors of the request bodies Sesamy's SDK types (@sesamy/sdk 1.22.0), to check at
// run time what the actions send. Each mirror is kept honest at compile time: its inferred
// type must equal the SDK's type exactly (sdk-schemas.test.ts), so a field Sesamy adds,
// renames or retypes fails `tsc` here before a fuzz run can pass on a stale mirror.
// Beyond the types, the mirrors hold the formats the SDK's comments state ("Format:
// email", "Format: date-time"), and reject unknown keys: Sesamy's API would ignore or
// refuse them, and a publisher's field would be lost.
import type { CreateGrant, GrantAddress, Profile, UpdateGrant } from '@sesamy/sdk';
import * as z from 'zod';

/** `Format: date-time` (RFC 3339): a date, a time and a zone. */
const dateTime = z.iso.datetime({ offset: true });
const email = z.email();

export const GrantAddressSchema = z.strictObject({
  street: z.string().optional(),
  city: z.string().optional(),
  zip: z.string().optional(),
  country: z.string().optional(),
  co: z.string().optional(),
});

const GRANT_STATUS = z.enum(['ACTIVE', 'INACTIVE', 'CANCELED']);

const grantFields = {
  userId: z.string().optional(),
  publisherUserId: z.string().optional(),
  startsAt: dateTime.optional(),
  endsAt: dateTime.optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  phone: z.string().optional(),
  deliveryAddress: GrantAddressSchema.optional(),
  billingAddress: GrantAddressSchema.optional(),
  publisherPurchaseId: z.string().optional(),
  notes: z.string().optional(),
  extraFields: z.record(z.string(), z.string()).optional(),
  excludeFromStats: z.boolean().optional(),
};

/** POST /management/access-lists/{id}/grants */
export const CreateGrantSchema = z.strictObject({
  ...grantFields,
  email,
  sku: z.string(),
  poId: z.string(),
  status: GRANT_STATUS,
  source: z.string(),
});

/** PUT /management/access-lists/{id}/grants/{grantId}: every field optional. */
export const UpdateGrantSchema = z.strictObject({
  ...grantFields,
  email: email.optional(),
  sku: z.string().optional(),
  poId: z.string().optional(),
  status: GRANT_STATUS.optional(),
});

const ProfileAddressSchema = z.strictObject({
  country: z.string().optional(),
  zip: z.string().optional(),
  city: z.string().optional(),
  street: z.string().optional(),
  co: z.string().optional(),
  lastName: z.string().optional(),
  firstName: z.string().optional(),
});

/**
 * The profile fields a write may carry. The SDK types the bodies of POST and PATCH
 * /management/users `any` ("email, name, etc."); the app sends `Profile` field names
 * (docs/sesamy-api.md), so this mirrors the writable part of `Profile`: everything but
 * the ids, dates and identity-provider fields Sesamy sets itself.
 */
export const ProfileWriteSchema = z.strictObject({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: email.optional(),
  locale: z.string().optional(),
  nickname: z.string().optional(),
  picture: z.string().optional(),
  name: z.string().optional(),
  mobilePhone: z.string().optional(),
  workPhone: z.string().optional(),
  homePhone: z.string().optional(),
  tags: z.array(z.string()).optional(),
  user_metadata: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  billingAddress: ProfileAddressSchema.optional(),
  deliveryAddress: ProfileAddressSchema.optional(),
  company: z.string().optional(),
});

/** The fields of `Profile` Sesamy sets itself, which no write sends. */
export type ProfileReadOnly =
  | 'userId'
  | 'createdAt'
  | 'updatedAt'
  | 'emailVerified'
  | 'sub'
  | 'given_name'
  | 'family_name'
  | 'phone_number';

/** POST /management/users: a new reader needs an email. */
export const CreateUserSchema = ProfileWriteSchema.extend({ email });

/** POST /management/users/{id}/change-login-identifier */
export const ChangeLoginIdentifierSchema = z.strictObject({ email });

export type Mirrors = {
  GrantAddress: [z.infer<typeof GrantAddressSchema>, GrantAddress];
  CreateGrant: [z.infer<typeof CreateGrantSchema>, CreateGrant];
  UpdateGrant: [z.infer<typeof UpdateGrantSchema>, UpdateGrant];
  ProfileWrite: [z.infer<typeof ProfileWriteSchema>, Omit<Partial<Profile>, ProfileReadOnly>];
};
