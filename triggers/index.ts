// Every visible trigger of the app, by key: one instant trigger per row of the event table
// (events.ts), and the polling triggers on Sesamy's transactions (payments.ts).
import type { Trigger } from 'zapier-platform-core';
import { EVENTS, type TriggerKey } from '../events.ts';
import type { MoneyTriggerKey } from '../money-triggers.ts';
import { instantTrigger } from './instant.ts';
import { MONEY_TRIGGER_DEFINITIONS } from './payments.ts';

export default {
  ...(Object.fromEntries(EVENTS.map((spec) => [spec.key, instantTrigger(spec)] as const)) as Record<TriggerKey, Trigger>),
  ...MONEY_TRIGGER_DEFINITIONS,
} as Record<TriggerKey | MoneyTriggerKey, Trigger>;
