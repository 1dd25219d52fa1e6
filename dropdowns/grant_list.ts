// Hidden trigger behind Revoke Access's Grant dropdown (`dynamic: 'grant_list.id.name'`).
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { call, listGrants } from '../api/calls.ts';
import { isoDate } from '../sesamy/json.ts';
import { accessListField } from '../steps/fields.ts';
import { isActiveGrant } from '../steps/grants.ts';
import { formValueOf } from '../steps/inputs.ts';

/** When a grant's access ends, as a label says it: "until 2027-11-28", or "ended 2026-11-01" though it is still ACTIVE. */
const periodOf = (endsAt: string | null | undefined, now: string): string | undefined => {
  const end = isoDate(endsAt);
  return end === null ? undefined : `${end > now ? 'until' : 'ended'} ${end.slice(0, 10)}`;
};

// This dropdown reads bundle.inputData on purpose: the chosen access list holds the grants.
// A list mapped from an earlier step is unknown until the Zap runs: nothing is listed.
const perform = (async (z, bundle) => {
  const accessListId = formValueOf(bundle.inputData.accessListId);
  if (!accessListId) return [];
  const now = new Date().toISOString();
  return ((await call(z, bundle, 'search', listGrants, { accessListId })) ?? []).filter(isActiveGrant).map((grant) => ({
    id: grant.id,
    name: [grant.email ?? grant.id, grant.sku, grant.publisherPurchaseId, periodOf(grant.endsAt, now)].filter(Boolean).join(', '),
  }));
}) satisfies PollingTriggerPerform<{ accessListId?: string }, { id: string; name: string }>;

export default defineTrigger({
  key: 'grant_list',
  noun: 'Access Grant',
  display: {
    label: 'Access Grants',
    description: 'Triggers when the Grant dropdown loads: lists the active grants of the chosen access list.',
    hidden: true,
  },
  // The field it depends on, declared (Zapier's rule for a dependent dropdown): the editor enables
  // the Grant once an Access List is set, and clears it when the list changes.
  operation: { type: 'polling', inputFields: [accessListField], perform },
});
