// The request bodies of Create User and Update User, and nothing else.
//
// ASSUMED, NOT PUBLISHED: Sesamy's SDK types the bodies of
//   POST  {api}/management/users        ("email, name, etc.")
//   PATCH {api}/management/users/{id}
// as `any`. Until Sesamy documents them, the app sends the field names of the SDK's
// `Profile` (firstName, lastName, mobilePhone, locale, company, and addresses as
// {street, co, zip, city, country, firstName, lastName}), and only the fields the
// publisher filled. Whether a PATCH merges a nested address or replaces it is not
// published either, so Update User sends an address whole: every part of the address as
// read, under the names it was read with, and the parts filled in over them.
// When Sesamy confirms its contract, adapt the names here; no other file knows them
// (steps/fields.ts maps the address inputs onto ProfileAddress, so tsc points there too).
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

/** An address as a PATCH sends it: every part as read, by any name, with the parts filled in over them. */
export type AddressAsSent = Readonly<Record<string, string>>;

export type UpdateUserBody = Omit<ProfileChanges, 'deliveryAddress' | 'billingAddress'> & {
  deliveryAddress?: AddressAsSent;
  billingAddress?: AddressAsSent;
};

/** Only the fields that hold a value: an empty one is "leave as it is", never "erase". */
const filled = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined && (typeof field !== 'object' || Object.keys(field).length > 0)),
  ) as Partial<T>;

export const createUserBody = (email: string, changes: ProfileChanges): CreateUserBody => ({ email, ...filled(changes) });

/**
 * The other name a profile as read may give a part (Sesamy's documented user event says
 * addressLineOne and addressLineTwo where the SDK says street and co; the triggers'
 * payloads/event-payloads.ts reads either).
 */
const READ_AS: Partial<Record<keyof ProfileAddress, string>> = { street: 'addressLineOne', co: 'addressLineTwo' };

/**
 * The address to send: every part of `current` (the address as read) that holds text, under
 * the name it was read with, and the parts filled in over them; a part filled in is set under
 * the other name too where the address as read has that name, so the two cannot disagree.
 */
const wholeAddress = (changes: ProfileAddress, current: UserRecord['deliveryAddress']): AddressAsSent => {
  const asRead = Object.entries(current ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
  );
  const changed = Object.entries(changes).filter((entry): entry is [keyof ProfileAddress, string] => entry[1] !== undefined);
  const renamed = changed.flatMap(([part, value]) => {
    const other = READ_AS[part];
    return other !== undefined && asRead.some(([name]) => name === other) ? [[other, value] as const] : [];
  });
  return Object.fromEntries([...asRead, ...changed, ...renamed]);
};

/**
 * The PATCH body: the fields filled in; an address filled in is sent whole (wholeAddress),
 * so a PATCH that replaces the nested object erases no part the publisher left empty.
 */
export const updateUserBody = (changes: ProfileChanges, current?: Pick<UserRecord, 'deliveryAddress' | 'billingAddress'>): UpdateUserBody =>
  filled({
    ...changes,
    deliveryAddress: changes.deliveryAddress && wholeAddress(changes.deliveryAddress, current?.deliveryAddress),
    billingAddress: changes.billingAddress && wholeAddress(changes.billingAddress, current?.billingAddress),
  });
