// The optional filters of a trigger: sent with the hook subscription, and applied to
// every row of perform and performList, each shown both matching and not matching.
import { jest } from '@jest/globals';
import nock from 'nock';
import type { TriggerKey } from '../../events.ts';
import { API, products, serveAccount, VENDOR } from '../../scripts/fake-sesamy/account.ts';
import { appTester, bundleWith, deliveryOf, errors, hookOperation, messageOf, rejectionOf, specOf } from '../support/harness.ts';

const TARGET = 'https://hooks.zapier.com/hooks/standard/1/2/';

const performWith = (trigger: TriggerKey, filters: Record<string, unknown>, cleanedRequest: unknown = deliveryOf(specOf(trigger))) => {
  serveAccount(); // the reader's lists, for their tags; interceptors registered before it answer first
  return appTester(hookOperation(trigger).perform, bundleWith({ inputData: { vendorId: VENDOR, ...filters }, cleanedRequest }));
};

describe('the subscribe request', () => {
  it.each<[TriggerKey, Record<string, unknown>, nock.DataMatcherMap]>([
    [
      'subscription_created',
      { skus: [' premium-digital ', 'weekend-print', ''], productTypes: ['Bundle'] },
      { skus: ['premium-digital', 'weekend-print'], productTypes: ['bundle'] },
    ],
    ['subscription_ended', { endStatuses: ['canceled', 'EXPIRED'] }, { endStatuses: ['CANCELED', 'EXPIRED'] }],
    [
      'contract_purchased',
      { skus: 'premium-digital', minTotal: '10', maxTotal: 99.5 },
      { skus: ['premium-digital'], minTotal: 10, maxTotal: 99.5 },
    ],
    ['entitlement_granted', { productTypes: ['pass', 'article'] }, { productTypes: ['pass', 'article'] }],
    // A filter the trigger does not offer is not sent: the form may hold stale values.
    ['user_signed_up', { skus: ['premium-digital'] }, {}],
  ])('%s with %j carries the filters %j', async (trigger, inputs, filters) => {
    const spec = specOf(trigger);
    const body = { url: TARGET, eventTypes: [...spec.eventTypes], vendorId: VENDOR, ...(Object.keys(filters).length ? { filters } : {}) };
    const scope = nock(API).post('/management/webhooks', body).reply(201, { id: 'wh_1' });

    await appTester(hookOperation(trigger).performSubscribe, bundleWith({ targetUrl: TARGET, inputData: { vendorId: VENDOR, ...inputs } }));

    expect(scope.isDone()).toBe(true);
  });

  it.each<[TriggerKey, Record<string, unknown>, string]>([
    [
      'contract_purchased',
      { minTotal: 'ten' },
      "Minimum Total must be a number, like 99, 99.50 or 99,50, without thousands separators. Edit the trigger's filters and try again.",
    ],
    [
      'contract_purchased',
      { maxTotal: '1e999' },
      "Maximum Total must be a number, like 99, 99.50 or 99,50, without thousands separators. Edit the trigger's filters and try again.",
    ],
    [
      'contract_purchased',
      { minTotal: '1.000' },
      "Minimum Total must be a number, like 99, 99.50 or 99,50, without thousands separators. Edit the trigger's filters and try again.",
    ],
    [
      'contract_purchased',
      { maxTotal: '-10' },
      "Maximum Total cannot be below zero: amounts are compared by their size, so type 10. Edit the trigger's filters and try again.",
    ],
    [
      'contract_purchased',
      { minTotal: 100, maxTotal: '50' },
      "Minimum Total (100) is more than Maximum Total (50), so no purchase could match. Edit the trigger's filters and try again.",
    ],
    [
      'subscription_ended',
      { endStatuses: ['CANCELED', 'PAUSED'] },
      "Endings can be Canceled, Expired, Deleted; “PAUSED” is not one of them. Edit the trigger's filters and try again.",
    ],
  ])('%s refuses %j with a clear error, before asking Sesamy', async (trigger, inputs, message) => {
    const error = await rejectionOf(
      appTester(hookOperation(trigger).performSubscribe, bundleWith({ targetUrl: TARGET, inputData: { vendorId: VENDOR, ...inputs } })),
    );

    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toEqual({ message, code: 'InvalidFilter' });
    expect(messageOf(error)).toBe(message);
  });
});

describe('perform applies the filters', () => {
  it.each<[string, TriggerKey, Record<string, unknown>, number]>([
    ['a SKU that matches', 'subscription_created', { skus: ['123-xyz'] }, 1],
    ['a SKU that does not', 'subscription_created', { skus: ['other-sku'] }, 0],
    ['one of several SKUs', 'entitlement_granted', { skus: ['other-sku', '123-xyz'] }, 1],
    ['a line item’s SKU', 'contract_purchased', { skus: ['123-xyz'] }, 1],
    ['no line item’s SKU', 'contract_purchased', { skus: ['other-sku'] }, 0],
    ['the product type, whatever its case', 'subscription_created_or_updated', { productTypes: ['BUNDLE'] }, 1],
    ['another product type', 'cancellation_requested', { productTypes: ['article', 'pass'] }, 0],
    ['an entitlement’s type', 'entitlement_updated', { productTypes: ['bundle'] }, 1],
    ['a total at the minimum', 'contract_purchased', { minTotal: 10 }, 1],
    ['a total below the minimum', 'contract_purchased', { minTotal: '10.01' }, 0],
    ['a total at the maximum', 'contract_purchased', { maxTotal: 10 }, 1],
    ['a total above the maximum', 'contract_purchased', { maxTotal: 9.99 }, 0],
    ['a total inside both bounds', 'contract_purchased', { minTotal: 5, maxTotal: 20 }, 1],
    ['the chosen ending', 'subscription_ended', { endStatuses: ['CANCELED'] }, 1],
    ['another ending', 'subscription_ended', { endStatuses: ['EXPIRED', 'DELETED'] }, 0],
    ['blank filters, which filter nothing', 'contract_purchased', { skus: [], productTypes: '', minTotal: '', maxTotal: null }, 1],
  ])('%s (%s, %j) gives %i row(s), and says so in the Zap’s log when it gives none', async (_case, trigger, filters, count) => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined); // where the app tester writes z.console

    await expect(performWith(trigger, filters)).resolves.toHaveLength(count);

    const skipped = log.mock.calls
      .flat()
      .map((line) => String(line).trim())
      .filter((line) => line.includes('did not match'));
    log.mockRestore();
    expect(skipped).toEqual(count === 0 ? ["Skipped 1 Sesamy event that did not match this trigger's filters."] : []);
  });

  it('never passes a purchase without a total through a total filter', async () => {
    const delivery = { ...deliveryOf(specOf('contract_purchased')), totals: { currency: 'SEK' } };

    await expect(performWith('contract_purchased', { minTotal: 0 }, delivery)).resolves.toEqual([]);
    await expect(performWith('contract_purchased', {}, delivery)).resolves.toHaveLength(1);
  });

  it('looks a checkout’s product types up by SKU, once per SKU, only when that filter is set', async () => {
    const scope = nock(API)
      .get('/management/products/123-xyz')
      .once()
      .reply(
        200,
        products.find((product) => product.sku === '123-xyz'),
      );
    const delivery = deliveryOf(specOf('contract_purchased'));
    const twice = { ...delivery, products: [...(delivery.products as object[]), ...(delivery.products as object[])] };

    await expect(performWith('contract_purchased', { productTypes: ['bundle'] }, twice)).resolves.toHaveLength(1);
    expect(scope.isDone()).toBe(true);

    nock.cleanAll(); // the first run's fake account would answer first
    // Deliberately beyond Sesamy's Product type: `type` where the SDK has `productType` (the app reads both).
    nock(API).get('/management/products/123-xyz').reply(200, { sku: '123-xyz', type: 'pass' });
    await expect(performWith('contract_purchased', { productTypes: ['bundle'] })).resolves.toEqual([]);
  });
});

describe('performList applies the filters', () => {
  it('shows only the products asked for, without reading records that cannot match', async () => {
    const seen = serveAccount();

    const rows = await appTester(
      hookOperation('subscription_created').performList,
      bundleWith({ inputData: { vendorId: VENDOR, skus: ['weekend-print'] } }),
    );

    expect(rows.map((row) => row.contractId)).toEqual(['contract_102', 'contract_103']);
    expect(seen).not.toContain('GET /management/contracts/contract_101');
  });

  it('shows only the endings asked for', async () => {
    serveAccount();

    const rows = await appTester(
      hookOperation('subscription_ended').performList,
      bundleWith({ inputData: { vendorId: VENDOR, endStatuses: ['EXPIRED'] } }),
    );

    expect(rows.map((row) => [row.contractId, row.status])).toEqual([['contract_099', 'EXPIRED']]);
  });

  it('shows only entitlements of the product types asked for', async () => {
    serveAccount();

    const rows = await appTester(
      hookOperation('entitlement_granted').performList,
      bundleWith({ inputData: { vendorId: VENDOR, productTypes: ['bundle'] } }),
    );

    expect(rows.map((row) => row.entitlementId)).toEqual(['ent_201']);
  });

  it('shows only purchases inside the total bounds', async () => {
    serveAccount();

    const rows = await appTester(
      hookOperation('contract_purchased').performList,
      bundleWith({ inputData: { vendorId: VENDOR, minTotal: 40, maxTotal: 60 } }),
    );

    expect(rows.map((row) => [row.contractId, (row.totals as { total: number }).total])).toEqual([
      ['contract_102', 49],
      ['contract_103', 49],
    ]);
  });
});
