// The money triggers' table: the polling triggers on Sesamy's transactions (a payment, a
// refund), beside the event table (events.ts) rather than in it, as they start on no
// event. triggers/payments.ts builds them; the runner and the tests read their keys here.
//
// Trigger keys are public contract: once published, Zapier forbids removing or renaming them.

/** What every description ends with: where the rows come from and when Zapier looks. */
export const POLLING_NOTE =
  "These come from Sesamy's transactions, not its events: Zapier checks for new ones every 1 to 15 minutes, depending on your Zapier plan, and each check reads Sesamy's newest 100 transactions.";

export const MONEY_TRIGGERS = [
  {
    key: 'payment_received',
    label: 'New Payment',
    noun: 'Payment',
    refunds: false,
    description: 'Triggers when a reader pays in Sesamy: a purchase, the first payment of a subscription, or a renewal.',
  },
  {
    key: 'refund_issued',
    label: 'New Refund',
    noun: 'Refund',
    refunds: true,
    description: 'Triggers when a reader is refunded in Sesamy, in full or in part.',
  },
] as const;

export type MoneyTriggerKey = (typeof MONEY_TRIGGERS)[number]['key'];
export type MoneyTriggerSpec = (typeof MONEY_TRIGGERS)[number];

export const isMoneyTriggerKey = (key: string): key is MoneyTriggerKey => MONEY_TRIGGERS.some((spec) => spec.key === key);
