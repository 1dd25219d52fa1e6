// How a transaction, its reader and its bill become a payment row (payment-shapes.ts). A
// reader or a bill Sesamy no longer has reads as fields without values, so the row keeps
// the keys of every other row.
import type { BillRecord, TransactionRecord, UserRecord } from '../api/records.ts';
import { isoDate } from '../sesamy/json.ts';
import { amountOf, signedAmountOf } from '../sesamy/transactions.ts';
import { userPayload } from './event-payloads.ts';
import type { PaymentRow } from './payment-shapes.ts';

/** A transaction a row can be made of: it has an id and says whether it is a refund. */
export type UsableTransaction = TransactionRecord & { readonly id: string; readonly isRefund: boolean };

export const isUsable = (transaction: TransactionRecord | null): transaction is UsableTransaction =>
  typeof transaction?.id === 'string' && typeof transaction.isRefund === 'boolean';

export const paymentPayload = (transaction: UsableTransaction, user: UserRecord | undefined, bill: BillRecord | undefined): PaymentRow => {
  const amount = amountOf(transaction.amount);
  const reader = user ? userPayload(user) : undefined;
  return {
    id: transaction.id,
    amount,
    signedAmount: signedAmountOf(amount, transaction.isRefund),
    currency: transaction.currency ?? bill?.currency ?? null,
    isRefund: transaction.isRefund,
    createdAt: isoDate(transaction.createdAt),
    updatedAt: isoDate(transaction.updatedAt),
    contractId: transaction.contractId ?? null,
    billId: transaction.billId ?? null,
    userId: transaction.userId ?? null,
    user: { email: reader?.email ?? null, firstName: reader?.firstName ?? null, lastName: reader?.lastName ?? null },
    bill: {
      receiptUrl: bill?.receiptUrl ?? null,
      paymentProvider: bill?.paymentProvider ?? null,
      paymentMethod: bill?.paymentMethod ?? null,
      status: bill?.status ?? null,
      price: amountOf(bill?.price),
    },
    items: (bill?.items ?? []).flatMap((item) =>
      item ? [{ sku: item.sku ?? null, title: item.title ?? null, purchaseOptionId: item.purchaseOptionId ?? null }] : [],
    ),
  };
};
