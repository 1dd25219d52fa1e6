// Create User: a new reader with the profile fields filled in. With Find User it makes
// the Find or Create User step (searches/index.ts).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type CreatePerform, defineCreate, defineInputFields, type InferInputData } from 'zapier-platform-core';
import { call, createUser } from '../api/calls.ts';
import { createUserBody } from '../api/profile-writes.ts';
import { userIdOf } from '../sesamy/facts.ts';
import { emailField, profileFields } from '../steps/fields.ts';
import { requireEmail } from '../steps/inputs.ts';
import { STEP_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { profileChangesOf } from '../steps/profile.ts';
import { readerIdByEmail, requireReaderRow } from '../steps/readers.ts';
import type { ReaderRow } from '../steps/row-shapes.ts';
import { READER_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([emailField, ...profileFields]);

/** Creates a reader; a reader who already signs in with the email is returned unchanged, so a repeat creates no one. */
const createReader = async (z: ZObject, bundle: Bundle, inputs: InferInputData<typeof inputFields>): Promise<ReaderRow> => {
  const email = requireEmail(z, bundle, inputs.email);
  const changes = profileChangesOf(inputs);
  const existing = await readerIdByEmail(z, bundle, email, 'create');
  const userId = existing ?? userIdOf(await call(z, bundle, 'create', createUser, { body: createUserBody(email, changes) }));
  return requireReaderRow(z, bundle, userId, 'create');
};

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
    // Runs one after the other, so a second run for the email finds the reader the first created. The key names
    // no email: Zapier fills it with the email as typed, and "Ada@Example.com " is the same reader (docs/actions.md).
    lock: { key: 'create_user', scope: ['auth'], timeout: 60 },
    sample: READER_SAMPLE,
    outputFields: STEP_OUTPUT_FIELDS.reader,
  },
});
