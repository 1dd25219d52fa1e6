// Revoke Access, Find Access Grant, Find Subscription, Find Entitlement and the hidden
// dropdowns, against the stateful fake Management API.
import { jest } from '@jest/globals';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { errors, messageOf, rejectionOf } from '../support/app.ts';
import { runCreate, runDropdown, runSearch } from '../support/steps.ts';

beforeEach(() => {
  // Only the clock: whether an entitlement still gives access depends on today.
  jest.useFakeTimers({
    doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'],
    now: new Date('2026-11-28T12:00:00Z'),
  });
});
afterEach(() => jest.useRealTimers());

const GRACE_GRANT = {
  id: 'grant_grace_active',
  source: 'list_shop',
  email: 'grace@example.com',
  sku: 'weekend-print',
  poId: 'po-yearly',
  publisherPurchaseId: 'order-900',
};

describe('Revoke Access', () => {
  it('cancels the chosen grant with a PUT of status CANCELED, and returns it', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' });

    expect(sesamy.writes()).toEqual([
      {
        method: 'PUT',
        path: '/management/access-lists/list_shop/grants/grant_grace_active',
        contentType: 'application/json; charset=utf-8',
        body: { status: 'CANCELED' },
      },
    ]);
    expect(row).toMatchObject({ ...GRACE_GRANT, status: 'CANCELED' });
    expect(sesamy.grants.get('list_shop')?.find((grant) => grant.id === 'grant_grace_active')?.status).toBe('CANCELED');
  });

  it('finds the grant by an email typed with capitals and the product', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('revoke_access', { accessListId: 'list_shop', email: 'GRACE@example.com ', sku: 'weekend-print' });

    expect(row).toMatchObject({ id: 'grant_grace_active', status: 'CANCELED' });
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('replayed, or on a grant already canceled: success, the grant unchanged, nothing sent', async () => {
    const sesamy = serveSesamy();
    const first = await runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' });

    const replay = await runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' });
    const canceledBefore = await runCreate('revoke_access', { accessListId: 'list_shop', email: 'ada@example.com', sku: 'archive-pass' });

    expect(replay).toEqual(first);
    expect(canceledBefore).toMatchObject({ id: 'grant_ada_canceled', status: 'CANCELED', email: 'Ada@Example.com' });
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('replayed after Sesamy canceled the grant but its answer was lost: success, nothing sent again', async () => {
    const sesamy = serveSesamy();
    sesamy.loseNextAnswer = true;

    const failure = await rejectionOf(runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' }));
    const replay = await runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' });

    expect(failure).toBeInstanceOf(errors.ThrottledError);
    expect(replay).toMatchObject({ id: 'grant_grace_active', status: 'CANCELED' });
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('cancels a grant Grant Access just made: the two actions agree', async () => {
    const sesamy = serveSesamy();
    const granted = await runCreate('grant_access', {
      accessListId: 'list_b2b',
      email: 'linus@example.com',
      sku: 'premium-digital',
      poId: 'po-yearly',
    });

    const revoked = await runCreate('revoke_access', { accessListId: 'list_b2b', email: 'linus@example.com', sku: 'premium-digital' });

    expect(revoked).toEqual({ ...granted, status: 'CANCELED' });
    expect(sesamy.grants.get('list_b2b')).toHaveLength(1);
  });

  it('halts, saying so, when no grant matches', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(
      runCreate('revoke_access', { accessListId: 'list_shop', email: 'nobody@example.com', sku: 'weekend-print' }),
    );

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      'Access list “list_shop” has no grant for “nobody@example.com” and product “weekend-print”, so there was no access to revoke.',
    );
    expect(sesamy.writes()).toEqual([]);
  });

  it('refuses a step with neither a grant nor an email and product, and sends nothing', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runCreate('revoke_access', { accessListId: 'list_shop', email: 'grace@example.com' }));

    expect(messageOf(error)).toBe('Choose a Grant, or fill in both the Email and the Product, so the step knows which access to revoke.');
    expect(sesamy.requests).toEqual([]);
  });
});

describe('Find Access Grant', () => {
  it('finds by email (ignoring case) and/or purchase id, active grants first', async () => {
    serveSesamy();
    await runCreate('grant_access', { accessListId: 'list_shop', email: 'ada@example.com', sku: 'premium-digital', poId: 'po-monthly' });

    const byEmail = await runSearch('find_grant', { accessListId: 'list_shop', email: 'ADA@example.com' });
    const byPurchase = await runSearch('find_grant', { accessListId: 'list_shop', publisherPurchaseId: 'order-900' });
    const both = await runSearch('find_grant', { accessListId: 'list_shop', email: 'ada@example.com', publisherPurchaseId: 'order-900' });

    expect(byEmail.map((row) => [row.id, row.status])).toEqual([
      ['grant_1', 'ACTIVE'],
      ['grant_ada_canceled', 'CANCELED'],
    ]);
    expect(byPurchase.map((row) => row.id)).toEqual(['grant_grace_active']);
    expect(both).toEqual([]);
  });

  it('returns [] for a list Sesamy does not have, and refuses a search with nothing to search by', async () => {
    const sesamy = serveSesamy();

    expect(await runSearch('find_grant', { accessListId: 'list_gone', email: 'ada@example.com' })).toEqual([]);
    const error = await rejectionOf(runSearch('find_grant', { accessListId: 'list_shop' }));

    expect(messageOf(error)).toBe('Fill in the Email, the Publisher Purchase ID, or both, so the search knows which grant to find.');
    expect(sesamy.requests).toHaveLength(1);
  });
});

describe('Find Subscription', () => {
  it('lists the reader’s contracts, active first, then newest', async () => {
    const sesamy = serveSesamy();

    const rows = await runSearch('find_subscription', { email: 'Ada@Example.com' });

    expect(rows.map((row) => [row.id, row.isActive])).toEqual([
      ['contract_101', true],
      ['contract_103', true],
      ['contract_099', false],
    ]);
    expect(rows[0]).toEqual({
      id: 'contract_101',
      userId: 'user_ada',
      name: 'Premium Digital',
      status: 'ACTIVE',
      isActive: true,
      sku: 'premium-digital',
      purchaseOptionId: 'po-monthly',
      purchaseOptionName: 'Monthly',
      price: 99,
      currency: 'SEK',
      createdAt: '2026-10-01T08:10:00.000Z',
      updatedAt: '2026-11-01T08:10:00.000Z',
      expiresAt: '2026-12-01T08:10:00.000Z',
      willCancelAt: null,
      nextBillAt: '2026-12-01T08:10:00.000Z',
    });
    expect(sesamy.requests.map((request) => request.path)).toEqual([
      '/management/users?search=ada%40example.com&limit=100',
      '/management/contracts?userId=user_ada&limit=100',
    ]);
  });

  it('filters by status and product; by user id it reads no user list', async () => {
    const sesamy = serveSesamy();

    const ended = await runSearch('find_subscription', { userId: 'user_ada', status: 'ended' });
    const weekend = await runSearch('find_subscription', { userId: 'user_ada', status: 'active', sku: 'weekend-print' });

    expect(ended.map((row) => row.id)).toEqual(['contract_099']);
    expect(weekend.map((row) => row.id)).toEqual(['contract_103']);
    expect(sesamy.requests.every((request) => request.path.startsWith('/management/contracts?'))).toBe(true);
  });

  it('returns [] for an unknown reader', async () => {
    serveSesamy();

    expect(await runSearch('find_subscription', { email: 'nobody@example.com' })).toEqual([]);
  });
});

describe('Find Entitlement', () => {
  it('finds the reader’s access to a product, [] when they have none', async () => {
    serveSesamy();

    const library = await runSearch('find_entitlement', { userId: 'user_ada', sku: 'library-pass' });
    const none = await runSearch('find_entitlement', { email: 'ada@example.com', sku: 'archive-pass' });

    expect(library).toEqual([
      {
        id: 'ent_202',
        userId: 'user_ada',
        sku: 'library-pass',
        purchaseOptionId: null,
        title: 'Library Pass',
        productType: 'pass',
        hasAccess: true,
        createdAt: '2026-11-10T12:00:00.000Z',
        expiresAt: null,
        origin: { type: 'EXTERNAL', contractId: null, id: 'ext_1', listId: 'list_1', name: 'City Library' },
      },
    ]);
    expect(none).toEqual([]);
  });

  it('only active by default; any also finds expired access', async () => {
    serveSesamy();

    expect(await runSearch('find_entitlement', { email: 'grace@example.com', sku: 'weekend-print' })).toEqual([]);
    const any = await runSearch('find_entitlement', { email: 'grace@example.com', sku: 'weekend-print', status: 'any' });

    expect(any.map((row) => [row.id, row.hasAccess])).toEqual([['ent_203', false]]);
  });
});

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
