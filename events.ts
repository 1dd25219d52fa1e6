// The event table: every instant trigger, the Sesamy event types it listens to,
// what publishers read in the Zap editor, and its documented sample. Triggers,
// subscriptions, filtering, samples and docs are all derived from this one table.
//
// Trigger keys are public contract: once published, Zapier forbids removing or
// renaming them. Add rows; never rename a key.
import type { ShapeName } from './payloads';
import contractPurchasedSample from './samples/contract_purchased.json' with { type: 'json' };
import subscriptionSample from './samples/subscription.json' with { type: 'json' };
import subscriptionEndedSample from './samples/subscription_ended.json' with { type: 'json' };
import userSample from './samples/user.json' with { type: 'json' };

/** Sesamy's eight event types (Sesamy's event model; note `contract#cancelRequest` has no version). */
export const EVENT_TYPES = [
  'userVendor.1#new',
  'userVendor.1#update',
  'contract.1#purchased',
  'contract.1#update',
  'contract#cancelRequest',
  'entitlement.1#new',
  'entitlement.1#update',
  'checkout.1#confirm',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Subscription statuses that mean a subscription has ended (Sesamy's "User Subscription Ended"). */
export const ENDED_STATUSES = ['CANCELED', 'EXPIRED', 'DELETED'] as const;

export interface EventSpec {
  readonly key: string;
  readonly label: string;
  readonly noun: string;
  /** "Triggers when …." as the Zap editor shows it. */
  readonly description: string;
  /** Sesamy's own name for the event, as on its Zapier page. */
  readonly sesamyEvent: string;
  readonly eventTypes: readonly EventType[];
  readonly shape: ShapeName;
  /** The documented sample payload, whole. */
  readonly sample: Record<string, unknown>;
  /** Only subscriptions whose status is one of ENDED_STATUSES make a row. */
  readonly endedOnly?: boolean;
}

export const EVENTS = [
  {
    key: 'subscription_created',
    label: 'New Subscription',
    noun: 'Subscription',
    description: 'Triggers when a reader buys a subscription.',
    sesamyEvent: 'User Subscription Created',
    eventTypes: ['contract.1#purchased'],
    shape: 'subscription',
    sample: subscriptionSample,
  },
  {
    key: 'subscription_created_or_updated',
    label: 'New or Updated Subscription',
    noun: 'Subscription',
    description:
      'Triggers when a reader buys a subscription or an existing subscription changes, for example when it renews, is set to cancel, or ends.',
    sesamyEvent: 'User Subscription Created Or Updated',
    eventTypes: ['contract.1#purchased', 'contract.1#update'],
    shape: 'subscription',
    sample: subscriptionSample,
  },
  {
    key: 'subscription_ended',
    label: 'Subscription Ended',
    noun: 'Subscription',
    description:
      'Triggers when a subscription ends because it was canceled, expired, or deleted. A reader who asks to cancel keeps access until the paid period ends; this trigger fires then.',
    sesamyEvent: 'User Subscription Ended',
    eventTypes: ['contract.1#update'],
    shape: 'subscription',
    sample: subscriptionEndedSample,
    endedOnly: true,
  },
  {
    key: 'contract_purchased',
    label: 'New Contract Purchase',
    noun: 'Purchase',
    description: 'Triggers when a reader completes a purchase in Sesamy Checkout.',
    sesamyEvent: 'Contract Purchased',
    eventTypes: ['checkout.1#confirm'],
    shape: 'checkout',
    sample: contractPurchasedSample,
  },
  {
    key: 'user_signed_up',
    label: 'New User Sign-Up',
    noun: 'User',
    description:
      'Triggers once when a reader signs up. Details the reader adds later, such as an address, are not included; use New or Updated User to keep them in sync.',
    sesamyEvent: 'User Signed Up',
    eventTypes: ['userVendor.1#new'],
    shape: 'user',
    sample: userSample,
  },
  {
    key: 'user_signed_up_or_updated',
    label: 'New or Updated User',
    noun: 'User',
    description:
      "Triggers when a reader signs up or their profile changes, for example when they add an address or accept the terms.",
    sesamyEvent: 'User Signed Up Or Updated',
    eventTypes: ['userVendor.1#new', 'userVendor.1#update'],
    shape: 'user',
    sample: userSample,
  },
] as const satisfies readonly EventSpec[];

export type TriggerKey = (typeof EVENTS)[number]['key'];
