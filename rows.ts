// Turns what Sesamy posts to a Zap's hook URL into the trigger's rows.
// Every delivered field keeps its exact value; a delivery that is not for this
// trigger (another vendor, another event type, a subscription that has not
// ended) gives no row.
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { EventSpec } from './events';
import { isEnded } from './hydrate';
import { vendorIdOf } from './inputs';
import { hasOwn, isObject, type JsonObject, own } from './json';
import { raise } from './policy';

/** A delivery is one event object, or an array of them. */
const deliveriesIn = (z: ZObject, bundle: Bundle, cleanedRequest: unknown): unknown[] => {
  if (Array.isArray(cleanedRequest)) return cleanedRequest;
  if (isObject(cleanedRequest)) return [cleanedRequest];
  throw raise.halt(
    z,
    bundle,
    'Sesamy sent something that is not an event (expected a JSON object or a list of them), so this Zap did not run.',
  );
};

/** Whether an event belongs to this trigger and to the chosen vendor. Absent fields do not disqualify: rich deliveries carry neither. */
export const concernsTrigger = (spec: EventSpec, vendorId: string, event: JsonObject): boolean => {
  if (hasOwn(event, 'vendorId') && own(event, 'vendorId') !== vendorId) return false;
  if (hasOwn(event, 'eventType')) {
    const eventType = own(event, 'eventType');
    if (typeof eventType !== 'string' || !(spec.eventTypes as readonly string[]).includes(eventType)) return false;
  }
  return true;
};

export const rowsFromDelivery = async (z: ZObject, bundle: Bundle, spec: EventSpec): Promise<JsonObject[]> => {
  const vendorId = vendorIdOf(z, bundle);
  const rows: JsonObject[] = [];
  for (const event of deliveriesIn(z, bundle, bundle.cleanedRequest)) {
    if (!isObject(event) || !concernsTrigger(spec, vendorId, event)) continue;
    if (spec.endedOnly && !isEnded(own(event, 'status'))) continue;
    rows.push({ ...event });
  }
  return rows;
};
