// The request bodies of Create User and Update User, and nothing else.
//
// ASSUMED, NOT PUBLISHED: Sesamy's SDK types the bodies of
//   POST  {api}/management/users        ("email, name, etc.")
//   PATCH {api}/management/users/{id}
// as `any`. Until Sesamy documents them, the app sends the field names of the SDK's
// `Profile` (firstName, lastName, mobilePhone, locale, company, and addresses as
// {street, co, zip, city, country}), and only the fields the publisher filled.
// When Sesamy confirms its contract, adapt the names here; no other file knows them.
// docs/sesamy-api.md, "Assumed request bodies", says the same.

/** An address as a Profile holds it. */
export interface ProfileAddress {
  street?: string;
  co?: string;
  zip?: string;
  city?: string;
  country?: string;
}

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

export const updateUserBody = (changes: ProfileChanges): UpdateUserBody => filled(changes);
