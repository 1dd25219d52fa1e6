// Hidden trigger behind the User dropdown (`dynamic: 'user_list.id.name'`).
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { call, listUsers } from '../api/calls.ts';
import { userIdOf } from '../sesamy/facts.ts';
import { pageOf } from './paging.ts';

// Dropdown sources ignore bundle.inputData: it holds the half-filled form, not filters.
const perform = (async (z, bundle) => {
  return (await call(z, bundle, 'list', listUsers, pageOf(bundle))).map((user) => {
    const id = userIdOf(user);
    const name = user.name ?? ([user.firstName, user.lastName].filter(Boolean).join(' ') || undefined);
    const email = user.email ?? undefined;
    return { id, name: name && email ? `${name} (${email})` : (email ?? name ?? id) };
  });
}) satisfies PollingTriggerPerform<[], { id: string; name: string }>;

export default defineTrigger({
  key: 'user_list',
  noun: 'User',
  display: {
    label: 'Users',
    description: 'Triggers when the User dropdown loads: lists the readers of the Sesamy account, a page at a time.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
  },
});
