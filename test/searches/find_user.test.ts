import { ADA_CURRENT_TAGS } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
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
