// New Payment's and New Refund's static samples, output fields and live rows agree with the
// payment row's schema (payloads/payment-shapes.ts): an `id` (D010), dates in ISO 8601 with
// a zone (D023), the sample within the output fields (D024), a live row with the sample's keys (T004).
import { sortedKeysOf } from '../../output-fields/flat-keys.ts';
import { PaymentRowSchema } from '../../payloads/payment-shapes.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { forgetMemory, onTheFakeAccountsToday, pollingKeys, pollingOperation, runPoll } from '../support/harness.ts';

onTheFakeAccountsToday();
beforeEach(forgetMemory);

describe.each(pollingKeys)('%s', (key) => {
  const operation = pollingOperation(key);

  it('has a static sample with an id that the row schema accepts (dates ISO 8601 with a zone)', () => {
    expect(typeof operation.sample.id).toBe('string');
    expect(PaymentRowSchema.safeParse(operation.sample).error?.issues ?? []).toEqual([]);
  });

  it('labels every output field, and the sample has exactly the output fields’ keys', () => {
    expect(operation.outputFields.filter((field) => !field.label.trim())).toEqual([]);
    expect(sortedKeysOf(operation.sample)).toEqual(operation.outputFields.map((field) => field.key).sort());
  });

  it('gives live rows (Test trigger) that the schema accepts, with the sample’s keys', async () => {
    serveSesamy();

    const rows = await runPoll(key, { meta: { isLoadingSample: true } });

    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(PaymentRowSchema.safeParse(row).error?.issues ?? []).toEqual([]);
      expect(sortedKeysOf(row)).toEqual(sortedKeysOf(operation.sample));
    }
  });
});

it('labels the row’s fields for a ledger and a Slack message', () => {
  const labels = Object.fromEntries(pollingOperation('refund_issued').outputFields.map((field) => [field.key, field.label]));

  expect(labels).toEqual({
    id: 'Transaction ID',
    amount: 'Amount',
    signedAmount: 'Amount (Negative for a Refund)',
    currency: 'Currency',
    isRefund: 'Refund',
    status: 'Transaction Status',
    type: 'Transaction Type',
    createdAt: 'Created At',
    updatedAt: 'Updated At',
    contractId: 'Contract ID',
    billId: 'Bill ID',
    userId: 'User ID',
    user__email: 'User Email',
    user__firstName: 'User First Name',
    user__lastName: 'User Last Name',
    contract__sku: 'Contract SKU',
    contract__purchaseOptionId: 'Contract Purchase Option ID',
    contract__name: 'Contract Name',
    contract__createdAt: 'Contract Started At',
    bill__receiptUrl: 'Receipt URL',
    bill__paymentProvider: 'Payment Provider',
    bill__paymentMethod: 'Payment Method',
    bill__status: 'Bill Status',
    bill__price: 'Bill Total',
    'items[]sku': 'Item SKU',
    'items[]title': 'Item Title',
    'items[]purchaseOptionId': 'Item Purchase Option ID',
  });
});
