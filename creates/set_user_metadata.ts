// Set User Metadata: one value of a reader's user_metadata, sent as text/plain.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type CreatePerform, defineCreate, defineInputFields, type InferInputData } from 'zapier-platform-core';
import { call, setUserMetadata } from '../api/calls.ts';
import { quote, raise } from '../api/errors.ts';
import { userField } from '../steps/fields.ts';
import { requireText } from '../steps/inputs.ts';
import { STEP_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { requireReaderRow } from '../steps/readers.ts';
import type { ReaderRow } from '../steps/row-shapes.ts';
import { READER_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([
  userField,
  { key: 'key', label: 'Key', type: 'string', required: true, helpText: 'The name of the metadata value, such as crmId.' },
  { key: 'value', label: 'Value', type: 'string', required: true, helpText: 'The value to store, as text.' },
]);

/** Sets one metadata value as text; setting the same value again changes nothing. */
const setReaderMetadata = async (z: ZObject, bundle: Bundle, inputs: InferInputData<typeof inputFields>): Promise<ReaderRow> => {
  const userId = requireText(z, bundle, inputs.userId, 'User');
  const key = requireText(z, bundle, inputs.key, 'Key');
  const value: unknown = inputs.value;
  if (value === undefined || value === null || typeof value === 'object') {
    throw raise.fail(z, bundle, `Value for ${quote(key)} is empty or not text. Fill in a text or a number.`, 'InvalidInput');
  }
  await call(z, bundle, 'update', setUserMetadata, { userId, key, value: String(value) });
  return requireReaderRow(z, bundle, userId, 'update');
};

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
    outputFields: STEP_OUTPUT_FIELDS.reader,
  },
});
