// The one error policy: how every outcome of a call to Sesamy becomes what the
// publisher sees and what Zapier does next. docs/reliability.md has the table.
//
// Three entry points share one set of rules:
//   - applyErrorPolicy: afterResponse middleware for HTTP statuses,
//   - errorFromThrown: what z.request throws (timeouts, resets, core's 401 refresh),
//   - unexpectedBody: a 2xx answer whose body is not the JSON the call expects.
// Every message is short, says what to do, and passes through redact(), so no
// secret, token or request body can reach a publisher or a log. Every error also
// carries its facts as data (failureOf): code reads those, never the words.
import type { AfterResponseMiddleware, Bundle, HttpResponse, ZObject } from 'zapier-platform-core';

/**
 * How a call's failures are treated:
 * - token: the OAuth token exchange; any refusal means the credentials are wrong.
 * - lookup: one record that an event points at; missing means skip this event (halt).
 * - list: listings for dropdowns, samples and the connection test.
 * - write: creating the hook subscription.
 * - delete: removing the hook subscription; "already gone" (404, 410) is success.
 * - search: a search step's reads; "not there" (404, 410) is "nothing found", never an error.
 * - create: an action that adds a record (a grant, a reader), and the reads it needs first.
 * - update: an action that changes a record (a grant's status, a profile), and its reads.
 * - detail: a record a polled row is built around (a payment's reader or bill); gone (404, 410)
 *   is an answer: the row comes without what it would add.
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
  /** What to do about a 400 or 422 on a create or update: which values to check. */
  readonly invalidHint?: string;
}

/** Tokens younger than this are "fresh": a 401 on one will not be fixed by another refresh. */
export const FRESH_TOKEN_MS = 120_000;

/** Longest id quoted in a message; deliveries can carry anything. */
const MAX_QUOTED = 60;

/** A control character or a line break, written out (`\u000a`), so a quoted id never breaks a message or a log line in two. */
const visible = (value: string): string =>
  value.replace(/[\p{Cc}\u2028\u2029]/gu, (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);

export const quote = (value: string): string => `“${visible(value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value)}”`;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const statusLabel = (status: number): string => `${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;

const RECONNECT =
  'Reconnect your Sesamy account in Zapier with the Client ID and Client Secret of a Management API application (Sesamy dashboard → Settings → API → Applications).';

/** A secret as text may carry it: as given, trimmed, inside a JSON string, in a URL. */
const formsOf = (secret: string): string[] => [secret, secret.trim(), JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];

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

/** What an error of this app states besides its words, for the code that decides what happens next. */
export interface Failure {
  /** Names the failure for support and for code: 'NotFound', 'Forbidden', 'Halted', … */
  readonly code: string;
  /** The words as written, redacted (Zapier wraps some classes' messages in JSON). */
  readonly message: string;
  /** A record one event needs could not be read: a delivery skips that event, and the others go on. */
  readonly skipsEvent: boolean;
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

/** How a raised error says whether its event is skipped; the others carry no such fact. */
interface Facts {
  readonly skipsEvent?: boolean;
}

/** The Zapier errors this app raises, each redacted, shown exactly as written, and carrying its facts. */
export const raise = {
  /** Skip this run; never turns a Zap off. */
  halt: (z: ZObject, bundle: Bundle, message: string, facts: Facts = {}): Error => {
    const said = redact(bundle, message);
    return asWritten(new z.errors.HaltedError(said), { code: 'Halted', message: said, skipsEvent: facts.skipsEvent ?? false });
  },
  /** The connection must be reconnected; Zapier holds runs and emails the publisher. */
  reconnect: (z: ZObject, bundle: Bundle, message: string): Error => {
    const said = redact(bundle, message);
    return asWritten(new z.errors.ExpiredAuthError(said), { code: 'ExpiredAuth', message: said, skipsEvent: false });
  },
  /** Temporary: Zapier retries after `delay` seconds (its default when undefined). */
  retry: (z: ZObject, bundle: Bundle, message: string, delay?: number): Error => {
    const said = redact(bundle, message);
    return asWritten(new z.errors.ThrottledError(said, delay), { code: 'Throttled', message: said, skipsEvent: false });
  },
  /** A failure the publisher must fix; `code` names it for support. */
  fail: (z: ZObject, bundle: Bundle, message: string, code: string, status?: number, facts: Facts = {}): Error => {
    const said = redact(bundle, message);
    return asWritten(new z.errors.Error(said, code, status), { code, message: said, skipsEvent: facts.skipsEvent ?? false });
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

/** Retry-After as seconds: either a number of seconds or an HTTP date. */
export const retryAfterSeconds = (header: string | undefined, now = Date.now()): number | undefined => {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
};

const tokenIsFresh = (bundle: Bundle, now = Date.now()): boolean => {
  const issuedAt = Date.parse(bundle.authData?.tokenIssuedAt ?? '');
  return !Number.isNaN(issuedAt) && now - issuedAt < FRESH_TOKEN_MS;
};

/** The Zapier error for an HTTP status ≥ 400 on an operation. */
export const errorForStatus = (
  z: ZObject,
  bundle: Bundle,
  operation: Operation,
  status: number,
  details: { retryAfter?: number; code?: string } = {},
): Error => {
  const { action, kind } = operation;
  const said = `${statusLabel(status)}${details.code ? `, ${details.code}` : ''}`;

  if (status === 429) {
    const when = details.retryAfter === undefined ? 'shortly' : `in ${details.retryAfter} seconds`;
    return raise.retry(
      z,
      bundle,
      `Sesamy is receiving too many requests (${said}) while trying to ${action}. Zapier will retry ${when}.`,
      details.retryAfter,
    );
  }
  if (status >= 500) {
    return raise.retry(
      z,
      bundle,
      `Sesamy had a temporary problem (${said}) while trying to ${action}. Zapier will retry shortly.`,
      details.retryAfter,
    );
  }
  if (kind === 'token' || status === 401) {
    return raise.reconnect(z, bundle, `Sesamy did not accept this connection's credentials (${said}). ${RECONNECT}`);
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
      { skipsEvent },
    );
  }
  if (kind === 'lookup') {
    const reason = status === 404 || status === 410 ? ' Sesamy has no such record; it may have been deleted.' : '';
    return raise.halt(z, bundle, `Could not ${action} (${said}).${reason}`, { skipsEvent });
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
      kind === 'create'
        ? 'The record may already exist: look it up with a Find step, or replay this run, which reuses a record it finds.'
        : kind === 'update'
          ? 'The record changed meanwhile: replay this run to apply the change to its current state.'
          : 'Wait a moment and try again.';
    return raise.fail(
      z,
      bundle,
      `Sesamy refused to ${action} because it conflicts with existing data (${said}). ${next}`,
      'Conflict',
      status,
    );
  }
  if (kind === 'create' || kind === 'update') {
    return raise.fail(
      z,
      bundle,
      `Sesamy did not accept the values sent to ${action} (${said}). ${operation.invalidHint ?? 'Check the values mapped into this step and try again.'}`,
      'InvalidRequest',
      status,
    );
  }
  // A polled row's record is read by the id Sesamy listed: no value of the Zap's is in the request.
  const next =
    kind === 'detail' ? 'Try again; if it keeps happening, contact Sesamy support.' : 'Check the values in this step and try again.';
  return raise.fail(z, bundle, `Sesamy rejected the request to ${action} (${said}). ${next}`, 'InvalidRequest', status);
};

/** Reads the operation the client attached to a request; requests the client did not make carry none. */
const operationOf = (response: HttpResponse): Operation | undefined => {
  const operation: unknown = response.request?.middlewareData?.operation;
  return typeof operation === 'object' && operation !== null ? (operation as Operation) : undefined;
};

/** afterResponse: every response to a call made through http.ts is judged here. */
export const applyErrorPolicy: AfterResponseMiddleware = (response, z, bundle) => {
  const operation = operationOf(response);
  if (!operation || response.status < 400) return response;
  if (GONE_IS_AN_ANSWER.includes(operation.kind) && (response.status === 404 || response.status === 410)) {
    // Unsubscribing: the subscription is already gone, so the Zap can always be turned off.
    // Searching: Sesamy has no such record, which a search reports as nothing found.
    // A polled row's reader or bill: the row comes without it.
    response.skipThrowForStatus = true;
    return response;
  }
  throw errorForStatus(z, bundle, operation, response.status, {
    retryAfter: retryAfterSeconds(response.getHeader('retry-after')),
    code: errorCodeOf(response),
  });
};

/** Errors that already say what Zapier should do; they pass through unchanged. */
const ZAPIER_ERRORS = new Set(['AppError', 'HaltedError', 'ExpiredAuthError', 'ThrottledError', 'CheckError', 'StopRequestError']);

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

/** node-fetch's FetchError types for a request or a body that took longer than its timeout. */
const TIMEOUT_TYPES = new Set(['request-timeout', 'body-timeout']);

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
    return error;
  }
  if (ZAPIER_ERRORS.has(error.name)) return error;
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

/** A 2xx answer that is not the JSON the operation expects; on a lookup, its event is skipped. */
export const unexpectedBody = (z: ZObject, bundle: Bundle, operation: Operation, problem: string): Error =>
  raise.fail(
    z,
    bundle,
    `Sesamy sent an unexpected answer while the app tried to ${operation.action}: ${problem}. Try again; if it keeps happening, contact Sesamy support.`,
    'UnexpectedResponse',
    undefined,
    { skipsEvent: operation.kind === 'lookup' },
  );
