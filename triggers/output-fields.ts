// Each payload shape's Zapier outputFields, derived from its zod row schema.
// The build (scripts/build.mjs) evaluates this module and bundles its value as
// plain data, so Zapier's runtime never constructs the payload schemas: that is
// most of what the app would otherwise add to a cold start (docs/performance.md).

import type { ShapeName } from '../events.ts';
import { type OutputField, outputFieldsOf } from '../output-fields/of-schema.ts';
import { rowSchemaOf, SHAPES } from '../payloads/event-shapes.ts';

export const OUTPUT_FIELDS = Object.fromEntries(
  (Object.keys(SHAPES) as ShapeName[]).map((shape) => [shape, outputFieldsOf(rowSchemaOf(shape))]),
) as Record<ShapeName, OutputField[]>;
