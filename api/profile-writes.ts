// The request bodies of Create User and Update User, and nothing else.
//
// ASSUMED, NOT PUBLISHED: Sesamy's SDK types the bodies of
//   POST  {api}/management/users        ("email, name, etc.")
//   PATCH {api}/management/users/{id}
// as `any`. Until Sesamy documents them, the app sends the field names of the SDK's
// `Profile` (firstName, lastName, mobilePhone, locale, company, and addresses as
// {street, co, zip, city, country, firstName, lastName}), and only the fields the
// publisher filled. Whether a PATCH merges a nested address or replaces it is not
// published either, so Update User sends an address whole: the parts filled in over
// the address as read.
// When Sesamy confirms its contract, adapt the names here; no other file knows them.
// docs/sesamy-api.md, "Assumed request bodies", says the same.
import type { UserRecord } from './records.ts';

/** An address as a Profile holds it. */
export interface ProfileAddress {
  street?: string;
  co?: string;
  zip?: string;
  city?: string;
  country?: string;
  firstName?: string;
  lastName?: string;
}

/** The parts of a Profile's address, as the SDK names them. */
const ADDRESS_PARTS = ['street', 'co', 'zip', 'city', 'country', 'firstName', 'lastName'] as const;

/** The profile fields a publisher can set, already validated and trimmed (steps/profile.ts). */
export interface ProfileChanges {
  firstName?: string;
  lastName?: string;
  mobilePhone?: string;
  locale?: string;
  company?: string;
  deliveryAddress?: ProfileAddress;
  billingAddress?: ProfileAddress;
}

export type CreateUserBody = { email: string } & ProfileChanges;
export type UpdateUserBody = ProfileChanges;

/** Only the fields that hold a value: an empty one is "leave as it is", never "erase". */
const filled = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined && (typeof field !== 'object' || Object.keys(field).length > 0)),
  ) as Partial<T>;

export const createUserBody = (email: string, changes: ProfileChanges): CreateUserBody => ({ email, ...filled(changes) });

/** An address as read, reduced to a Profile's parts that hold text. */
const addressAsRead = (address: UserRecord['deliveryAddress']): ProfileAddress =>
  Object.fromEntries(
    ADDRESS_PARTS.flatMap((part) => {
      const value = address?.[part];
      return typeof value === 'string' && value.trim() !== '' ? [[part, value]] : [];
    }),
  );

/**
 * The PATCH body: the fields filled in; an address filled in is sent whole, its parts over
 * those of `current` (the profile as read), so a PATCH that replaces the nested object
 * erases no part the publisher left empty.
 */
export const updateUserBody = (changes: ProfileChanges, current?: Pick<UserRecord, 'deliveryAddress' | 'billingAddress'>): UpdateUserBody =>
  filled({
    ...changes,
    deliveryAddress: changes.deliveryAddress && { ...addressAsRead(current?.deliveryAddress), ...changes.deliveryAddress },
    billingAddress: changes.billingAddress && { ...addressAsRead(current?.billingAddress), ...changes.billingAddress },
  });
