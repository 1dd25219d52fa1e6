// Turns what Sesamy posts to a Zap's hook URL into the trigger's rows. A delivery is
// one event or an array of them; each event is
//   - rich: the documented payload (it carries a `user` object), used as it is, or
//   - thin: Sesamy's standard event (an `eventType` and ids only), hydrated from the
//     Management API into the same documented shape.
// Every delivered field keeps its exact value. An event for another vendor or of a
// type the trigger does not cover gives no row, and neither does one the trigger's
// filters reject, nor one this Zap has already run for (zap-memory.ts). Each event stands on
// its own: one whose record cannot be read is skipped, the others still give rows.
// performList (recent-rows.ts) sends its records through the same path.
//
// What a delivery may cost is bounded: at most MAX_EVENTS_PER_DELIVERY events, each at most
// MAX_EVENT_DEPTH levels deep, and the lookups of all of them share the invocation's limit
// on requests in flight (api/invocation.ts).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { failureOf, quote, raise } from '../api/errors.ts';
import { PAGING } from '../api/pages.ts';
import type { ContractRecord } from '../api/records.ts';
import { CHECKOUT_LABEL, coversEventType, type EventSpec } from '../events.ts';
import { isEnded, isSinglePurchase, withCurrentContract } from '../sesamy/facts.ts';
import { asObject, asText, depthExceeds, hasOwn, isObject, type JsonObject } from '../sesamy/json.ts';
import type { ReaderRecords } from '../sesamy/reader-tags.ts';
import { type DeliveryContext, idText, profileTagsOf, rowIdOf, rowOf } from './event-fields.ts';
import { type Filters, filtersOf, MAX_PRODUCT_READS, passes, productReadsOf, vendorIdOf } from './filters.ts';
import { hydrate, type ThinEvent } from './hydrate.ts';
import { createLookups, isFresh, type Lookups, readerListsOf } from './lookups.ts';
import { zapMemoryOf } from './zap-memory.ts';

/**
 * Sesamy sends one event per delivery; a list of them is the app's own generosity, up to
 * this many, which fit Zapier's 30 seconds with room to spare (docs/performance.md).
 */
export const MAX_EVENTS_PER_DELIVERY = 100;

/** No Sesamy event nests this deep (the documented payloads are 3 levels); a deeper item is skipped unread. */
export const MAX_EVENT_DEPTH = 32;

/** A delivery is one event object, or an array of at most MAX_EVENTS_PER_DELIVERY of them. */
const eventsIn = (z: ZObject, bundle: Bundle, cleanedRequest: unknown): unknown[] => {
  if (Array.isArray(cleanedRequest) && cleanedRequest.length > MAX_EVENTS_PER_DELIVERY) {
    const count = cleanedRequest.length.toLocaleString('en-US');
    throw raise.halt(
      z,
      bundle,
      `Sesamy sent ${count} events in one delivery, and this Zap takes at most ${MAX_EVENTS_PER_DELIVERY} at a time (Sesamy sends one per delivery), so none of them ran. If they are Sesamy's, ask Sesamy support to send them in smaller deliveries.`,
    );
  }
  if (Array.isArray(cleanedRequest)) return cleanedRequest;
  if (isObject(cleanedRequest)) return [cleanedRequest];
  throw raise.halt(
    z,
    bundle,
    'Sesamy sent something that is not an event (expected a JSON object or a list of them), so this Zap did not run.',
  );
};

const shown = (value: unknown): string => (typeof value === 'string' ? quote(value) : `a ${value === null ? 'null' : typeof value}`);

/**
 * Why an event is not this trigger's, or undefined when it is. A rich delivery carries
 * neither a vendor nor a type, so their absence does not disqualify it; Sesamy's standard
 * (thin) event always names its vendor, so a thin event that names none is not Sesamy's.
 */
export const skipReason = (spec: EventSpec, vendorId: string, event: JsonObject): string | undefined => {
  if (hasOwn(event, 'vendorId') && event.vendorId !== vendorId) {
    return `Skipped a Sesamy event for vendor ${shown(event.vendorId)}: this Zap is for vendor ${quote(vendorId)}.`;
  }
  if (!hasOwn(event, 'vendorId') && thinEventOf(event)) {
    return "Skipped an event without a vendorId: Sesamy's standard events always name their vendor, so this one is not Sesamy's.";
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

/** Logs one line however many there are: a delivery may be a long array. */
const logOnce = (z: ZObject, lines: readonly string[]): void => {
  if (lines.length > 0) z.console.log(lines.length === 1 ? `${lines[0]}` : `${lines[0]} (and ${lines.length - 1} more skipped)`);
};

/** What the Zap's log says after the reason an event's record could not be read. */
const EVENT_SKIPPED = 'This event was skipped.';

/** What became of one event: a row, a row the filters rejected, or a skip with its reason. */
export type Outcome =
  | { readonly kind: 'row'; readonly row: JsonObject }
  | { readonly kind: 'filtered'; readonly row: JsonObject }
  | { readonly kind: 'skipped'; readonly reason: string; readonly error?: unknown };

interface Options {
  readonly context: DeliveryContext;
  readonly filters: Filters;
  readonly lookups: Lookups;
}

/** The most contracts of one reader the app reads ("1,000"). */
// A function, not a constant: formatting a number the first time loads Intl's data (about 20 ms), which a cold start must not pay.
const readerContractsRead = (): string => (PAGING.readerContracts.pageSize * PAGING.readerContracts.maxPages).toLocaleString('en-US');

/**
 * The reader's records for their tags, or undefined (and one log line) when Sesamy refused
 * the reads (403, 404, an odd answer). Anything temporary is thrown, so the run is retried.
 */
const readerOf = async (
  z: ZObject,
  userId: string,
  lists: Promise<PromiseSettledResult<Pick<ReaderRecords, 'contracts' | 'entitlements' | 'complete'>>>,
  profileTags: string[],
  fresh: ContractRecord | undefined,
): Promise<ReaderRecords | undefined> => {
  const result = await lists;
  if (result.status === 'rejected') {
    const failure = failureOf(result.reason);
    if (!failure?.skipsEvent) throw result.reason;
    // The row still comes, so the event is not skipped: its tags show less.
    z.console.log(`The Sesamy tags of user ${quote(userId)} show only this event, with none to remove: ${failure.message}`);
    return undefined;
  }
  const { contracts, entitlements, complete } = result.value;
  if (complete === false) {
    z.console.log(
      `Not all of user ${quote(userId)}'s contracts and entitlements were read (at most ${readerContractsRead()} contracts a reader, fewer when a delivery holds many readers with long lists): the row's Sesamy Tags, and on a subscription's row its User Insights counts, are of those read, and no tag is listed to remove, as one may still hold.`,
    );
  }
  // The event's own contract as read now, in case the reader's list lags behind it.
  return { profileTags, contracts: fresh ? withCurrentContract(contracts, fresh) : contracts, entitlements, complete };
};

const outcomeOf = async (z: ZObject, bundle: Bundle, spec: EventSpec, event: JsonObject, options: Options): Promise<Outcome> => {
  const { context, filters, lookups } = options;
  const thin = thinEventOf(event);
  const userId = thin ? thin.userId : asText(asObject(event.user)?.userId)?.trim() || undefined;
  // Read alongside hydration, once per reader per invocation (memoized lookups, shared with hydration).
  // Without a connection (the hook runner offline; never on Zapier) nothing can be read: event tags only.
  const connected = isObject(bundle.authData) && Object.keys(bundle.authData).length > 0;
  const lists =
    userId && connected
      ? readerListsOf(lookups, userId).then(
          (value) => ({ status: 'fulfilled', value }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        )
      : undefined;
  try {
    const payload = thin ? await hydrate(z, bundle, spec.shape, thin, lookups) : event;
    const hasContract = thin?.contractId !== undefined && (spec.shape === 'subscription' || spec.shape === 'checkout');
    const contract = hasContract && thin?.contractId ? await lookups.contract(thin.contractId) : undefined;
    if (spec.subscriptionsOnly && contract && isSinglePurchase(contract)) {
      return {
        kind: 'skipped',
        reason: `Skipped contract ${quote(contract.id)}: it is a single purchase, and ${spec.label} starts only on subscriptions (${CHECKOUT_LABEL} covers purchases).`,
      };
    }
    const merged = { ...payload, ...event };
    const reader = userId && lists ? await readerOf(z, userId, lists, profileTagsOf(merged), contract) : undefined;
    const row = rowOf(spec, event, payload, context, reader);
    const productReads = productReadsOf(filters, row).length;
    if (productReads > MAX_PRODUCT_READS) {
      return {
        kind: 'skipped',
        reason: `Skipped an event naming ${productReads} products: the Product Types filter reads at most ${MAX_PRODUCT_READS} for one event, and no Sesamy order names that many.`,
      };
    }
    const productTypeOf = async (sku: string) => {
      const product = await lookups.product(sku);
      return product.productType ?? product.type ?? null;
    };
    return (await passes(filters, row, productTypeOf)) ? { kind: 'row', row } : { kind: 'filtered', row };
  } catch (error) {
    const failure = failureOf(error);
    // Anything temporary, or about the connection, fails the whole run so that Zapier retries it and nothing is lost.
    if (!failure?.skipsEvent) throw error;
    return { kind: 'skipped', reason: `${failure.message} ${EVENT_SKIPPED}`, error };
  }
};

/** What became of events already known to concern the trigger, in order; logs the skips and filtered ones. */
export const outcomesOf = async (
  z: ZObject,
  bundle: Bundle,
  spec: EventSpec,
  events: readonly JsonObject[],
  options: Options,
): Promise<Outcome[]> => {
  const outcomes = await Promise.all(events.map((event) => outcomeOf(z, bundle, spec, event, options)));
  logOnce(
    z,
    outcomes.flatMap((outcome) => (outcome.kind === 'skipped' ? [outcome.reason] : [])),
  );
  const filtered = outcomes.filter((outcome) => outcome.kind === 'filtered').length;
  if (filtered > 0)
    z.console.log(`Skipped ${filtered} Sesamy event${filtered === 1 ? '' : 's'} that did not match this trigger's filters.`);
  return outcomes;
};

/** The rows among outcomes, in order. */
const rowsIn = (outcomes: readonly Outcome[]): JsonObject[] => outcomes.flatMap((outcome) => (outcome.kind === 'row' ? [outcome.row] : []));

/** The rows of events already known to concern the trigger, hydrated where thin, then filtered. */
export const rowsOf = async (
  z: ZObject,
  bundle: Bundle,
  spec: EventSpec,
  events: readonly JsonObject[],
  options: Options,
): Promise<JsonObject[]> => rowsIn(await outcomesOf(z, bundle, spec, events, options));

/**
 * Subscription Ended fires once per contract and ending: a later update of an ended
 * contract gives no row. An ending is known by the contract's expiry, so a contract that
 * is renewed and ends again fires again; seeing it active again also re-arms it.
 */
const firstEndings = async (z: ZObject, bundle: Bundle, outcomes: readonly Outcome[]): Promise<JsonObject[]> => {
  const memory = zapMemoryOf(z, bundle);
  const rows: JsonObject[] = [];
  const repeated: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind === 'skipped') continue;
    const contractId = asText(outcome.row.contractId);
    if (outcome.kind === 'filtered') {
      if (contractId && !isEnded(outcome.row.status)) await memory.forgetEnding(contractId);
      continue;
    }
    if (!contractId) {
      rows.push(outcome.row);
      continue;
    }
    const fingerprint = `${asText(outcome.row.expiresAt) ?? ''}`;
    if ((await memory.endingOf(contractId)) === fingerprint) {
      repeated.push(
        `Skipped an update of contract ${quote(contractId)}, whose ending this Zap already ran for: Subscription Ended fires once per ending.`,
      );
      continue;
    }
    await memory.rememberEnding(contractId, fingerprint);
    rows.push(outcome.row);
  }
  logOnce(z, repeated);
  return rows;
};

export const rowsFromDelivery = async (z: ZObject, bundle: Bundle, spec: EventSpec): Promise<JsonObject[]> => {
  // First, before anything is read: a delivery that is too big costs nothing.
  const items = eventsIn(z, bundle, bundle.cleanedRequest);
  const vendorId = vendorIdOf(z, bundle);
  const filters = filtersOf(z, bundle, spec.filters);
  const reasons: string[] = [];
  const events = items.filter((event): event is JsonObject => {
    const reason = depthExceeds(event, MAX_EVENT_DEPTH)
      ? `Skipped an item of a Sesamy delivery nested more than ${MAX_EVENT_DEPTH} levels deep: no Sesamy event is.`
      : isObject(event)
        ? skipReason(spec, vendorId, event)
        : 'Skipped an item of a Sesamy delivery that was not a Sesamy event (expected a JSON object).';
    if (reason) reasons.push(reason);
    return reason === undefined;
  });
  logOnce(z, reasons);

  // One Zap run per Sesamy event: an event this Zap already ran for, or met earlier in this delivery, gives no row.
  const memory = zapMemoryOf(z, bundle);
  const ids = events.map(rowIdOf);
  const seen = await Promise.all(ids.map((id) => memory.seen(id)));
  const repeats = ids.map((id, index) => seen[index] === true || ids.indexOf(id) !== index);
  const unseen = events.filter((_, index) => !repeats[index]);
  logOnce(
    z,
    ids.filter((_, index) => repeats[index]).map((id) => `Skipped Sesamy event ${quote(id)}: this Zap has already run for it.`),
  );

  const outcomes = await outcomesOf(z, bundle, spec, unseen, {
    context: { vendorId, receivedAt: new Date().toISOString() },
    filters,
    lookups: createLookups(z, bundle, {}, { fresh: unseen.some((event) => isFresh(event.occured_at)) }),
  });
  const rows = spec.oncePerEnding ? await firstEndings(z, bundle, outcomes) : rowsIn(outcomes);
  // Nothing to run, and an event's record could not be read: the run halts with that reason, as for a single event.
  const unreadable = outcomes.find((outcome) => outcome.kind === 'skipped' && outcome.error !== undefined);
  if (rows.length === 0 && unreadable?.kind === 'skipped') {
    throw unreadable.error instanceof Error && unreadable.error.name === 'HaltedError'
      ? raise.halt(z, bundle, unreadable.reason)
      : unreadable.error;
  }
  await Promise.all(rows.map((row) => memory.remember(idText(row.id))));
  return rows;
};
