// What every row carries besides its payload: the event it came from, and the Sesamy
// tags its facts imply. Fields are only ever added: a delivered field always keeps its
// exact value, and an added field fills a key only where the delivery has none.
import { createHash } from 'node:crypto';
import type { EventSpec } from '../events.ts';
import type { EventFields } from '../payloads/event-shapes.ts';
import { asArray, asObject, asText, hasOwn, isObject, isoDate, type JsonObject } from '../sesamy/json.ts';
import type { ReaderRecords } from '../sesamy/reader-tags.ts';
import { tagFieldsOf } from './event-tags.ts';

/** What perform knows besides the delivery: whose Zap it is and when the delivery arrived. */
export interface DeliveryContext {
  readonly vendorId: string;
  /** ISO 8601; the event time of a delivery that carries none. */
  readonly receivedAt: string;
}

/** Objects with their keys sorted; Object.fromEntries keeps a `__proto__` key as plain data. */
const sortedKeys = (_key: string, value: unknown): unknown =>
  isObject(value)
    ? Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, value[key]]),
      )
    : value;

/** JSON with sorted keys, so equal events serialise equally (native JSON.stringify: a 1 MB field costs little). */
const canonical = (value: unknown): string => JSON.stringify(value, sortedKeys) ?? 'null';

/** Stable for the same delivery, so a delivery Sesamy retries has the same id. */
export const eventIdOf = (delivery: JsonObject): string =>
  `evt_${createHash('sha256').update(canonical(delivery)).digest('hex').slice(0, 32)}`;

/** The id a delivered event's row carries: the delivery's own `id`, else eventIdOf. As text, for remembering it. */
export const rowIdOf = (delivery: JsonObject): string => (hasOwn(delivery, 'id') ? idText(delivery.id) : eventIdOf(delivery));

/** A row id as text: a delivery's own id may be any JSON value. */
export const idText = (id: unknown): string => (typeof id === 'string' ? id : canonical(id));

/** The event fields of a row; a delivery's own fields of the same name take precedence (rowOf). */
const eventFieldsOf = (
  spec: EventSpec,
  delivery: JsonObject,
  row: JsonObject,
  context: DeliveryContext,
  reader: ReaderRecords | undefined,
): EventFields => {
  const occurredAt = isoDate(delivery.occured_at) ?? context.receivedAt;
  return {
    id: eventIdOf(delivery),
    // What the delivery says (kept by rowOf); when it says nothing, only a one-type trigger knows.
    eventType: spec.eventTypes.length === 1 ? spec.eventTypes[0] : null,
    occurredAt,
    vendorId: context.vendorId,
    userId: asText(asObject(row.user)?.userId) ?? null,
    contractId: null,
    entitlementId: null,
    checkoutId: null,
    occured_at: null,
    ...tagFieldsOf(spec, row, occurredAt, reader),
  };
};

/**
 * A trigger's row: the payload (the delivery itself when it is rich, its hydration when
 * thin), every delivered field as delivered, then the event fields the delivery lacks.
 * `reader` holds the reader's records for their tags; undefined when they could not be read.
 */
export const rowOf = (
  spec: EventSpec,
  delivery: JsonObject,
  payload: JsonObject,
  context: DeliveryContext,
  reader: ReaderRecords | undefined,
): JsonObject => {
  const row: JsonObject = { ...payload, ...delivery };
  for (const [key, value] of Object.entries(eventFieldsOf(spec, delivery, row, context, reader))) {
    if (!hasOwn(row, key)) row[key] = value;
  }
  return row;
};

/** The reader's own (profile) tags, as a row's user object carries them. */
export const profileTagsOf = (row: JsonObject): string[] =>
  asArray(asObject(row.user)?.tags).filter((tag): tag is string => typeof tag === 'string');

/** The vendor and arrival time the static samples show (Sesamy's own example vendor id). */
export const SAMPLE_CONTEXT: DeliveryContext = { vendorId: 'vendor_123', receivedAt: '2022-11-08T12:49:11.190Z' };

/**
 * A trigger's static sample: exactly the row perform makes of the event's sample delivery
 * where the reader's lists cannot be read (as in the hook runner offline): the event's own
 * tags, and none to remove.
 */
export const sampleRowOf = (spec: EventSpec): JsonObject => rowOf(spec, spec.sample, spec.sample, SAMPLE_CONTEXT, undefined);
