// The hook-subscription contract with Sesamy, and nothing else.
//
// ASSUMED, NOT PUBLISHED: Sesamy has not documented an endpoint that registers a
// webhook for a target URL. Until it does, the app uses
//   POST   {api}/management/webhooks       {url, eventTypes, vendorId, filters?} → {id, …}
//   DELETE {api}/management/webhooks/{id}
// When Sesamy confirms its contract, adapt the paths and the body here; no other
// file knows them. docs/maintaining.md, "Adapting the hook subscription", has the steps.
//
// NOT SIGNED: Sesamy documents no signature on its deliveries, so the Zap's hook URL is
// the only credential a delivery carries (docs/reliability.md, "Who can post to a hook
// URL"). When Sesamy signs them, the check goes first in the trigger's perform
// (rowsFromDelivery, triggers/delivery.ts), before the limit on events and before
// anything is read: verify bundle.rawRequest.content, the body exactly as posted, against
// the signature header (Zapier passes headers in bundle.rawRequest.headers, renamed
// Http-…), with the secret Sesamy's subscription answer would carry (subscribe would then
// keep it with the id in subscribeData), and halt (HaltedError) on a missing or wrong one.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, endpoint } from './calls.ts';
import { raise } from './errors.ts';

const WEBHOOKS_PATH = ['management', 'webhooks'] as const;

/** What Sesamy is asked to send to a Zap's hook URL. */
export interface HookSubscription {
  readonly eventTypes: readonly string[];
  readonly vendorId: string;
  /** Trigger filters, so Sesamy can filter at the source; omitted when the publisher set none. */
  readonly filters?: Readonly<Record<string, unknown>>;
}

const createWebhook = endpoint({
  method: 'POST',
  path: (_: { url: string; subscription: HookSubscription }) => [...WEBHOOKS_PATH],
  body: ({ url, subscription: { eventTypes, vendorId, filters } }) => ({
    json: { url, eventTypes, vendorId, ...(filters && Object.keys(filters).length > 0 ? { filters } : {}) },
  }),
  does: () => 'subscribe this Zap to Sesamy events',
  permission: 'manage webhooks',
  notFoundHint: 'Sesamy did not accept the webhook subscription; ask Sesamy support to enable webhooks for your account.',
  answer: (records) => records.WebhookRecord,
});

const deleteWebhook = endpoint({
  method: 'DELETE',
  path: ({ id }: { id: string }) => [...WEBHOOKS_PATH, id],
  does: () => "remove this Zap's Sesamy event subscription",
  permission: 'manage webhooks',
});

/**
 * Registers the Zap's hook URL. Zapier keeps what this returns as bundle.subscribeData:
 * only the id unsubscribe needs, never the rest of Sesamy's answer (it could carry a signing secret).
 */
export const subscribe = async (z: ZObject, bundle: Bundle, subscription: HookSubscription): Promise<{ id: string }> => {
  if (!bundle.targetUrl) {
    throw raise.fail(
      z,
      bundle,
      'Zapier did not provide a hook URL to register with Sesamy. Turn the Zap off and on again.',
      'MissingHookUrl',
    );
  }
  const { id } = await call(z, bundle, 'write', createWebhook, { url: bundle.targetUrl, subscription });
  return { id };
};

/** Deletes the subscription. Already gone (404, 410) or never created counts as success, so a Zap can always be turned off. */
export const unsubscribe = async (z: ZObject, bundle: Bundle): Promise<Record<string, never>> => {
  const id: unknown = bundle.subscribeData?.id;
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') return {};
  await call(z, bundle, 'delete', deleteWebhook, { id: String(id) });
  return {};
};
