// HTTP to Sesamy, and nothing else: the environments and their hosts, the one function
// that builds a request's URL, and sending. Every request names its operation (what it
// does, in the publisher's words, and how its failures are treated), so that the one
// error policy (errors.ts) turns any failure into a clear Zapier error. The bearer token
// is not added here: authentication.ts adds it, for the API host only.
import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import type * as zod from 'zod';
import { errorFromThrown, type Operation, outOfTime, quote, raise, unexpectedBody } from './errors.ts';
import { invocationOf } from './invocation.ts';

/**
 * The record schemas (records.ts), loaded by the first request that reads an answer, not
 * when the app loads: building zod's schemas would be most of the app's cold start
 * (docs/performance.md). So no module imports records.ts for a value, only for types; an
 * endpoint names its schema with a function of the module, `(records) => records.UserRecord`.
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

const isEnvironment = (value: unknown): value is Environment => typeof value === 'string' && Object.hasOwn(ENVIRONMENTS, value);

/** The hosts of the connection's environment; connections made before the field existed are Production. */
export const hostsOf = (bundle: Bundle): (typeof ENVIRONMENTS)[Environment] | undefined => {
  const environment = bundle.authData?.environment ?? 'production';
  return isEnvironment(environment) ? ENVIRONMENTS[environment] : undefined;
};

/** The connection's Client ID as Sesamy reads it: trimmed (the secret is sent as stored, authentication.ts). */
export const clientIdOf = (bundle: Bundle): string => String(bundle.authData?.clientId ?? '').trim();

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

export type Query = Readonly<Record<string, string | number | undefined>>;

/** Where a request goes: one of the environment's hosts, the path as its segments, and the query. */
export interface Target {
  readonly host: 'api' | 'token';
  /** Words and ids alike; each segment is encoded on its own, so no id can add a segment. */
  readonly path: readonly string[];
  readonly query?: Query;
}

/** A dot segment, also percent-encoded in any case: a URL resolves it to the parent or the same path. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Whether a path segment's text, as some party may read it, leaves its place: its path ends
 * at a `?` or `#`, and `/` and `\` divide it, so each part up to there must be a name, not
 * empty, `.` or `..` (users/x/.. is /management/users/, and users/?q the collection).
 */
const leavesItsPlace = (text: string): boolean =>
  (text.split(/[?#]/, 1)[0] ?? '').split(/[/\\]/).some((part) => part === '' || DOT_SEGMENT.test(part));

/** Percent-decoded once, as a lenient party decodes: every run of escapes that decodes, and any other escape of an ASCII character. */
const decodedOnce = (text: string): string =>
  text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%[0-7][0-9a-f]/gi, (hex) => String.fromCharCode(Number.parseInt(hex.slice(1), 16)));
    }
  });

/**
 * Whether a segment would leave its place in the path (leavesItsPlace), as it is, and as
 * any party that decodes before it resolves reads it (decoded here up to three times over),
 * with full stops and solidi that Unicode normalization turns into `.`, `/` and `\`. A
 * slash between names (a/b) only goes deeper, never to the parent or the collection.
 */
export const isUnsafeSegment = (segment: string): boolean => {
  let text = segment;
  for (let decodings = 0; decodings <= 3; decodings++) {
    text = text.normalize('NFKC');
    if (leavesItsPlace(text)) return true;
    const decoded = decodedOnce(text);
    if (decoded === text) return false;
    text = decoded;
  }
  return false;
};

/** What urlOf throws for a segment that would leave its place in the path; nothing is sent. */
export class UnsafeSegment extends Error {
  readonly segment: string;
  constructor(segment: string) {
    super('A path segment would address another endpoint.');
    this.name = 'UnsafeSegment';
    this.segment = segment;
  }
}

/**
 * One path segment from an id that may come from a delivery or a typed field. A lone
 * surrogate (half an emoji) cannot be encoded (encodeURIComponent throws URIError); no
 * Sesamy id has one, so it becomes U+FFFD and Sesamy answers "not found".
 */
const segment = (id: string): string => {
  if (isUnsafeSegment(id)) throw new UnsafeSegment(id);
  return encodeURIComponent(id.replace(/\p{Cs}/gu, '\uFFFD'));
};

/**
 * The URL of a target: the one place a URL is built, so the one place a path is checked.
 * Each segment stays in its place (UnsafeSegment otherwise). Query values are encoded into
 * the URL here, never passed as core's `params`, so no delivered id can alter a request.
 */
export const urlOf = (z: ZObject, bundle: Bundle, target: Target): string => {
  const url = new URL(`/${target.path.map(segment).join('/')}`, hostsOrThrow(z, bundle)[target.host]);
  for (const [key, value] of Object.entries(target.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
};

/**
 * One request's limit, counted from when it leaves its queue, for all of it: its headers
 * and its body (send's deadline), and never past the run's budget (api/invocation.ts).
 */
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * `merge: false`: core would otherwise deep-copy the whole bundle (the delivery) and the app
 * definition into every request (its requestMerge), so a delivery of N events cost O(N²)
 * time and memory. The app defines no requestTemplate and builds its URLs itself, so
 * nothing else changes, but the User-Agent core adds only when merging, set here.
 * `redirect: 'manual'`: Sesamy's API has no reason to redirect, and node-fetch would follow
 * a redirect to any host, the token exchange's form with the client secret too; a 3xx is an
 * unexpected answer (errors.ts). `signal`: the request's deadline (send).
 */
type Options = HttpRequestOptions & { url: string; merge: false; redirect: 'manual'; signal?: AbortSignal };

/** A request's body: JSON, a form (the token exchange), or plain text (a user_metadata value, sent as it is). */
export type Body = { readonly json: unknown } | { readonly form: Readonly<Record<string, string>> } | { readonly text: string };

export interface SesamyRequest {
  readonly operation: Operation;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly body?: Body;
}

/**
 * Sends one request, through the invocation's limit on requests in flight (invocation.ts);
 * a non-2xx answer never returns (errors.ts throws), except where the policy calls it an answer.
 */
export const send = async (z: ZObject, bundle: Bundle, request: SesamyRequest): Promise<HttpResponse> => {
  const options: Options = {
    url: request.url,
    method: request.method,
    headers: { Accept: 'application/json', 'User-Agent': 'Zapier' },
    merge: false,
    redirect: 'manual',
    middlewareData: { operation: request.operation },
  };
  const body = request.body;
  if (body && 'json' in body) options.json = body.json;
  if (body && 'form' in body) options.form = { ...body.form };
  if (body && 'text' in body) {
    options.body = body.text;
    options.headers = { ...options.headers, 'Content-Type': 'text/plain' };
  }
  const invocation = invocationOf(z);
  try {
    // No request starts once the run's time is up, and none outlasts it (RUN_BUDGET_MS).
    return await invocation.limit(async () => {
      const left = invocation.timeLeft();
      if (left <= 0) throw outOfTime(z, bundle, request.operation);
      // One deadline for the headers and the body together: node-fetch's own `timeout` would
      // start again for the body. z.request reads the body before it returns.
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), Math.min(REQUEST_TIMEOUT_MS, left));
      const timed: Options = { ...options, signal: deadline.signal };
      try {
        return await z.request(timed);
      } finally {
        clearTimeout(timer);
      }
    });
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

/** A 2xx answer's JSON, read with the schema; anything else is a clear error naming the operation. */
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

/**
 * Sends one request and reads its JSON answer with the schema `schemaOf` picks (the record
 * schemas load while the request is under way). Undefined when Sesamy has no such record
 * and the policy calls that an answer (404 or 410 on a search or an unsubscribe).
 */
export const sendAndRead = async <Schema extends zod.ZodType>(
  z: ZObject,
  bundle: Bundle,
  request: SesamyRequest,
  schemaOf: (records: Records) => Schema,
): Promise<zod.output<Schema> | undefined> => {
  const [response, records] = await Promise.all([send(z, bundle, request), loadRecords()]);
  if (response.status === 404 || response.status === 410) return undefined;
  return readJson(z, bundle, request.operation, response, schemaOf(records));
};
