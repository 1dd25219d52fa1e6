// Find Entitlement: a reader's access to a product, entitlements with access first.
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { optionalUserField } from '../steps/fields.ts';
import { ACTION_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { findEntitlements } from '../steps/reader-records.ts';
import type { EntitlementRow } from '../steps/row-shapes.ts';
import { ENTITLEMENT_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([
  { key: 'email', label: 'Email', type: 'string', required: false, helpText: 'The reader’s email address. Fill in this or the User.' },
  { ...optionalUserField, helpText: 'The Sesamy user; used instead of the Email when both are filled.' },
  {
    key: 'sku',
    label: 'Product',
    required: true,
    dynamic: 'product_list.sku.name',
    helpText: 'The product to check the reader’s access to.',
  },
  {
    key: 'status',
    label: 'Access',
    required: false,
    default: 'active',
    choices: [
      { value: 'active', sample: 'active', label: 'Only With Access Now' },
      { value: 'any', sample: 'any', label: 'Any, Also Expired' },
    ],
    helpText: 'Only entitlements that give access now, or any the reader has had.',
  },
]);

const perform = ((z, bundle) => findEntitlements(z, bundle, bundle.inputData)) satisfies SearchPerform<typeof inputFields, EntitlementRow>;

export default defineSearch({
  key: 'find_entitlement',
  noun: 'Entitlement',
  display: {
    label: 'Find Entitlement',
    description: 'Finds a reader’s access to a product: entitlements that give access first.',
  },
  operation: {
    inputFields,
    perform,
    sample: ENTITLEMENT_SAMPLE,
    outputFields: ACTION_OUTPUT_FIELDS.entitlement,
  },
});
