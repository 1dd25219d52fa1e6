// Hidden trigger behind every trigger's Vendor dropdown (`dynamic: 'vendor_list.id.name'`).
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { call, listVendors } from '../api/calls.ts';

// Dropdown sources ignore bundle.inputData: it holds the half-filled form, not filters.
const perform = (async (z, bundle) =>
  (await call(z, bundle, 'list', listVendors, {}))
    .map((vendor) => ({ id: vendor.id, name: vendor.name ?? vendor.id }))
    .sort((a, b) => a.name.localeCompare(b.name))) satisfies PollingTriggerPerform<[], { id: string; name: string }>;

export default defineTrigger({
  key: 'vendor_list',
  noun: 'Vendor',
  display: {
    label: 'Vendors',
    description: 'Triggers when the Vendor dropdown loads: lists the Sesamy vendors this connection can access.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
  },
});
