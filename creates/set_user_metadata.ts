// Set User Metadata: one value of a reader's user_metadata, sent as text/plain.
import { type CreatePerform, defineCreate, defineInputFields } from 'zapier-platform-core';
import { userField } from '../steps/fields.ts';
import { ACTION_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { setReaderMetadata } from '../steps/profile.ts';
import type { ReaderRow } from '../steps/row-shapes.ts';
import { READER_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([
  userField,
  { key: 'key', label: 'Key', type: 'string', required: true, helpText: 'The name of the metadata value, such as crmId.' },
  { key: 'value', label: 'Value', type: 'string', required: true, helpText: 'The value to store, as text.' },
]);

const perform = ((z, bundle) => setReaderMetadata(z, bundle, bundle.inputData)) satisfies CreatePerform<typeof inputFields, ReaderRow>;

export default defineCreate({
  key: 'set_user_metadata',
  noun: 'User',
  display: {
    label: 'Set User Metadata',
    description: 'Stores a value in a reader’s Sesamy metadata, under a key you choose.',
  },
  operation: {
    inputFields,
    perform,
    sample: READER_SAMPLE,
    outputFields: ACTION_OUTPUT_FIELDS.reader,
  },
});
