// What Grant Access, Revoke Access and Find Access Grant share about the grants of an
// access list: reading them, which are active, and whose they are.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, listGrants } from '../api/calls.ts';
import type { GrantRecord } from '../api/records.ts';
import { hasEmail } from '../sesamy/facts.ts';
import { isoDate, upperText } from '../sesamy/json.ts';
import type { StepKind } from './readers.ts';

export const isActiveGrant = (grant: GrantRecord): boolean => upperText(grant.status) === 'ACTIVE';
export const isCanceledGrant = (grant: GrantRecord): boolean => upperText(grant.status) === 'CANCELED';

/** Whether a grant is for the reader with this email (an emailKey), ignoring case. */
export const isGrantFor = (grant: GrantRecord, email: string): boolean => hasEmail(grant, email);

/** Whether a grant was given for the order `purchaseId` (trimmed, as a step reads it). */
export const isGrantOfPurchase = (grant: GrantRecord, purchaseId: string): boolean => grant.publisherPurchaseId?.trim() === purchaseId;

/** Whether a grant gives access at `at` (ISO 8601): ACTIVE, begun, and not ended (a grant's status stays ACTIVE past its Ends At). */
export const givesAccessAt = (grant: GrantRecord, at: string): boolean => {
  const startsAt = isoDate(grant.startsAt);
  const endsAt = isoDate(grant.endsAt);
  return isActiveGrant(grant) && (startsAt === null || startsAt <= at) && (endsAt === null || endsAt > at);
};

/**
 * Grants that give access at `now` first, then the other ACTIVE ones (ended or not yet
 * begun), then the rest; the order Sesamy listed them in otherwise. After a renewal, the
 * grant that gives access comes before the ended one.
 */
export const activeFirst = (grants: readonly GrantRecord[], now: string): GrantRecord[] => {
  const rank = (grant: GrantRecord) => (givesAccessAt(grant, now) ? 2 : isActiveGrant(grant) ? 1 : 0);
  return [...grants].sort((a, b) => rank(b) - rank(a));
};

/** The grants of an access list; a search reads a list Sesamy does not have as one without grants. */
export const grantsOf = async (z: ZObject, bundle: Bundle, accessListId: string, kind: StepKind): Promise<GrantRecord[]> =>
  (await call(z, bundle, kind, listGrants, { accessListId })) ?? [];
