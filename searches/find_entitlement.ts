// Find Entitlement: a reader's access to a product, entitlements with access first.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineInputFields, defineSearch, type InferInputData, type SearchPerform } from 'zapier-platform-core';
import { quote } from '../api/errors.ts';
import { readerEntitlements } from '../api/pages.ts';
import type { EntitlementRecord } from '../api/records.ts';
import { isActiveEntitlement, isSku, newestFirst } from '../sesamy/facts.ts';
import { optionalUserField } from '../steps/fields.ts';
import { type Choice, choiceOf, choicesOf, inputText } from '../steps/inputs.ts';
import { STEP_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { incompleteList, readerIdOf } from '../steps/readers.ts';
import type { EntitlementRow } from '../steps/row-shapes.ts';
import { entitlementRow } from '../steps/rows.ts';
import { ENTITLEMENT_SAMPLE } from '../steps/samples.ts';

const ACCESS: readonly Choice<'active' | 'any'>[] = [
  {
    value: 'active',
    label: 'Only With Access Now',
    synonyms: ['with access', 'access now', 'has access', 'current', 'valid', 'now'],
  },
  { value: 'any', label: 'Any, Also Expired', synonyms: ['also expired', 'all', 'both', 'every', 'everything'] },
];

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
    choices: choicesOf(ACCESS),
    helpText: 'Only entitlements that give access now, or any the reader has had.',
  },
]);

/** The reader's entitlements that fit the inputs: those with access first, then the newest. Only a whole list can say so. */
const findEntitlements = async (z: ZObject, bundle: Bundle, inputs: InferInputData<typeof inputFields>): Promise<EntitlementRow[]> => {
  const onlyActive = choiceOf(z, bundle, inputs.status, 'Access', ACCESS, 'active') === 'active';
  const userId = await readerIdOf(z, bundle, inputs);
  if (!userId) return [];
  const sku = inputText(inputs.sku);
  const now = new Date().toISOString();
  const wanted = (entitlement: EntitlementRecord) =>
    (sku === undefined || isSku(entitlement.sku, sku)) && (!onlyActive || isActiveEntitlement(entitlement, now));
  const entitlements = await readerEntitlements(z, bundle, 'search', userId);
  if (!entitlements.complete) {
    throw incompleteList(z, bundle, entitlements, {
      subject: `The entitlements of user ${quote(userId)}`,
      noun: 'entitlement',
      outcome: 'so Find Entitlement cannot tell which access the reader has. Look the reader up in the Sesamy dashboard.',
      capCode: 'TooManyRecords',
    });
  }
  return entitlements.records
    .filter(wanted)
    .sort((a, b) => Number(isActiveEntitlement(b, now)) - Number(isActiveEntitlement(a, now)) || newestFirst('createdAt')(a, b))
    .map((entitlement) => entitlementRow(entitlement, userId, now));
};

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
    outputFields: STEP_OUTPUT_FIELDS.entitlement,
  },
});
