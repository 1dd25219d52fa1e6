// Turns what Sesamy posts to a Zap's hook URL into the trigger's rows. A delivery is
// one event or an array of them; each event is
//   - rich: the documented payload (it carries a `user` object), used as it is, or
//   - thin: Sesamy's standard event (an `eventType` and ids only), hydrated from the
//     Management API into the same documented shape.
// Every delivered field keeps its exact value. An event for another vendor or of a
// type the trigger does not cover gives no row, and neither does one the trigger's
// filters reject. performList (recent.ts) sends its records through the same path.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { quote, raise } from '../api/policy.ts';
import { coversEventType, type EventSpec } from '../events.ts';
import { type DeliveryContext, rowOf } from './envelope.ts';
import { type Filters, filtersOf, passes, vendorIdOf } from './filters.ts';
import { createLookups, hydrate, type Lookups, type ThinEvent } from './hydrate.ts';
import { asText, hasOwn, isObject, type JsonObject } from './json.ts';

/** A delivery is one event object, or an array of them. */
const eventsIn = (z: ZObject, bundle: Bundle, cleanedRequest: unknown): unknown[] => {
  if (Array.isArray(cleanedRequest)) return cleanedRequest;
  if (isObject(cleanedRequest)) return [cleanedRequest];
  throw raise.halt(
    z,
    bundle,
    'Sesamy sent something that is not an event (expected a JSON object or a list of them), so this Zap did not run.',
  );
};

const shown = (value: unknown): string => (typeof value === 'string' ? quote(value) : `a ${value === null ? 'null' : typeof value}`);

/** Why an event is not this trigger's, or undefined when it is. Absent fields do not disqualify: rich deliveries carry neither. */
export const skipReason = (spec: EventSpec, vendorId: string, event: JsonObject): string | undefined => {
  if (hasOwn(event, 'vendorId') && event.vendorId !== vendorId) {
    return `Skipped a Sesamy event for vendor ${shown(event.vendorId)}: this Zap is for vendor ${quote(vendorId)}.`;
  }
  if (hasOwn(event, 'eventType') && !coversEventType(spec, event.eventType)) {
    return `Skipped a Sesamy event of type ${shown(event.eventType)}: ${spec.label} starts only on ${spec.eventTypes.join(' and ')} events.`;
  }
  return undefined;
};

/** A thin event names its type but carries no user object; its ids say what to fetch. */
const thinEventOf = (event: JsonObject): ThinEvent | undefined => {
  const eventType = asText(event.eventType);
  if (!eventType || isObject(event.user)) return undefined;
  const id = (key: string) => asText(event[key])?.trim() || undefined;
  return { eventType, userId: id('userId'), contractId: id('contractId'), entitlementId: id('entitlementId') };
};

/** Whether an item of a delivery is a thin event, which only the Sesamy API can turn into a row (the hook runner asks too). */
export const isThinEvent = (event: unknown): boolean => isObject(event) && thinEventOf(event) !== undefined;

/** The rows of events already known to concern the trigger, hydrated where thin, then filtered. */
export const rowsOf = async (
  z: ZObject,
  bundle: Bundle,
  spec: EventSpec,
  events: readonly JsonObject[],
  { context, filters, lookups }: { context: DeliveryContext; filters: Filters; lookups: Lookups },
): Promise<JsonObject[]> => {
  const rows = await Promise.all(
    events.map(async (event) => {
      const thin = thinEventOf(event);
      const payload = thin ? await hydrate(z, bundle, spec.shape, thin, lookups) : event;
      return rowOf(spec, event, payload, context);
    }),
  );
  const productTypeOf = async (sku: string) => {
    const product = await lookups.product(sku);
    return product.productType ?? product.type ?? null;
  };
  const kept = await Promise.all(rows.map((row) => passes(filters, row, productTypeOf)));
  const skipped = kept.filter((passed) => !passed).length;
  if (skipped > 0) z.console.log(`Skipped ${skipped} Sesamy event${skipped === 1 ? '' : 's'} that did not match this trigger's filters.`);
  return rows.filter((_, index) => kept[index]);
};

export const rowsFromDelivery = async (z: ZObject, bundle: Bundle, spec: EventSpec): Promise<JsonObject[]> => {
  const vendorId = vendorIdOf(z, bundle);
  const filters = filtersOf(z, bundle, spec.filters);
  const reasons: string[] = [];
  const events = eventsIn(z, bundle, bundle.cleanedRequest).filter((event): event is JsonObject => {
    const reason = isObject(event) ? skipReason(spec, vendorId, event) : 'Skipped an item of a Sesamy delivery that was not a Sesamy event (expected a JSON object).';
    if (reason) reasons.push(reason);
    return reason === undefined;
  });
  // One line, however many were skipped: a delivery may be a long array.
  if (reasons.length > 0) z.console.log(reasons.length === 1 ? reasons[0] : `${reasons[0]} (and ${reasons.length - 1} more skipped)`);
  return rowsOf(z, bundle, spec, events, {
    context: { vendorId, receivedAt: new Date().toISOString() },
    filters,
    lookups: createLookups(z, bundle),
  });
};
