// Each search's and action's Zapier outputFields, derived from its zod row schema
// (row-shapes.ts). Like triggers/output-fields.ts, the build evaluates this module
// and bundles its value as plain data, so no schema is built on a cold start.

import { outputFieldsOf } from '../output-fields/of-schema.ts';
import { ContractRowSchema, EntitlementRowSchema, GrantRowSchema, ReaderExtrasSchema, ReaderProfileSchema } from './row-shapes.ts';

export const STEP_OUTPUT_FIELDS = {
  // The profile's fields carry the "User" prefix of a trigger row's user; id and the tags do not.
  reader: [...outputFieldsOf(ReaderExtrasSchema), ...outputFieldsOf(ReaderProfileSchema)],
  grant: outputFieldsOf(GrantRowSchema),
  contract: outputFieldsOf(ContractRowSchema),
  entitlement: outputFieldsOf(EntitlementRowSchema),
};
