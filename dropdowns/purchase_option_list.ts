// Hidden trigger behind the Purchase Option dropdown (`dynamic: 'purchase_option_list.id.name'`).
// Sesamy lists purchase options only inside its paywalls (docs/sesamy-api.md), so
// the options of the chosen product are collected from GET /management/paywalls.
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { call, listPaywalls } from '../api/calls.ts';
import { inputText } from '../steps/inputs.ts';

interface Option {
  id: string;
  name: string;
}

// This dropdown reads bundle.inputData on purpose: the Product field (altersDynamicFields) chooses the options.
const perform = (async (z, bundle) => {
  const sku = inputText(bundle.inputData.sku);
  const options = new Map<string, Option>();
  for (const paywall of await call(z, bundle, 'list', listPaywalls, {})) {
    for (const option of paywall.subscriptions) {
      if (!option.poId || (sku !== undefined && option.sku !== sku) || options.has(option.poId)) continue;
      const title = option.title ?? option.poId;
      const label = option.periodText ? `${title}, ${option.periodText}` : title;
      options.set(option.poId, { id: option.poId, name: sku === undefined && option.sku ? `${label} (${option.sku})` : label });
    }
  }
  return [...options.values()];
}) satisfies PollingTriggerPerform<{ sku?: string }, Option>;

export default defineTrigger({
  key: 'purchase_option_list',
  noun: 'Purchase Option',
  display: {
    label: 'Purchase Options',
    description: 'Triggers when the Purchase Option dropdown loads: lists the purchase options of the chosen product, from the paywalls.',
    hidden: true,
  },
  operation: { type: 'polling', perform },
});
