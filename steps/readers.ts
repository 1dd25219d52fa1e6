// Finding a reader and building their row, shared by Find User, Find Subscription,
// Find Entitlement and the user actions.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listReaderContracts, listReaderEntitlements, readUser, type StepKind, searchUsers } from '../api/calls.ts';
import { quote, raise } from '../api/errors.ts';
import type { UserRecord } from '../api/records.ts';
import { readerTags } from '../sesamy/reader-tags.ts';
import { userIdOf } from '../triggers/hydrate.ts';
import { emailOf, textOf } from './inputs.ts';
import type { ReaderRow } from './row-shapes.ts';
import { readerRow } from './rows.ts';

const sameEmail = (user: UserRecord, email: string): boolean => user.email?.trim().toLowerCase() === email;

/**
 * The id of the reader whose email is exactly `email` (lowercased), ignoring case: one
 * list call. Sesamy's `search` is fuzzy, so its answer is filtered here.
 */
export const readerIdByEmail = async (z: ZObject, bundle: Bundle, email: string, kind: StepKind): Promise<string | undefined> => {
  const match = (await searchUsers(z, bundle, email, kind)).find((user) => sameEmail(user, email));
  return match ? userIdOf(match) : undefined;
};

/** The reader's full row: their profile, plus the contracts and entitlements their tags come from (sesamy/reader-tags.ts, as on trigger rows), read in parallel. */
export const readerRowOf = async (z: ZObject, bundle: Bundle, userId: string, kind: StepKind): Promise<ReaderRow | undefined> => {
  const [user, contracts, entitlements] = await Promise.all([
    readUser(z, bundle, userId, kind),
    listReaderContracts(z, bundle, userId, kind),
    listReaderEntitlements(z, bundle, userId, kind),
  ]);
  return user && readerRow(user, readerTags({ profileTags: user.tags, contracts, entitlements }, new Date().toISOString()));
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
  const userId = textOf(inputs.userId);
  if (userId) return userId;
  const email = emailOf(z, bundle, inputs.email);
  if (!email) {
    throw raise.fail(z, bundle, 'Fill in the reader’s Email or choose a User, so the search knows whom to look for.', 'InvalidInput');
  }
  return readerIdByEmail(z, bundle, email, 'search');
};
