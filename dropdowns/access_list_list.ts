// Hidden trigger behind the Access List dropdown (`dynamic: 'access_list_list.id.name'`).
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { call, listAccessLists } from '../api/calls.ts';

/** Only active lists take grants; a list Sesamy sends without a status is offered too. */
const perform = (async (z, bundle) =>
  (await call(z, bundle, 'list', listAccessLists, {}))
    .filter((list) => (list.status ?? 'ACTIVE').toUpperCase() === 'ACTIVE')
    .map((list) => ({ id: list.id, name: `${list.name ?? list.id}${list.type ? ` (${list.type})` : ''}` }))
    .sort((a, b) => a.name.localeCompare(b.name))) satisfies PollingTriggerPerform<[], { id: string; name: string }>;

export default defineTrigger({
  key: 'access_list_list',
  noun: 'Access List',
  display: {
    label: 'Access Lists',
    description: 'Triggers when the Access List dropdown loads: lists the active access lists of the Sesamy account.',
    hidden: true,
  },
  operation: { type: 'polling', perform },
});
