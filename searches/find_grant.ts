// Find Access Grant: grants of an access list by email and/or purchase id, active first.
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { accessListField } from '../steps/fields.ts';
import { findGrants } from '../steps/grants.ts';
import { ACTION_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import type { GrantRow } from '../steps/row-shapes.ts';
import { GRANT_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([
  accessListField,
  {
    key: 'email',
    label: 'Email',
    type: 'string',
    required: false,
    helpText: 'The reader’s email address, ignoring capitals. Fill in this, the Publisher Purchase ID, or both.',
  },
  {
    key: 'publisherPurchaseId',
    label: 'Publisher Purchase ID',
    type: 'string',
    required: false,
    helpText: 'The order or purchase id in your own system that the grant was given for.',
  },
]);

const perform = ((z, bundle) => findGrants(z, bundle, bundle.inputData)) satisfies SearchPerform<typeof inputFields, GrantRow>;

export default defineSearch({
  key: 'find_grant',
  noun: 'Access Grant',
  display: {
    label: 'Find Access Grant',
    description: 'Finds the grants of an access list for a reader or a purchase, active ones first.',
  },
  operation: {
    inputFields,
    perform,
    sample: GRANT_SAMPLE,
    outputFields: ACTION_OUTPUT_FIELDS.grant,
  },
});
