// The hook-subscription contract with Sesamy, and nothing else.
//
// ASSUMED, NOT PUBLISHED: Sesamy has not documented an endpoint that registers a
// webhook for a target URL. Until it does, the app uses
//   POST   {api}/management/webhooks       {url, eventTypes, vendorId, filters?} → {id, …}
//   DELETE {api}/management/webhooks/{id}
// When Sesamy confirms its contract, adapt the paths and the body here; no other
// file knows them. docs/maintaining.md, "Adapting the hook subscription", has the steps.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type Operation, raise } from './errors.ts';
import { apiUrl, fetchJson, segment, send } from './http.ts';

export const WEBHOOKS_PATH = '/management/webhooks';

/** What Sesamy is asked to send to a Zap's hook URL. */
export interface HookSubscription {
  readonly eventTypes: readonly string[];
  readonly vendorId: string;
  /** Trigger filters, so Sesamy can filter at the source; omitted when the publisher set none. */
  readonly filters?: Readonly<Record<string, unknown>>;
}

const SUBSCRIBE: Operation = {
  kind: 'write',
  action: 'subscribe this Zap to Sesamy events',
  permission: 'manage webhooks',
  notFoundHint: 'Sesamy did not accept the webhook subscription; ask Sesamy support to enable webhooks for your account.',
};

const UNSUBSCRIBE: Operation = {
  kind: 'delete',
  action: "remove this Zap's Sesamy event subscription",
  permission: 'manage webhooks',
};

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
  const { eventTypes, vendorId, filters } = subscription;
  const { id } = await fetchJson(
    z,
    bundle,
    {
      operation: SUBSCRIBE,
      method: 'POST',
      url: apiUrl(z, bundle, WEBHOOKS_PATH),
      json: { url: bundle.targetUrl, eventTypes, vendorId, ...(filters && Object.keys(filters).length > 0 ? { filters } : {}) },
    },
    (records) => records.WebhookRecord,
  );
  return { id };
};

/** Deletes the subscription. Already gone (404, 410) or never created counts as success, so a Zap can always be turned off. */
export const unsubscribe = async (z: ZObject, bundle: Bundle): Promise<Record<string, never>> => {
  const id: unknown = bundle.subscribeData?.id;
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') return {};
  await send(z, bundle, {
    operation: UNSUBSCRIBE,
    method: 'DELETE',
    url: apiUrl(z, bundle, `${WEBHOOKS_PATH}/${segment(String(id))}`),
  });
  return {};
};
