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
import { amountRangeOf, FILTER_FIELDS, listedValues } from './filters.ts';
import type { PaymentFilters } from './payment-poll.ts';

const inputFieldsOf = ({ noun, nouns }: MoneyTriggerSpec) => {
  // Sesamy may send a refund's amount negative (undocumented): amounts are compared by size.
  const amountNote = '(like 99.50 or 99,50, compared by size), in their own currency,';
  return defineInputFields([
    {
      ...FILTER_FIELDS.skus,
      helpText: `Optional. Only ${nouns} for one of these products start the Zap: the product of the subscription or purchase (the contract) each ${noun.toLowerCase()} is for, by SKU, not the other products of its order. Pick them, or type SKUs separated by commas. Leave empty for every product.`,
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

/** The filters as set, read as people type them (triggers/filters.ts). */
export const paymentFiltersOf = (z: ZObject, bundle: Bundle, { noun }: MoneyTriggerSpec): PaymentFilters => {
  const input = bundle.inputData ?? {};
  const skus = listedValues(input.skus);
  const { min, max } = amountRangeOf(
    z,
    bundle,
    { min: { label: 'Minimum Amount', value: input.minAmount }, max: { label: 'Maximum Amount', value: input.maxAmount } },
    noun.toLowerCase(),
  );
  return {
    ...(skus.length > 0 ? { skus } : {}),
    ...(min !== undefined ? { minAmount: min } : {}),
    ...(max !== undefined ? { maxAmount: max } : {}),
  };
};

const moneyTrigger = (spec: MoneyTriggerSpec) => {
  const inputFields = inputFieldsOf(spec);
  const perform = (async (z, bundle) => {
    const filters = paymentFiltersOf(z, bundle, spec);
    // Loaded on the first check, not at every cold start (docs/performance.md, scripts/build.mjs LAZY).
    const { pollPayments } = await import('./payment-poll.ts');
    return pollPayments(z, bundle, spec, filters);
  }) satisfies PollingTriggerPerform<typeof inputFields, { id: string }>;
  return defineTrigger({
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: `${spec.description} ${POLLING_NOTE}` },
    operation: {
      type: 'polling',
      inputFields,
      perform,
      sample: spec.sample,
      outputFields: PAYMENT_OUTPUT_FIELDS,
    },
  });
};

export const MONEY_TRIGGER_DEFINITIONS = Object.fromEntries(MONEY_TRIGGERS.map((spec) => [spec.key, moneyTrigger(spec)])) as Record<
  MoneyTriggerKey,
  Trigger
>;
