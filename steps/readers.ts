// Finding a reader and building their row, shared by Find User, Find Subscription,
// Find Entitlement and the user actions.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, getUser, listContracts, listEntitlements, listUsers, READER_CONTRACTS_LIMIT } from '../api/calls.ts';
import { type OperationKind, quote, raise } from '../api/errors.ts';
import { hasEmail, userIdOf } from '../sesamy/facts.ts';
import { readerTags } from '../sesamy/reader-tags.ts';
import { emailOf, inputText } from './inputs.ts';
import type { ReaderRow } from './row-shapes.ts';
import { readerRow } from './rows.ts';

/** The kind of step a read serves, so its failures are worded for that step (api/errors.ts). */
export type StepKind = Extract<OperationKind, 'search' | 'create' | 'update'>;

/** One page of Sesamy's fuzzy user search; the exact match is filtered from it. */
export const USER_SEARCH_LIMIT = 100;

/**
 * The id of the reader whose email is exactly `email` (an emailKey), ignoring case: one
 * list call. Sesamy's `search` is fuzzy, so its answer is filtered here.
 */
export const readerIdByEmail = async (z: ZObject, bundle: Bundle, email: string, kind: StepKind): Promise<string | undefined> => {
  const users = (await call(z, bundle, kind, listUsers, { search: email, limit: USER_SEARCH_LIMIT })) ?? [];
  const match = users.find((user) => hasEmail(user, email));
  return match ? userIdOf(match) : undefined;
};

/**
 * The reader's full row: their profile, plus the contracts and entitlements their tags come
 * from (sesamy/reader-tags.ts, as on trigger rows), read in parallel. Undefined when a
 * search finds no such reader.
 */
export const readerRowOf = async (z: ZObject, bundle: Bundle, userId: string, kind: StepKind): Promise<ReaderRow | undefined> => {
  const [user, contracts, entitlements] = await Promise.all([
    call(z, bundle, kind, getUser, { userId }),
    call(z, bundle, kind, listContracts, { userId, limit: READER_CONTRACTS_LIMIT }),
    call(z, bundle, kind, listEntitlements, { userId }),
  ]);
  const records = { profileTags: user?.tags ?? [], contracts: contracts ?? [], entitlements: entitlements ?? [] };
  return user && readerRow(user, readerTags(records, new Date().toISOString()));
};

/** An action's reader row; the reader was just written, so a missing one is Sesamy's inconsistency, said plainly. */
export const requireReaderRow = async (z: ZObject, bundle: Bundle, userId: string, kind: 'create' | 'update'): Promise<ReaderRow> => {
  const row = await readerRowOf(z, bundle, userId, kind);
  if (!row) {
    throw raise.fail(
      z,
      bundle,
      `Sesamy did not return user ${quote(userId)} after the change. Check the user in the Sesamy dashboard.`,
      'NotFound',
    );
  }
  return row;
};

/**
 * The reader a search names by `userId` or, failing that, by `email`: the id only, so a
 * search that needs no profile spends no read on it. Neither given is a clear error.
 */
export const readerIdOf = async (
  z: ZObject,
  bundle: Bundle,
  inputs: { readonly userId?: unknown; readonly email?: unknown },
): Promise<string | undefined> => {
  const userId = inputText(inputs.userId);
  if (userId) return userId;
  const email = emailOf(z, bundle, inputs.email);
  if (!email) {
    throw raise.fail(z, bundle, 'Fill in the reader’s Email or choose a User, so the search knows whom to look for.', 'InvalidInput');
  }
  return readerIdByEmail(z, bundle, email, 'search');
};
