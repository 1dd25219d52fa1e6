// What Grant Access, Revoke Access and Find Access Grant share about the grants of an
// access list: reading them, which are active, and whose they are.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, listGrants } from '../api/calls.ts';
import type { GrantRecord } from '../api/records.ts';
import { hasEmail } from '../sesamy/facts.ts';
import { upperText } from '../sesamy/json.ts';
import type { StepKind } from './readers.ts';

export const isActiveGrant = (grant: GrantRecord): boolean => upperText(grant.status) === 'ACTIVE';
export const isCanceledGrant = (grant: GrantRecord): boolean => upperText(grant.status) === 'CANCELED';

/** Whether a grant is for the reader with this email (an emailKey), ignoring case. */
export const isGrantFor = (grant: GrantRecord, email: string): boolean => hasEmail(grant, email);

/** Active grants first; the order Sesamy listed them in otherwise. */
export const activeFirst = (grants: readonly GrantRecord[]): GrantRecord[] =>
  [...grants].sort((a, b) => Number(isActiveGrant(b)) - Number(isActiveGrant(a)));

/** The grants of an access list; a search reads a list Sesamy does not have as one without grants. */
export const grantsOf = async (z: ZObject, bundle: Bundle, accessListId: string, kind: StepKind): Promise<GrantRecord[]> =>
  (await call(z, bundle, kind, listGrants, { accessListId })) ?? [];
