// Find Payments: a reader's payments and refunds, newest first, from Sesamy's transactions.
// The reader's transaction list is read a page at a time only until it holds FOUND_ROWS
// of the kind asked for (at most five pages; up to 20 list requests if Sesamy lists them
// oldest first). With a Product, the reader's contracts are listed first (as every step
// reads them: up to ten pages): a transaction's contract says what it paid for, so only
// those of the product are built, whatever the bills of newer orders hold. Rows are built
// FOUND_ROWS at a time (each reader, contract and bill read once), at most BUILT_AT_MOST,
// only while the run has time; what is left unchecked is said. At most
// 1 + 10 + 20 + 1 + 25 × 2 = 82 requests: the email's user, the contracts, the list, the
// reader, and a contract and a bill per row.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineInputFields, defineSearch, type InferInputData, type SearchPerform } from 'zapier-platform-core';
import { TRANSACTIONS_PAGE } from '../api/calls.ts';
import { readerContracts } from '../api/pages.ts';
import type { ContractRecord } from '../api/records.ts';
import type { UsableTransaction } from '../payloads/payment-payloads.ts';
import type { PaymentRow } from '../payloads/payment-shapes.ts';
import { PAYMENT_OUTPUT_FIELDS } from '../payments/output-fields.ts';
import paymentSample from '../samples/payment.json' with { type: 'json' };
import { hasProduct } from '../sesamy/facts.ts';
import { optionalUserField } from '../steps/fields.ts';
import { inputText } from '../steps/inputs.ts';
import { readerIdOf } from '../steps/readers.ts';

/** The most rows a search returns, newest first. */
export const FOUND_ROWS = 10;
/** The most rows built: FOUND_ROWS, and with a Product, those of a contract not among the reader's listed ones (their row tells). */
export const BUILT_AT_MOST = 25;
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

/**
 * Whether a transaction is of the product, by its contract among the reader's listed ones;
 * undefined when its contract is not among them or names no product: only its row can tell.
 */
const ofProduct = (transaction: UsableTransaction, contracts: ReadonlyMap<string, ContractRecord>, sku: string): boolean | undefined => {
  const skus = (contracts.get(transaction.contractId ?? '')?.items ?? []).map((item) => item.sku);
  return skus.some((listed) => typeof listed === 'string' && listed !== '') ? hasProduct(skus, [sku]) : undefined;
};

const findPayments = async (z: ZObject, bundle: Bundle, inputs: InferInputData<typeof inputFields>): Promise<PaymentRow[]> => {
  const userId = await readerIdOf(z, bundle, inputs);
  if (!userId) return [];
  const kind = inputText(inputs.kind)?.toLowerCase() ?? 'any';
  const sku = inputText(inputs.sku);
  // The payments layer loads on the first search, not at every cold start (scripts/build.mjs LAZY);
  // one import after the other, as jest's module linker fails on two at once that share modules.
  const { buildRows, hasProductOf, rowMaker } = await import('../payments/hydrate.ts');
  const { newestTransactions } = await import('../payments/transactions.ts');
  const contracts = sku === undefined ? [] : (await readerContracts(z, bundle, 'search', userId)).records;
  const contractsById = new Map(contracts.map((contract) => [contract.id, contract]));
  // Only the reader's own, whatever else the list holds; of the kind; not of another product as far as the contracts tell.
  const mayBeWanted = (transaction: UsableTransaction) =>
    transaction.userId === userId &&
    (kind === 'refunds' ? transaction.isRefund : kind === 'payments' ? !transaction.isRefund : true) &&
    (sku === undefined || ofProduct(transaction, contractsById, sku) !== false);
  const isWanted = (transaction: UsableTransaction) =>
    mayBeWanted(transaction) && (sku === undefined || ofProduct(transaction, contractsById, sku) === true);
  const { transactions, outOfTime } = await newestTransactions(z, bundle, {
    kind: 'search',
    userId,
    count: TRANSACTIONS_READ,
    enough: (newest) => newest.filter(isWanted).length >= FOUND_ROWS,
  });
  const candidates = transactions.filter(mayBeWanted);
  const makeRow = rowMaker(z, bundle, { listed: candidates, contracts });
  const found: PaymentRow[] = [];
  let unknown = 0;
  let unchecked = 0;
  let start = 0;
  while (start < candidates.length && found.length < FOUND_ROWS) {
    // The fewest that can give the rows still wanted; a known one always passes, so at most FOUND_ROWS of them are built.
    const batch: UsableTransaction[] = [];
    while (start < candidates.length && batch.length < FOUND_ROWS - found.length) {
      const transaction = candidates[start++] as UsableTransaction;
      const known = sku === undefined || ofProduct(transaction, contractsById, sku) === true;
      if (!known && unknown >= BUILT_AT_MOST - FOUND_ROWS) {
        unchecked += 1;
        continue;
      }
      if (!known) unknown += 1;
      batch.push(transaction);
    }
    const { rows, failure } = await buildRows(z, batch, makeRow, FOUND_ROWS);
    if (failure) throw failure.error;
    found.push(
      ...batch.flatMap((transaction) => rows.get(transaction.id) ?? []).filter((row) => sku === undefined || hasProductOf(row, [sku])),
    );
    if (rows.size < batch.length) {
      z.console.log(
        `Sesamy answered too slowly to build every row within Zapier's time limit: ${batch.length - rows.size} of the reader's payments and refunds found were left out. Run the step again.`,
      );
      break;
    }
  }
  if (unchecked > 0 && found.length < FOUND_ROWS) {
    z.console.log(
      `${unchecked} of the reader's payments and refunds were not checked for the product: Sesamy did not list their contracts among the reader's, and the step builds at most ${BUILT_AT_MOST} rows to tell. Older ones of the product may be missing.`,
    );
  }
  if (outOfTime && found.length < FOUND_ROWS) {
    z.console.log(
      "Sesamy answered too slowly to list all of the reader's payments and refunds within Zapier's time limit: older ones may be missing. Run the step again.",
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
