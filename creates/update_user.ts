// Update User: changes only the fields filled in; a new email goes through Sesamy's
// change-login-identifier call.
import { type CreatePerform, defineCreate, defineInputFields } from 'zapier-platform-core';
import { profileFields, userField } from '../steps/fields.ts';
import { ACTION_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { updateReader } from '../steps/profile.ts';
import type { ReaderRow } from '../steps/row-shapes.ts';
import { READER_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([
  userField,
  { key: 'email', label: 'Email', type: 'string', required: false, helpText: 'A new email address to sign in with. Empty: unchanged.' },
  ...profileFields,
]);

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
    outputFields: ACTION_OUTPUT_FIELDS.reader,
  },
});
