// The static samples of New Payment and New Refund (Find Payments shows the payment's):
// what the Zap editor shows before a test, exactly the rows of the fake account's Ada
// (scripts/fake-sesamy/account.ts), with an `id` (check D010) and dates in ISO 8601 with a
// zone (check D023). Sesamy's names for payment providers and methods, and the sign it
// gives a refund, are not documented: these are examples.
import type { PaymentRow } from '../payloads/payment-shapes.ts';

const ADA = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };

export const PAYMENT_SAMPLE: PaymentRow = {
  id: 'txn_7001',
  amount: 99,
  signedAmount: 99,
  currency: 'SEK',
  isRefund: false,
  createdAt: '2026-11-01T08:10:05.000Z',
  updatedAt: '2026-11-01T08:10:05.000Z',
  contractId: 'contract_101',
  billId: 'bill_5001',
  userId: 'user_ada',
  user: ADA,
  bill: {
    receiptUrl: 'https://receipts.example.com/bill_5001',
    paymentProvider: 'stripe',
    paymentMethod: 'card',
    status: 'PAID',
    price: 99,
  },
  items: [{ sku: 'premium-digital', title: 'Premium Digital', purchaseOptionId: 'po-monthly' }],
};

/** A refund of part of an order: 49 of a bill of 539 for two products. */
export const REFUND_SAMPLE: PaymentRow = {
  ...PAYMENT_SAMPLE,
  id: 'txn_7002',
  amount: 49,
  signedAmount: -49,
  isRefund: true,
  createdAt: '2026-11-15T18:20:05.000Z',
  updatedAt: '2026-11-15T18:20:05.000Z',
  contractId: 'contract_103',
  billId: 'bill_5002',
  bill: {
    receiptUrl: 'https://receipts.example.com/bill_5002',
    paymentProvider: 'stripe',
    paymentMethod: 'card',
    status: 'PAID',
    price: 539,
  },
  items: [
    { sku: 'weekend-print', title: 'Weekend Print', purchaseOptionId: 'po-yearly' },
    { sku: 'archive-pass', title: 'Archive Pass', purchaseOptionId: 'po-once' },
  ],
};
