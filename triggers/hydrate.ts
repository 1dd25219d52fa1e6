// Hydration: a thin event (Sesamy's standard event, ids only) becomes its documented
// payload, from the fewest records its shape needs, read through the invocation's
// lookups (lookups.ts) and mapped by payloads/event-payloads.ts.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { quote, raise } from '../api/errors.ts';
import type { EntitlementRecord } from '../api/records.ts';
import type { ShapeName } from '../events.ts';
import { checkoutPayload, entitlementPayload, subscriptionPayload, userEventPayload } from '../payloads/event-payloads.ts';
import type { Payload } from '../payloads/event-shapes.ts';
import type { Lookups } from './lookups.ts';

/** Sesamy's standard (thin) event: ids only, as its webhook guide documents. */
export interface ThinEvent {
  readonly eventType: string;
  readonly userId?: string;
  readonly contractId?: string;
  readonly entitlementId?: string;
}

const requireId = (z: ZObject, bundle: Bundle, event: ThinEvent, key: 'userId' | 'contractId' | 'entitlementId'): string => {
  const id = event[key];
  if (id === undefined) {
    throw raise.halt(z, bundle, `Sesamy sent a ${event.eventType} event without a ${key}, so its details could not be fetched.`, {
      skipsEvent: true,
    });
  }
  return id;
};

const entitlementById = async (
  z: ZObject,
  bundle: Bundle,
  lookups: Lookups,
  userId: string,
  entitlementId: string,
): Promise<EntitlementRecord> => {
  const found = await lookups.entitlement(userId, entitlementId);
  if (!found) {
    throw raise.halt(
      z,
      bundle,
      `Could not find entitlement ${quote(entitlementId)} among the entitlements of user ${quote(userId)}; it may have been deleted.`,
      { skipsEvent: true },
    );
  }
  return found;
};

/**
 * The documented payload for a thin event, from the fewest reads its shape needs, made
 * in parallel: subscription 4 (contract, user, the user's contracts for userInsights and
 * entitlements for entitlementId and productType), checkout 2, entitlement 2, user 1.
 */
export const hydrate = async (z: ZObject, bundle: Bundle, shape: ShapeName, event: ThinEvent, lookups: Lookups): Promise<Payload> => {
  const userId = requireId(z, bundle, event, 'userId');
  switch (shape) {
    case 'subscription': {
      const [contract, user, contracts, entitlements] = await Promise.all([
        lookups.contract(requireId(z, bundle, event, 'contractId')),
        lookups.user(userId),
        lookups.userContracts(userId),
        lookups.userEntitlements(userId),
      ]);
      return subscriptionPayload(contract, user, contracts.records, entitlements.records);
    }
    case 'checkout': {
      const [contract, user] = await Promise.all([lookups.contract(requireId(z, bundle, event, 'contractId')), lookups.user(userId)]);
      return checkoutPayload(contract, user);
    }
    case 'entitlement': {
      const entitlementId = requireId(z, bundle, event, 'entitlementId');
      const [entitlement, user] = await Promise.all([entitlementById(z, bundle, lookups, userId, entitlementId), lookups.user(userId)]);
      return entitlementPayload(entitlement, user);
    }
    case 'user':
      return userEventPayload(await lookups.user(userId));
  }
};
