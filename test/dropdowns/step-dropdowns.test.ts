import nock from 'nock';
import { API } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { App, createOperation, onTheFakeAccountsToday, runCreate, runDropdown } from '../support/harness.ts';

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
    expect(await runDropdown('purchase_option_list', { sku: 'Weekend-Print' })).toEqual(print);
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

  it('shows a list without a type by its name, and one without a name by its id, with its type', async () => {
    nock(API)
      .get('/management/access-lists')
      .reply(200, [
        { id: 'list_x', type: 'BASIC_API', status: 'ACTIVE' },
        { id: 'list_y', name: 'Legacy', status: 'ACTIVE' },
      ]);

    expect(await runDropdown('access_list_list')).toEqual([
      { id: 'list_y', name: 'Legacy' },
      { id: 'list_x', name: 'list_x (BASIC_API)' },
    ]);
  });

  it('labels a grant with the end of its access, and says so when that end has passed though the grant is still ACTIVE', async () => {
    const sesamy = serveSesamy();
    sesamy.grants.get('list_shop')?.push(
      {
        id: 'grant_old',
        source: 'list_shop',
        email: 'ada@example.com',
        sku: 'premium-digital',
        poId: 'po-yearly',
        status: 'ACTIVE',
        endsAt: '2026-11-01T00:00:00.000Z',
      },
      {
        id: 'grant_new',
        source: 'list_shop',
        email: 'ada@example.com',
        sku: 'premium-digital',
        poId: 'po-yearly',
        status: 'ACTIVE',
        endsAt: '2027-11-28T00:00:00.000Z',
      },
    );

    expect(await runDropdown('grant_list', { accessListId: 'list_shop' })).toEqual([
      { id: 'grant_grace_active', name: 'grace@example.com, weekend-print, order-900' },
      { id: 'grant_old', name: 'ada@example.com, premium-digital, ended 2026-11-01' },
      { id: 'grant_new', name: 'ada@example.com, premium-digital, until 2027-11-28' },
    ]);
  });
});

describe('dropdowns that depend on another field', () => {
  /** Every product's options, each id naming its product: two products share po-yearly. */
  const EVERY_OPTION = [
    { id: 'premium-digital::po-monthly', name: 'Monthly, per month (premium-digital)' },
    { id: 'weekend-print::po-yearly', name: 'Weekend Print, per year (weekend-print)' },
    { id: 'premium-digital::po-yearly', name: 'Yearly, per year (premium-digital)' },
  ];

  it('with no Product, lists each product’s options once, with ids and labels that name the product, also where products share an option id', async () => {
    const sesamy = serveSesamy();

    expect(await runDropdown('purchase_option_list', {})).toEqual(EVERY_OPTION);
    expect(sesamy.requests.map((request) => request.path)).toEqual(['/management/paywalls']);
  });

  it.each([['{{123__sku}}'], ['Gift {{123__sku}}'], ['{{123__line_items[]sku}}']])(
    'reads a Product mapped from an earlier step (%s, unfilled while the dropdown loads) as no Product: every option is listed',
    async (sku) => {
      serveSesamy();

      expect(await runDropdown('purchase_option_list', { sku })).toEqual(EVERY_OPTION);
    },
  );

  it('every option listed without a Product is one Grant Access posts for its own product', async () => {
    const sesamy = serveSesamy();
    const options = await runDropdown('purchase_option_list', {});

    for (const option of options) {
      const [sku, poId] = String(option.id).split('::');
      const row = await runCreate('grant_access', { accessListId: 'list_shop', email: 'ada@example.com', sku, poId: option.id });
      expect([row.sku, row.poId]).toEqual([sku, poId]);
    }
    expect(sesamy.writes()).toHaveLength(3);
  });

  it('lists no grant, and asks nothing, for an Access List mapped from an earlier step', async () => {
    const sesamy = serveSesamy();

    expect(await runDropdown('grant_list', { accessListId: '{{5__list}}' })).toEqual([]);
    expect(sesamy.requests).toEqual([]);
  });

  it('declare the field they read, as Zapier asks of a hidden dropdown trigger, and the fields that use them depend on it', () => {
    const inputsOf = (key: 'purchase_option_list' | 'grant_list') =>
      (App.triggers[key].operation as unknown as { inputFields: { key: string; required: boolean; dynamic: string }[] }).inputFields.map(
        ({ key, required, dynamic }) => ({ key, required, dynamic }),
      );
    const dependsOn = (step: 'grant_access' | 'revoke_access', key: string) =>
      createOperation(step).inputFields.find((field) => field.key === key)?.dependsOn;

    expect(inputsOf('purchase_option_list')).toEqual([{ key: 'sku', required: true, dynamic: 'product_list.sku.name' }]);
    expect(inputsOf('grant_list')).toEqual([{ key: 'accessListId', required: true, dynamic: 'access_list_list.id.name' }]);
    expect(dependsOn('grant_access', 'poId')).toEqual(['sku']);
    expect(dependsOn('revoke_access', 'grantId')).toEqual(['accessListId']);
  });
});
