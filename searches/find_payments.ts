// Find Payments: a reader's payments and refunds, newest first, from Sesamy's transactions.
// At most 1 + 5 + 1 + 25 requests: the email's user (none for a User), five pages of the
// reader's transactions (up to 20 list requests if Sesamy lists them oldest first), their
// profile, and the bills of at most 25 transactions.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineInputFields, defineSearch, type InferInputData, type SearchPerform } from 'zapier-platform-core';
import { TRANSACTIONS_PAGE } from '../api/calls.ts';
import type { PaymentRow } from '../payloads/payment-shapes.ts';
import { buildRows, hasProductOf, rowMaker } from '../payments/hydrate.ts';
import { PAYMENT_OUTPUT_FIELDS } from '../payments/output-fields.ts';
import { newestTransactions } from '../payments/transactions.ts';
import paymentSample from '../samples/payment.json' with { type: 'json' };
import { optionalUserField } from '../steps/fields.ts';
import { inputText } from '../steps/inputs.ts';
import { readerIdOf } from '../steps/readers.ts';

/** The most rows a search returns, newest first. */
export const FOUND_ROWS = 10;
/** The most bills read to find them when a Product is chosen (a product is on the bill). */
export const BILLS_READ = 25;
/** The reader's newest transactions considered. */
export const TRANSACTIONS_READ = 5 * TRANSACTIONS_PAGE;

const inputFields = defineInputFields([
  { key: 'email', label: 'Email', type: 'string', required: false, helpText: 'The reader’s email address. Fill in this or the User.' },
  { ...optionalUserField, helpText: 'The Sesamy user; used instead of the Email when both are filled.' },
  {
    key: 'kind',
    label: 'Payments or Refunds',
    required: false,
    choices: [
      { value: 'any', sample: 'any', label: 'Both' },
      { value: 'payments', sample: 'payments', label: 'Only Payments' },
      { value: 'refunds', sample: 'refunds', label: 'Only Refunds' },
    ],
    helpText: 'Which of the reader’s transactions to find. Empty: both.',
  },
  {
    key: 'sku',
    label: 'Product',
    required: false,
    dynamic: 'product_list.sku.name',
    helpText: 'Only payments and refunds of an order with this product. Empty: any product.',
  },
]);

const findPayments = async (z: ZObject, bundle: Bundle, inputs: InferInputData<typeof inputFields>): Promise<PaymentRow[]> => {
  const userId = await readerIdOf(z, bundle, inputs);
  if (!userId) return [];
  const kind = inputText(inputs.kind)?.toLowerCase() ?? 'any';
  const sku = inputText(inputs.sku);
  const { transactions } = await newestTransactions(z, bundle, { kind: 'search', userId, count: TRANSACTIONS_READ });
  // Only the reader's own, whatever else the list holds.
  const wanted = transactions.filter(
    (transaction) =>
      transaction.userId === userId && (kind === 'refunds' ? transaction.isRefund : kind === 'payments' ? !transaction.isRefund : true),
  );
  // A product is on the bill: with one, bills are read newest first until enough rows have it.
  const makeRow = rowMaker(z, bundle, { listed: wanted });
  const considered = wanted.slice(0, sku === undefined ? FOUND_ROWS : BILLS_READ);
  const found: PaymentRow[] = [];
  for (let start = 0; start < considered.length && found.length < FOUND_ROWS; start += FOUND_ROWS) {
    const batch = considered.slice(start, start + FOUND_ROWS);
    const { rows, failure } = await buildRows(z, batch, makeRow, FOUND_ROWS);
    if (failure) throw failure.error;
    found.push(
      ...batch.flatMap((transaction) => rows.get(transaction.id) ?? []).filter((row) => sku === undefined || hasProductOf(row, [sku])),
    );
  }
  return found.slice(0, FOUND_ROWS);
};

const perform = ((z, bundle) => findPayments(z, bundle, bundle.inputData)) satisfies SearchPerform<typeof inputFields, PaymentRow>;

export default defineSearch({
  key: 'find_payments',
  noun: 'Payment',
  display: {
    label: 'Find Payments',
    description: 'Finds a reader’s payments and refunds, newest first, from Sesamy’s transactions.',
  },
  operation: {
    inputFields,
    perform,
    sample: paymentSample,
    outputFields: PAYMENT_OUTPUT_FIELDS,
  },
});
