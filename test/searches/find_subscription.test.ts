import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { onTheFakeAccountsToday, runSearch } from '../support/harness.ts';

onTheFakeAccountsToday();

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
