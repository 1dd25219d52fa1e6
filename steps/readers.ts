// Finding a reader and building their row, shared by Find User, Find Subscription,
// Find Entitlement and the user actions.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, getUser, listUsers } from '../api/calls.ts';
import { type OperationKind, quote, raise } from '../api/errors.ts';
import { type Cut, PAGING, type ReadList, readerContracts, readerEntitlements, readPages } from '../api/pages.ts';
import { hasEmail, userIdOf } from '../sesamy/facts.ts';
import { readerTags } from '../sesamy/reader-tags.ts';
import { emailOf, inputText } from './inputs.ts';
import type { ReaderRow } from './row-shapes.ts';
import { readerRow } from './rows.ts';

/** The kind of step a read serves, so its failures are worded for that step (api/errors.ts). */
export type StepKind = Extract<OperationKind, 'search' | 'create' | 'update'>;

/** Why a list was not read to its end (api/pages.ts Cut), as its error says it. */
const CUT_WORDS: Record<Cut, string> = {
  cap: 'Sesamy lists more than the app reads',
  gone: 'Sesamy answered that a later page does not exist',
  stuck: 'a page from Sesamy brought nothing not already read',
};

/**
 * The error for a list a step needs whole that was not read to its end: "`subject` could not
 * be read to the end: why (the app read N `noun`s), `outcome`". Code `capCode` at the cap,
 * `IncompleteList` otherwise.
 */
export const incompleteList = (
  z: ZObject,
  bundle: Bundle,
  list: Extract<ReadList<unknown>, { complete: false }>,
  words: { readonly subject: string; readonly noun: string; readonly outcome: string; readonly capCode: string },
): Error => {
  const count = list.records.length;
  const read = `${count.toLocaleString('en-US')} ${words.noun}${count === 1 ? '' : 's'}`;
  return raise.fail(
    z,
    bundle,
    `${words.subject} could not be read to the end: ${CUT_WORDS[list.cut]} (the app read ${read}), ${words.outcome}`,
    list.cut === 'cap' ? words.capCode : 'IncompleteList',
  );
};

/** What a step that found no exact email among the near-matches it read does instead, by kind. */
const UNDECIDED = {
  search:
    'so the search stopped there rather than say there is no such reader. Choose the User instead of the Email where the step has one, or ask Sesamy support to look the reader up.',
  create:
    'so Create User stopped there and created no one, to be sure not to make a second account for the email. Check the reader in the Sesamy dashboard, or ask Sesamy support to look them up.',
} as const;

/**
 * The id of the reader whose email is exactly `email` (an emailKey), ignoring case.
 * Sesamy's `search` is fuzzy, so its answer is filtered here, page by page until a page
 * holds the email (api/pages.ts PAGING.userSearch). Create User confirms a short page with
 * the next before it creates. A search not read to its end without the email is an error,
 * never "not found": no one can say the reader is not there.
 */
export const readerIdByEmail = async (
  z: ZObject,
  bundle: Bundle,
  email: string,
  kind: keyof typeof UNDECIDED,
): Promise<string | undefined> => {
  const isReader = (user: { readonly email?: string | null }) => hasEmail(user, email);
  const list = await readPages((page) => call(z, bundle, kind, listUsers, { search: email, ...page }), PAGING.userSearch, userIdOf, {
    enough: (page) => page.some(isReader),
    shortPage: kind === 'create' ? 'confirm' : 'last',
  });
  const match = list.records.find(isReader);
  if (match) return userIdOf(match);
  if (list.complete) return undefined;
  throw incompleteList(z, bundle, list, {
    subject: `Sesamy's user search for ${quote(email)}`,
    noun: 'similar reader',
    outcome: `and none of them has exactly that email, ${UNDECIDED[kind]}`,
    capCode: 'TooManyMatches',
  });
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
