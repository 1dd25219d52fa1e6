// Revoke Access: cancels grants with a PUT of status CANCELED; Sesamy's grant is kept,
// not deleted. The grant chosen, or those of one order (Publisher Purchase ID), or those
// of an email and product. Already canceled is success; nothing to revoke halts the run.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type CreatePerform, defineCreate, defineInputFields, type InferInputData } from 'zapier-platform-core';
import { call, updateGrantStatus } from '../api/calls.ts';
import { quote, raise } from '../api/errors.ts';
import type { GrantRecord } from '../api/records.ts';
import { isSku } from '../sesamy/facts.ts';
import { accessListField } from '../steps/fields.ts';
import { activeFirst, grantsOf, isCanceledGrant, isGrantFor, isGrantOfPurchase } from '../steps/grants.ts';
import { emailOf, inputText, requireText, singleValue } from '../steps/inputs.ts';
import { STEP_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import type { GrantRow } from '../steps/row-shapes.ts';
import { grantRow } from '../steps/rows.ts';
import { GRANT_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([
  { ...accessListField, altersDynamicFields: true },
  {
    key: 'grantId',
    label: 'Grant',
    required: false,
    dynamic: 'grant_list.id.name',
    search: 'find_grant.id',
    dependsOn: ['accessListId'],
    helpText:
      'The one grant to revoke. To pick it in a Zap, use Find Access Grant in an earlier step and map its ID here. Or leave it empty and fill in the Publisher Purchase ID, or the Email and the Product.',
  },
  {
    key: 'publisherPurchaseId',
    label: 'Publisher Purchase ID',
    type: 'string',
    required: false,
    helpText:
      'The order or purchase id in your own system that the access was granted for, as for a refund: only that order’s grants are canceled (with the Email or the Product too, only that reader’s or that product’s). Without it and without a Grant, every active grant of the Email and the Product is canceled, other orders’ too.',
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

type Inputs = InferInputData<typeof inputFields>;

/** What Revoke Access takes instead of a Product holding several values. */
const ONE_PRODUCT =
  "Revoke Access takes one product per run: leave the Product empty to revoke every line of the order by its Publisher Purchase ID, or add Looping by Zapier before this step and map each line's own product.";

/**
 * Which grants Revoke Access means: the one chosen by id; else those of the purchase id
 * and of the email and product, every one filled in matching (one order's grants, or one
 * reader's or one line's within it); else those of the email and product, every order's.
 */
const revokeTarget = (z: ZObject, bundle: Bundle, inputs: Inputs) => {
  const grantId = inputText(inputs.grantId);
  if (grantId) return { describe: `grant ${quote(grantId)}`, matches: (grant: GrantRecord) => grant.id === grantId };
  const email = emailOf(z, bundle, inputs.email);
  const sku = singleValue(z, bundle, inputs.sku, 'Product', ONE_PRODUCT);
  const purchaseId = inputText(inputs.publisherPurchaseId);
  if (!purchaseId && !(email && sku)) {
    throw raise.fail(
      z,
      bundle,
      'Choose a Grant, fill in the Publisher Purchase ID, or fill in both the Email and the Product, so the step knows which access to revoke.',
      'InvalidInput',
    );
  }
  const whose = [email && quote(email), sku && `product ${quote(sku)}`].filter(Boolean).join(' and ');
  const order = purchaseId ? `purchase ${quote(purchaseId)}` : '';
  return {
    describe: `grant for ${whose && order ? `${whose} with ${order}` : whose || order}`,
    matches: (grant: GrantRecord) =>
      (!email || isGrantFor(grant, email)) && (!sku || isSku(grant.sku, sku)) && (!purchaseId || isGrantOfPurchase(grant, purchaseId)),
  };
};

/**
 * Cancels the matching grants with a PUT of status CANCELED (never a delete). An already
 * canceled grant is success, returned unchanged; no match at all halts the run.
 */
const revokeAccess = async (z: ZObject, bundle: Bundle, inputs: Inputs): Promise<GrantRow> => {
  const accessListId = requireText(z, bundle, inputs.accessListId, 'Access List');
  const target = revokeTarget(z, bundle, inputs);
  const matching = activeFirst((await grantsOf(z, bundle, accessListId, 'update')).filter(target.matches), new Date().toISOString());
  const first = matching[0];
  if (!first) {
    throw raise.halt(z, bundle, `Access list ${quote(accessListId)} has no ${target.describe}, so there was no access to revoke.`);
  }
  const toCancel = matching.filter((grant) => !isCanceledGrant(grant));
  if (toCancel.length === 0) return grantRow(first);
  // Sequential, in the list's order: an order's lines, or a reader's grants of a product; each is canceled so no access remains.
  const canceled: GrantRecord[] = [];
  for (const grant of toCancel) {
    canceled.push(await call(z, bundle, 'update', updateGrantStatus, { accessListId, grantId: grant.id, status: 'CANCELED' }));
  }
  return grantRow(canceled[0] ?? first);
};

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
    outputFields: STEP_OUTPUT_FIELDS.grant,
  },
});
