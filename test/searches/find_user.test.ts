import { ADA_CURRENT_TAGS, articlePurchases, nearMatches } from '../../scripts/fake-sesamy/account.ts';
import { type FakeSesamy, failsFrom, serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { addressRow, errors, messageOf, onTheFakeAccountsToday, rejectionOf, runSearch, searchOperation } from '../support/harness.ts';

const ADA = {
  id: 'user_ada',
  sesamyTags: ADA_CURRENT_TAGS,
  sesamyTagsText: ADA_CURRENT_TAGS.join(','),
  userId: 'user_ada',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  contactEmail: 'ada@example.com',
  signedUpAt: '2026-10-01T08:00:00.000Z',
  deliveryAddress: addressRow({
    firstName: 'Ada',
    lastName: 'Lovelace',
    addressLineOne: 'Storgatan 1',
    zip: '11122',
    city: 'Stockholm',
    country: 'SE',
  }),
  billingAddress: addressRow({
    firstName: 'Ada',
    lastName: 'Lovelace',
    addressLineOne: 'Storgatan 1',
    addressLineTwo: 'c/o Byron',
    zip: '11122',
    city: 'Stockholm',
    country: 'SE',
  }),
  tags: ['VIP', 'Early Bird'],
  mobilePhone: '+46700000001',
  locale: 'sv',
  company: 'Analytical Engines AB',
  updatedAt: '2026-11-02T09:30:00.000Z',
  user_metadata: { acceptedTCVersion: '2026-10-01T08:05:00.000Z', newsletters: { weekly: true, offers: false } },
};

onTheFakeAccountsToday();

describe('Find User', () => {
  it('finds the reader by an email typed with capitals and spaces: one list call, the profile and the records their tags come from', async () => {
    const sesamy = serveSesamy();

    const rows = await runSearch('find_user', { email: '  ADA@Example.com ' });

    expect(rows).toEqual([ADA]);
    expect(sesamy.requests.map((request) => request.path)).toEqual([
      '/management/users?search=ada%40example.com&limit=100',
      '/management/users/user_ada',
      '/management/contracts?userId=user_ada&limit=100',
      '/management/entitlements?userId=user_ada',
    ]);
  });

  it('has the field names of a trigger row’s user, and the static sample’s keys', async () => {
    serveSesamy();
    const [row] = await runSearch('find_user', { email: 'ada@example.com' });
    const userKeys = [
      'userId',
      'firstName',
      'lastName',
      'email',
      'contactEmail',
      'signedUpAt',
      'deliveryAddress',
      'billingAddress',
      'tags',
    ];

    expect(Object.keys(row ?? {})).toEqual(expect.arrayContaining(userKeys));
    expect(Object.keys(row ?? {}).sort()).toEqual(Object.keys(searchOperation('find_user').sample).sort());
    const labels = Object.fromEntries(searchOperation('find_user').outputFields.map((field) => [field.key, field.label]));
    expect(labels).toMatchObject({
      id: 'Reader ID',
      userId: 'User ID',
      email: 'User Email',
      deliveryAddress__city: 'User Delivery Address City',
      sesamyTags: 'Sesamy Tags',
    });
  });

  it('returns [] when only a fuzzy match exists, never a near miss', async () => {
    const sesamy = serveSesamy();

    expect(await runSearch('find_user', { email: 'ada@example.co' })).toEqual([]);
    expect(sesamy.requests).toHaveLength(1);
  });

  it('refuses a malformed email before sending anything', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runSearch('find_user', { email: 'ada@example' }));

    expect(error).toBeInstanceOf(errors.Error);
    expect(messageOf(error)).toBe(
      'Email “ada@example” is not an email address. Map a field that holds one email, like reader@example.com.',
    );
    expect(sesamy.requests).toEqual([]);
  });
});

/** Anna, listed by Sesamy's fuzzy search after `near` readers whose emails contain hers (jo0anna@…). */
const withAnnaAfter = (sesamy: FakeSesamy, near: number, anna = true): void => {
  for (const profile of nearMatches('anna@example.com', near)) sesamy.profiles.set(profile.userId, profile);
  if (anna) {
    sesamy.profiles.set('user_anna', {
      userId: 'user_anna',
      email: 'anna@example.com',
      firstName: 'Anna',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
  }
};

const ANNA_SEARCH = '/management/users?search=anna%40example.com&limit=100';

describe('Find User among more near-matches than one page holds', () => {
  it('reads the next page while a full page has no exact email, and finds the reader listed after 150 near-matches', async () => {
    const sesamy = serveSesamy();
    withAnnaAfter(sesamy, 150);

    const rows = await runSearch('find_user', { email: 'anna@example.com' });

    expect(sesamy.requests.map((request) => request.path)).toEqual([
      ANNA_SEARCH,
      `${ANNA_SEARCH}&offset=100`,
      '/management/users/user_anna',
      '/management/contracts?userId=user_anna&limit=100',
      '/management/entitlements?userId=user_anna',
    ]);
    expect(rows).toEqual([
      {
        id: 'user_anna',
        sesamyTags: [],
        sesamyTagsText: '',
        userId: 'user_anna',
        firstName: 'Anna',
        lastName: null,
        email: 'anna@example.com',
        contactEmail: 'anna@example.com',
        signedUpAt: '2026-11-01T00:00:00.000Z',
        deliveryAddress: addressRow({}),
        billingAddress: addressRow({}),
        tags: [],
        mobilePhone: null,
        locale: null,
        company: null,
        updatedAt: '2026-11-01T00:00:00.000Z',
        user_metadata: {},
      },
    ]);
  });

  it('stops after 500 near-matches without the exact email with an error, never “nothing found”', async () => {
    const sesamy = serveSesamy();
    withAnnaAfter(sesamy, 520, false);

    const error = await rejectionOf(runSearch('find_user', { email: 'anna@example.com' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'TooManyMatches' });
    expect(messageOf(error)).toBe(
      "Sesamy's user search for “anna@example.com” could not be read to the end: Sesamy lists more than the app reads (the app read 500 similar readers), and none of them has exactly that email, so the search stopped there rather than say there is no such reader. Choose the User instead of the Email where the step has one, or ask Sesamy support to look the reader up.",
    );
    expect(sesamy.requests.map((request) => request.path)).toEqual([
      ANNA_SEARCH,
      `${ANNA_SEARCH}&offset=100`,
      `${ANNA_SEARCH}&offset=200`,
      `${ANNA_SEARCH}&offset=300`,
      `${ANNA_SEARCH}&offset=400`,
    ]);
  });

  it('does not say “nothing found” when a later page of the search is gone: an IncompleteList error naming the readers read', async () => {
    const sesamy = serveSesamy();
    sesamy.misbehave = failsFrom('/management/users', 100);
    withAnnaAfter(sesamy, 150);

    const error = await rejectionOf(runSearch('find_user', { email: 'anna@example.com' }));

    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'IncompleteList' });
    expect(messageOf(error)).toBe(
      "Sesamy's user search for “anna@example.com” could not be read to the end: Sesamy answered that a later page does not exist (the app read 100 similar readers), and none of them has exactly that email, so the search stopped there rather than say there is no such reader. Choose the User instead of the Email where the step has one, or ask Sesamy support to look the reader up.",
    );
    expect(sesamy.requests.map((request) => request.path)).toEqual([ANNA_SEARCH, `${ANNA_SEARCH}&offset=100`]);
  });
});

describe('Find User for a reader of single purchases', () => {
  it('tags a reader whose only active contract is a single purchase as a single buyer, not as a subscriber', async () => {
    const sesamy = serveSesamy();
    sesamy.contracts.push(...articlePurchases('user_grace', 1));

    const [row] = await runSearch('find_user', { email: 'grace@example.com' });

    expect(row?.sesamyTags).toEqual([
      'sesamy_made_single_purchase',
      'sesamy_active_sku_article-0',
      'sesamy_active_sku_po_article-0-po-single',
    ]);
  });
});

describe('Find User for a heavy article buyer', () => {
  it('reads every page of the reader’s contracts, so a subscription listed after 150 single purchases still gives its tags', async () => {
    const sesamy = serveSesamy();
    sesamy.contracts.unshift(...articlePurchases('user_ada', 150));

    const [row] = await runSearch('find_user', { email: 'ada@example.com' });

    const tags = (row?.sesamyTags ?? []) as string[];
    const [articleTags, otherTags] = [tags.filter((tag) => tag.includes('article-')), tags.filter((tag) => !tag.includes('article-'))];
    expect(otherTags).toEqual([...ADA_CURRENT_TAGS.slice(0, 2), 'sesamy_made_single_purchase', ...ADA_CURRENT_TAGS.slice(2)]);
    expect(articleTags).toHaveLength(300); // sesamy_active_sku_article-{n} and sesamy_active_sku_po_article-{n}-po-single
    expect(sesamy.requests.map((request) => request.path).filter((path) => path.startsWith('/management/contracts'))).toEqual([
      '/management/contracts?userId=user_ada&limit=100',
      '/management/contracts?userId=user_ada&limit=100&offset=100',
    ]);
  });
});
