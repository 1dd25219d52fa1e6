// Every input that becomes part of a URL path, given an id that would leave its segment
// ("..", ".", their percent forms): a clear InvalidInput error and no request, for every
// action; a search or the Grant dropdown finds nothing, and an unsubscribe succeeds, sending nothing.
// Query values may be anything: they stay values.
import { jest } from '@jest/globals';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import {
  appTester,
  bundleWith,
  errors,
  hookOperation,
  messageOf,
  rejectionOf,
  runCreate,
  runDropdown,
  runSearch,
} from '../support/harness.ts';

// The last four are metadata keys a publisher might type: a party that decodes the path before it resolves would read them as another path.
const ODD_IDS = ['.', '..', ' .. ', '%2e', '%2e%2e', '%2E%2e', '.%2E', '%252e%252e', '．．', '#source', '?ref', 'utm/', 'utm//campaign'];

/** Each step input that names a record in a path, with what the step would have done with it. */
const PATH_INPUTS = [
  {
    step: 'Update User, its User',
    run: (id: string) => runCreate('update_user', { userId: id, lastName: 'Hopper' }),
    action: (id: string) => `update user “${id}”`,
  },
  {
    step: 'Update User with a new email, its User',
    run: (id: string) => runCreate('update_user', { userId: id, email: 'new@example.com' }),
    action: (id: string) => `read user “${id}”`,
  },
  {
    step: 'Set User Metadata, its User',
    run: (id: string) => runCreate('set_user_metadata', { userId: id, key: 'crmId', value: 'crm-1' }),
    action: (id: string) => `set metadata “crmId” of user “${id}”`,
  },
  {
    step: 'Set User Metadata, its Key',
    run: (id: string) => runCreate('set_user_metadata', { userId: 'user_grace', key: id, value: 'crm-1' }),
    action: (id: string) => `set metadata “${id}” of user “user_grace”`,
  },
  {
    step: 'Grant Access, its Access List',
    run: (id: string) =>
      runCreate('grant_access', { accessListId: id, email: 'ada@example.com', sku: 'premium-digital', poId: 'po-monthly' }),
    action: (id: string) => `list the grants of access list “${id}”`,
  },
  {
    step: 'Revoke Access, its Access List',
    run: (id: string) => runCreate('revoke_access', { accessListId: id, grantId: 'grant_grace_active' }),
    action: (id: string) => `list the grants of access list “${id}”`,
  },
];

const CASES = PATH_INPUTS.flatMap((input) => ODD_IDS.map((id) => [input.step, id, input] as const));

describe('an id that would leave its path segment', () => {
  it.each(CASES)('%s %j: InvalidInput that says what to do, and no request', async (_step, id, input) => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(input.run(id));

    const shown = id.trim();
    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
    expect(messageOf(error)).toBe(
      `The app did not ${input.action(shown)}: “${shown}” cannot name a Sesamy record (no id or key is empty, “.” or “..”, starts with “?” or “#”, or has an empty, “.” or “..” part where “/” or “\\” divide it). Choose the value from the dropdown or map a field that holds it; a value typed in must keep to that rule.`,
    );
    expect(sesamy.requests).toEqual([]);
  });

  it.each(['', '   '])('an empty User (%j) on Update User is refused as empty, before any request', async (id) => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runCreate('update_user', { userId: id, lastName: 'Hopper' }));

    expect(messageOf(error)).toBe('User is empty. Fill it in, or map a field that always has a value.');
    expect(sesamy.requests).toEqual([]);
  });

  it.each(ODD_IDS)(
    'Find Access Grant in the access list %j finds nothing, as for a list Sesamy does not have, and sends nothing',
    async (id) => {
      const sesamy = serveSesamy();

      await expect(runSearch('find_grant', { accessListId: id, email: 'grace@example.com' })).resolves.toEqual([]);
      expect(sesamy.requests).toEqual([]);
    },
  );

  it.each(ODD_IDS)('the Grant dropdown of the access list %j lists nothing, and sends nothing', async (id) => {
    const sesamy = serveSesamy();

    await expect(runDropdown('grant_list', { accessListId: id })).resolves.toEqual([]);
    expect(sesamy.requests).toEqual([]);
  });

  it.each([
    ['Find Subscription', () => runSearch('find_subscription', { userId: '..' }), '/management/contracts?userId=..&limit=100'],
    ['Find Entitlement', () => runSearch('find_entitlement', { userId: '%2e%2e' }), '/management/entitlements?userId=%252e%252e'],
  ])('%s takes the User as a query value, where ".." is only a value: nothing found', async (_step, run, path) => {
    const sesamy = serveSesamy();

    await expect(run()).resolves.toEqual([]);
    expect(sesamy.requests.map((request) => request.path)).toEqual([path]);
  });
});

describe('a Zap can always be turned off', () => {
  it.each(['..', '.', '%2e%2e', '．．'])(
    'an unsubscribe whose subscription id is %j sends no request, succeeds, and says so',
    async (id) => {
      const sesamy = serveSesamy();
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        const result = await appTester(hookOperation('subscription_created').performUnsubscribe, bundleWith({ subscribeData: { id } }));

        expect(result).toEqual({});
        expect(sesamy.requests).toEqual([]);
        expect(log.mock.calls.flat().map((line) => String(line).trim())).toEqual([
          `Did not remove this Zap's Sesamy event subscription: its id “${id}” cannot name a Sesamy record, so there was nothing to remove.`,
        ]);
      } finally {
        log.mockRestore();
      }
    },
  );
});
