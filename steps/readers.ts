// Finding a reader and building their row, shared by Find User, Find Subscription,
// Find Entitlement and the user actions.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, getUser, listUsers } from '../api/calls.ts';
import { type OperationKind, quote, raise } from '../api/errors.ts';
import { capOf, PAGING, readerContracts, readerEntitlements, readPages } from '../api/pages.ts';
import { hasEmail, userIdOf } from '../sesamy/facts.ts';
import { readerTags } from '../sesamy/reader-tags.ts';
import { emailOf, inputText } from './inputs.ts';
import type { ReaderRow } from './row-shapes.ts';
import { readerRow } from './rows.ts';

/** The kind of step a read serves, so its failures are worded for that step (api/errors.ts). */
export type StepKind = Extract<OperationKind, 'search' | 'create' | 'update'>;

/** What a step that found no exact email among the most near-matches it reads does instead, by kind. */
const UNDECIDED = {
  search:
    'so the search stopped there rather than say there is no such reader. Choose the User instead of the Email where the step has one, or ask Sesamy support to look the reader up.',
  create:
    'so Create User stopped there and created no one, to be sure not to make a second account for the email. Check the reader in the Sesamy dashboard, or ask Sesamy support to look them up.',
} as const;

/**
 * The id of the reader whose email is exactly `email` (an emailKey), ignoring case.
 * Sesamy's `search` is fuzzy, so its answer is filtered here, page by page until a page
 * holds the email (api/pages.ts PAGING.userSearch). At the cap without it, no one can
 * say the reader is not there: that is an error, never "not found".
 */
export const readerIdByEmail = async (
  z: ZObject,
  bundle: Bundle,
  email: string,
  kind: keyof typeof UNDECIDED,
): Promise<string | undefined> => {
  const isReader = (user: { readonly email?: string | null }) => hasEmail(user, email);
  const { records, complete } = await readPages(
    (page) => call(z, bundle, kind, listUsers, { search: email, ...page }),
    PAGING.userSearch,
    userIdOf,
    (page) => page.some(isReader),
  );
  const match = records.find(isReader);
  if (match) return userIdOf(match);
  if (complete) return undefined;
  throw raise.fail(
    z,
    bundle,
    `Sesamy's user search for ${quote(email)} lists more similar readers than the app reads (${capOf(PAGING.userSearch).toLocaleString('en-US')}), and none of those has exactly that email, ${UNDECIDED[kind]}`,
    'TooManyMatches',
  );
};

/**
 * The reader's full row: their profile, plus the contracts and entitlements their tags come
 * from (sesamy/reader-tags.ts, as on trigger rows), read in parallel. Undefined when a
 * search finds no such reader. A reader with more contracts than the cap gets the tags of
 * those read: a tag shown holds, one may be missing.
 */
export const readerRowOf = async (z: ZObject, bundle: Bundle, userId: string, kind: StepKind): Promise<ReaderRow | undefined> => {
  const [user, contracts, entitlements] = await Promise.all([
    call(z, bundle, kind, getUser, { userId }),
    readerContracts(z, bundle, kind, userId),
    readerEntitlements(z, bundle, kind, userId),
  ]);
  const records = { profileTags: user?.tags ?? [], contracts: contracts.records, entitlements: entitlements.records };
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
