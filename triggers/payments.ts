// New Payment and New Refund (money-triggers.ts): polling triggers on Sesamy's transactions,
// not on its events (no event says that money moved), so they have no vendor and no hook.
// Input keys are public contract: never rename one. The logic of a check is in payment-poll.ts.
import {
  type Bundle,
  defineInputFields,
  defineTrigger,
  type PollingTriggerPerform,
  type Trigger,
  type ZObject,
} from 'zapier-platform-core';
import { MONEY_TRIGGERS, type MoneyTriggerKey, type MoneyTriggerSpec, POLLING_NOTE } from '../money-triggers.ts';
import { PAYMENT_OUTPUT_FIELDS } from '../payments/output-fields.ts';
import { PAYMENT_SAMPLE, REFUND_SAMPLE } from '../payments/samples.ts';
import { amountFilterOf, invalidFilter, listedValues } from './filters.ts';
import { type PaymentFilters, pollPayments } from './payment-poll.ts';

/** Each trigger's static sample. */
const SAMPLES = { payment_received: PAYMENT_SAMPLE, refund_issued: REFUND_SAMPLE } satisfies Record<MoneyTriggerKey, unknown>;

const inputFieldsOf = (noun: string) => {
  const nouns = `${noun.toLowerCase()}s`;
  // Sesamy may send a refund's amount negative (undocumented): amounts are compared by size.
  const amountNote = '(like 99.50 or 99,50, compared by size), in their own currency,';
  return defineInputFields([
    {
      key: 'skus',
      label: 'Products',
      type: 'string',
      list: true,
      required: false,
      dynamic: 'product_list.sku.name',
      helpText: `Optional. Only ${nouns} of an order with one of these products (by SKU, from the order's bill) start the Zap. Pick them, or type SKUs separated by commas. Leave empty for every product.`,
    },
    {
      key: 'minAmount',
      label: 'Minimum Amount',
      type: 'number',
      required: false,
      helpText: `Optional. Only ${nouns} of at least this amount ${amountNote} start the Zap. A ${noun.toLowerCase()} without an amount never matches.`,
    },
    {
      key: 'maxAmount',
      label: 'Maximum Amount',
      type: 'number',
      required: false,
      helpText: `Optional. Only ${nouns} of at most this amount ${amountNote} start the Zap. A ${noun.toLowerCase()} without an amount never matches.`,
    },
  ]);
};

/** The filters as set, read as people type them; a minimum above the maximum could match nothing, and says so. */
export const paymentFiltersOf = (z: ZObject, bundle: Bundle): PaymentFilters => {
  const input = bundle.inputData ?? {};
  const skus = listedValues(input.skus);
  const minAmount = amountFilterOf(z, bundle, 'Minimum Amount', input.minAmount);
  const maxAmount = amountFilterOf(z, bundle, 'Maximum Amount', input.maxAmount);
  if (minAmount !== undefined && maxAmount !== undefined && minAmount > maxAmount) {
    throw invalidFilter(z, bundle, `Minimum Amount (${minAmount}) is more than Maximum Amount (${maxAmount}), so nothing could match.`);
  }
  return {
    ...(skus.length > 0 ? { skus } : {}),
    ...(minAmount !== undefined ? { minAmount } : {}),
    ...(maxAmount !== undefined ? { maxAmount } : {}),
  };
};

const moneyTrigger = (spec: MoneyTriggerSpec) => {
  const inputFields = inputFieldsOf(spec.noun);
  const perform = (async (z, bundle) => pollPayments(z, bundle, spec.refunds, paymentFiltersOf(z, bundle))) satisfies PollingTriggerPerform<
    typeof inputFields,
    { id: string }
  >;
  return defineTrigger({
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: `${spec.description} ${POLLING_NOTE}` },
    operation: {
      type: 'polling',
      inputFields,
      perform,
      sample: SAMPLES[spec.key],
      outputFields: PAYMENT_OUTPUT_FIELDS,
    },
  });
};

export const MONEY_TRIGGER_DEFINITIONS = Object.fromEntries(MONEY_TRIGGERS.map((spec) => [spec.key, moneyTrigger(spec)])) as Record<
  MoneyTriggerKey,
  Trigger
>;
