// "Test trigger" in the Zap editor runs performList, never perform. It shows the
// vendor's most recent real records, turned into the events Sesamy would have sent
// for them and shaped by the same hydration as a live delivery, so the editor's
// sample, live rows and the static sample share their keys (checks D006, T006).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listContracts, listUsers } from './client';
import type { EventSpec, EventType } from './events';
import { createLookups, hydrate, isEnded, type Payload, userIdOf } from './hydrate';
import { vendorIdOf } from './inputs';

/** How many rows the editor shows. */
export const SAMPLE_SIZE = 3;
/** How many recent records are read to find them (some may not fit the trigger). */
const CANDIDATES = 25;

interface Dated {
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

const timeOf = (record: Dated): number => Date.parse(record.updatedAt ?? record.createdAt ?? '') || 0;
const newestFirst = (a: Dated, b: Dated): number => timeOf(b) - timeOf(a);

/** A record that names another vendor never becomes a row; one that names none belongs to the connection's own tenant. */
const ofVendor =
  (vendorId: string) =>
  (record: { readonly vendorId?: string | null }): boolean =>
    !record.vendorId || record.vendorId === vendorId;

/** Which of the trigger's event types a record's latest change would have been: its creation, or a later update. */
export const eventTypeFor = (spec: EventSpec, record: Dated): EventType => {
  const [created, updated] = spec.eventTypes;
  const changedSinceCreation = Boolean(record.updatedAt && record.createdAt && record.updatedAt !== record.createdAt);
  return (changedSinceCreation && updated) || (created as EventType);
};

export const recentPayloads = async (z: ZObject, bundle: Bundle, spec: EventSpec): Promise<Payload[]> => {
  const vendorId = vendorIdOf(z, bundle);
  if (spec.shape === 'user') {
    const users = (await listUsers(z, bundle, CANDIDATES))
      .filter(ofVendor(vendorId))
      .sort(newestFirst)
      .slice(0, SAMPLE_SIZE);
    // The user list holds summaries; hydration reads each full profile, as it would for a delivery.
    const lookups = createLookups(z, bundle);
    return Promise.all(
      users.map((user) => hydrate(z, bundle, spec.shape, { eventType: eventTypeFor(spec, user), userId: userIdOf(user) }, lookups)),
    );
  }
  const contracts = (await listContracts(z, bundle, CANDIDATES))
    .filter(ofVendor(vendorId))
    .filter((contract) => Boolean(contract.userId) && (!spec.endedOnly || isEnded(contract.status)))
    .sort(newestFirst)
    .slice(0, SAMPLE_SIZE);
  const lookups = createLookups(z, bundle, { contracts });
  return Promise.all(
    contracts.map((contract) =>
      hydrate(
        z,
        bundle,
        spec.shape,
        { eventType: eventTypeFor(spec, contract), userId: contract.userId ?? '', contractId: contract.id },
        lookups,
      ),
    ),
  );
};
