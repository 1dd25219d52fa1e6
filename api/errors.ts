// The one error policy: how every outcome of a call to Sesamy becomes what the
// publisher sees and what Zapier does next. docs/reliability.md has the table.
//
// Three entry points share one set of rules:
//   - applyErrorPolicy: afterResponse middleware for HTTP statuses,
//   - errorFromThrown: what z.request throws (timeouts, resets, core's 401 refresh),
//   - unexpectedBody: a 2xx answer whose body is not the JSON the call expects.
// Every message is short, says what to do, and passes through redact(), so no
// secret, token or request body can reach a publisher or a log. Of Sesamy's answers,
// only the message of a 422 on an action is passed on, after the app's own words, and
// only as sesamyReasonOf cleans it. Every error also carries its facts as data
// (failureOf): code reads those, never the words.
import type { AfterResponseMiddleware, Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { endInvocation } from './invocation.ts';

/**
 * How a call's failures are treated:
 * - token: the OAuth token exchange; Sesamy's own refusal means the credentials are wrong, anything else is temporary.
 * - lookup: one record that an event points at; missing means skip this event (halt).
 * - list: listings for dropdowns, samples and the connection test.
 * - write: creating the hook subscription.
 * - delete: removing the hook subscription; "already gone" (404, 410) is success.
 * - search: a search step's reads; "not there" (404, 410) is "nothing found", never an error.
 * - create: an action that adds a record (a grant, a reader), and the reads it needs first.
 * - update: an action that changes a record (a grant's status, a profile), and its reads.
 * - detail: a record a payment's row is built around (its reader, bill or contract), named by
 *   an id Sesamy listed; gone (404, 410), or an id no record can have, is an answer: the row
 *   comes without what it would add.
 */
export type OperationKind = 'token' | 'lookup' | 'list' | 'write' | 'delete' | 'search' | 'create' | 'update' | 'detail';

/** Kinds whose 404 or 410 is an answer, not a failure: the client reads them as "gone" or "nothing found". */
export const GONE_IS_AN_ANSWER: readonly OperationKind[] = ['delete', 'search', 'detail'];

export interface Operation {
  readonly kind: OperationKind;
  /** What the app was trying to do, as a publisher would say it: "read contract “c_1”". */
  readonly action: string;
  /** The permission a 403 means is missing: "read contracts". */
  readonly permission: string;
  /** What to do about a 404 on a list or write, when there is something specific to say. */
  readonly notFoundHint?: string;
  /** What to do about a 400 or 422: on a create or update, which values to check; on a read, when not the step's values. */
  readonly invalidHint?: string;
  /** What a 409 means and what to do, when the call knows better than its kind. */
  readonly conflictHint?: string;
}

/** Tokens younger than this are "fresh": a 401 on one will not be fixed by another refresh. */
export const FRESH_TOKEN_MS = 120_000;

/**
 * `text` as it is when it has at most `max` characters, else its first `max` - 1 and "…".
 * Characters are counted and kept whole (code points), so no emoji is cut in half.
 */
const cut = (text: string, max: number): string => {
  if (text.length <= max) return text;
  let count = 0;
  let kept = 0;
  for (const char of text) {
    count += 1;
    if (count > max) return `${text.slice(0, kept).trimEnd()}…`;
    if (count < max) kept += char.length;
  }
  return text;
};

/** Longest id quoted in a message; deliveries can carry anything. */
const MAX_QUOTED = 60;

/** A control character or a line break, written out (`\u000a`), so a quoted id never breaks a message or a log line in two. */
const visible = (value: string): string =>
  value.replace(/[\p{Cc}\u2028\u2029]/gu, (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);

export const quote = (value: string): string => `“${visible(cut(value, MAX_QUOTED))}”`;

const STATUS_TEXT: Record<number, string> = {
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  425: 'Too Early',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const statusLabel = (status: number): string => `${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;

const RECONNECT =
  'Reconnect your Sesamy account in Zapier with the Client ID and Client Secret of a Management API application (Sesamy dashboard → Settings → API → Applications).';

/** encodeURIComponent, or nothing for text it cannot encode (a lone surrogate). */
const encoded = (text: string): string[] => {
  try {
    return [encodeURIComponent(text)];
  } catch {
    return [];
  }
};

/**
 * A secret as text may carry it, as given and trimmed: as is, inside a JSON string, in a
 * URL, in a form body (core encodes a space as +), in base64. The forms core's own log
 * scrubber replaces (@zapier/secret-scrubber), so the runner masks what Zapier's logs would.
 */
const formsOf = (secret: string): string[] =>
  [secret, secret.trim()].flatMap((text) => [
    text,
    JSON.stringify(text).slice(1, -1),
    ...encoded(text).flatMap((url) => [url, url.replace(/%20/g, '+')]),
    Buffer.from(text).toString('base64'),
  ]);

/** Secrets this connection holds, in every form, longest first (so one containing another is replaced whole). */
const secretsOf = (bundle: Pick<Bundle, 'authData'>): string[] =>
  [
    ...new Set(
      [bundle.authData?.clientSecret, bundle.authData?.sessionKey]
        .filter((value): value is string => typeof value === 'string' && value.length >= 4)
        .flatMap(formsOf)
        .filter((form) => form.length >= 4),
    ),
  ].sort((a, b) => b.length - a.length);

/** The message with every secret of the connection replaced; the hook runner (scripts/) masks its output with it too. */
export const redact = (bundle: Pick<Bundle, 'authData'>, message: string): string =>
  secretsOf(bundle).reduce((text, secret) => text.split(secret).join(':censored:'), message);

/** The longest part of Sesamy's own message a publisher is shown. */
const MAX_REASON = 200;

/**
 * Sesamy's own reason for refusing an action's values (its `error.message`, or a top-level
 * `message`), fit to show: one line of text, with this connection's secrets and anything
 * shaped like a token or credentials censored, markup tags dropped wherever they stand, half
 * characters replaced, cut to MAX_REASON whole characters. Undefined when the body holds no
 * such words (no text, or JSON): nothing else of a body is ever shown.
 */
export const sesamyReasonOf = (bundle: Pick<Bundle, 'authData'>, data: unknown): string | undefined => {
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const nested = typeof record.error === 'object' && record.error !== null ? (record.error as Record<string, unknown>) : {};
  const words = typeof nested.message === 'string' ? nested.message : record.message;
  if (typeof words !== 'string') return undefined;
  const line = redact(bundle, words)
    .replace(/\p{Cs}/gu, '\uFFFD')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/<\/?[A-Za-z!][^<>]*(?:>|$)/g, ' ')
    .replace(/\beyJ[\w-]*(?:\.[\w-]+){0,2}/g, ':censored:')
    .replace(/\b(?:Bearer|Basic)\s+[\w.~+/=-]+/gi, ':censored:')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/\p{L}/u.test(line) || /^[<{[]/.test(line)) return undefined;
  return cut(line, MAX_REASON);
};

/** What an error of this app states besides its words, for the code that decides what happens next. */
export interface Failure {
  /** Names the failure for support and for code: 'NotFound', 'Forbidden', 'Halted', … */
  readonly code: string;
  /** The words as written, redacted (Zapier wraps some classes' messages in JSON). */
  readonly message: string;
  /** A record one event needs could not be read: a delivery skips that event, and the others go on. */
  readonly skipsEvent: boolean;
  /** The HTTP status Sesamy answered, when the failure is one. */
  readonly status?: number;
}

const FAILURE = Symbol('failure');

/**
 * Core appends "What happened" (the bundle with its delivery, inputs and hook URL) to some
 * error classes; marking an error done keeps the publisher's message exactly as written.
 */
const asWritten = <E extends Error>(error: E, failure: Failure): E => Object.assign(error, { doNotContextify: true, [FAILURE]: failure });

/** The facts an error of this app carries; undefined for any other error. */
export const failureOf = (error: unknown): Failure | undefined =>
  error instanceof Error && FAILURE in error ? (error as Error & { [FAILURE]: Failure })[FAILURE] : undefined;

/**
 * Whether a failed read of one record says nothing about the connection or the moment:
 * Sesamy refused that id (400, 409, 422), or answered it with something that is not the
 * record. A 403 may be either: the caller tells by whether another record of its kind
 * can be read. Anything else (401, 429, 5xx, a timeout) is about the connection, and so is
 * a redirect: a gateway or a moved API sends every record's read elsewhere, and rows built
 * without their records would be delivered, and deduplicated by Zapier, for good.
 */
export const isAboutOneRecord = (error: unknown): boolean => {
  const failed = failureOf(error);
  if (failed === undefined || (failed.status !== undefined && failed.status >= 300 && failed.status < 400)) return false;
  return ['InvalidRequest', 'Conflict', 'UnexpectedResponse'].includes(failed.code);
};

/** Whether Sesamy refused a read for want of a permission (403): about one record or every one of its kind. */
export const isRefused = (error: unknown): boolean => failureOf(error)?.code === 'Forbidden';

/** How a raised error says whether its event is skipped, and which status Sesamy answered. */
interface Facts {
  readonly skipsEvent?: boolean;
  readonly status?: number;
}

const failure = (code: string, message: string, facts: Facts = {}, status = facts.status): Failure => ({
  code,
  message,
  skipsEvent: facts.skipsEvent ?? false,
  ...(status === undefined ? {} : { status }),
});

/** The Zapier errors this app raises, each redacted, shown exactly as written, and carrying its facts. */
export const raise = {
  /** Skip this run; never turns a Zap off. */
  halt: (z: ZObject, bundle: Bundle, message: string, facts: Facts = {}): Error => {
    const said = redact(bundle, message);
    return asWritten(new z.errors.HaltedError(said), failure('Halted', said, facts));
  },
  /** The connection must be reconnected; Zapier holds runs and emails the publisher. */
  reconnect: (z: ZObject, bundle: Bundle, message: string): Error => {
    const said = redact(bundle, message);
    return asWritten(new z.errors.ExpiredAuthError(said), failure('ExpiredAuth', said));
  },
  /** Temporary: Zapier retries after `delay` seconds (its default when undefined). */
  retry: (z: ZObject, bundle: Bundle, message: string, delay?: number): Error => {
    const said = redact(bundle, message);
    return asWritten(new z.errors.ThrottledError(said, delay), failure('Throttled', said));
  },
  /** A failure the publisher must fix; `code` names it for support. */
  fail: (z: ZObject, bundle: Bundle, message: string, code: string, status?: number, facts: Facts = {}): Error => {
    const said = redact(bundle, message);
    return asWritten(new z.errors.Error(said, code, status), failure(code, said, facts, status));
  },
};

/** Sesamy's machine-readable error code, when it sends one that is safe to repeat ("invalid_client"). */
const errorCodeOf = (response: HttpResponse): string | undefined => {
  const data: unknown = response.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  const nested = record.error;
  const candidate =
    typeof nested === 'string'
      ? nested
      : typeof nested === 'object' && nested !== null
        ? (nested as Record<string, unknown>).code
        : record.code;
  return typeof candidate === 'string' && /^[A-Za-z][A-Za-z0-9_.-]{0,47}$/.test(candidate) ? candidate : undefined;
};

/**
 * The longest delay the app asks Zapier for: what Zapier honours for a hook's perform (its
 * CLI docs, "Handling Throttled Requests"); it documents no limit for the other operations,
 * so the one rule holds for all. The shortest is 1 s: 0 would retry into the same refusal.
 */
export const MAX_RETRY_AFTER_S = 300;
export const MIN_RETRY_AFTER_S = 1;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** RFC 9110's three HTTP-date forms: IMF-fixdate, RFC 850 (two-digit year), asctime (no zone: GMT). */
const HTTP_DATES = [
  { form: new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`), parts: [1, 2, 3, 4, 5, 6] },
  { form: new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`), parts: [1, 2, 3, 4, 5, 6] },
  { form: new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`), parts: [2, 1, 6, 3, 4, 5] },
] as const;

/** An HTTP date as epoch milliseconds, or undefined when the text is none (or names a day that does not exist). */
const httpDate = (text: string, now: number): number | undefined => {
  for (const { form, parts } of HTTP_DATES) {
    const match = form.exec(text);
    if (!match) continue;
    const [day = '', month = '', year = '', hours = '', minutes = '', seconds = ''] = parts.map((index) => match[index] ?? '');
    let fullYear = Number(year);
    if (year.length === 2) {
      // RFC 9110: a two-digit year more than 50 years ahead is the most recent past year with those digits.
      fullYear += 2000;
      if (fullYear > new Date(now).getUTCFullYear() + 50) fullYear -= 100;
    }
    const at = Date.UTC(fullYear, MONTHS.indexOf(month), Number(day), Number(hours), Number(minutes), Number(seconds));
    return new Date(at).getUTCDate() === Number(day) && Number(hours) < 24 && Number(minutes) < 60 && Number(seconds) < 61 ? at : undefined;
  }
  return undefined;
};

/**
 * Retry-After as the whole seconds to ask Zapier for: whole or decimal seconds (rounded
 * up), or an HTTP date, clamped to MIN_RETRY_AFTER_S–MAX_RETRY_AFTER_S; undefined when
 * the header is absent or unreadable (Zapier then uses its default).
 */
export const retryAfterSeconds = (header: string | undefined, now = Date.now()): number | undefined => {
  const text = header?.trim() ?? '';
  // Seconds too many for a double read as Infinity, and are clamped like any long delay.
  const seconds = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : ((httpDate(text, now) ?? Number.NaN) - now) / 1000;
  if (Number.isNaN(seconds)) return undefined;
  return Math.min(MAX_RETRY_AFTER_S, Math.max(MIN_RETRY_AFTER_S, Math.ceil(seconds)));
};

const tokenIsFresh = (bundle: Bundle, now = Date.now()): boolean => {
  const issuedAt = Date.parse(bundle.authData?.tokenIssuedAt ?? '');
  return !Number.isNaN(issuedAt) && now - issuedAt < FRESH_TOKEN_MS;
};

/** Statuses that mean "not now" on every operation: ask again later. */
const TEMPORARY = new Set([408, 425, 429]);

export const isTemporary = (status: number): boolean => TEMPORARY.has(status) || status >= 500;

/** What an answer says besides its status. */
export interface StatusDetails {
  /** Retry-After, in seconds (retryAfterSeconds). */
  readonly retryAfter?: number;
  /** Sesamy's machine-readable error code, when safe to repeat. */
  readonly code?: string;
  /** On the token exchange: whether the answer is Sesamy's own refusal of the credentials (sesamysRefusal). */
  readonly refusal?: boolean;
  /** The answer's content type, when it is a plain media type: says what a non-Sesamy answer was. */
  readonly contentType?: string;
  /** On a 422 to an action: Sesamy's own reason, cleaned (sesamyReasonOf). */
  readonly reason?: string | undefined;
}

/** The Zapier error for an HTTP status ≥ 400 on an operation. */
export const errorForStatus = (z: ZObject, bundle: Bundle, operation: Operation, status: number, details: StatusDetails = {}): Error => {
  const { action, kind } = operation;
  const said = `${statusLabel(status)}${details.code ? `, ${details.code}` : ''}`;

  if (isTemporary(status)) {
    const when = details.retryAfter === undefined ? 'shortly' : `in ${details.retryAfter} second${details.retryAfter === 1 ? '' : 's'}`;
    const what =
      status === 429
        ? `Sesamy is receiving too many requests (${said})`
        : status < 500
          ? `Sesamy asked the app to try again later (${said})`
          : `Sesamy had a temporary problem (${said})`;
    return raise.retry(z, bundle, `${what} while trying to ${action}. Zapier will retry ${when}.`, details.retryAfter);
  }
  // Core turns a 401 into RefreshAuthError before any body can be read, so on the token
  // exchange a 401 is taken as Sesamy's refusal; any other status is only when Sesamy says so.
  if (status === 401 || (kind === 'token' && details.refusal)) {
    return raise.reconnect(z, bundle, `Sesamy did not accept this connection's credentials (${said}). ${RECONNECT}`);
  }
  if (kind === 'token') {
    const type = details.contentType ? ` (${details.contentType})` : ' (no content type)';
    return raise.retry(
      z,
      bundle,
      `Sesamy's sign-in service answered ${said} with something other than its own refusal${type} while trying to ${action}: maybe a firewall or a network problem on the way. Zapier will retry shortly.`,
    );
  }
  // A record an event points at that cannot be read: that event is skipped, and never turns the Zap off.
  const skipsEvent = kind === 'lookup';
  if (status === 403) {
    return raise.fail(
      z,
      bundle,
      `This Sesamy connection may not ${operation.permission} (${said}). In the Sesamy dashboard, give its Management API application that permission, or reconnect with one that has it.`,
      'Forbidden',
      status,
      { skipsEvent, status },
    );
  }
  if (kind === 'lookup') {
    const reason = status === 404 || status === 410 ? ' Sesamy has no such record; it may have been deleted.' : '';
    return raise.halt(z, bundle, `Could not ${action} (${said}).${reason}`, { skipsEvent, status });
  }
  if (status === 404 || status === 410) {
    return raise.fail(
      z,
      bundle,
      `Sesamy could not find what is needed to ${action} (${said}). ${operation.notFoundHint ?? 'Check the values in this step and try again.'}`,
      'NotFound',
      status,
    );
  }
  if (status === 409) {
    const next =
      operation.conflictHint ??
      (kind === 'create'
        ? 'The record may already exist: look it up with a Find step, or replay this run, which reuses a record it finds.'
        : kind === 'update'
          ? 'The record changed meanwhile: replay this run to apply the change to its current state.'
          : 'Wait a moment and try again.');
    return raise.fail(
      z,
      bundle,
      `Sesamy refused to ${action} because it conflicts with existing data (${said}). ${next}`,
      'Conflict',
      status,
    );
  }
  if (kind === 'create' || kind === 'update') {
    const reason = status === 422 && details.reason ? ` Sesamy said: “${details.reason}”.` : '';
    return raise.fail(
      z,
      bundle,
      `Sesamy did not accept the values sent to ${action} (${said}). ${operation.invalidHint ?? 'Check the values mapped into this step and try again.'}${reason}`,
      'InvalidRequest',
      status,
    );
  }
  // A row's record is read by the id Sesamy listed: no value of the Zap's is in the request.
  const next =
    operation.invalidHint ??
    (kind === 'detail' ? 'Try again; if it keeps happening, contact Sesamy support.' : 'Check the values in this step and try again.');
  return raise.fail(z, bundle, `Sesamy rejected the request to ${action} (${said}). ${next}`, 'InvalidRequest', status);
};

/** Reads the operation the client attached to a request; requests the client did not make carry none. */
const operationOf = (response: HttpResponse): Operation | undefined => {
  const operation: unknown = response.request?.middlewareData?.operation;
  return typeof operation === 'object' && operation !== null ? (operation as Operation) : undefined;
};

/** A media type as the answer names it (`text/html`), when it is a plain one: it is quoted in a message. */
const contentTypeOf = (response: HttpResponse): string | undefined =>
  /^[\w.+-]{1,40}\/[\w.+-]{1,60}/.exec(response.getHeader('content-type') ?? '')?.[0]?.toLowerCase();

/** OAuth 2's error codes (RFC 6749 §5.2) that refuse the client or its grant: another try with the same credentials fails the same way. */
const OAUTH_REFUSALS = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant', 'access_denied']);

/**
 * Sesamy's token service's own words for refused credentials (authhero's `{"message": …}`),
 * each with the status it sends them with; its 401s need none (core hides a 401's body).
 */
const SESAMY_REFUSALS: ReadonlyMap<string, number> = new Map([
  ['Invalid client credentials', 403],
  ['Client not found', 403],
  ['Tenant not found', 404],
]);

/**
 * Whether the token endpoint's answer is Sesamy's own refusal of the credentials, as JSON:
 * an OAuth refusal (`{"error": "invalid_client"}`) on a 400, 401 or 403, or one of Sesamy's
 * own messages with the status Sesamy sends it with (`403 {"message": "Client not found"}`).
 * Anything else says nothing about the credentials: a gateway's, a CDN's or a firewall's
 * `{"message": "Forbidden"}` or `{"message": "Not Found"}`, a page, a 413 or a 431.
 */
export const sesamysRefusal = (response: HttpResponse): boolean => {
  const data: unknown = response.data;
  if (!/^application\/(?:[\w.-]+\+)?json$/.test(contentTypeOf(response) ?? '')) return false;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const record = data as Record<string, unknown>;
  if (Object.hasOwn(record, 'cloudflare_error')) return false;
  const { error, message } = record;
  if (typeof error === 'string' && OAUTH_REFUSALS.has(error)) return [400, 401, 403].includes(response.status);
  return typeof message === 'string' && SESAMY_REFUSALS.get(message) === response.status;
};

/** afterResponse: every response to a call made through http.ts is judged here. */
export const applyErrorPolicy: AfterResponseMiddleware = (response, z, bundle) => {
  const operation = operationOf(response);
  if (!operation || response.status < 300) return response;
  if (response.status < 400) throw redirected(z, bundle, operation, response.status);
  if (GONE_IS_AN_ANSWER.includes(operation.kind) && (response.status === 404 || response.status === 410)) {
    // Unsubscribing: the subscription is already gone, so the Zap can always be turned off.
    // Searching: Sesamy has no such record, which a search reports as nothing found.
    // A polled row's reader or bill: the row comes without it.
    response.skipThrowForStatus = true;
    return response;
  }
  const contentType = contentTypeOf(response);
  throw errorForStatus(z, bundle, operation, response.status, {
    retryAfter: retryAfterSeconds(response.getHeader('retry-after')),
    code: errorCodeOf(response),
    ...(response.status === 422 ? { reason: sesamyReasonOf(bundle, response.data) } : {}),
    ...(operation.kind === 'token' ? { refusal: sesamysRefusal(response) } : {}),
    ...(contentType ? { contentType } : {}),
  });
};

/** Errors that already say what Zapier should do (core's classes); passed on with their words, without core's context. */
const ZAPIER_ERRORS = new Set([
  'AppError',
  'HaltedError',
  'ExpiredAuthError',
  'RefreshAuthError',
  'ThrottledError',
  'CheckError',
  'StopRequestError',
]);

/**
 * A Zapier error marked so that core appends no context to it ("What happened": the
 * bundle with the delivery and the hook URL; in production also the console logs);
 * undefined when it cannot be marked (frozen).
 */
const markedDone = (error: Error): Error | undefined => {
  try {
    Object.assign(error, { doNotContextify: true });
  } catch {
    return undefined;
  }
  return (error as Error & { doNotContextify?: unknown }).doNotContextify === true ? error : undefined;
};

/** An error's class name; what was thrown may be anything (a string, null). */
const nameOf = (thrown: unknown): string =>
  typeof thrown === 'object' && thrown !== null ? String((thrown as { name?: unknown }).name) : typeof thrown;

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
]);

/**
 * node-fetch's error types for a request or a body that took longer than its time: its own
 * timeouts, and `aborted`, its AbortError, which only a request's deadline raises (http.ts send).
 */
const TIMEOUT_TYPES = new Set(['request-timeout', 'body-timeout', 'aborted']);

const isTimeout = (error: { type?: unknown; code?: unknown }): boolean =>
  TIMEOUT_TYPES.has(String(error.type)) || error.code === 'ETIMEDOUT';

const isNetworkError = (error: { type?: unknown; code?: unknown; errno?: unknown }): boolean =>
  isTimeout(error) || error.type === 'system' || NETWORK_CODES.has(String(error.code)) || NETWORK_CODES.has(String(error.errno));

/** What z.request threw, as the Zapier error the policy wants. */
export const errorFromThrown = (z: ZObject, bundle: Bundle, operation: Operation, thrown: unknown): Error => {
  const error = (thrown ?? {}) as Error & { type?: unknown; code?: unknown; errno?: unknown };

  if (error.name === 'RefreshAuthError') {
    // Core turns every 401 into RefreshAuthError so Zapier renews the session and retries.
    // On the token exchange itself, or on a token issued moments ago, renewing cannot help.
    if (operation.kind === 'token' || tokenIsFresh(bundle)) {
      return errorForStatus(z, bundle, operation, 401);
    }
  }
  const passed = ZAPIER_ERRORS.has(error.name) ? markedDone(error) : undefined;
  if (passed) return passed;
  if (isNetworkError(error)) {
    const what = isTimeout(error) ? 'did not answer in time' : 'could not be reached';
    return raise.retry(z, bundle, `Sesamy ${what} while the app tried to ${operation.action}. Zapier will retry shortly.`);
  }
  return raise.fail(
    z,
    bundle,
    `Something unexpected happened while trying to ${operation.action}. Try again; if it keeps happening, contact Sesamy support.`,
    'UnexpectedError',
  );
};

/** The run has used its time (api/invocation.ts RUN_BUDGET_MS) before this call could start: temporary. */
export const outOfTime = (z: ZObject, bundle: Bundle, operation: Operation): Error =>
  raise.retry(
    z,
    bundle,
    `Sesamy answered too slowly for this run to finish within Zapier's time limit; the app did not get to ${operation.action}. Zapier will retry shortly.`,
  );

const unexpectedAnswer = (z: ZObject, bundle: Bundle, operation: Operation, problem: string, facts: Facts): Error =>
  raise.fail(
    z,
    bundle,
    `Sesamy sent an unexpected answer while the app tried to ${operation.action}: ${problem}. Try again; if it keeps happening, contact Sesamy support.`,
    'UnexpectedResponse',
    facts.status,
    facts,
  );

/** A 2xx answer that is not the JSON the operation expects; on a lookup, its event is skipped. */
export const unexpectedBody = (z: ZObject, bundle: Bundle, operation: Operation, problem: string): Error =>
  unexpectedAnswer(z, bundle, operation, problem, { skipsEvent: operation.kind === 'lookup' });

/**
 * A 3xx: the app follows no redirect (http.ts send), so nothing goes on to another address.
 * It says nothing about one record, so no event is skipped: the run fails, to be replayed.
 */
const redirected = (z: ZObject, bundle: Bundle, operation: Operation, status: number): Error =>
  unexpectedAnswer(z, bundle, operation, `it answered ${statusLabel(status)}, and the app follows no redirect`, { status });

/**
 * An id or key that would leave its place in a path (empty, `.`, `..`, or a percent form of
 * them): nothing was sent. On a lookup the event is skipped; on a step the input is wrong.
 * Where "not found" is an answer (GONE_IS_AN_ANSWER), calls.ts answers it instead.
 */
export const errorForUnsafeSegment = (z: ZObject, bundle: Bundle, operation: Operation, segment: string): Error => {
  const why = `${quote(segment)} cannot name a Sesamy record (no id or key is empty, “.” or “..”, starts with “?” or “#”, or has an empty, “.” or “..” part where “/” or “\\” divide it)`;
  if (operation.kind === 'lookup') return raise.halt(z, bundle, `Could not ${operation.action}: ${why}.`, { skipsEvent: true });
  return raise.fail(
    z,
    bundle,
    `The app did not ${operation.action}: ${why}. Choose the value from the dropdown or map a field that holds it; a value typed in must keep to that rule.`,
    'InvalidInput',
  );
};

/**
 * What the app passes on to Zapier when one of its functions throws: a Zapier error as it
 * is, marked so core appends no context; anything else (a TypeError, a RangeError) as
 * UnexpectedError, because its own words are not the app's and may quote the delivery.
 */
export const errorPassedOn = (z: ZObject, bundle: Bundle, thrown: unknown): Error => {
  const name = nameOf(thrown);
  const passed = ZAPIER_ERRORS.has(name) ? markedDone(thrown as Error) : undefined;
  return (
    passed ??
    raise.fail(
      z,
      bundle,
      `Something unexpected happened in the Sesamy app (${/^\w{1,40}$/.test(name) ? name : 'an error'}). Try again; if it keeps happening, contact Sesamy support.`,
      'UnexpectedError',
    )
  );
};

const CONTEXT_FREE = Symbol('contextFree');

/** A function the app gives Zapier: a perform, a test, a connection label. */
type AppFunction<Result> = (z: ZObject, bundle: Bundle) => Result;

/**
 * Wraps a function the app gives Zapier: whatever it throws reaches Zapier without core's
 * context (errorPassedOn), and when it ends, what it still has queued is dropped
 * (invocation.ts), so no request goes out after a run has failed.
 */
export const contextFree = <Result>(work: AppFunction<Result>): AppFunction<Promise<Awaited<Result>>> =>
  Object.assign(
    async (z: ZObject, bundle: Bundle): Promise<Awaited<Result>> => {
      try {
        return await work(z, bundle);
      } catch (thrown) {
        throw errorPassedOn(z, bundle, thrown);
      } finally {
        endInvocation(z);
      }
    },
    { [CONTEXT_FREE]: true },
  );

/** Whether a function is contextFree's wrapper. */
export const isContextFree = (value: unknown): boolean => typeof value === 'function' && CONTEXT_FREE in value;
