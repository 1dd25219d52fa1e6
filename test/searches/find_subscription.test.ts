import nock from 'nock';
import { API, articlePurchases, contracts } from '../../scripts/fake-sesamy/account.ts';
import { enveloped, failsFrom, serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { errors, messageOf, onTheFakeAccountsToday, rejectionOf, runSearch } from '../support/harness.ts';

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
      contractDuration: 'RECURRING',
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

  it('leaves single purchases out, however new and active, and shows each subscription’s duration', async () => {
    const sesamy = serveSesamy();
    sesamy.contracts.push(...articlePurchases('user_ada', 2), ...articlePurchases('user_ada', 1, 'EXPIRED'));

    const all = await runSearch('find_subscription', { userId: 'user_ada' });
    const ended = await runSearch('find_subscription', { userId: 'user_ada', status: 'ended' });

    expect(all.map((row) => [row.id, row.contractDuration])).toEqual([
      ['contract_101', 'RECURRING'],
      ['contract_103', null],
      ['contract_099', null],
    ]);
    expect(ended.map((row) => row.id)).toEqual(['contract_099']);
  });

  it('names the item of the product searched for when a contract has several, and the first item otherwise', async () => {
    const sesamy = serveSesamy();
    const premium = sesamy.contracts.find((contract) => contract.id === 'contract_101');
    premium?.items.push({ sku: 'weekend-print', purchaseOptionId: 'po-yearly', purchaseOptionName: 'Yearly', name: 'Weekend Print' });

    const [byWeekend] = await runSearch('find_subscription', { userId: 'user_ada', sku: 'weekend-print' });
    const [first] = await runSearch('find_subscription', { userId: 'user_ada' });

    expect(byWeekend).toMatchObject({
      id: 'contract_101',
      name: 'Premium Digital',
      sku: 'weekend-print',
      purchaseOptionId: 'po-yearly',
      purchaseOptionName: 'Yearly',
    });
    expect(first).toMatchObject({
      id: 'contract_101',
      sku: 'premium-digital',
      purchaseOptionId: 'po-monthly',
      purchaseOptionName: 'Monthly',
    });
  });

  it.each([
    ['Canceled', ['contract_099']],
    ['cancelled', ['contract_099']],
    ['EXPIRED', ['contract_099']],
    ['ACTIVE ', ['contract_101', 'contract_103']],
    ['in-force', ['contract_101', 'contract_103']],
    ['All', ['contract_101', 'contract_103', 'contract_099']],
    ['Any Status', ['contract_101', 'contract_103', 'contract_099']],
    ['', ['contract_101', 'contract_103', 'contract_099']],
  ])('reads the Status typed as a custom value “%s” as the choice it means', async (status, ids) => {
    serveSesamy();

    const rows = await runSearch('find_subscription', { userId: 'user_ada', status });

    expect(rows.map((row) => row.id)).toEqual(ids);
  });

  it('refuses a Status that is none of the choices, listing them, before any request', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runSearch('find_subscription', { email: 'ada@example.com', status: 'Paused' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
    expect(messageOf(error)).toBe('Status “Paused” is not one of the choices. Choose “Active”, “Ended” or “Any”, or leave it empty.');
    expect(sesamy.requests).toEqual([]);
  });

  it('finds by a Product typed as a custom value with other capitals', async () => {
    serveSesamy();

    const rows = await runSearch('find_subscription', { userId: 'user_ada', sku: 'Premium-Digital' });

    expect(rows.map((row) => [row.id, row.sku])).toEqual([['contract_101', 'premium-digital']]);
  });

  it('returns [] for an unknown reader', async () => {
    serveSesamy();

    expect(await runSearch('find_subscription', { email: 'nobody@example.com' })).toEqual([]);
  });
});

const ADA_CONTRACTS = '/management/contracts?userId=user_ada&limit=100';

describe('Find Subscription for a heavy article buyer', () => {
  it('reads every page of the reader’s contracts: a subscription listed after 150 single purchases is found', async () => {
    const sesamy = serveSesamy();
    sesamy.contracts.unshift(...articlePurchases('user_ada', 150));

    const rows = await runSearch('find_subscription', { userId: 'user_ada', sku: 'premium-digital' });

    expect(rows.map((row) => row.id)).toEqual(['contract_101']);
    expect(sesamy.requests.map((request) => request.path)).toEqual([ADA_CONTRACTS, `${ADA_CONTRACTS}&offset=100`]);
  });

  it('stops after 1,000 contracts with an error, rather than say which is newest from a part', async () => {
    const sesamy = serveSesamy();
    sesamy.contracts.unshift(...articlePurchases('user_ada', 1001));

    const error = await rejectionOf(runSearch('find_subscription', { userId: 'user_ada', sku: 'premium-digital' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'TooManyRecords' });
    expect(messageOf(error)).toBe(
      'The contracts of user “user_ada” could not be read to the end: Sesamy lists more than the app reads (the app read 1,000 contracts), so Find Subscription cannot tell which subscriptions they have or which is newest. Look the reader up in the Sesamy dashboard.',
    );
    expect(sesamy.requests.map((request) => request.path)).toEqual([
      ADA_CONTRACTS,
      ...Array.from({ length: 9 }, (_, page) => `${ADA_CONTRACTS}&offset=${(page + 1) * 100}`),
    ]);
  });

  it('follows an envelope that says more follow a page shorter than asked for, from where that page ended', async () => {
    const asked: string[] = [];
    const articles = articlePurchases('user_ada', 50);
    nock(API)
      .persist()
      .get('/management/contracts')
      .query(true)
      .reply((request: Request) => {
        const url = new URL(request.url);
        asked.push(`${url.pathname}${url.search}`);
        return url.searchParams.get('offset') === null
          ? [200, { data: articles, pagination: { total: 51, limit: 50, offset: 0, hasMore: true } }]
          : [200, { data: [contracts.contract_101], pagination: { total: 51, limit: 50, offset: 50, hasMore: false } }];
      });
    serveSesamy();

    const rows = await runSearch('find_subscription', { userId: 'user_ada' });

    expect(rows.map((row) => row.id)).toEqual(['contract_101']);
    expect(asked).toEqual([ADA_CONTRACTS, `${ADA_CONTRACTS}&offset=50`]);
  });

  it('reads a total stated without an offset from the offset it asked for: 152 contracts are two pages, and the subscription is found', async () => {
    const sesamy = serveSesamy();
    sesamy.misbehave = enveloped('/management/contracts', (_page, all) => ({ meta: { total: all } }));
    sesamy.contracts.unshift(...articlePurchases('user_ada', 150));

    const rows = await runSearch('find_subscription', { userId: 'user_ada', sku: 'premium-digital' });

    expect(rows.map((row) => row.id)).toEqual(['contract_101']);
    expect(sesamy.requests.map((request) => request.path)).toEqual([ADA_CONTRACTS, `${ADA_CONTRACTS}&offset=100`]);
  });

  it('does not end at a full page whose envelope says it is the last: the page after it is read', async () => {
    const sesamy = serveSesamy();
    sesamy.misbehave = enveloped('/management/contracts', (page) => ({ pagination: { total: page.length, hasMore: false } }));
    sesamy.contracts.unshift(...articlePurchases('user_ada', 100));

    const rows = await runSearch('find_subscription', { userId: 'user_ada', sku: 'premium-digital' });

    expect(rows.map((row) => row.id)).toEqual(['contract_101']);
    expect(sesamy.requests.map((request) => request.path)).toEqual([ADA_CONTRACTS, `${ADA_CONTRACTS}&offset=100`]);
  });

  it('does not read a later page that is gone as the end of the list: an IncompleteList error, never “no subscriptions”', async () => {
    const sesamy = serveSesamy();
    sesamy.misbehave = failsFrom('/management/contracts', 100);
    sesamy.contracts.unshift(...articlePurchases('user_ada', 100));

    const error = await rejectionOf(runSearch('find_subscription', { userId: 'user_ada' }));

    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'IncompleteList' });
    expect(messageOf(error)).toBe(
      'The contracts of user “user_ada” could not be read to the end: Sesamy answered that a later page does not exist (the app read 100 contracts), so Find Subscription cannot tell which subscriptions they have or which is newest. Look the reader up in the Sesamy dashboard.',
    );
    expect(sesamy.requests.map((request) => request.path)).toEqual([ADA_CONTRACTS, `${ADA_CONTRACTS}&offset=100`]);
  });

  it('stops, and does not loop, when Sesamy answers every page with the first', async () => {
    const asked: string[] = [];
    nock(API)
      .persist()
      .get('/management/contracts')
      .query(true)
      .reply((request: Request) => {
        const url = new URL(request.url);
        asked.push(`${url.pathname}${url.search}`);
        return [200, articlePurchases('user_ada', 100)];
      });
    serveSesamy();

    const error = await rejectionOf(runSearch('find_subscription', { userId: 'user_ada' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'IncompleteList' });
    expect(messageOf(error)).toContain(
      'could not be read to the end: a page from Sesamy brought nothing not already read (the app read 100 contracts)',
    );
    expect(asked).toEqual([ADA_CONTRACTS, `${ADA_CONTRACTS}&offset=100`]);
  });
});
