// Every trigger of the app, by key: one instant trigger per row of the event table,
// plus the hidden triggers behind the Vendor and Products dropdowns.
import type { Trigger } from 'zapier-platform-core';
import { EVENTS, type TriggerKey } from '../events.ts';
import { instantTrigger } from './instant.ts';
import productList from './product_list.ts';
import vendorList from './vendor_list.ts';

export type AppTriggerKey = TriggerKey | typeof vendorList.key | typeof productList.key;

export default Object.fromEntries([
  ...EVENTS.map((spec) => [spec.key, instantTrigger(spec)] as const),
  [vendorList.key, vendorList] as const,
  [productList.key, productList] as const,
]) as Record<AppTriggerKey, Trigger>;
