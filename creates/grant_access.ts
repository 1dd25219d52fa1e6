// Grant Access: the successor of Sesamy's "External Purchase" action. Idempotent:
// a repeat returns the grant the first run made (steps/grants.ts, docs/actions.md).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type CreatePerform, defineCreate, defineInputFields, type InferInputData } from 'zapier-platform-core';
import { call, createGrant, type NewGrant } from '../api/calls.ts';
import { raise } from '../api/errors.ts';
import type { GrantRecord } from '../api/records.ts';
import { accessListField, addressFields, emailField, optionalUserField, productField, purchaseOptionField } from '../steps/fields.ts';
import { grantsOf, isActiveGrant, isGrantFor } from '../steps/grants.ts';
import { addressOf, dictOf, inputText, isoDateOf, requireEmail, requireText, withoutEmpty } from '../steps/inputs.ts';
import { STEP_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import type { GrantRow } from '../steps/row-shapes.ts';
import { grantRow } from '../steps/rows.ts';
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

type Inputs = InferInputData<typeof inputFields>;

/** Grant Access's inputs as Sesamy's `CreateGrant`, every value checked before a request is sent. */
const newGrantOf = (z: ZObject, bundle: Bundle, inputs: Inputs): { accessListId: string; grant: NewGrant } => {
  const accessListId = requireText(z, bundle, inputs.accessListId, 'Access List');
  const startsAt = isoDateOf(z, bundle, inputs.startsAt, 'Starts At');
  const endsAt = isoDateOf(z, bundle, inputs.endsAt, 'Ends At');
  if (startsAt && endsAt && endsAt <= startsAt) {
    throw raise.fail(
      z,
      bundle,
      `Ends At (${endsAt}) is not after Starts At (${startsAt}). Swap them or leave Ends At empty.`,
      'InvalidInput',
    );
  }
  const grant: NewGrant = {
    email: requireEmail(z, bundle, inputs.email),
    sku: requireText(z, bundle, inputs.sku, 'Product'),
    poId: requireText(z, bundle, inputs.poId, 'Purchase Option'),
    status: 'ACTIVE',
    source: accessListId,
    ...withoutEmpty({
      startsAt,
      endsAt,
      firstName: inputText(inputs.firstName),
      lastName: inputText(inputs.lastName),
      phone: inputText(inputs.phone),
      userId: inputText(inputs.userId),
      publisherUserId: inputText(inputs.publisherUserId),
      publisherPurchaseId: inputText(inputs.publisherPurchaseId),
      notes: inputText(inputs.notes),
      extraFields: dictOf(z, bundle, inputs.extraFields, 'Extra Fields'),
      deliveryAddress: addressOf(inputs, 'deliveryAddress'),
      billingAddress: addressOf(inputs, 'billingAddress'),
    }),
  };
  return { accessListId, grant };
};

/**
 * The active grant a repeat of this Grant Access already made: the one with the same
 * publisher purchase id or, without one, the same email, product and purchase option.
 */
const existingGrantFor = (grants: readonly GrantRecord[], grant: NewGrant): GrantRecord | undefined => {
  const purchaseId = inputText(grant.publisherPurchaseId);
  return grants
    .filter(isActiveGrant)
    .find((candidate) =>
      purchaseId
        ? candidate.publisherPurchaseId === purchaseId
        : isGrantFor(candidate, grant.email) && candidate.sku === grant.sku && candidate.poId === grant.poId,
    );
};

/** Gives a reader access, or returns the grant an earlier run of the same step made. */
const grantAccess = async (z: ZObject, bundle: Bundle, inputs: Inputs): Promise<GrantRow> => {
  const { accessListId, grant } = newGrantOf(z, bundle, inputs);
  const existing = existingGrantFor(await grantsOf(z, bundle, accessListId, 'create'), grant);
  return grantRow(existing ?? (await call(z, bundle, 'create', createGrant, { accessListId, grant })));
};

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
    outputFields: STEP_OUTPUT_FIELDS.grant,
  },
});
