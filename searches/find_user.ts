// Find User: the reader whose email matches exactly, ignoring case, with their full
// profile and Sesamy tags. Nothing found is [] (docs/actions.md).
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { emailField } from '../steps/fields.ts';
import { requireEmail } from '../steps/inputs.ts';
import { STEP_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { readerIdByEmail, readerRowOf } from '../steps/readers.ts';
import type { ReaderRow } from '../steps/row-shapes.ts';
import { READER_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([emailField]);

const perform = (async (z, bundle) => {
  const userId = await readerIdByEmail(z, bundle, requireEmail(z, bundle, bundle.inputData.email), 'search');
  const row = userId === undefined ? undefined : await readerRowOf(z, bundle, userId, 'search');
  return row ? [row] : [];
}) satisfies SearchPerform<typeof inputFields, ReaderRow>;

export default defineSearch({
  key: 'find_user',
  noun: 'User',
  display: {
    label: 'Find User',
    description: 'Finds a reader by email, with their profile and Sesamy tags.',
  },
  operation: {
    inputFields,
    perform,
    sample: READER_SAMPLE,
    outputFields: STEP_OUTPUT_FIELDS.reader,
  },
});
