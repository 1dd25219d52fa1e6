// What Sesamy's transactions (payments and refunds) mean, pure: their amounts, the order
// of their list (undocumented, so read from the records, here and nowhere else), and
// which is newest. Records in, facts out; no request, no bundle, no zod.
import type { TransactionRecord } from '../api/records.ts';
import { newestFirst } from './facts.ts';

/** An amount written as text: digits, a point and decimals, a minus sign; never thousands separators. */
const DECIMAL_TEXT = /^-?\d+(?:\.\d+)?$/;

/**
 * An amount as the row shows it: in the currency's own units (kronor, not öre), exactly as
 * Sesamy sends it, or null when it is no number. Sesamy's SDK types amounts as numbers; one
 * sent as text of a number ("99.50") is read as that number, anything else as none. Sesamy's
 * SDK marks no amount as minor units; its paywall example prices a month at 99 DKK, its
 * checkout sample totals 10 SEK with 1 SEK of tax, and its contracts price at 99
 * (docs/sesamy-api.md). Should Sesamy ever state minor units, this is the one place that
 * would divide: the row, the ledger amount and the Minimum and Maximum Amount filters all
 * read amounts here.
 */
export const amountOf = (value: unknown): number | null => {
  const amount = typeof value === 'string' && DECIMAL_TEXT.test(value.trim()) ? Number(value.trim()) : value;
  return typeof amount === 'number' && Number.isFinite(amount) ? amount : null;
};

/**
 * The amount for a ledger: a refund is money out, so negative whatever sign Sesamy gives it
 * (undocumented); a payment keeps the sign Sesamy sent, so a negative one (a correction, a
 * chargeback) is never booked as money in.
 */
export const signedAmountOf = (amount: number | null, isRefund: boolean): number | null =>
  amount === null ? null : isRefund ? -Math.abs(amount) : amount;

type Listed = Pick<TransactionRecord, 'id' | 'createdAt'>;

/** Newest first by creation; a tie goes to the greater id (by code point, whatever the locale), so every poll sorts alike. */
export const newestTransactionFirst = (a: Listed, b: Listed): number => {
  const [idA, idB] = [String(a.id ?? ''), String(b.id ?? '')];
  return newestFirst('createdAt')(a, b) || (idA < idB ? 1 : idA > idB ? -1 : 0);
};

export type ListOrder = 'newest first' | 'oldest first';

/**
 * The order Sesamy lists transactions in. Sesamy documents none, and no sort parameter,
 * for GET /management/transactions: a full page tells it. Oldest first when more of its
 * neighbouring dated records go up in time than down; newest first otherwise (a tie,
 * fewer than two dated): one record out of place (a changed one moved to the top, one
 * without a date) cannot turn the order round.
 */
export const listOrderOf = (page: readonly Listed[]): ListOrder => {
  const dated = page.filter((transaction) => !Number.isNaN(Date.parse(transaction.createdAt ?? '')));
  let balance = 0; // pairs going up in time, less those going down
  for (let index = 1; index < dated.length; index += 1) {
    balance += Math.sign(newestFirst('createdAt')(dated[index - 1] as Listed, dated[index] as Listed));
  }
  return balance > 0 ? 'oldest first' : 'newest first';
};
