// Find Subscription: a reader's subscriptions (contracts that are not single purchases), active first, then newest.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineInputFields, defineSearch, type InferInputData, type SearchPerform } from 'zapier-platform-core';
import { quote } from '../api/errors.ts';
import { readerContracts } from '../api/pages.ts';
import type { ContractRecord } from '../api/records.ts';
import { isActiveContract, isSinglePurchase, isSku, newestFirst } from '../sesamy/facts.ts';
import { optionalUserField } from '../steps/fields.ts';
import { type Choice, choiceOf, choicesOf, inputText } from '../steps/inputs.ts';
import { STEP_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { incompleteList, readerIdOf } from '../steps/readers.ts';
import type { ContractRow } from '../steps/row-shapes.ts';
import { contractRow } from '../steps/rows.ts';
import { CONTRACT_SAMPLE } from '../steps/samples.ts';

const STATUSES: readonly Choice<'active' | 'ended' | 'any'>[] = [
  { value: 'active', label: 'Active', synonyms: ['valid', 'current', 'ongoing', 'in force', 'running'] },
  {
    value: 'ended',
    label: 'Ended',
    synonyms: ['end', 'canceled', 'cancelled', 'expired', 'deleted', 'inactive', 'not active', 'stopped', 'terminated', 'finished', 'over'],
  },
  { value: 'any', label: 'Any', synonyms: ['all', 'both', 'any status', 'every', 'everything'] },
];

const inputFields = defineInputFields([
  { key: 'email', label: 'Email', type: 'string', required: false, helpText: 'The reader’s email address. Fill in this or the User.' },
  { ...optionalUserField, helpText: 'The Sesamy user; used instead of the Email when both are filled.' },
  {
    key: 'status',
    label: 'Status',
    required: false,
    choices: choicesOf(STATUSES),
    helpText: 'Which subscriptions to find. Ended: canceled, expired or deleted. Empty: any.',
  },
  {
    key: 'sku',
    label: 'Product',
    required: false,
    dynamic: 'product_list.sku.name',
    helpText: 'Only subscriptions to this product. Empty: any product.',
  },
]);

/** The reader's subscriptions that fit the inputs: active first, then the newest. A single purchase (PERPETUAL) is none. */
const findContracts = async (z: ZObject, bundle: Bundle, inputs: InferInputData<typeof inputFields>): Promise<ContractRow[]> => {
  const status = choiceOf(z, bundle, inputs.status, 'Status', STATUSES, 'any');
  const userId = await readerIdOf(z, bundle, inputs);
  if (!userId) return [];
  const sku = inputText(inputs.sku);
  const wanted = (contract: ContractRecord) =>
    !isSinglePurchase(contract) &&
    (sku === undefined || contract.items.some((item) => isSku(item.sku, sku))) &&
    (status === 'active' ? isActiveContract(contract) : status === 'ended' ? !isActiveContract(contract) : true);
  const contracts = await readerContracts(z, bundle, 'search', userId);
  if (!contracts.complete) {
    throw incompleteList(z, bundle, contracts, {
      subject: `The contracts of user ${quote(userId)}`,
      noun: 'contract',
      outcome:
        'so Find Subscription cannot tell which subscriptions they have or which is newest. Look the reader up in the Sesamy dashboard.',
      capCode: 'TooManyRecords',
    });
  }
  return contracts.records
    .filter(wanted)
    .sort((a, b) => Number(isActiveContract(b)) - Number(isActiveContract(a)) || newestFirst('createdAt')(a, b))
    .map((contract) => contractRow(contract, sku));
};

const perform = ((z, bundle) => findContracts(z, bundle, bundle.inputData)) satisfies SearchPerform<typeof inputFields, ContractRow>;

export default defineSearch({
  key: 'find_subscription',
  noun: 'Subscription',
  display: {
    label: 'Find Subscription',
    description: 'Finds a reader’s subscriptions (contracts, not single purchases), active ones first, then the newest.',
  },
  operation: {
    inputFields,
    perform,
    sample: CONTRACT_SAMPLE,
    outputFields: STEP_OUTPUT_FIELDS.contract,
  },
});
