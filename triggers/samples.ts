// Each instant trigger's static sample: Sesamy's documented payload as the row a Zap gets.
// The build (scripts/build.mjs) evaluates this module and bundles its value as plain data,
// so a cold start does not build nine rows (event ids, tags) that never change
// (docs/performance.md). Tests import it as it is, and so compute the same rows.
import { EVENTS, type TriggerKey } from '../events.ts';
import type { JsonObject } from '../sesamy/json.ts';
import { sampleRowOf } from './event-fields.ts';

export const SAMPLE_ROWS = Object.fromEntries(EVENTS.map((spec) => [spec.key, sampleRowOf(spec)])) as Record<TriggerKey, JsonObject>;
