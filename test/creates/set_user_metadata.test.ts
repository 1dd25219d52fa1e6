// Set User Metadata, as a publisher's Zap meets it, against the stateful fake Management API.
import { jest } from '@jest/globals';
import { ADA_CURRENT_TAGS } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { runCreate } from '../support/harness.ts';

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
