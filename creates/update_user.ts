// Update User: changes only the fields filled in; a new email goes through Sesamy's
// change-login-identifier call.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type CreatePerform, defineCreate, defineInputFields, type InferInputData } from 'zapier-platform-core';
import { call, changeLoginEmail, getUser, updateUser } from '../api/calls.ts';
import { raise } from '../api/errors.ts';
import { updateUserBody } from '../api/profile-writes.ts';
import { hasEmail } from '../sesamy/facts.ts';
import { profileFields, userField } from '../steps/fields.ts';
import { emailOf, requireText } from '../steps/inputs.ts';
import { STEP_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { profileChangesOf } from '../steps/profile.ts';
import { requireReaderRow } from '../steps/readers.ts';
import type { ReaderRow } from '../steps/row-shapes.ts';
import { READER_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([
  userField,
  { key: 'email', label: 'Email', type: 'string', required: false, helpText: 'A new email address to sign in with. Empty: unchanged.' },
  ...profileFields,
]);

/**
 * Changes only the fields filled in; a new email goes through Sesamy's change-login-identifier
 * call. The profile is read first when the email or an address is filled in (one read for
 * both): the email is sent only when it differs, and an address is sent whole.
 */
const updateReader = async (z: ZObject, bundle: Bundle, inputs: InferInputData<typeof inputFields>): Promise<ReaderRow> => {
  const userId = requireText(z, bundle, inputs.userId, 'User');
  const email = emailOf(z, bundle, inputs.email);
  const changes = profileChangesOf(inputs);
  if (email === undefined && Object.keys(updateUserBody(changes)).length === 0) {
    throw raise.fail(z, bundle, 'Fill in at least one field to change; empty fields are left as they are.', 'InvalidInput');
  }
  const needsProfile = email !== undefined || changes.deliveryAddress !== undefined || changes.billingAddress !== undefined;
  const current = needsProfile ? await call(z, bundle, 'update', getUser, { userId }) : undefined;
  if (email !== undefined && current && !hasEmail(current, email)) await call(z, bundle, 'update', changeLoginEmail, { userId, email });
  const body = updateUserBody(changes, current);
  if (Object.keys(body).length > 0) await call(z, bundle, 'update', updateUser, { userId, body });
  return requireReaderRow(z, bundle, userId, 'update');
};

const perform = ((z, bundle) => updateReader(z, bundle, bundle.inputData)) satisfies CreatePerform<typeof inputFields, ReaderRow>;

export default defineCreate({
  key: 'update_user',
  noun: 'User',
  display: {
    label: 'Update User',
    description: 'Updates a reader’s profile in Sesamy; fields left empty stay as they are.',
  },
  operation: {
    inputFields,
    perform,
    sample: READER_SAMPLE,
    outputFields: STEP_OUTPUT_FIELDS.reader,
  },
});
