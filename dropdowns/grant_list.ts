// Hidden trigger behind Revoke Access's Grant dropdown (`dynamic: 'grant_list.id.name'`).
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { call, listGrants } from '../api/calls.ts';
import { inputText } from '../steps/inputs.ts';

// This dropdown reads bundle.inputData on purpose: the chosen access list holds the grants.
const perform = (async (z, bundle) => {
  const accessListId = inputText(bundle.inputData.accessListId);
  if (!accessListId) return [];
  return ((await call(z, bundle, 'search', listGrants, { accessListId })) ?? [])
    .filter((grant) => (grant.status ?? '').toUpperCase() === 'ACTIVE')
    .map((grant) => ({ id: grant.id, name: [grant.email ?? grant.id, grant.sku, grant.publisherPurchaseId].filter(Boolean).join(', ') }));
}) satisfies PollingTriggerPerform<{ accessListId?: string }, { id: string; name: string }>;

export default defineTrigger({
  key: 'grant_list',
  noun: 'Access Grant',
  display: {
    label: 'Access Grants',
    description: 'Triggers when the Grant dropdown loads: lists the active grants of the chosen access list.',
    hidden: true,
  },
  operation: { type: 'polling', perform },
});
