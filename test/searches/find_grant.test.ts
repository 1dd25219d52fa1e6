import { ADA_LAST_YEAR_GRANT, serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { messageOf, onTheFakeAccountsToday, rejectionOf, runCreate, runSearch } from '../support/harness.ts';

onTheFakeAccountsToday();

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

  it('after a renewal, puts the grant that gives access now before the ended one that still says ACTIVE', async () => {
    const sesamy = serveSesamy();
    sesamy.grants.get('list_shop')?.push({ ...ADA_LAST_YEAR_GRANT });
    await runCreate('grant_access', { accessListId: 'list_shop', email: 'ada@example.com', sku: 'premium-digital', poId: 'po-yearly' });

    const rows = await runSearch('find_grant', { accessListId: 'list_shop', email: 'ada@example.com' });

    expect(rows.map((row) => [row.id, row.status, row.endsAt])).toEqual([
      ['grant_1', 'ACTIVE', null],
      ['grant_ada_2025', 'ACTIVE', '2026-11-01T00:00:00.000Z'],
      ['grant_ada_canceled', 'CANCELED', null],
    ]);
  });

  it('matches a purchase id stored with spaces around it, as Grant Access and Revoke Access do', async () => {
    const sesamy = serveSesamy();
    sesamy.grants.get('list_shop')?.push({
      id: 'grant_spaced',
      source: 'list_shop',
      email: 'ada@example.com',
      sku: 'premium-digital',
      poId: 'po-monthly',
      status: 'ACTIVE',
      publisherPurchaseId: ' order-77 ',
    });

    const rows = await runSearch('find_grant', { accessListId: 'list_shop', publisherPurchaseId: 'order-77' });
    const revoked = await runCreate('revoke_access', { accessListId: 'list_shop', publisherPurchaseId: 'order-77' });

    expect(rows.map((row) => row.id)).toEqual(['grant_spaced']);
    expect(revoked).toMatchObject({ id: 'grant_spaced', status: 'CANCELED' });
  });
});
