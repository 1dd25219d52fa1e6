// Every Management API endpoint the app calls, each once, as data: its method and path,
// its query and body from the call's values, what it does in the publisher's words, the
// permission a 403 means is missing, and the record schema its answer is read with.
// The caller says what kind of run it serves (errors.ts, OperationKind), so the same
// endpoint's failures are worded for a trigger, a dropdown, a search or an action.
// The hook subscription's endpoints, still assumed, are declared in hooks.ts alone.
import type { CreateGrant } from '@sesamy/sdk';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type * as zod from 'zod';
import { errorForUnsafeSegment, GONE_IS_AN_ANSWER, type Operation, type OperationKind, quote } from './errors.ts';
import { type Body, type Query, type Records, type SesamyRequest, send, sendAndRead, UnsafeSegment, urlOf } from './http.ts';
import type { CreateUserBody, UpdateUserBody } from './profile-writes.ts';

export interface Endpoint<Values, Answer extends zod.ZodType | undefined = undefined> {
  readonly method: SesamyRequest['method'];
  /** The token exchange goes to the environment's token host; everything else to its API host. */
  readonly host?: 'token';
  readonly path: (values: Values) => readonly string[];
  readonly query?: (values: Values) => Query;
  readonly body?: (values: Values) => Body;
  /** What the call does, as a publisher would say it: "read contract “c_1”". */
  readonly does: (values: Values) => string;
  /** What a 403 says this connection may not do: "read contracts". */
  readonly permission: string;
  /** What to do about a 404 on a step, when there is something specific to say. */
  readonly notFoundHint?: string;
  /** What to do after a 400 or 422, when it is not "check the values in this step" (the request carries none of them). */
  readonly invalidHint?: string;
  /** What a 409 means and what to do, when it is not "the record changed meanwhile". */
  readonly conflictHint?: (values: Values) => string;
  /** The schema the answer is read with; none for a call whose answer is not read. */
  readonly answer?: (records: Records) => Answer;
}

/** An endpoint, with its values' type and its answer's schema inferred. */
export const endpoint = <Values = Record<string, never>, Answer extends zod.ZodType | undefined = undefined>(
  declared: Endpoint<Values, Answer>,
): Endpoint<Values, Answer> => declared;

/** What a call returns: the answer as its schema reads it, or nothing for a call whose answer is not read. */
export type AnswerOf<Answer> = Answer extends zod.ZodType ? zod.output<Answer> : undefined;

/**
 * Makes one call. For a search or a row's record (`detail`), Sesamy having no such record
 * (404, 410) is undefined: nothing found; so is an id no record can have (urlOf refuses
 * it: `.`, `..`, …), which is not asked for.
 */
export function call<Values, Answer extends zod.ZodType | undefined>(
  z: ZObject,
  bundle: Bundle,
  kind: 'search' | 'detail',
  target: Endpoint<Values, Answer>,
  values: Values,
): Promise<AnswerOf<Answer> | undefined>;
export function call<Values, Answer extends zod.ZodType | undefined>(
  z: ZObject,
  bundle: Bundle,
  kind: Exclude<OperationKind, 'search' | 'detail'>,
  target: Endpoint<Values, Answer>,
  values: Values,
): Promise<AnswerOf<Answer>>;
export function call<Values, Answer extends zod.ZodType | undefined>(
  z: ZObject,
  bundle: Bundle,
  kind: OperationKind,
  target: Endpoint<Values, Answer>,
  values: Values,
): Promise<AnswerOf<Answer> | undefined>;
export async function call<Values, Answer extends zod.ZodType | undefined>(
  z: ZObject,
  bundle: Bundle,
  kind: OperationKind,
  target: Endpoint<Values, Answer>,
  values: Values,
): Promise<AnswerOf<Answer> | undefined> {
  const operation: Operation = {
    kind,
    action: target.does(values),
    permission: target.permission,
    ...(target.notFoundHint ? { notFoundHint: target.notFoundHint } : {}),
    ...(target.invalidHint ? { invalidHint: target.invalidHint } : {}),
    ...(target.conflictHint ? { conflictHint: target.conflictHint(values) } : {}),
  };
  let url: string;
  try {
    url = urlOf(z, bundle, { host: target.host ?? 'api', path: target.path(values), query: target.query?.(values) });
  } catch (error) {
    if (!(error instanceof UnsafeSegment)) throw error;
    // Where "not found" is an answer, an id no record can have gets that answer, as Sesamy's 404 would:
    // a search finds nothing, a polled row comes without the record (its caller says so), and a Zap
    // can always be turned off (said here: its subscription id came from Sesamy).
    if (GONE_IS_AN_ANSWER.includes(kind)) {
      if (kind === 'delete') {
        z.console.log(
          `Did not ${operation.action}: its id ${quote(error.segment)} cannot name a Sesamy record, so there was nothing to remove.`,
        );
      }
      return undefined;
    }
    // A row's record named by an id Sesamy listed: no record has such an id, so none is found.
    if (kind === 'detail') return undefined;
    throw errorForUnsafeSegment(z, bundle, operation, error.segment);
  }
  const body = target.body?.(values);
  const request: SesamyRequest = { operation, method: target.method, url, ...(body ? { body } : {}) };
  if (!target.answer) {
    await send(z, bundle, request);
    return undefined;
  }
  const schemaOf = target.answer as (records: Records) => zod.ZodType;
  return (await sendAndRead(z, bundle, request, schemaOf)) as AnswerOf<Answer> | undefined;
}

/**
 * A read by id made at most once per run (an invocation of perform): the same id gets the
 * same promise. Records a listing already returned are passed in `known` and never read.
 */
export const readOnce = <T>(read: (id: string) => Promise<T>, known: Iterable<readonly [string, T]> = []) => {
  const pending = new Map<string, Promise<T>>([...known].map(([id, value]) => [id, Promise.resolve(value)]));
  return (id: string): Promise<T> => {
    let promise = pending.get(id);
    if (!promise) {
      promise = read(id);
      pending.set(id, promise);
    }
    return promise;
  };
};

/** A path under the Management API. */
const management = (...segments: string[]): string[] => ['management', ...segments];

const PICK_A_LIST = 'Choose an access list from the dropdown; the one in this step may have been deleted.';
const PICK_A_USER = 'Choose a user from the dropdown or find one with Find User; the one in this step may have been deleted.';
/** For a request that holds no value a publisher could check (a poll's list): what is wrong is Sesamy's to say. */
const ASK_SESAMY = 'Try again; if it keeps happening, contact Sesamy support.';

// ---- The connection ---------------------------------------------------------------------

/** OAuth 2 client credentials. Sesamy's token endpoint accepts only a form-encoded body (JSON gets a 403). */
export const getToken = endpoint({
  method: 'POST',
  host: 'token',
  path: (_: { clientId: string; clientSecret: string }) => ['oauth', 'token'],
  body: ({ clientId, clientSecret }) => ({ form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } }),
  does: () => 'get an access token',
  permission: 'get an access token',
  answer: (records) => records.TokenRecord,
});

export const listVendors = endpoint({
  method: 'GET',
  path: () => management('vendors'),
  does: () => 'list your vendors',
  permission: 'read vendors',
  answer: (records) => records.listOf(records.VendorRecord),
});

// ---- Products and purchase options ---------------------------------------------------------

export const listProducts = endpoint({
  method: 'GET',
  path: (_: { limit: number; offset: number }) => management('products'),
  query: ({ limit, offset }) => ({ limit, offset }),
  does: () => 'list your products',
  permission: 'read products',
  answer: (records) => records.listOf(records.ProductRecord),
});

export const getProduct = endpoint({
  method: 'GET',
  path: ({ sku }: { sku: string }) => management('products', sku),
  does: ({ sku }) => `read product ${quote(sku)}`,
  permission: 'read products',
  answer: (records) => records.ProductRecord,
});

/** GET /management/paywalls: the one known list of purchase options (docs/sesamy-api.md). */
export const listPaywalls = endpoint({
  method: 'GET',
  path: () => management('paywalls'),
  does: () => 'list your purchase options',
  permission: 'read paywalls',
  answer: (records) => records.PaywallList,
});

// ---- Readers and their records ---------------------------------------------------------------

/** A page of the users list; with `search`, Sesamy's fuzzy, undocumented search (steps/readers.ts pages it for the exact email). */
export const listUsers = endpoint({
  method: 'GET',
  path: (_: { search?: string; limit: number; offset?: number }) => management('users'),
  query: ({ search, limit, offset }) => ({ search, limit, offset }),
  does: ({ search }) => (search === undefined ? 'list your users' : `look up users by email ${quote(search)}`),
  permission: 'read users',
  answer: (records) => records.listOf(records.UserRecord),
});

export const getUser = endpoint({
  method: 'GET',
  path: ({ userId }: { userId: string }) => management('users', userId),
  does: ({ userId }) => `read user ${quote(userId)}`,
  permission: 'read users',
  notFoundHint: PICK_A_USER,
  answer: (records) => records.UserRecord,
});

/** A page of the account's newest contracts, or, with `userId`, of a reader's contracts (api/pages.ts reads them all). */
export const listContracts = endpoint({
  method: 'GET',
  path: (_: { userId?: string; limit: number; offset?: number }) => management('contracts'),
  query: ({ userId, limit, offset }) => ({ userId, limit, offset }),
  does: ({ userId }) => (userId === undefined ? 'list recent contracts' : `list the contracts of user ${quote(userId)}`),
  permission: 'read contracts',
  answer: (records) => records.listOf(records.ContractRecord),
});

export const getContract = endpoint({
  method: 'GET',
  path: ({ contractId }: { contractId: string }) => management('contracts', contractId),
  does: ({ contractId }) => `read contract ${quote(contractId)}`,
  permission: 'read contracts',
  answer: (records) => records.ContractRecord,
});

export const listEntitlements = endpoint({
  method: 'GET',
  path: (_: { userId: string }) => management('entitlements'),
  query: ({ userId }) => ({ userId }),
  does: ({ userId }) => `list the entitlements of user ${quote(userId)}`,
  permission: 'read entitlements',
  answer: (records) => records.listOf(records.EntitlementRecord),
});

// ---- Money: transactions (payments and refunds) and the bills they were paid on ------------------

/** The largest page the app asks Sesamy for (Sesamy documents none): the contracts list takes 100 too. */
export const TRANSACTIONS_PAGE = 100;

/**
 * A page of the account's transactions or, with `userId`, of a reader's. Sesamy documents
 * no order, no sort parameter and no total: the order is read from the records, in one
 * place (sesamy/transactions.ts listOrderOf), and payments/transactions.ts pages by `offset`.
 */
export const listTransactions = endpoint({
  method: 'GET',
  path: (_: { userId?: string; limit: number; offset: number }) => management('transactions'),
  query: ({ userId, limit, offset }) => ({ userId, limit, offset }),
  does: ({ userId }) => (userId === undefined ? 'list recent transactions' : `list the transactions of user ${quote(userId)}`),
  permission: 'read transactions',
  notFoundHint: ASK_SESAMY,
  invalidHint: ASK_SESAMY,
  answer: (records) => records.TransactionList,
});

export const getBill = endpoint({
  method: 'GET',
  path: ({ billId }: { billId: string }) => management('bills', billId),
  does: ({ billId }) => `read bill ${quote(billId)}`,
  permission: 'read bills',
  answer: (records) => records.BillRecord,
});

// ---- Access lists and their grants -------------------------------------------------------------

export const listAccessLists = endpoint({
  method: 'GET',
  path: () => management('access-lists'),
  does: () => 'list your access lists',
  permission: 'read access lists',
  answer: (records) => records.listOf(records.AccessListRecord),
});

export const listGrants = endpoint({
  method: 'GET',
  path: ({ accessListId }: { accessListId: string }) => management('access-lists', accessListId, 'grants'),
  does: ({ accessListId }) => `list the grants of access list ${quote(accessListId)}`,
  permission: 'read access lists',
  notFoundHint: PICK_A_LIST,
  answer: (records) => records.listOf(records.GrantRecord),
});

/** The values a grant is created with: Sesamy's `CreateGrant` (docs/sesamy-api.md), always ACTIVE. */
export type NewGrant = CreateGrant & { readonly status: 'ACTIVE' };

export const createGrant = endpoint({
  method: 'POST',
  path: ({ accessListId }: { accessListId: string; grant: NewGrant }) => management('access-lists', accessListId, 'grants'),
  body: ({ grant }) => ({ json: grant }),
  does: ({ accessListId }) => `grant access in access list ${quote(accessListId)}`,
  permission: 'manage access lists',
  notFoundHint: PICK_A_LIST,
  invalidHint:
    'Check the email, the product, the purchase option and the dates, and that the access list accepts grants (a list of type HOOK, MANUAL or BASIC_API).',
  answer: (records) => records.GrantRecord,
});

/** Changes a grant's status with a PUT of an `UpdateGrant`; grants are never deleted. */
export const updateGrantStatus = endpoint({
  method: 'PUT',
  path: ({ accessListId, grantId }: { accessListId: string; grantId: string; status: 'CANCELED' }) =>
    management('access-lists', accessListId, 'grants', grantId),
  body: ({ status }) => ({ json: { status } }),
  does: ({ accessListId, grantId }) => `cancel grant ${quote(grantId)} in access list ${quote(accessListId)}`,
  permission: 'manage access lists',
  notFoundHint: 'Find the grant with Find Access Grant; it may have been deleted.',
  answer: (records) => records.GrantRecord,
});

// ---- Writes to readers ------------------------------------------------------------------------------

export const createUser = endpoint({
  method: 'POST',
  path: (_: { body: CreateUserBody }) => management('users'),
  body: ({ body }) => ({ json: body }),
  does: ({ body }) => `create user ${quote(body.email)}`,
  permission: 'manage users',
  invalidHint: 'Check the email and the profile fields (a phone number in international format, a two-letter country code).',
  answer: (records) => records.UserRecord,
});

export const updateUser = endpoint({
  method: 'PATCH',
  path: ({ userId }: { userId: string; body: UpdateUserBody }) => management('users', userId),
  body: ({ body }) => ({ json: body }),
  does: ({ userId }) => `update user ${quote(userId)}`,
  permission: 'manage users',
  notFoundHint: PICK_A_USER,
  invalidHint: 'Check the profile fields (a phone number in international format, a two-letter country code).',
  answer: (records) => records.UserRecord,
});

/** Changing a reader's email is its own call, not a PATCH. Its answer is not read. */
export const changeLoginEmail = endpoint({
  method: 'POST',
  path: ({ userId }: { userId: string; email: string }) => management('users', userId, 'change-login-identifier'),
  body: ({ email }) => ({ json: { email } }),
  does: ({ userId }) => `change the email of user ${quote(userId)}`,
  permission: 'manage users',
  notFoundHint: PICK_A_USER,
  invalidHint: 'Check the new email; another reader may already sign in with it.',
  conflictHint: ({ email }) =>
    `Most likely another reader already signs in with ${quote(email)}, so replaying this run would fail the same way. Look that email up with Find User: update that reader instead, or use a different email.`,
});

/** Sets one user_metadata value, sent as text/plain. Sesamy answers nothing. */
export const setUserMetadata = endpoint({
  method: 'PUT',
  path: ({ userId, key }: { userId: string; key: string; value: string }) => management('users', userId, 'user_metadata', key),
  body: ({ value }) => ({ text: value }),
  does: ({ userId, key }) => `set metadata ${quote(key)} of user ${quote(userId)}`,
  permission: 'manage users',
  notFoundHint: PICK_A_USER,
  invalidHint: 'Check the key: letters, digits, dashes and underscores.',
});
