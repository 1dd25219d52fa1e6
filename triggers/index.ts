// Every trigger of the app, by key: one instant trigger per row of the event table,
// plus the hidden triggers behind the dropdowns.
import type { Trigger } from 'zapier-platform-core';
import accessListList from '../dropdowns/access_list_list.ts';
import grantList from '../dropdowns/grant_list.ts';
import productList from '../dropdowns/product_list.ts';
import purchaseOptionList from '../dropdowns/purchase_option_list.ts';
import userList from '../dropdowns/user_list.ts';
import vendorList from '../dropdowns/vendor_list.ts';
import { EVENTS, type TriggerKey } from '../events.ts';
import { instantTrigger } from './instant.ts';

export const DROPDOWNS = [vendorList, productList, accessListList, purchaseOptionList, userList, grantList] as const;

export type DropdownKey = (typeof DROPDOWNS)[number]['key'];
export type AppTriggerKey = TriggerKey | DropdownKey;

export default Object.fromEntries([
  ...EVENTS.map((spec) => [spec.key, instantTrigger(spec)] as const),
  ...DROPDOWNS.map((trigger) => [trigger.key, trigger] as const),
]) as Record<AppTriggerKey, Trigger>;
