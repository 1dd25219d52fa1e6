// Builds an instant (REST hook) trigger from a row of the event table. Every
// instant trigger works the same way; what differs is declared in events.ts.
import {
  defineInputFields,
  defineTrigger,
  type WebhookTriggerPerform,
  type WebhookTriggerPerformList,
  type WebhookTriggerPerformSubscribe,
  type WebhookTriggerPerformUnsubscribe,
} from 'zapier-platform-core';
import type { EventSpec } from '../events';
import { subscribe, unsubscribe } from '../hooks';
import { vendorField, vendorIdOf } from '../inputs';
import type { JsonObject } from '../json';
import { outputFieldsOf } from '../output-fields';
import { SHAPES } from '../payloads';
import { recentPayloads } from '../recent';
import { rowsFromDelivery } from '../rows';

const inputFields = defineInputFields([vendorField]);
type Inputs = typeof inputFields;

export const instantTrigger = <const Spec extends EventSpec>(spec: Spec) => {
  const performSubscribe = ((z, bundle) =>
    subscribe(z, bundle, {
      eventTypes: spec.eventTypes,
      vendorId: vendorIdOf(z, bundle),
    })) satisfies WebhookTriggerPerformSubscribe<Inputs>;

  const performUnsubscribe = ((z, bundle) => unsubscribe(z, bundle)) satisfies WebhookTriggerPerformUnsubscribe<Inputs>;

  const perform = ((z, bundle) => rowsFromDelivery(z, bundle, spec)) satisfies WebhookTriggerPerform<Inputs, JsonObject>;

  const performList = ((z, bundle) => recentPayloads(z, bundle, spec)) satisfies WebhookTriggerPerformList<Inputs, JsonObject>;

  return defineTrigger({
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'hook',
      inputFields,
      performSubscribe,
      performUnsubscribe,
      perform,
      performList,
      sample: spec.sample,
      outputFields: outputFieldsOf(SHAPES[spec.shape]),
    },
  });
};
