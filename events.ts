// The event table: every instant trigger, the Sesamy event types it listens to, what
// publishers read in the Zap editor, its payload shape and sample, and its filters.
// Triggers, subscriptions, rows, samples and docs are all derived from this one table.
//
// Trigger keys are public contract: once published, Zapier forbids removing or
// renaming them. Add rows; never rename a key.
import cancellationRequestedSample from './samples/cancellation_requested.json' with { type: 'json' };
import contractPurchasedSample from './samples/contract_purchased.json' with { type: 'json' };
import entitlementSample from './samples/entitlement.json' with { type: 'json' };
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

/** The payload shapes Sesamy delivers; payloads/event-shapes.ts gives each its zod schema. */
export const SHAPE_NAMES = ['subscription', 'checkout', 'user', 'entitlement'] as const;
export type ShapeName = (typeof SHAPE_NAMES)[number];

/** The optional filters a trigger may offer; triggers/filters.ts gives each its input field. */
export const FILTER_KEYS = ['skus', 'productTypes', 'endStatuses', 'minTotal', 'maxTotal'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface EventSpec {
  readonly key: string;
  readonly label: string;
  readonly noun: string;
  /** "Triggers when …." as the Zap editor shows it. */
  readonly description: string;
  /** Sesamy's own name for the event, as on its Zapier page. */
  readonly sesamyEvent: string;
  /** The Sesamy event types it starts on. A delivery that names none has a null eventType when there are two. */
  readonly eventTypes: readonly [EventType, ...EventType[]];
  readonly shape: ShapeName;
  /** The payload Sesamy delivers for this event: documented ones whole, the others in the same style. */
  readonly sample: Record<string, unknown>;
  /** Optional filters the publisher may set, besides the vendor. */
  readonly filters: readonly FilterKey[];
  /** What "Test trigger" lists first: the newest records by creation ("New …") or by last change. */
  readonly newestBy: 'createdAt' | 'updatedAt';
  /** About subscriptions only: a single purchase (contractDuration PERPETUAL) gives no row. */
  readonly subscriptionsOnly?: boolean;
  /** Fires once per contract and ending, however many later updates the ended contract gets. */
  readonly oncePerEnding?: boolean;
}

/** The checkout trigger's label: it covers every completed checkout, single purchases included. */
export const CHECKOUT_LABEL = 'Checkout Completed';

const PRODUCT_FILTERS = ['skus', 'productTypes'] as const satisfies readonly FilterKey[];

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
    filters: PRODUCT_FILTERS,
    newestBy: 'createdAt',
    subscriptionsOnly: true,
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
    filters: PRODUCT_FILTERS,
    newestBy: 'updatedAt',
    subscriptionsOnly: true,
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
    filters: ['endStatuses', ...PRODUCT_FILTERS],
    newestBy: 'updatedAt',
    oncePerEnding: true,
  },
  {
    key: 'cancellation_requested',
    label: 'Subscription Cancellation Requested',
    noun: 'Subscription',
    description:
      'Triggers when a reader asks to cancel a subscription. The reader keeps access until the Scheduled Cancellation Time; Subscription Ended fires then.',
    sesamyEvent: 'Contract Cancellation Requested',
    eventTypes: ['contract#cancelRequest'],
    shape: 'subscription',
    sample: cancellationRequestedSample,
    filters: PRODUCT_FILTERS,
    newestBy: 'updatedAt',
  },
  {
    key: 'contract_purchased',
    label: CHECKOUT_LABEL,
    noun: 'Purchase',
    description: 'Triggers when a checkout completes: a reader pays for a purchase or subscription in Sesamy Checkout.',
    sesamyEvent: 'Contract Purchased',
    eventTypes: ['checkout.1#confirm'],
    shape: 'checkout',
    sample: contractPurchasedSample,
    filters: [...PRODUCT_FILTERS, 'minTotal', 'maxTotal'],
    newestBy: 'createdAt',
  },
  {
    key: 'user_signed_up',
    label: 'New User Sign-Up',
    noun: 'User',
    description:
      'Triggers when a reader signs up (once per reader). Details the reader adds later, such as an address, are not included; use New or Updated User to keep them in sync.',
    sesamyEvent: 'User Signed Up',
    eventTypes: ['userVendor.1#new'],
    shape: 'user',
    sample: userSample,
    filters: [],
    newestBy: 'createdAt',
  },
  {
    key: 'user_signed_up_or_updated',
    label: 'New or Updated User',
    noun: 'User',
    description: 'Triggers when a reader signs up or their profile changes, for example when they add an address or accept the terms.',
    sesamyEvent: 'User Signed Up Or Updated',
    eventTypes: ['userVendor.1#new', 'userVendor.1#update'],
    shape: 'user',
    sample: userSample,
    filters: [],
    newestBy: 'updatedAt',
  },
  {
    key: 'entitlement_granted',
    label: 'New Entitlement',
    noun: 'Entitlement',
    description:
      'Triggers when a reader is given access to a product, whether bought in Sesamy or granted from outside (for example a library or partner list).',
    sesamyEvent: 'Entitlement Created',
    eventTypes: ['entitlement.1#new'],
    shape: 'entitlement',
    sample: entitlementSample,
    filters: PRODUCT_FILTERS,
    newestBy: 'createdAt',
  },
  {
    key: 'entitlement_updated',
    label: 'Updated Entitlement',
    noun: 'Entitlement',
    description: "Triggers when a reader's access to a product changes, for example when it is extended, expires, or is revoked.",
    sesamyEvent: 'Entitlement Updated',
    eventTypes: ['entitlement.1#update'],
    shape: 'entitlement',
    sample: entitlementSample,
    filters: PRODUCT_FILTERS,
    newestBy: 'updatedAt',
  },
] as const satisfies readonly EventSpec[];

export type TriggerKey = (typeof EVENTS)[number]['key'];

/** What the Zap editor shows: the trigger's description, naming Sesamy's own name for the event (as on its help page). */
export const descriptionOf = (spec: EventSpec): string => `${spec.description} Sesamy calls this event “${spec.sesamyEvent}”.`;

/** Whether a trigger listens to an event type (a delivery may name any string). */
export const coversEventType = (spec: EventSpec, eventType: unknown): boolean =>
  typeof eventType === 'string' && (spec.eventTypes as readonly string[]).includes(eventType);
