// Grant Access: the successor of Sesamy's "External Purchase" action. Idempotent:
// a repeat returns the grant the first run made (steps/grants.ts, docs/actions.md).
import { type CreatePerform, defineCreate, defineInputFields } from 'zapier-platform-core';
import { accessListField, addressFields, emailField, optionalUserField, productField, purchaseOptionField } from '../steps/fields.ts';
import { grantAccess } from '../steps/grants.ts';
import { ACTION_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import type { GrantRow } from '../steps/row-shapes.ts';
import { GRANT_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([
  accessListField,
  emailField,
  productField,
  purchaseOptionField,
  { key: 'startsAt', label: 'Starts At', type: 'datetime', required: false, helpText: 'When access begins. Empty: now.' },
  { key: 'endsAt', label: 'Ends At', type: 'datetime', required: false, helpText: 'When access ends. Empty: until it is revoked.' },
  { key: 'firstName', label: 'First Name', type: 'string', required: false, helpText: 'The reader’s first name.' },
  { key: 'lastName', label: 'Last Name', type: 'string', required: false, helpText: 'The reader’s last name.' },
  { key: 'phone', label: 'Phone', type: 'string', required: false, helpText: 'In international format, such as +46701234567.' },
  optionalUserField,
  { key: 'publisherUserId', label: 'Publisher User ID', type: 'string', required: false, helpText: 'The reader’s id in your own system.' },
  {
    key: 'publisherPurchaseId',
    label: 'Publisher Purchase ID',
    type: 'string',
    required: false,
    helpText:
      'The order or purchase id in your own system. Sesamy stores it, and a repeat of this step with the same id returns the existing grant instead of adding one.',
  },
  { key: 'notes', label: 'Notes', type: 'text', required: false, helpText: 'A note stored with the grant.' },
  {
    key: 'extraFields',
    label: 'Extra Fields',
    dict: true,
    required: false,
    helpText: 'Any other values to store with the grant, as name and value.',
  },
  ...addressFields('deliveryAddress', 'Delivery Address'),
  ...addressFields('billingAddress', 'Billing Address'),
]);

const perform = ((z, bundle) => grantAccess(z, bundle, bundle.inputData)) satisfies CreatePerform<typeof inputFields, GrantRow>;

export default defineCreate({
  key: 'grant_access',
  noun: 'Access Grant',
  display: {
    label: 'Grant Access',
    description: 'Gives a reader access to a product through an access list, like a purchase made outside Sesamy.',
  },
  operation: {
    inputFields,
    perform,
    // Two runs for the same reader and list one after the other, so the second finds the first's grant.
    lock: { key: 'grant_access:{{bundle.inputData.accessListId}}:{{bundle.inputData.email}}', scope: ['auth'], timeout: 60 },
    sample: GRANT_SAMPLE,
    outputFields: ACTION_OUTPUT_FIELDS.grant,
  },
});
