// Update User, as a publisher's Zap meets it, against the stateful fake Management API.
import { jest } from '@jest/globals';
import { ADA_CURRENT_TAGS } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { messageOf, rejectionOf, runCreate } from '../support/harness.ts';

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

const _ADA = {
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

const _NEW_USER_DATES = { signedUpAt: '2026-11-28T12:00:00.000Z', updatedAt: '2026-11-28T12:00:00.000Z' };

beforeEach(() => {
  // Only the clock: whether an entitlement still gives access depends on today.
  jest.useFakeTimers({
    doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'],
    now: new Date('2026-11-28T12:00:00Z'),
  });
});
afterEach(() => jest.useRealTimers());

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
