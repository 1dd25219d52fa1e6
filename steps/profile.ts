// The profile fields Create User and Update User take, read from what the publisher
// filled. The request bodies they become are assumptions kept in api/profile-writes.ts.
import type { ProfileChanges } from '../api/profile-writes.ts';
import { type AddressInputs, addressOf, inputText, withoutEmpty } from './inputs.ts';

/** The inputs of the profile fields (steps/fields.ts profileFields). */
export type ProfileInputs = {
  readonly firstName?: unknown;
  readonly lastName?: unknown;
  readonly mobilePhone?: unknown;
  readonly locale?: unknown;
  readonly company?: unknown;
} & AddressInputs<'deliveryAddress'> &
  AddressInputs<'billingAddress'>;

/** The profile fields the publisher filled; an empty field is left as it is in Sesamy. */
export const profileChangesOf = (inputs: ProfileInputs): ProfileChanges =>
  withoutEmpty({
    firstName: inputText(inputs.firstName),
    lastName: inputText(inputs.lastName),
    mobilePhone: inputText(inputs.mobilePhone),
    locale: inputText(inputs.locale),
    company: inputText(inputs.company),
    deliveryAddress: addressOf(inputs, 'deliveryAddress'),
    billingAddress: addressOf(inputs, 'billingAddress'),
  });
