// What every row carries besides its payload: the event it came from, and the Sesamy
// tags its facts imply. Fields are only ever added: a delivered field always keeps its
// exact value, and an added field fills a key only where the delivery has none.
import { createHash } from 'node:crypto';
import type { EventSpec } from '../events.ts';
import { asArray, asNumber, asObject, asText, hasOwn, isObject, type JsonObject } from './json.ts';
import type { EventFields } from './payloads.ts';
import { sesamyTags, type TagFacts } from './tags.ts';

/** What perform knows besides the delivery: whose Zap it is and when the delivery arrived. */
export interface DeliveryContext {
  readonly vendorId: string;
  /** ISO 8601; the event time of a delivery that carries none. */
  readonly receivedAt: string;
}

/** ISO 8601 with zone, or null: rows carry dates Zapier can read (check D023). */
export const isoDate = (value: unknown): string | null => {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

/** Objects with their keys sorted; Object.fromEntries keeps a `__proto__` key as plain data. */
const sortedKeys = (_key: string, value: unknown): unknown =>
  isObject(value) ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, value[key]])) : value;

/** JSON with sorted keys, so equal events serialise equally (native JSON.stringify: a 1 MB field costs little). */
const canonical = (value: unknown): string => JSON.stringify(value, sortedKeys) ?? 'null';

/** Stable for the same delivery, so a delivery Sesamy retries has the same id. */
export const eventIdOf = (delivery: JsonObject): string =>
  `evt_${createHash('sha256').update(canonical(delivery)).digest('hex').slice(0, 32)}`;

const ACTIVE_STATUSES = ['ACTIVE', 'VALID'];
const upper = (value: unknown): string => asText(value)?.toUpperCase() ?? '';

/** The tag facts a row shows. Only what the payload states counts; nothing is guessed. */
export const tagFactsOf = (spec: EventSpec, row: JsonObject, occurredAt: string): TagFacts => {
  const customTags = asArray(asObject(row.user)?.tags).filter((tag): tag is string => typeof tag === 'string');
  const sku = asText(row.sku);
  const purchaseOptionId = asText(row.purchaseOptionId) ?? null;
  const productType = asText(row.productType);
  const title = asText(row.title);
  const product = {
    activeSkus: sku ? [{ sku, purchaseOptionId }] : [],
    activeEntitlements: productType && title ? [{ productType, title }] : [],
  };
  switch (spec.shape) {
    case 'subscription': {
      const active = ACTIVE_STATUSES.includes(upper(row.status));
      const activeCount = asNumber(asObject(row.userInsights)?.activeSubscriptions) ?? 0;
      return {
        customTags,
        activeSubscriber: active || activeCount > 0,
        overdueContract: upper(row.status) === 'OVERDUE',
        singlePurchase: productType?.toLowerCase() === 'article',
        ...(active ? product : {}),
      };
    }
    case 'checkout':
      return {
        customTags,
        activeSkus: asArray(row.products).flatMap((item) => {
          const line = asObject(item);
          const lineSku = asText(line?.sku);
          return lineSku ? [{ sku: lineSku, purchaseOptionId: asText(line?.purchaseOptionId) ?? null }] : [];
        }),
      };
    case 'entitlement': {
      const expiresAt = isoDate(row.expiresAt);
      const active = row.hasAccess !== false && (expiresAt === null || expiresAt > occurredAt);
      const external = upper(asObject(row.origin)?.type) === 'EXTERNAL';
      return {
        customTags,
        externalAccess: active && external,
        singlePurchase: productType?.toLowerCase() === 'article' && !external,
        ...(active ? product : {}),
      };
    }
    case 'user':
      return { customTags };
  }
};

/** The event fields of a row; a delivery's own fields of the same name take precedence (rowOf). */
const eventFieldsOf = (spec: EventSpec, delivery: JsonObject, row: JsonObject, context: DeliveryContext): EventFields => {
  const occurredAt = isoDate(delivery.occured_at) ?? context.receivedAt;
  const tags = sesamyTags(tagFactsOf(spec, row, occurredAt));
  return {
    id: eventIdOf(delivery),
    eventType: spec.eventTypes[0],
    occurredAt,
    vendorId: context.vendorId,
    userId: asText(asObject(row.user)?.userId) ?? null,
    contractId: null,
    entitlementId: null,
    checkoutId: null,
    occured_at: null,
    sesamyTags: tags,
    sesamyTagsText: tags.join(','),
  };
};

/**
 * A trigger's row: the payload (the delivery itself when it is rich, its hydration when
 * thin), every delivered field as delivered, then the event fields the delivery lacks.
 */
export const rowOf = (spec: EventSpec, delivery: JsonObject, payload: JsonObject, context: DeliveryContext): JsonObject => {
  const row: JsonObject = { ...payload, ...delivery };
  for (const [key, value] of Object.entries(eventFieldsOf(spec, delivery, row, context))) {
    if (!hasOwn(row, key)) row[key] = value;
  }
  return row;
};

/** The vendor and arrival time the static samples show (Sesamy's own example vendor id). */
export const SAMPLE_CONTEXT: DeliveryContext = { vendorId: 'vendor_123', receivedAt: '2022-11-08T12:49:11.190Z' };

/** A trigger's static sample: exactly the row perform makes of the event's sample delivery. */
export const sampleRowOf = (spec: EventSpec): JsonObject => rowOf(spec, spec.sample, spec.sample, SAMPLE_CONTEXT);
