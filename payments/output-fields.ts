// The output fields of a payment row (New Payment, New Refund, Find Payments), derived from
// its zod schema. The build (scripts/build.mjs) evaluates this module and bundles its value
// as plain data, so Zapier's runtime never builds the schema (docs/performance.md).
import { outputFieldsOf } from '../output-fields/of-schema.ts';
import { PaymentRowSchema } from '../payloads/payment-shapes.ts';

export const PAYMENT_OUTPUT_FIELDS = outputFieldsOf(PaymentRowSchema);
