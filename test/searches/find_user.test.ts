// Find User, Create User (and Find or Create), Update User and Set User Metadata,
// as a publisher's Zap meets them, against the stateful fake Management API.
import { jest } from '@jest/globals';
import { ADA_CURRENT_TAGS } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { App, errors, messageOf, rejectionOf } from '../support/app.ts';
import { runCreate, runSearch, searchOperation } from '../support/steps.ts';

const address = (fields: Record<string, string | null>) => ({
  firstName: null,
  lastName: null,
  addressLineOne: null,
  addressLineTwo: null,
  zip: null,
  city: null,
  country: null,
  ...fields,
});

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
  deliveryAddress: address({
    firstName: 'Ada',
    lastName: 'Lovelace',
    addressLineOne: 'Storgatan 1',
    zip: '11122',
    city: 'Stockholm',
    country: 'SE',
  }),
  billingAddress: address({
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

const NEW_USER_DATES = { signedUpAt: '2026-11-28T12:00:00.000Z', updatedAt: '2026-11-28T12:00:00.000Z' };

beforeEach(() => {
  // Only the clock: whether an entitlement still gives access depends on today.
  jest.useFakeTimers({
    doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'],
    now: new Date('2026-11-28T12:00:00Z'),
  });
});
afterEach(() => jest.useRealTimers());

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
      deliveryAddress: address({ city: 'Lund', country: 'SE' }),
      billingAddress: address({}),
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

  it('replayed, returns the reader the first run created and creates no one', async () => {
    const sesamy = serveSesamy();
    const first = await runCreate('create_user', { email: 'linus@example.com' });

    const replay = await runCreate('create_user', { email: 'LINUS@example.com' });

    expect(replay).toEqual(first);
    expect(sesamy.writes()).toHaveLength(1);
    expect([...sesamy.profiles.values()].filter((profile) => profile.email === 'linus@example.com')).toHaveLength(1);
  });
});

describe('Update User', () => {
  it('sends a PATCH with exactly the fields filled in', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('update_user', {
      userId: 'user_grace',
      lastName: 'Brewster Hopper',
      mobilePhone: '+1 555 0100',
      locale: '',
      billingAddressCity: 'Arlington',
    });

    expect(sesamy.writes()).toEqual([
      {
        method: 'PATCH',
        path: '/management/users/user_grace',
        contentType: 'application/json; charset=utf-8',
        body: { lastName: 'Brewster Hopper', mobilePhone: '+1 555 0100', billingAddress: { city: 'Arlington' } },
      },
    ]);
    expect(row).toMatchObject({
      id: 'user_grace',
      firstName: 'Grace',
      lastName: 'Brewster Hopper',
      mobilePhone: '+1 555 0100',
      billingAddress: address({ city: 'Arlington' }),
    });
  });

  it('changes the email through change-login-identifier, not the PATCH', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('update_user', { userId: 'user_grace', email: ' Grace.Hopper@Example.com ', firstName: 'Amazing Grace' });

    expect(sesamy.writes()).toEqual([
      {
        method: 'POST',
        path: '/management/users/user_grace/change-login-identifier',
        contentType: 'application/json; charset=utf-8',
        body: { email: 'grace.hopper@example.com' },
      },
      {
        method: 'PATCH',
        path: '/management/users/user_grace',
        contentType: 'application/json; charset=utf-8',
        body: { firstName: 'Amazing Grace' },
      },
    ]);
    expect(row).toMatchObject({ email: 'grace.hopper@example.com', firstName: 'Amazing Grace' });
  });

  it('replayed after the email changed, sends no second change-login-identifier', async () => {
    const sesamy = serveSesamy();
    await runCreate('update_user', { userId: 'user_grace', email: 'grace.hopper@example.com' });

    await runCreate('update_user', { userId: 'user_grace', email: 'Grace.Hopper@example.com' });

    expect(sesamy.writes().map((request) => request.path)).toEqual(['/management/users/user_grace/change-login-identifier']);
  });

  it('refuses an update with nothing filled in, and sends nothing', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runCreate('update_user', { userId: 'user_grace', firstName: ' ' }));

    expect(messageOf(error)).toBe('Fill in at least one field to change; empty fields are left as they are.');
    expect(sesamy.requests).toEqual([]);
  });

  it('says what to do when the user is gone', async () => {
    serveSesamy();

    const error = await rejectionOf(runCreate('update_user', { userId: 'user_gone', firstName: 'X' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'NotFound' });
    expect(messageOf(error)).toBe(
      'Sesamy could not find what is needed to update user “user_gone” (404 Not Found, NOT_FOUND). Choose a user from the dropdown or find one with Find User; the one in this step may have been deleted.',
    );
  });
});

describe('Set User Metadata', () => {
  it('PUTs the value as text/plain and returns the reader with it', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('set_user_metadata', { userId: 'user_grace', key: 'crmId', value: 1001 });

    expect(sesamy.writes()).toEqual([
      { method: 'PUT', path: '/management/users/user_grace/user_metadata/crmId', contentType: 'text/plain', body: '1001' },
    ]);
    expect(row).toMatchObject({ id: 'user_grace', user_metadata: { crmId: '1001' } });
  });

  it('puts an odd key into one path segment', async () => {
    const sesamy = serveSesamy();

    await runCreate('set_user_metadata', { userId: 'user_grace', key: 'a/b?c', value: 'x' });

    expect(sesamy.writes()[0]?.path).toBe('/management/users/user_grace/user_metadata/a%2Fb%3Fc');
  });
});
