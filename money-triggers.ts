// The money triggers' table: the polling triggers on Sesamy's transactions (a payment, a
// refund), beside the event table (events.ts) rather than in it, as they start on no
// event. Each row is all a trigger is: the transactions it takes (their isRefund), its
// words and its static sample; triggers/payments.ts builds it, and triggers/payment-poll.ts
// runs its checks with nothing but the row. The runner and the tests read the keys here.
//
// Trigger keys are public contract: once published, Zapier forbids removing or renaming them.
//
// The samples are the rows of the fake account's Ada (scripts/fake-sesamy/account.ts):
// her renewal and a refund of part of her order. Sesamy's names for payment providers and
// methods, and the sign it gives a refund, are not documented: these are examples.
import paymentSample from './samples/payment.json' with { type: 'json' };
import refundSample from './samples/refund.json' with { type: 'json' };

/** What every description ends with: where the rows come from and when Zapier looks. */
export const POLLING_NOTE =
  "These come from Sesamy's transactions, not its events: Zapier checks for new ones every 1 to 15 minutes, depending on your Zapier plan, and each check reads Sesamy's newest 100 transactions.";

export const MONEY_TRIGGERS = [
  {
    key: 'payment_received',
    label: 'New Payment',
    noun: 'Payment',
    nouns: 'payments',
    /** The transactions it takes: those whose isRefund is this. */
    isRefund: false,
    description: 'Triggers when a reader pays in Sesamy: a purchase, the first payment of a subscription, or a renewal.',
    sample: paymentSample,
  },
  {
    key: 'refund_issued',
    label: 'New Refund',
    noun: 'Refund',
    nouns: 'refunds',
    isRefund: true,
    description: 'Triggers when a reader is refunded in Sesamy, in full or in part.',
    sample: refundSample,
  },
] as const;

export type MoneyTriggerKey = (typeof MONEY_TRIGGERS)[number]['key'];
export type MoneyTriggerSpec = (typeof MONEY_TRIGGERS)[number];

export const isMoneyTriggerKey = (key: string): key is MoneyTriggerKey => MONEY_TRIGGERS.some((spec) => spec.key === key);
