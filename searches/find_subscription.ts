// Find Subscription: a reader's contracts, active first, then newest.
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { optionalUserField } from '../steps/fields.ts';
import { ACTION_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { findContracts } from '../steps/reader-records.ts';
import type { ContractRow } from '../steps/row-shapes.ts';
import { CONTRACT_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([
  { key: 'email', label: 'Email', type: 'string', required: false, helpText: 'The reader’s email address. Fill in this or the User.' },
  { ...optionalUserField, helpText: 'The Sesamy user; used instead of the Email when both are filled.' },
  {
    key: 'status',
    label: 'Status',
    required: false,
    choices: [
      { value: 'active', sample: 'active', label: 'Active' },
      { value: 'ended', sample: 'ended', label: 'Ended' },
      { value: 'any', sample: 'any', label: 'Any' },
    ],
    helpText: 'Which subscriptions to find. Empty: any.',
  },
  {
    key: 'sku',
    label: 'Product',
    required: false,
    dynamic: 'product_list.sku.name',
    helpText: 'Only subscriptions to this product. Empty: any product.',
  },
]);

const perform = ((z, bundle) => findContracts(z, bundle, bundle.inputData)) satisfies SearchPerform<typeof inputFields, ContractRow>;

export default defineSearch({
  key: 'find_subscription',
  noun: 'Subscription',
  display: {
    label: 'Find Subscription',
    description: 'Finds a reader’s subscriptions (contracts), active ones first, then the newest.',
  },
  operation: {
    inputFields,
    perform,
    sample: CONTRACT_SAMPLE,
    outputFields: ACTION_OUTPUT_FIELDS.contract,
  },
});
