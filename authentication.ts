// Connecting a Sesamy account: OAuth 2 client credentials of a Management API
// application, exchanged for a bearer token through Zapier's session auth.
// A 401 makes Zapier run the exchange again and retry (core raises
// RefreshAuthError); api/errors.ts turns a 401 that a fresh token does not fix into
// a "reconnect" error.
import type { Authentication, BeforeRequestMiddleware, Bundle, ZObject } from 'zapier-platform-core';
import { call, getToken, listVendors } from './api/calls.ts';
import { raise } from './api/errors.ts';
import { clientIdOf, ENVIRONMENTS, hostsOf } from './api/http.ts';

const API_KEYS_DOC = '[Sesamy API keys](https://developers.sesamy.com/authentication/api-keys.html)';
const WHERE_TO_FIND = `In the Sesamy dashboard, open **Settings → API → Applications**, choose **Create Application** and select **Management API**. See ${API_KEYS_DOC}.`;

export interface ConnectionTest {
  readonly vendors: readonly { readonly id: string; readonly name: string }[];
  readonly clientId: string;
  readonly environment: string;
}

/** The shortest value core's log scrubber hides (@zapier/secret-scrubber); Sesamy's secrets are far longer. */
const MIN_SECRET_LENGTH = 6;

/**
 * Exchanges the client credentials for an access token; Zapier merges the result into authData.
 * A secret pasted with a space, a tab or a line break around it is sent trimmed (Sesamy's
 * secrets never have any), so such a connection works rather than being marked expired;
 * the connection test never sends the secret, so it passes too. Core's log scrubber
 * censors authData's values (and their encoded forms), not a trimmed copy, so the trimmed
 * form joins this invocation's authData (clientSecretSent) before it is sent: the bundle
 * object is the one core's logger reads; Zapier keeps only what this returns.
 */
export const startSession = async (z: ZObject, bundle: Bundle) => {
  const clientId = clientIdOf(bundle);
  const stored = String(bundle.authData?.clientSecret ?? '');
  const clientSecret = stored.trim();
  if (!clientId || !clientSecret) {
    throw raise.fail(z, bundle, `Enter both the Client ID and the Client Secret. ${WHERE_TO_FIND}`, 'AuthenticationError');
  }
  if (clientSecret.length < MIN_SECRET_LENGTH) {
    // Core's log scrubber hides no value this short, and none of Sesamy's secrets is.
    throw raise.reconnect(
      z,
      bundle,
      `The Client Secret of this connection is ${clientSecret.length} characters long, shorter than any of Sesamy's. Reconnect your Sesamy account and paste the whole secret.`,
    );
  }
  if (clientSecret !== stored) bundle.authData.clientSecretSent = clientSecret;
  const token = await call(z, bundle, 'token', getToken, { clientId, clientSecret });
  // tokenIssuedAt lets the error policy tell a stale token (refresh it) from a rejected one (reconnect).
  return { sessionKey: token.access_token, tokenIssuedAt: new Date().toISOString() };
};

/** Runs when the publisher connects: proves the token works and learns the vendors for the label. */
export const testConnection = async (z: ZObject, bundle: Bundle): Promise<ConnectionTest> => {
  const vendors = await call(z, bundle, 'list', listVendors, {});
  return {
    vendors: vendors.map((vendor) => ({ id: vendor.id, name: vendor.name ?? vendor.id })),
    clientId: clientIdOf(bundle),
    environment: bundle.authData?.environment ?? 'production',
  };
};

const MAX_NAMED_VENDORS = 2;

/** "Acme News, Acme Sport +1 (client abc123)": the vendors say whose account it is, the client ID tells two connections apart. */
export const connectionLabelFor = (test: Partial<ConnectionTest>): string => {
  const names = (test.vendors ?? []).map((vendor) => vendor.name);
  const vendors =
    names.length === 0
      ? 'Sesamy (no vendors)'
      : names.slice(0, MAX_NAMED_VENDORS).join(', ') + (names.length > MAX_NAMED_VENDORS ? ` +${names.length - MAX_NAMED_VENDORS}` : '');
  const development = test.environment === 'development' ? ', Development' : '';
  return `${vendors} (client ${test.clientId ?? 'unknown'}${development})`;
};

export const connectionLabel = async (_z: ZObject, bundle: Bundle<Partial<ConnectionTest>>): Promise<string> =>
  connectionLabelFor(bundle.inputData);

const hasHeader = (headers: Record<string, string> | undefined, name: string): boolean =>
  Object.keys(headers ?? {}).some((header) => header.toLowerCase() === name);

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/** Adds the bearer token to requests for the Sesamy API host only: never another host, never in a query string. */
export const addBearerToken: BeforeRequestMiddleware = (request, _z, bundle) => {
  const token = bundle.authData?.sessionKey;
  const api = hostsOf(bundle)?.api;
  if (!token || !api || originOf(request.url) !== api || hasHeader(request.headers, 'authorization')) {
    return request;
  }
  request.headers = { ...request.headers, Authorization: `Bearer ${token}` };
  return request;
};

export default {
  type: 'session',
  fields: [
    {
      key: 'clientId',
      label: 'Client ID',
      type: 'string',
      required: true,
      helpText: `The Client ID of a Sesamy Management API application. ${WHERE_TO_FIND}`,
    },
    {
      key: 'clientSecret',
      label: 'Client Secret',
      type: 'password',
      required: true,
      helpText: `The Client Secret shown with that Client ID when the application was created (see ${API_KEYS_DOC}). Zapier stores it encrypted.`,
    },
    {
      key: 'environment',
      label: 'Environment',
      type: 'string',
      required: true,
      default: 'production',
      choices: (Object.keys(ENVIRONMENTS) as (keyof typeof ENVIRONMENTS)[]).map((key) => ({
        value: key,
        sample: key,
        label: `${ENVIRONMENTS[key].label} (${new URL(ENVIRONMENTS[key].api).host})`,
      })),
      helpText: 'Choose Production for your live Sesamy account. Development is only for testing against Sesamy’s development cluster.',
    },
  ],
  sessionConfig: { perform: startSession },
  test: testConnection,
  connectionLabel,
} satisfies Authentication;
