// Revoke Access: cancels a grant with a PUT of status CANCELED; Sesamy's grant is kept,
// not deleted. Already canceled is success; nothing to revoke halts the run.
import { type CreatePerform, defineCreate, defineInputFields } from 'zapier-platform-core';
import { accessListField } from '../steps/fields.ts';
import { revokeAccess } from '../steps/grants.ts';
import { ACTION_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import type { GrantRow } from '../steps/row-shapes.ts';
import { GRANT_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([
  { ...accessListField, altersDynamicFields: true },
  {
    key: 'grantId',
    label: 'Grant',
    required: false,
    dynamic: 'grant_list.id.name',
    search: 'find_grant.id',
    helpText: 'The grant to revoke. Or leave it empty and fill in the Email and the Product.',
  },
  { key: 'email', label: 'Email', type: 'string', required: false, helpText: 'The reader’s email address, when no Grant is chosen.' },
  {
    key: 'sku',
    label: 'Product',
    required: false,
    dynamic: 'product_list.sku.name',
    helpText: 'The product whose access ends, when no Grant is chosen.',
  },
]);

const perform = ((z, bundle) => revokeAccess(z, bundle, bundle.inputData)) satisfies CreatePerform<typeof inputFields, GrantRow>;

export default defineCreate({
  key: 'revoke_access',
  noun: 'Access Grant',
  display: {
    label: 'Revoke Access',
    description: 'Ends a reader’s access from an access list by canceling the grant.',
  },
  operation: {
    inputFields,
    perform,
    sample: { ...GRANT_SAMPLE, status: 'CANCELED' },
    outputFields: ACTION_OUTPUT_FIELDS.grant,
  },
});
