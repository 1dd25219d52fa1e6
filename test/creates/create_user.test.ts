import { nearMatches } from '../../scripts/fake-sesamy/account.ts';
import { capsPagesAt, enveloped, type FakeSesamy, serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import {
  App,
  addressRow,
  createOperation,
  errors,
  messageOf,
  onTheFakeAccountsToday,
  rejectionOf,
  runCreate,
  runSearch,
} from '../support/harness.ts';

const NEW_USER_DATES = { signedUpAt: '2026-11-28T12:00:00.000Z', updatedAt: '2026-11-28T12:00:00.000Z' };

onTheFakeAccountsToday();

describe('Create User and Find or Create User', () => {
  it('is the searchOrCreate find_user: Find User, then Create User', () => {
    expect(App.searchOrCreates).toEqual({
      find_user: {
        key: 'find_user',
        display: { label: 'Find or Create User', description: 'Finds a reader by email, and creates them when there is none.' },
        search: 'find_user',
        create: 'create_user',
      },
    });
  });

  it('posts the email and the filled profile fields, and returns the new reader as Find User would', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('create_user', {
      email: ' Linus@Example.com',
      firstName: 'Linus',
      lastName: '',
      deliveryAddressCity: 'Lund',
      deliveryAddressCountry: 'SE',
    });

    expect(sesamy.writes()).toEqual([
      {
        method: 'POST',
        path: '/management/users',
        contentType: 'application/json; charset=utf-8',
        body: { email: 'linus@example.com', firstName: 'Linus', deliveryAddress: { city: 'Lund', country: 'SE' } },
      },
    ]);
    expect(row).toEqual({
      id: 'user_1',
      sesamyTags: [],
      sesamyTagsText: '',
      userId: 'user_1',
      firstName: 'Linus',
      lastName: null,
      email: 'linus@example.com',
      contactEmail: 'linus@example.com',
      deliveryAddress: addressRow({ city: 'Lund', country: 'SE' }),
      billingAddress: addressRow({}),
      tags: [],
      mobilePhone: null,
      locale: null,
      company: null,
      user_metadata: {},
      ...NEW_USER_DATES,
    });
    expect(await runSearch('find_user', { email: 'linus@example.com' })).toEqual([row]);
  });

  it('replayed after Sesamy created the reader but its answer was lost, returns that reader', async () => {
    const sesamy = serveSesamy();
    sesamy.loseNextAnswer = true;

    const failure = await rejectionOf(runCreate('create_user', { email: 'linus@example.com' }));
    const replay = await runCreate('create_user', { email: 'linus@example.com' });

    expect(failure).toBeInstanceOf(errors.ThrottledError);
    expect(replay).toMatchObject({ id: 'user_1', email: 'linus@example.com' });
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('declares one lock for the connection, not keyed by the email as typed, so two runs for one reader cannot both create', () => {
    expect(createOperation('create_user').lock).toEqual({ key: 'create_user', scope: ['auth'], timeout: 60 });
  });

  it('two runs for one new email typed with other capitals and spaces, one after the other as the lock runs them, create one reader', async () => {
    const sesamy = serveSesamy();

    const first = await runCreate('create_user', { email: 'Linus@Example.com' });
    const second = await runCreate('create_user', { email: ' linus@example.com ' });

    expect(second).toEqual(first);
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('replayed, returns the reader the first run created and creates no one', async () => {
    const sesamy = serveSesamy();
    const first = await runCreate('create_user', { email: 'linus@example.com' });

    const replay = await runCreate('create_user', { email: 'LINUS@example.com' });

    expect(replay).toEqual(first);
    expect(sesamy.writes()).toHaveLength(1);
    expect([...sesamy.profiles.values()].filter((profile) => profile.email === 'linus@example.com')).toHaveLength(1);
  });
});

/** Anna, listed by Sesamy's fuzzy search after `near` readers whose emails contain hers. */
const withAnnaAfter = (sesamy: FakeSesamy, near: number, anna = true): void => {
  for (const profile of nearMatches('anna@example.com', near)) sesamy.profiles.set(profile.userId, profile);
  if (anna) sesamy.profiles.set('user_anna', { userId: 'user_anna', email: 'anna@example.com', createdAt: NOW, updatedAt: NOW });
};
const NOW = '2026-11-28T12:00:00.000Z';
const ANNA_SEARCH = '/management/users?search=anna%40example.com&limit=100';

describe('Create User among more near-matches than one page holds', () => {
  it('finds the reader listed after 150 near-matches on the next page, and makes no second account', async () => {
    const sesamy = serveSesamy();
    withAnnaAfter(sesamy, 150);

    const row = await runCreate('create_user', { email: 'Anna@Example.com', firstName: 'Anna' });

    expect(row).toMatchObject({ id: 'user_anna', email: 'anna@example.com' });
    expect(sesamy.writes()).toEqual([]);
    expect(sesamy.requests.map((request) => request.path)).toEqual([
      ANNA_SEARCH,
      `${ANNA_SEARCH}&offset=100`,
      '/management/users/user_anna',
      '/management/contracts?userId=user_anna&limit=100',
      '/management/entitlements?userId=user_anna',
    ]);
  });

  it('after 500 near-matches without the exact email, stops with an error and creates no one', async () => {
    const sesamy = serveSesamy();
    withAnnaAfter(sesamy, 520, false);

    const error = await rejectionOf(runCreate('create_user', { email: 'anna@example.com' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'TooManyMatches' });
    expect(messageOf(error)).toBe(
      "Sesamy's user search for “anna@example.com” could not be read to the end: Sesamy lists more than the app reads (the app read 500 similar readers), and none of them has exactly that email, so Create User stopped there and created no one, to be sure not to make a second account for the email. Check the reader in the Sesamy dashboard, or ask Sesamy support to look them up.",
    );
    expect(sesamy.writes()).toEqual([]);
    expect(sesamy.requests).toHaveLength(5);
  });
});

describe('Create User against pages that end otherwise than Sesamy documents', () => {
  const ANNA_READS = [
    '/management/users/user_anna',
    '/management/contracts?userId=user_anna&limit=100',
    '/management/entitlements?userId=user_anna',
  ];
  const searches = (sesamy: FakeSesamy) => sesamy.requests.map((request) => request.path).filter((path) => path.startsWith(ANNA_SEARCH));

  it('does not end the search at a full page whose envelope’s total counts only that page, and makes no second account', async () => {
    const sesamy = serveSesamy();
    sesamy.misbehave = enveloped('/management/users', (page) => ({ total: page.length }));
    withAnnaAfter(sesamy, 150);

    const row = await runCreate('create_user', { email: 'anna@example.com' });

    expect(row).toMatchObject({ id: 'user_anna', email: 'anna@example.com' });
    expect(sesamy.requests.map((request) => request.path)).toEqual([ANNA_SEARCH, `${ANNA_SEARCH}&offset=100`, ...ANNA_READS]);
    expect(sesamy.writes()).toEqual([]);
  });

  it('confirms a short page with the next before creating, so a reader listed past a page Sesamy capped at 50 is found', async () => {
    const sesamy = serveSesamy();
    sesamy.misbehave = capsPagesAt(50);
    withAnnaAfter(sesamy, 60);

    const row = await runCreate('create_user', { email: 'anna@example.com' });

    expect(row).toMatchObject({ id: 'user_anna', email: 'anna@example.com' });
    expect(sesamy.requests.map((request) => request.path)).toEqual([ANNA_SEARCH, `${ANNA_SEARCH}&offset=50`, ...ANNA_READS]);
    expect(sesamy.writes()).toEqual([]);
  });

  it('for a new email, asks once more after a short page of near-matches, and creates when that page is empty', async () => {
    const sesamy = serveSesamy();
    withAnnaAfter(sesamy, 3, false);

    const row = await runCreate('create_user', { email: 'anna@example.com' });

    expect(row).toMatchObject({ id: 'user_1', email: 'anna@example.com' });
    expect(searches(sesamy)).toEqual([ANNA_SEARCH, `${ANNA_SEARCH}&offset=3`]);
    expect(sesamy.writes().map((request) => `${request.method} ${request.path}`)).toEqual(['POST /management/users']);
  });

  it('takes the same short page again, from a server that ignores offset, as the end it confirms, and creates', async () => {
    const sesamy = serveSesamy();
    sesamy.misbehave = ({ url }, answer) => {
      const first = new URL(url);
      first.searchParams.delete('offset');
      return answer(first);
    };
    withAnnaAfter(sesamy, 3, false);

    const row = await runCreate('create_user', { email: 'anna@example.com' });

    expect(row).toMatchObject({ id: 'user_1', email: 'anna@example.com' });
    expect(searches(sesamy)).toEqual([ANNA_SEARCH, `${ANNA_SEARCH}&offset=3`]);
    expect(sesamy.writes().map((request) => `${request.method} ${request.path}`)).toEqual(['POST /management/users']);
  });

  it('reads a total stated without an offset from the offset it asked for: 120 near-matches are two pages, then it creates', async () => {
    const sesamy = serveSesamy();
    sesamy.misbehave = enveloped('/management/users', (_page, all) => ({ meta: { total: all } }));
    withAnnaAfter(sesamy, 120, false);

    const row = await runCreate('create_user', { email: 'anna@example.com' });

    expect(row).toMatchObject({ id: 'user_1', email: 'anna@example.com' });
    expect(searches(sesamy)).toEqual([ANNA_SEARCH, `${ANNA_SEARCH}&offset=100`]);
    expect(sesamy.writes().map((request) => `${request.method} ${request.path}`)).toEqual(['POST /management/users']);
  });
});
