// "Test trigger" in the Zap editor runs performList, never perform. It shows the
// vendor's most recent real records as the thin events Sesamy would have sent for
// them, sent through the same path as a live delivery (delivery.ts): hydrated, given
// their event fields and filtered. So the editor's sample, live rows and the static
// sample share their keys (checks D006, T006).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, listContracts, listEntitlements, listUsers } from '../api/calls.ts';
import type { ContractRecord, EntitlementRecord, UserRecord } from '../api/records.ts';
import { coversEventType, type EventSpec, type EventType } from '../events.ts';
import { type Dated, hasProduct, isEnded, isSinglePurchase, newestFirst, userIdOf } from '../sesamy/facts.ts';
import type { JsonObject } from '../sesamy/json.ts';
import { rowsOf } from './delivery.ts';
import { type Filters, filtersOf, skusOf, vendorIdOf } from './filters.ts';
import { createLookups, type KnownRecords } from './lookups.ts';

/** How many rows the editor shows. */
export const SAMPLE_SIZE = 3;
/** How many recent records are read to find them (some may not fit the trigger). */
export const CANDIDATES = 25;

/** Which of the trigger's event types a record's latest change would have been: its creation, or a later update. */
export const eventTypeFor = (spec: EventSpec, record: Dated): EventType => {
  const [created, updated] = spec.eventTypes;
  const changedSinceCreation = Boolean(record.updatedAt && record.createdAt && record.updatedAt !== record.createdAt);
  return (changedSinceCreation && updated) || created;
};

/** A record and the thin event Sesamy would have sent for its latest change. */
interface Candidate {
  readonly record: { readonly vendorId?: string | null } & Dated;
  readonly event: JsonObject;
}

const compact = (event: Record<string, string | null | undefined>): JsonObject =>
  Object.fromEntries(Object.entries(event).filter(([, value]) => typeof value === 'string' && value !== ''));

const fromContract = (spec: EventSpec, vendorId: string, contract: ContractRecord): Candidate => {
  const eventType = eventTypeFor(spec, contract);
  const occurredAt = eventType === 'contract#cancelRequest' ? (contract.cancelRequestedAt ?? contract.updatedAt) : contract.updatedAt;
  return {
    record: contract,
    event: compact({ eventType, vendorId, userId: contract.userId, contractId: contract.id, occured_at: occurredAt ?? contract.createdAt }),
  };
};

const fromUser = (spec: EventSpec, vendorId: string, user: UserRecord): Candidate => ({
  record: user,
  event: compact({ eventType: eventTypeFor(spec, user), vendorId, userId: userIdOf(user), occured_at: user.updatedAt ?? user.createdAt }),
});

const fromEntitlement = (spec: EventSpec, vendorId: string, entitlement: EntitlementRecord): Candidate => ({
  record: entitlement,
  event: compact({
    eventType: eventTypeFor(spec, entitlement),
    vendorId,
    userId: entitlement.userId,
    entitlementId: entitlement.id,
    occured_at: entitlement.updatedAt ?? entitlement.createdAt,
  }),
});

/** What the record itself shows, so records that cannot match are never hydrated. */
const mayMatch = (spec: EventSpec, filters: Filters, record: JsonObject): boolean => {
  if (filters.endStatuses && !isEnded(record.status)) return false;
  if (spec.subscriptionsOnly && isSinglePurchase(record)) return false;
  if (coversEventType(spec, 'contract#cancelRequest') && !record.willCancelAt && !record.cancelRequestedAt) return false;
  const items = Array.isArray(record.items) ? { products: record.items } : record;
  if (filters.skus && !hasProduct(skusOf(items), filters.skus)) return false;
  return true;
};

/** The recent records for a trigger's shape, and the lookups they already answer. */
const recentRecords = async (
  z: ZObject,
  bundle: Bundle,
  spec: EventSpec,
  vendorId: string,
): Promise<{ candidates: Candidate[]; known: KnownRecords }> => {
  switch (spec.shape) {
    case 'user': {
      // The user list holds summaries; hydration reads each full profile, as it would for a delivery.
      const users = await call(z, bundle, 'list', listUsers, { limit: CANDIDATES });
      return { candidates: users.map((user) => fromUser(spec, vendorId, user)), known: {} };
    }
    case 'entitlement': {
      // Entitlements are listed per user: those of the most recently active users.
      const users = (await call(z, bundle, 'list', listUsers, { limit: CANDIDATES })).sort(newestFirst('updatedAt')).slice(0, SAMPLE_SIZE);
      const perUser = await Promise.all(
        users.map(async (user) =>
          (await call(z, bundle, 'lookup', listEntitlements, { userId: userIdOf(user) })).map((entitlement) => ({
            ...entitlement,
            userId: entitlement.userId ?? userIdOf(user),
          })),
        ),
      );
      const entitlements = perUser.flat();
      return { candidates: entitlements.map((entitlement) => fromEntitlement(spec, vendorId, entitlement)), known: { entitlements } };
    }
    case 'subscription':
    case 'checkout': {
      const contracts = (await call(z, bundle, 'list', listContracts, { limit: CANDIDATES })).filter((contract) => contract.userId);
      return { candidates: contracts.map((contract) => fromContract(spec, vendorId, contract)), known: { contracts } };
    }
  }
};

export const recentRows = async (z: ZObject, bundle: Bundle, spec: EventSpec): Promise<JsonObject[]> => {
  const vendorId = vendorIdOf(z, bundle);
  const filters = filtersOf(z, bundle, spec.filters);
  const { candidates, known } = await recentRecords(z, bundle, spec, vendorId);
  // A record that names another vendor never becomes a row; one that names none belongs to the connection's tenant.
  const fitting = candidates
    .filter(({ record }) => !record.vendorId || record.vendorId === vendorId)
    .filter(({ record }) => mayMatch(spec, filters, record as JsonObject))
    .sort((a, b) => newestFirst(spec.newestBy)(a.record, b.record));
  const options = { context: { vendorId, receivedAt: new Date().toISOString() }, filters, lookups: createLookups(z, bundle, known) };
  // A few requests in the usual case, bounded by CANDIDATES.
  return firstPassing(
    fitting.map(({ event }) => event),
    (batch) => rowsOf(z, bundle, spec, batch, options),
  );
};

/**
 * Test trigger's rows: built SAMPLE_SIZE at a time from `items`, in their order, until
 * SAMPLE_SIZE pass the filters (`build` returns those that pass), the items run out, or
 * `more` says to stop (the run's time); the first SAMPLE_SIZE. The money triggers' Test
 * trigger builds so too (payment-poll.ts).
 */
export const firstPassing = async <T, R>(
  items: readonly T[],
  build: (batch: readonly T[]) => Promise<readonly R[]>,
  more: () => boolean = () => true,
): Promise<R[]> => {
  const rows: R[] = [];
  for (let start = 0; start < items.length && rows.length < SAMPLE_SIZE && more(); start += SAMPLE_SIZE) {
    rows.push(...(await build(items.slice(start, start + SAMPLE_SIZE))));
  }
  return rows.slice(0, SAMPLE_SIZE);
};
