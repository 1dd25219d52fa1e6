import { enveloped, serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { messageOf, onTheFakeAccountsToday, rejectionOf, runSearch } from '../support/harness.ts';

onTheFakeAccountsToday();

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

  it('one rule for access: an entitlement past its Expires At is neither found as active nor shown as Access Active, whatever Sesamy’s hasAccess says', async () => {
    const sesamy = serveSesamy();
    sesamy.entitlements.set('user_ada', [
      {
        id: 'ent_x',
        sku: 'weekend-print',
        title: 'Weekend Print',
        type: 'publication',
        hasAccess: true,
        createdAt: '2025-01-01T00:00:00Z',
        updatedAt: '2025-01-01T00:00:00Z',
        expiresAt: '2026-01-01T00:00:00Z',
      },
    ]);

    const active = await runSearch('find_entitlement', { userId: 'user_ada', sku: 'weekend-print' });
    const any = await runSearch('find_entitlement', { userId: 'user_ada', sku: 'weekend-print', status: 'any' });

    expect(active).toEqual([]);
    expect(any).toEqual([
      {
        id: 'ent_x',
        userId: 'user_ada',
        sku: 'weekend-print',
        purchaseOptionId: null,
        title: 'Weekend Print',
        productType: 'publication',
        hasAccess: false,
        createdAt: '2025-01-01T00:00:00.000Z',
        expiresAt: '2026-01-01T00:00:00.000Z',
        origin: { type: null, contractId: null, id: null, listId: null, name: null },
      },
    ]);
  });

  it.each([
    ['Any, Also Expired', [['ent_203', false]]],
    ['any also expired', [['ent_203', false]]],
    ['ALL', [['ent_203', false]]],
    ['Only With Access Now', []],
    ['has-access', []],
  ])('reads the Access typed as a custom value “%s” as the choice it means', async (status, found) => {
    serveSesamy();

    const rows = await runSearch('find_entitlement', { email: 'grace@example.com', sku: 'weekend-print', status });

    expect(rows.map((row) => [row.id, row.hasAccess])).toEqual(found);
  });

  it('refuses an Access that is none of the choices (Expired would mean “only expired”, which it cannot do), before any request', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runSearch('find_entitlement', { email: 'grace@example.com', sku: 'weekend-print', status: 'Expired' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
    expect(messageOf(error)).toBe(
      'Access “Expired” is not one of the choices. Choose “Only With Access Now” or “Any, Also Expired”, or leave it empty.',
    );
    expect(sesamy.requests).toEqual([]);
  });

  it('finds by a Product typed as a custom value with other capitals', async () => {
    serveSesamy();

    const rows = await runSearch('find_entitlement', { userId: 'user_ada', sku: 'LIBRARY-PASS' });

    expect(rows.map((row) => [row.id, row.sku])).toEqual([['ent_202', 'library-pass']]);
  });
});

describe('Find Entitlement and an envelope that says more entitlements follow', () => {
  it('does not say “nothing found” from an answer that is not all the reader has: a TooManyRecords error, after one request', async () => {
    const sesamy = serveSesamy();
    sesamy.misbehave = enveloped('/management/entitlements', () => ({
      data: [],
      pagination: { total: 4, limit: 0, offset: 0, hasMore: true },
    }));

    const error = await rejectionOf(runSearch('find_entitlement', { userId: 'user_ada', sku: 'premium-digital' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'TooManyRecords' });
    expect(messageOf(error)).toBe(
      'The entitlements of user “user_ada” could not be read to the end: Sesamy lists more than the app reads (the app read 0 entitlements), so Find Entitlement cannot tell which access the reader has. Look the reader up in the Sesamy dashboard.',
    );
    expect(sesamy.requests.map((request) => request.path)).toEqual(['/management/entitlements?userId=user_ada']);
  });

  it('reads an envelope that says its answer is the last as the whole list', async () => {
    const sesamy = serveSesamy();
    sesamy.misbehave = enveloped('/management/entitlements', (page) => ({ pagination: { total: page.length, hasMore: false } }));

    const rows = await runSearch('find_entitlement', { userId: 'user_ada', sku: 'premium-digital' });

    expect(rows.map((row) => [row.id, row.hasAccess])).toEqual([['ent_201', true]]);
    expect(sesamy.requests.map((request) => request.path)).toEqual(['/management/entitlements?userId=user_ada']);
  });
});
