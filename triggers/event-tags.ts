// A row's Sesamy tag fields: the reader's whole current `sesamy_` set (sesamy/reader-tags.ts)
// joined with what the event itself shows (Sesamy's lists may lag behind the event),
// and the tags this event ended that the reader no longer has.
import type { EventSpec } from '../events.ts';
import { isActiveEntitlement, isActiveStatus, isEnded, isExternal } from '../sesamy/facts.ts';
import { asArray, asNumber, asObject, asText, type JsonObject, upperText } from '../sesamy/json.ts';
import { type ReaderRecords, readerFacts } from '../sesamy/reader-tags.ts';
import { sesamyTags, type TagFacts } from '../sesamy/tags.ts';

/** The product a row is about, as tag facts: its SKU (and purchase option) and its entitlement. */
const productFacts = (row: JsonObject): Pick<TagFacts, 'activeSkus' | 'activeEntitlements'> => {
  const sku = asText(row.sku);
  const productType = asText(row.productType);
  const title = asText(row.title);
  return {
    activeSkus: sku ? [{ sku, purchaseOptionId: asText(row.purchaseOptionId) ?? null }] : [],
    activeEntitlements: productType && title ? [{ productType, title }] : [],
  };
};

/** The tag facts a row shows by itself. Only what the payload states counts; nothing is guessed. */
export const tagFactsOf = (spec: EventSpec, row: JsonObject, occurredAt: string): TagFacts => {
  const customTags = asArray(asObject(row.user)?.tags).filter((tag): tag is string => typeof tag === 'string');
  const productType = asText(row.productType);
  switch (spec.shape) {
    case 'subscription': {
      const active = isActiveStatus(row.status);
      const activeCount = asNumber(asObject(row.userInsights)?.activeSubscriptions) ?? 0;
      return {
        customTags,
        activeSubscriber: active || activeCount > 0,
        overdueContract: upperText(row.status) === 'OVERDUE',
        singlePurchase: productType?.toLowerCase() === 'article',
        ...(active ? productFacts(row) : {}),
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
      const active = isActiveEntitlement(row, occurredAt);
      const external = isExternal(row);
      return {
        customTags,
        externalAccess: active && external,
        singlePurchase: productType?.toLowerCase() === 'article' && !external,
        ...(active ? productFacts(row) : {}),
      };
    }
    case 'user':
      return { customTags };
  }
};

/** The tags the event ended: an ended subscription's or a lost entitlement's, as they were while active. */
export const endedTagsOf = (spec: EventSpec, row: JsonObject, occurredAt: string): string[] => {
  switch (spec.shape) {
    case 'subscription':
      return isEnded(row.status) ? sesamyTags({ activeSubscriber: true, ...productFacts(row) }) : [];
    case 'entitlement':
      return isActiveEntitlement(row, occurredAt) ? [] : sesamyTags({ externalAccess: isExternal(row), ...productFacts(row) });
    case 'checkout':
    case 'user':
      return [];
  }
};

/** Facts from two sources: a fact either states holds, lists from both. */
const joined = (a: TagFacts, b: TagFacts): TagFacts => ({
  activeSubscriber: Boolean(a.activeSubscriber || b.activeSubscriber),
  overdueContract: Boolean(a.overdueContract || b.overdueContract),
  externalAccess: Boolean(a.externalAccess || b.externalAccess),
  giftedSubscription: Boolean(a.giftedSubscription || b.giftedSubscription),
  singlePurchase: Boolean(a.singlePurchase || b.singlePurchase),
  activeEntitlements: [...(a.activeEntitlements ?? []), ...(b.activeEntitlements ?? [])],
  activeSkus: [...(a.activeSkus ?? []), ...(b.activeSkus ?? [])],
  customTags: [...(a.customTags ?? []), ...(b.customTags ?? [])],
});

export interface TagFields {
  sesamyTags: string[];
  sesamyTagsText: string;
  sesamyTagsToRemove: string[];
  sesamyTagsToRemoveText: string;
}

/**
 * A row's tag fields. With the reader's records: their whole current set joined with the
 * event's own tags, and what the event ended that is not in that set. Without them (the
 * reads were refused), or with lists cut at a read's cap: nothing to remove, since a tag
 * is never listed for removal on incomplete knowledge.
 */
export const tagFieldsOf = (spec: EventSpec, row: JsonObject, occurredAt: string, reader: ReaderRecords | undefined): TagFields => {
  const own = tagFactsOf(spec, row, occurredAt);
  const current = sesamyTags(reader ? joined(readerFacts(reader, occurredAt), own) : own);
  const toRemove = reader && reader.complete !== false ? endedTagsOf(spec, row, occurredAt).filter((tag) => !current.includes(tag)) : [];
  return {
    sesamyTags: current,
    sesamyTagsText: current.join(','),
    sesamyTagsToRemove: toRemove,
    sesamyTagsToRemoveText: toRemove.join(','),
  };
};
