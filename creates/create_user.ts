// Create User: a new reader with the profile fields filled in. With Find User it makes
// the Find or Create User step (searches/index.ts).
import { type CreatePerform, defineCreate, defineInputFields } from 'zapier-platform-core';
import { emailField, profileFields } from '../steps/fields.ts';
import { ACTION_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { createReader } from '../steps/profile.ts';
import type { ReaderRow } from '../steps/row-shapes.ts';
import { READER_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([emailField, ...profileFields]);

const perform = ((z, bundle) => createReader(z, bundle, bundle.inputData)) satisfies CreatePerform<typeof inputFields, ReaderRow>;

export default defineCreate({
  key: 'create_user',
  noun: 'User',
  display: {
    label: 'Create User',
    description: 'Creates a reader in Sesamy, or returns the one who already has the email.',
  },
  operation: {
    inputFields,
    perform,
    // Two runs for one email one after the other, so the second finds the reader the first created.
    lock: { key: 'create_user:{{bundle.inputData.email}}', scope: ['auth'], timeout: 60 },
    sample: READER_SAMPLE,
    outputFields: ACTION_OUTPUT_FIELDS.reader,
  },
});
