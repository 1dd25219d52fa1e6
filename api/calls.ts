// The Management API calls of searches, actions and their dropdowns, on the one client
// (client.ts) and the one error policy (policy.ts). A call that serves several steps
// takes the kind of the step it serves, so its failures are worded for that step: a
// search reads a 404 as "nothing found", an action says what to fix.
import type { CreateGrant } from '@sesamy/sdk';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type * as zod from 'zod';
import { type Operation, quote } from './errors.ts';
import { apiUrl, fetchIfFound, fetchJson, type Records, readerUrl, segment, send } from './http.ts';
import type { CreateUserBody, UpdateUserBody } from './profile-writes.ts';

/** The kind of step a call serves (policy.ts). */
export type StepKind = 'search' | 'create' | 'update';

const PICK_A_LIST = 'Choose an access list from the dropdown; the one in this step may have been deleted.';
const PICK_A_USER = 'Choose a user from the dropdown or find one with Find User; the one in this step may have been deleted.';

export const DROPDOWN_PAGE_SIZE = 50;
/** One page of Sesamy's fuzzy user search; the exact match is filtered from it (readers.ts). */
export const USER_SEARCH_LIMIT = 100;

// ---- Dropdowns ----------------------------------------------------------------------

export const listAccessLists = (z: ZObject, bundle: Bundle) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'list', action: 'list your access lists', permission: 'read access lists' },
      url: apiUrl(z, bundle, '/management/access-lists'),
    },
    (records) => records.listOf(records.AccessListRecord),
  );

export const listPaywalls = (z: ZObject, bundle: Bundle) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'list', action: 'list your purchase options', permission: 'read paywalls' },
      url: apiUrl(z, bundle, '/management/paywalls'),
    },
    (records) => records.PaywallList,
  );

export const listUsersPage = (z: ZObject, bundle: Bundle, page: number) =>
  fetchJson(
    z,
    bundle,
    {
      operation: { kind: 'list', action: 'list your users', permission: 'read users' },
      url: apiUrl(z, bundle, '/management/users', { limit: DROPDOWN_PAGE_SIZE, offset: page * DROPDOWN_PAGE_SIZE }),
    },
    (records) => records.listOf(records.UserRecord),
  );

// ---- Reads that serve a search or an action ------------------------------------------

/** A read for a step: a search's 404 is undefined (nothing found); an action's 404 is an error that says what to fix. */
const read = <Schema extends zod.ZodType>(
  z: ZObject,
  bundle: Bundle,
  operation: Operation,
  url: string,
  schemaOf: (records: Records) => Schema,
) => fetchIfFound(z, bundle, { operation, url }, schemaOf);

export const listGrants = async (z: ZObject, bundle: Bundle, accessListId: string, kind: StepKind) =>
  (await read(
    z,
    bundle,
    {
      kind,
      action: `list the grants of access list ${quote(accessListId)}`,
      permission: 'read access lists',
      notFoundHint: PICK_A_LIST,
    },
    apiUrl(z, bundle, `/management/access-lists/${segment(accessListId)}/grants`),
    (records) => records.listOf(records.GrantRecord),
  )) ?? [];

/** Sesamy's `search` is fuzzy and undocumented: the caller filters the answer for the exact email. */
export const searchUsers = async (z: ZObject, bundle: Bundle, email: string, kind: StepKind) =>
  (await read(
    z,
    bundle,
    { kind, action: `look up users by email ${quote(email)}`, permission: 'read users' },
    apiUrl(z, bundle, '/management/users', { search: email, limit: USER_SEARCH_LIMIT }),
    (records) => records.listOf(records.UserRecord),
  )) ?? [];

export const readUser = (z: ZObject, bundle: Bundle, userId: string, kind: StepKind) =>
  read(
    z,
    bundle,
    { kind, action: `read user ${quote(userId)}`, permission: 'read users', notFoundHint: PICK_A_USER },
    readerUrl(z, bundle, userId, 'profile'),
    (records) => records.UserRecord,
  );

export const listReaderContracts = async (z: ZObject, bundle: Bundle, userId: string, kind: StepKind) =>
  (await read(
    z,
    bundle,
    { kind, action: `list the contracts of user ${quote(userId)}`, permission: 'read contracts' },
    readerUrl(z, bundle, userId, 'contracts'),
    (records) => records.listOf(records.ContractRecord),
  )) ?? [];

export const listReaderEntitlements = async (z: ZObject, bundle: Bundle, userId: string, kind: StepKind) =>
  (await read(
    z,
    bundle,
    { kind, action: `list the entitlements of user ${quote(userId)}`, permission: 'read entitlements' },
    readerUrl(z, bundle, userId, 'entitlements'),
    (records) => records.listOf(records.EntitlementRecord),
  )) ?? [];

// ---- Writes ---------------------------------------------------------------------------

/** The values a grant is created with: Sesamy's `CreateGrant` (docs/sesamy-writes.md), always ACTIVE. */
export type NewGrant = CreateGrant & { readonly status: 'ACTIVE' };

export const createGrant = (z: ZObject, bundle: Bundle, accessListId: string, grant: NewGrant) =>
  fetchJson(
    z,
    bundle,
    {
      operation: {
        kind: 'create',
        action: `grant access in access list ${quote(accessListId)}`,
        permission: 'manage access lists',
        notFoundHint: PICK_A_LIST,
        invalidHint:
          'Check the email, the product, the purchase option and the dates, and that the access list accepts grants (a list of type HOOK, MANUAL or BASIC_API).',
      },
      method: 'POST',
      url: apiUrl(z, bundle, `/management/access-lists/${segment(accessListId)}/grants`),
      json: grant,
    },
    (records) => records.GrantRecord,
  );

/** Changes a grant's status with a PUT of an `UpdateGrant`; grants are never deleted. */
export const setGrantStatus = (z: ZObject, bundle: Bundle, accessListId: string, grantId: string, status: 'CANCELED') =>
  fetchJson(
    z,
    bundle,
    {
      operation: {
        kind: 'update',
        action: `cancel grant ${quote(grantId)} in access list ${quote(accessListId)}`,
        permission: 'manage access lists',
        notFoundHint: 'Find the grant with Find Access Grant; it may have been deleted.',
      },
      method: 'PUT',
      url: apiUrl(z, bundle, `/management/access-lists/${segment(accessListId)}/grants/${segment(grantId)}`),
      json: { status },
    },
    (records) => records.GrantRecord,
  );

export const createUser = (z: ZObject, bundle: Bundle, body: CreateUserBody) =>
  fetchJson(
    z,
    bundle,
    {
      operation: {
        kind: 'create',
        action: `create user ${quote(body.email)}`,
        permission: 'manage users',
        invalidHint: 'Check the email and the profile fields (a phone number in international format, a two-letter country code).',
      },
      method: 'POST',
      url: apiUrl(z, bundle, '/management/users'),
      json: body,
    },
    (records) => records.UserRecord,
  );

export const patchUser = (z: ZObject, bundle: Bundle, userId: string, body: UpdateUserBody) =>
  fetchJson(
    z,
    bundle,
    {
      operation: {
        kind: 'update',
        action: `update user ${quote(userId)}`,
        permission: 'manage users',
        notFoundHint: PICK_A_USER,
        invalidHint: 'Check the profile fields (a phone number in international format, a two-letter country code).',
      },
      method: 'PATCH',
      url: readerUrl(z, bundle, userId, 'profile'),
      json: body,
    },
    (records) => records.UserRecord,
  );

/** Changing a reader's email is its own call, not a PATCH. Its answer is not read. */
export const changeLoginEmail = (z: ZObject, bundle: Bundle, userId: string, email: string) =>
  send(z, bundle, {
    operation: {
      kind: 'update',
      action: `change the email of user ${quote(userId)}`,
      permission: 'manage users',
      notFoundHint: PICK_A_USER,
      invalidHint: 'Check the new email; another reader may already sign in with it.',
    },
    method: 'POST',
    url: apiUrl(z, bundle, `/management/users/${segment(userId)}/change-login-identifier`),
    json: { email },
  });

/** Sets one user_metadata value, sent as text/plain. Sesamy answers nothing. */
export const putUserMetadata = (z: ZObject, bundle: Bundle, userId: string, key: string, value: string) =>
  send(z, bundle, {
    operation: {
      kind: 'update',
      action: `set metadata ${quote(key)} of user ${quote(userId)}`,
      permission: 'manage users',
      notFoundHint: PICK_A_USER,
      invalidHint: 'Check the key: letters, digits, dashes and underscores.',
    },
    method: 'PUT',
    url: apiUrl(z, bundle, `/management/users/${segment(userId)}/user_metadata/${segment(key)}`),
    text: value,
  });
