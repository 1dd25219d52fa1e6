// Hidden trigger behind the Purchase Option dropdown (`dynamic: 'purchase_option_list.id.name'`).
// Sesamy lists purchase options only inside its paywalls (docs/sesamy-api.md), so
// the options of the chosen product are collected from GET /management/paywalls.
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { call, listPaywalls } from '../api/calls.ts';
import { isSku } from '../sesamy/facts.ts';
import { productInput } from '../steps/fields.ts';
import { formValueOf } from '../steps/inputs.ts';
import { productOptionId } from '../steps/purchase-options.ts';

interface Option {
  id: string;
  name: string;
}

// This dropdown reads bundle.inputData on purpose: the Product chooses the options. With none
// (or one mapped from an earlier step, unknown until the Zap runs), every product's options are
// listed, each id naming its product (steps/purchase-options.ts), as products may share a poId.
const perform = (async (z, bundle) => {
  const sku = formValueOf(bundle.inputData.sku);
  const options = new Map<string, Option>();
  for (const paywall of await call(z, bundle, 'list', listPaywalls, {})) {
    for (const option of paywall.subscriptions) {
      if (!option.poId || (sku !== undefined && !isSku(option.sku, sku))) continue;
      const id = sku === undefined && option.sku ? productOptionId(option.sku, option.poId) : option.poId;
      if (options.has(id)) continue;
      const title = option.title ?? option.poId;
      const label = option.periodText ? `${title}, ${option.periodText}` : title;
      options.set(id, { id, name: sku === undefined && option.sku ? `${label} (${option.sku})` : label });
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
  // The field it depends on, declared (Zapier's rule for a dependent dropdown): the editor enables
  // the Purchase Option once a Product is set, and clears it when the Product changes.
  operation: { type: 'polling', inputFields: [productInput], perform },
});
