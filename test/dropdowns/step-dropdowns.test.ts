import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { onTheFakeAccountsToday, runDropdown } from '../support/harness.ts';

onTheFakeAccountsToday();

describe('dropdowns', () => {
  it('lists the active access lists with their type', async () => {
    serveSesamy();

    expect(await runDropdown('access_list_list')).toEqual([
      { id: 'list_b2b', name: 'B2B Deals (MANUAL)' },
      { id: 'list_shop', name: 'Partner Shop (HOOK)' },
    ]);
  });

  it('lists the purchase options of the chosen product from the paywalls, once each, with title and period', async () => {
    const sesamy = serveSesamy();

    const digital = await runDropdown('purchase_option_list', { sku: 'premium-digital' });
    const print = await runDropdown('purchase_option_list', { sku: 'weekend-print' });
    const unknown = await runDropdown('purchase_option_list', { sku: 'no-such-product' });

    expect(digital).toEqual([
      { id: 'po-monthly', name: 'Monthly, per month' },
      { id: 'po-yearly', name: 'Yearly, per year' },
    ]);
    expect(print).toEqual([{ id: 'po-yearly', name: 'Weekend Print, per year' }]);
    expect(unknown).toEqual([]);
    expect(new Set(sesamy.requests.map((request) => request.path))).toEqual(new Set(['/management/paywalls']));
  });

  it('pages through the users', async () => {
    const sesamy = serveSesamy();
    for (let index = 0; index < 55; index++)
      sesamy.profiles.set(`user_${index}`, {
        userId: `user_${index}`,
        email: `reader${index}@example.com`,
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
      });

    const first = await runDropdown('user_list', {}, 0);
    const second = await runDropdown('user_list', {}, 1);

    expect(first).toHaveLength(50);
    expect(first[0]).toEqual({ id: 'user_ada', name: 'Ada Lovelace (ada@example.com)' });
    expect(second).toEqual(
      Array.from({ length: 7 }, (_, index) => ({ id: `user_${index + 48}`, name: `reader${index + 48}@example.com` })),
    );
    expect(sesamy.requests.map((request) => request.path)).toEqual([
      '/management/users?limit=50&offset=0',
      '/management/users?limit=50&offset=50',
    ]);
  });

  it('lists the active grants of the chosen access list, and nothing before a list is chosen', async () => {
    const sesamy = serveSesamy();

    expect(await runDropdown('grant_list', { accessListId: 'list_shop' })).toEqual([
      { id: 'grant_grace_active', name: 'grace@example.com, weekend-print, order-900' },
    ]);
    expect(await runDropdown('grant_list', {})).toEqual([]);
    expect(sesamy.requests).toHaveLength(1);
  });
});
