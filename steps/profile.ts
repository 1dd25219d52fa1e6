// Create User, Update User and Set User Metadata. The request bodies are assumptions
// kept in api/profile-writes.ts; what each sends and does on a repeat is in docs/actions.md.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { changeLoginEmail, createUser, patchUser, putUserMetadata, readUser } from '../api/calls.ts';
import { quote, raise } from '../api/errors.ts';
import { createUserBody, type ProfileChanges, updateUserBody } from '../api/profile-writes.ts';
import { userIdOf } from '../triggers/hydrate.ts';
import { addressOf, emailOf, requireEmail, requireText, textOf, withoutEmpty } from './inputs.ts';
import { readerIdByEmail, requireReaderRow } from './readers.ts';
import type { ReaderRow } from './row-shapes.ts';

type Inputs = Record<string, unknown>;

/** The profile fields the publisher filled; an empty field is left as it is in Sesamy. */
export const profileChangesOf = (inputs: Inputs): ProfileChanges =>
  withoutEmpty({
    firstName: textOf(inputs.firstName),
    lastName: textOf(inputs.lastName),
    mobilePhone: textOf(inputs.mobilePhone),
    locale: textOf(inputs.locale),
    company: textOf(inputs.company),
    deliveryAddress: addressOf(inputs, 'deliveryAddress'),
    billingAddress: addressOf(inputs, 'billingAddress'),
  });

/** Creates a reader; a reader who already signs in with the email is returned unchanged, so a repeat creates no one. */
export const createReader = async (z: ZObject, bundle: Bundle, inputs: Inputs): Promise<ReaderRow> => {
  const email = requireEmail(z, bundle, inputs.email);
  const changes = profileChangesOf(inputs);
  const existing = await readerIdByEmail(z, bundle, email, 'create');
  const userId = existing ?? userIdOf(await createUser(z, bundle, createUserBody(email, changes)));
  return requireReaderRow(z, bundle, userId, 'create');
};

/** Changes only the fields filled in; a new email goes through Sesamy's change-login-identifier call. */
export const updateReader = async (z: ZObject, bundle: Bundle, inputs: Inputs): Promise<ReaderRow> => {
  const userId = requireText(z, bundle, inputs.userId, 'User');
  const email = emailOf(z, bundle, inputs.email);
  const body = updateUserBody(profileChangesOf(inputs));
  if (email === undefined && Object.keys(body).length === 0) {
    throw raise.fail(z, bundle, 'Fill in at least one field to change; empty fields are left as they are.', 'InvalidInput');
  }
  if (email !== undefined) {
    const current = await readUser(z, bundle, userId, 'update');
    if (current?.email?.trim().toLowerCase() !== email) await changeLoginEmail(z, bundle, userId, email);
  }
  if (Object.keys(body).length > 0) await patchUser(z, bundle, userId, body);
  return requireReaderRow(z, bundle, userId, 'update');
};

/** Sets one metadata value as text; setting the same value again changes nothing. */
export const setReaderMetadata = async (z: ZObject, bundle: Bundle, inputs: Inputs): Promise<ReaderRow> => {
  const userId = requireText(z, bundle, inputs.userId, 'User');
  const key = requireText(z, bundle, inputs.key, 'Key');
  if (inputs.value === undefined || inputs.value === null || typeof inputs.value === 'object') {
    throw raise.fail(z, bundle, `Value for ${quote(key)} is empty or not text. Fill in a text or a number.`, 'InvalidInput');
  }
  await putUserMetadata(z, bundle, userId, key, String(inputs.value));
  return requireReaderRow(z, bundle, userId, 'update');
};
