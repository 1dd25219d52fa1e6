// Builds an instant (REST hook) trigger from a row of the event table. Every instant
// trigger works the same way; what differs is declared in events.ts.
import {
  defineInputFields,
  defineTrigger,
  type WebhookTriggerPerform,
  type WebhookTriggerPerformList,
  type WebhookTriggerPerformSubscribe,
  type WebhookTriggerPerformUnsubscribe,
} from 'zapier-platform-core';
import { subscribe, unsubscribe } from '../api/hooks.ts';
import { descriptionOf, type EVENTS } from '../events.ts';
import type { JsonObject } from '../sesamy/json.ts';
import { rowsFromDelivery } from './delivery.ts';
import { FILTER_FIELDS, filtersOf, vendorField, vendorIdOf } from './filters.ts';
import { OUTPUT_FIELDS } from './output-fields.ts';
import { recentRows } from './recent-rows.ts';
import { SAMPLE_ROWS } from './samples.ts';

export const instantTrigger = <const Spec extends (typeof EVENTS)[number]>(spec: Spec) => {
  const inputFields = defineInputFields([vendorField, ...spec.filters.map((key) => FILTER_FIELDS[key])]);
  type Inputs = typeof inputFields;

  const performSubscribe = ((z, bundle) =>
    subscribe(z, bundle, {
      eventTypes: spec.eventTypes,
      vendorId: vendorIdOf(z, bundle),
      filters: filtersOf(z, bundle, spec.filters),
    })) satisfies WebhookTriggerPerformSubscribe<Inputs>;

  const performUnsubscribe = ((z, bundle) => unsubscribe(z, bundle)) satisfies WebhookTriggerPerformUnsubscribe<Inputs>;

  const perform = ((z, bundle) => rowsFromDelivery(z, bundle, spec)) satisfies WebhookTriggerPerform<Inputs, JsonObject>;

  const performList = ((z, bundle) => recentRows(z, bundle, spec)) satisfies WebhookTriggerPerformList<Inputs, JsonObject>;

  return defineTrigger({
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: descriptionOf(spec) },
    operation: {
      type: 'hook',
      inputFields,
      performSubscribe,
      performUnsubscribe,
      perform,
      performList,
      sample: SAMPLE_ROWS[spec.key],
      outputFields: OUTPUT_FIELDS[spec.shape],
    },
  });
};
