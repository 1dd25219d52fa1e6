// The row of a payment or a refund, as New Payment, New Refund and Find Payments return it:
// one zod schema, the single source of its TypeScript type (payment-payloads.ts maps
// records into it), of the check of the static samples, and of the output fields and
// their labels (payments/output-fields.ts, computed at build). Every key is always there, null when
// unknown, so every row has the sample's keys. The contract is what the transaction paid
// for or refunded: one product (its SKU and purchase option), where the bill's items are
// the whole order.
import * as z from 'zod';
import { amount, datetime, type FieldMeta, flag, group, id, text } from '../output-fields/field-kinds.ts';

export const PaymentRowSchema = z.looseObject({
  id: id('Transaction ID'),
  amount: amount('Amount'),
  signedAmount: amount('Amount (Negative for a Refund)'),
  currency: text('Currency'),
  isRefund: flag('Refund'),
  status: text('Transaction Status'),
  type: text('Transaction Type'),
  createdAt: datetime('Created At'),
  updatedAt: datetime('Updated At'),
  contractId: text('Contract ID'),
  billId: text('Bill ID'),
  userId: text('User ID'),
  user: group('User', {
    email: text('Email'),
    firstName: text('First Name'),
    lastName: text('Last Name'),
  }),
  contract: group('Contract', {
    sku: text('SKU'),
    purchaseOptionId: text('Purchase Option ID'),
    name: text('Name'),
    createdAt: datetime('Started At'),
  }),
  bill: group('', {
    receiptUrl: text('Receipt URL'),
    paymentProvider: text('Payment Provider'),
    paymentMethod: text('Payment Method'),
    status: text('Bill Status'),
    price: amount('Bill Total'),
  }),
  items: z
    .array(
      z.looseObject({
        sku: text('SKU'),
        title: text('Title'),
        purchaseOptionId: text('Purchase Option ID'),
      }),
    )
    .meta({ label: 'Item' } satisfies FieldMeta),
});

export type PaymentRow = z.infer<typeof PaymentRowSchema>;
