// Find Access Grant: grants of an access list by email and/or purchase id, those that give access now first.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineInputFields, defineSearch, type InferInputData, type SearchPerform } from 'zapier-platform-core';
import { raise } from '../api/errors.ts';
import { accessListField } from '../steps/fields.ts';
import { activeFirst, grantsOf, isGrantFor, isGrantOfPurchase } from '../steps/grants.ts';
import { emailOf, inputText, requireText } from '../steps/inputs.ts';
import { STEP_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import type { GrantRow } from '../steps/row-shapes.ts';
import { grantRow } from '../steps/rows.ts';
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

/** The grants of the list with this email and/or purchase id, those that give access now first. */
const findGrants = async (z: ZObject, bundle: Bundle, inputs: InferInputData<typeof inputFields>): Promise<GrantRow[]> => {
  const accessListId = requireText(z, bundle, inputs.accessListId, 'Access List');
  const email = emailOf(z, bundle, inputs.email);
  const purchaseId = inputText(inputs.publisherPurchaseId);
  if (!email && !purchaseId) {
    throw raise.fail(
      z,
      bundle,
      'Fill in the Email, the Publisher Purchase ID, or both, so the search knows which grant to find.',
      'InvalidInput',
    );
  }
  const grants = (await grantsOf(z, bundle, accessListId, 'search')).filter(
    (grant) => (!email || isGrantFor(grant, email)) && (!purchaseId || isGrantOfPurchase(grant, purchaseId)),
  );
  return activeFirst(grants, new Date().toISOString()).map(grantRow);
};

const perform = ((z, bundle) => findGrants(z, bundle, bundle.inputData)) satisfies SearchPerform<typeof inputFields, GrantRow>;

export default defineSearch({
  key: 'find_grant',
  noun: 'Access Grant',
  display: {
    label: 'Find Access Grant',
    description: 'Finds the grants of an access list for a reader or a purchase, those that give access now first.',
  },
  operation: {
    inputFields,
    perform,
    sample: GRANT_SAMPLE,
    outputFields: STEP_OUTPUT_FIELDS.grant,
  },
});
