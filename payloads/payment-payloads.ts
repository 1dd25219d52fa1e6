// How a transaction, its reader, its contract and its bill become a payment row
// (payment-shapes.ts). A record Sesamy no longer has reads as fields without values, so
// the row keeps the keys of every other row.
import type { BillRecord, ContractRecord, TransactionRecord, UserRecord } from '../api/records.ts';
import { isoDate } from '../sesamy/json.ts';
import { amountOf, signedAmountOf } from '../sesamy/transactions.ts';
import { userPayload } from './event-payloads.ts';
import type { PaymentRow } from './payment-shapes.ts';

/** A transaction a row can be made of: it has an id and says whether it is a refund. */
export type UsableTransaction = TransactionRecord & { readonly id: string; readonly isRefund: boolean };

export const isUsable = (transaction: TransactionRecord | null): transaction is UsableTransaction =>
  typeof transaction?.id === 'string' && typeof transaction.isRefund === 'boolean';

/** The records a row is built from besides its transaction; each undefined when not read or not there. */
export interface PaymentRecords {
  readonly user?: UserRecord | undefined;
  readonly contract?: ContractRecord | undefined;
  readonly bill?: BillRecord | undefined;
}

/** A contract's products as one value each: its items' values joined by commas (a contract holds one product as a rule). */
const joined = (values: readonly (string | null | undefined)[]): string | null =>
  values.filter((value): value is string => typeof value === 'string' && value !== '').join(',') || null;

export const paymentPayload = (transaction: UsableTransaction, { user, contract, bill }: PaymentRecords = {}): PaymentRow => {
  const amount = amountOf(transaction.amount);
  const reader = user ? userPayload(user) : undefined;
  const products = contract?.items ?? [];
  return {
    id: transaction.id,
    amount,
    signedAmount: signedAmountOf(amount, transaction.isRefund),
    currency: transaction.currency ?? bill?.currency ?? null,
    isRefund: transaction.isRefund,
    status: transaction.status ?? null,
    type: transaction.type ?? null,
    createdAt: isoDate(transaction.createdAt),
    updatedAt: isoDate(transaction.updatedAt),
    contractId: transaction.contractId ?? null,
    billId: transaction.billId ?? null,
    userId: transaction.userId ?? null,
    user: { email: reader?.email ?? null, firstName: reader?.firstName ?? null, lastName: reader?.lastName ?? null },
    contract: {
      sku: joined(products.map((item) => item.sku)),
      purchaseOptionId: joined(products.map((item) => item.purchaseOptionId)),
      name: contract?.name ?? joined(products.map((item) => item.name)),
      createdAt: isoDate(contract?.createdAt),
    },
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

/**
 * The products a row is about, by SKU: its contract's, the product paid for or refunded
 * (its bill may hold other products of the same order). Without its contract's product,
 * its order's (the bill's items) only where they cannot point at the wrong one: the order
 * holds one product, or the transaction names no contract. Otherwise undefined: unknown,
 * for a refund of one line of a two-line order must not revoke the other line's access.
 * Every Products filter on a payment row matches these.
 */
export const productsOf = (row: PaymentRow): readonly string[] | undefined => {
  if (row.contract.sku !== null) return row.contract.sku.split(',');
  const ordered = [...new Set(row.items.flatMap((item) => (item.sku ? [item.sku] : [])))];
  return row.contractId === null || ordered.length <= 1 ? ordered : undefined;
};
