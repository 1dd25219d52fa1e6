// The one HTTP client for Sesamy. Every call names its operation (what it does, in
// the publisher's words, and how its failures are treated) so that policy.ts can
// turn any failure into a clear, actionable Zapier error. Authentication is not
// handled here: authentication.ts adds the bearer token for the API host only.
import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import type * as zod from 'zod';
import { errorFromThrown, type Operation, quote, raise, unexpectedBody } from './errors.ts';

/**
 * The record schemas (records.ts), loaded by the first call that reads an answer, not
 * when the app loads: building zod's schemas would be most of the app's cold start
 * (docs/performance.md). So no module imports records.ts for a value, only for types;
 * a call names its schema with a function of the module, `(records) => records.UserRecord`.
 * scripts/build.mjs fails the build when records.ts is no longer loaded lazily.
 */
export type Records = typeof import('./records.ts');
let loadingRecords: Promise<Records> | undefined;
const loadRecords = (): Promise<Records> => (loadingRecords ??= import('./records.ts'));

export const ENVIRONMENTS = {
  production: { label: 'Production', api: 'https://api2.sesamy.com', token: 'https://token.sesamy.com' },
  development: { label: 'Development', api: 'https://api2.sesamy.dev', token: 'https://token.sesamy.dev' },
} as const;

export type Environment = keyof typeof ENVIRONMENTS;

const isEnvironment = (value: unknown): value is Environment =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENVIRONMENTS, value);

/** The hosts of the connection's environment; connections made before the field existed are Production. */
export const hostsOf = (bundle: Bundle): (typeof ENVIRONMENTS)[Environment] | undefined => {
  const environment = bundle.authData?.environment ?? 'production';
  return isEnvironment(environment) ? ENVIRONMENTS[environment] : undefined;
};

const hostsOrThrow = (z: ZObject, bundle: Bundle) => {
  const hosts = hostsOf(bundle);
  if (!hosts) {
    const choices = Object.values(ENVIRONMENTS).map((environment) => environment.label);
    throw raise.fail(
      z,
      bundle,
      `This connection names an unknown Sesamy environment. Reconnect your Sesamy account and choose ${choices.join(' or ')}.`,
      'InvalidEnvironment',
    );
  }
  return hosts;
};

/** Query values are encoded into the URL here, never passed as `params`, so no delivered id can alter a request. */
export const apiUrl = (z: ZObject, bundle: Bundle, path: string, query: Record<string, string | number | undefined> = {}): string => {
  const url = new URL(path, hostsOrThrow(z, bundle).api);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
};

/**
 * One path segment from an id that may come from a delivery or a typed field. A lone
 * surrogate (half an emoji) cannot be encoded (encodeURIComponent throws URIError); no
 * Sesamy id has one, so it becomes U+FFFD and Sesamy answers "not found".
 */
export const segment = (id: string): string => encodeURIComponent(id.replace(/\p{Cs}/gu, '\uFFFD'));

/** Per-request limit: hydration makes its few requests in parallel inside Zapier's 30-second budget. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface SesamyRequest {
  readonly operation: Operation;
  readonly url: string;
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly json?: unknown;
  readonly form?: Record<string, string>;
  /** A plain-text body (a user_metadata value), sent as it is. */
  readonly text?: string;
}

/** Sends one request; non-2xx answers never return (policy.ts throws), except where the policy says success. */
export const send = async (z: ZObject, bundle: Bundle, request: SesamyRequest): Promise<HttpResponse> => {
  const options: HttpRequestOptions & { url: string } = {
    url: request.url,
    method: request.method ?? 'GET',
    headers: { Accept: 'application/json' },
    timeout: REQUEST_TIMEOUT_MS,
    middlewareData: { operation: request.operation },
  };
  if (request.json !== undefined) options.json = request.json;
  if (request.form !== undefined) options.form = request.form;
  if (request.text !== undefined) {
    options.body = request.text;
    options.headers = { ...options.headers, 'Content-Type': 'text/plain' };
  }
  try {
    return await z.request(options);
  } catch (thrown) {
    throw errorFromThrown(z, bundle, request.operation, thrown);
  }
};

const describeIssue = (error: zod.ZodError): string => {
  const issue = error.issues[0];
  if (!issue) return 'the answer had an unexpected shape';
  const path = issue.path.map(String).join('.');
  return `the answer had an unexpected shape (${path ? `at ${quote(path)}: ` : ''}${issue.message})`;
};

/** Reads a 2xx answer's JSON with the schema `schemaOf` picks; anything else is a clear error naming the operation. */
const readJson = <Schema extends zod.ZodType>(
  z: ZObject,
  bundle: Bundle,
  operation: Operation,
  response: HttpResponse,
  schema: Schema,
): zod.output<Schema> => {
  if (response.data === undefined || response.data === null) {
    const empty = typeof response.content !== 'string' || response.content.trim() === '';
    throw unexpectedBody(z, bundle, operation, empty ? 'the answer was empty' : 'the answer was not JSON');
  }
  const result = schema.safeParse(response.data);
  if (!result.success) throw unexpectedBody(z, bundle, operation, describeIssue(result.error));
  return result.data;
};

/** Sends one request and reads its JSON answer with the schema `schemaOf` picks (records load while the request is under way). */
export const fetchJson = async <Schema extends zod.ZodType>(
  z: ZObject,
  bundle: Bundle,
  request: SesamyRequest,
  schemaOf: (records: Records) => Schema,
): Promise<zod.output<Schema>> => {
  const [response, records] = await Promise.all([send(z, bundle, request), loadRecords()]);
  return readJson(z, bundle, request.operation, response, schemaOf(records));
};

/** Like fetchJson, for a search's read: undefined when Sesamy has no such record (404, 410; policy.ts lets those through). */
export const fetchIfFound = async <Schema extends zod.ZodType>(
  z: ZObject,
  bundle: Bundle,
  request: SesamyRequest,
  schemaOf: (records: Records) => Schema,
): Promise<zod.output<Schema> | undefined> => {
  const [response, records] = await Promise.all([send(z, bundle, request), loadRecords()]);
  if (response.status === 404 || response.status === 410) return undefined;
  return readJson(z, bundle, request.operation, response, schemaOf(records));
};

// ---- Sesamy Management API calls ------------------------------------------------

/** OAuth 2 client credentials. Sesamy's token endpoint accepts only a form-encoded body (JSON gets a 403). */
export const requestToken = (z: ZObject, bundle: Bundle) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'token', action: 'get an access token', permission: 'get an access token' },
      url: `${hostsOrThrow(z, bundle).token}/oauth/token`,
      method: 'POST',
      form: {
        grant_type: 'client_credentials',
        client_id: String(bundle.authData?.clientId ?? '').trim(),
        client_secret: String(bundle.authData?.clientSecret ?? '').trim(),
      },
    },
    (records) => records.TokenRecord,
  );

export const listVendors = (z: ZObject, bundle: Bundle) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'list', action: 'list your vendors', permission: 'read vendors' },
      url: apiUrl(z, bundle, '/management/vendors'),
    },
    (records) => records.listOf(records.VendorRecord),
  );

export const PRODUCT_PAGE_SIZE = 50;

export const listProducts = (z: ZObject, bundle: Bundle, page: number) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'list', action: 'list your products', permission: 'read products' },
      url: apiUrl(z, bundle, '/management/products', { limit: PRODUCT_PAGE_SIZE, offset: page * PRODUCT_PAGE_SIZE }),
    },
    (records) => records.listOf(records.ProductRecord),
  );

export const listContracts = (z: ZObject, bundle: Bundle, limit: number) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'list', action: 'list recent contracts', permission: 'read contracts' },
      url: apiUrl(z, bundle, '/management/contracts', { limit }),
    },
    (records) => records.listOf(records.ContractRecord),
  );

export const listUsers = (z: ZObject, bundle: Bundle, limit: number) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'list', action: 'list recent users', permission: 'read users' },
      url: apiUrl(z, bundle, '/management/users', { limit }),
    },
    (records) => records.listOf(records.UserRecord),
  );

/** Enough for any one reader's history; userInsights counts come from it. */
const USER_CONTRACTS_LIMIT = 100;

/** Where a reader's own records are read, by the triggers and the steps alike (api/calls.ts). */
export const readerUrl = (z: ZObject, bundle: Bundle, userId: string, record: 'profile' | 'contracts' | 'entitlements'): string => {
  switch (record) {
    case 'profile':
      return apiUrl(z, bundle, `/management/users/${segment(userId)}`);
    case 'contracts':
      return apiUrl(z, bundle, '/management/contracts', { userId, limit: USER_CONTRACTS_LIMIT });
    case 'entitlements':
      return apiUrl(z, bundle, '/management/entitlements', { userId });
  }
};

export const getContract = (z: ZObject, bundle: Bundle, contractId: string) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'lookup', action: `read contract ${quote(contractId)}`, permission: 'read contracts' },
      url: apiUrl(z, bundle, `/management/contracts/${segment(contractId)}`),
    },
    (records) => records.ContractRecord,
  );

export const getUser = (z: ZObject, bundle: Bundle, userId: string) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'lookup', action: `read user ${quote(userId)}`, permission: 'read users' },
      url: readerUrl(z, bundle, userId, 'profile'),
    },
    (records) => records.UserRecord,
  );

export const getProduct = (z: ZObject, bundle: Bundle, sku: string) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'lookup', action: `read product ${quote(sku)}`, permission: 'read products' },
      url: apiUrl(z, bundle, `/management/products/${segment(sku)}`),
    },
    (records) => records.ProductRecord,
  );

export const listUserContracts = (z: ZObject, bundle: Bundle, userId: string) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'lookup', action: `list the contracts of user ${quote(userId)}`, permission: 'read contracts' },
      url: readerUrl(z, bundle, userId, 'contracts'),
    },
    (records) => records.listOf(records.ContractRecord),
  );

export const listUserEntitlements = (z: ZObject, bundle: Bundle, userId: string) =>
  fetchJson(
    z,
    bundle,
    {
      operation: {
        kind: 'lookup',
        action: `list the entitlements of user ${quote(userId)}`,
        permission: 'read entitlements',
      },
      url: readerUrl(z, bundle, userId, 'entitlements'),
    },
    (records) => records.listOf(records.EntitlementRecord),
  );
