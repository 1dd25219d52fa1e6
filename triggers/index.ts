// Every instant trigger of the app, by key: one per row of the event table (events.ts).
import type { Trigger } from 'zapier-platform-core';
import { EVENTS, type TriggerKey } from '../events.ts';
import { instantTrigger } from './instant.ts';

export default Object.fromEntries(EVENTS.map((spec) => [spec.key, instantTrigger(spec)] as const)) as Record<TriggerKey, Trigger>;
