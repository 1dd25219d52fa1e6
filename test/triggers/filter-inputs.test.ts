import nock from 'nock';
import type { TriggerKey } from '../../events.ts';
import { API, serveAccount, VENDOR } from '../../scripts/fake-sesamy/account.ts';
import { appTester, bundleWith, deliveryOf, errors, hookOperation, messageOf, rejectionOf, specOf } from '../support/harness.ts';

const perform = (trigger: TriggerKey, cleanedRequest: unknown, inputs: Record<string, unknown> = {}) =>
  appTester(hookOperation(trigger).perform, bundleWith({ inputData: { vendorId: VENDOR, ...inputs }, cleanedRequest }));

beforeEach(() => {
  serveAccount(); // interceptors a test registers first answer before it
});

describe('filters as people type them', () => {
  // The sample checkout's total is 10.
  it.each([
    [{ minTotal: '9,50' }, 1],
    [{ minTotal: '10,01' }, 0],
    [{ maxTotal: '9,99' }, 0],
    [{ minTotal: '9,5', maxTotal: '10,00' }, 1],
  ])('Minimum and Maximum Total accept a decimal comma: %j gives %i row(s)', async (inputs, count) => {
    await expect(perform('contract_purchased', deliveryOf(specOf('contract_purchased')), inputs)).resolves.toHaveLength(count);
  });

  it('sends a decimal comma to Sesamy as a number', async () => {
    const scope = nock(API)
      .post('/management/webhooks', (body: { filters?: unknown }) => JSON.stringify(body.filters) === JSON.stringify({ minTotal: 99.5 }))
      .reply(201, { id: 'wh_1' });

    await appTester(
      hookOperation('contract_purchased').performSubscribe,
      bundleWith({ targetUrl: 'https://hooks.zapier.com/x', inputData: { vendorId: VENDOR, minTotal: '99,50' } }),
    );

    expect(scope.isDone()).toBe(true);
  });

  it('refuses "1,000", which could mean a thousand or one, with a clear error', async () => {
    const error = await rejectionOf(perform('contract_purchased', deliveryOf(specOf('contract_purchased')), { minTotal: '1,000' }));

    expect(error).toBeInstanceOf(errors.Error);
    expect(messageOf(error)).toBe(
      "Minimum Total must be a number, like 99, 99.50 or 99,50, without thousands separators. Edit the trigger's filters and try again.",
    );
  });

  it.each([
    ['premium-digital, weekend-print', ['premium-digital', 'weekend-print']],
    [
      ['premium-digital,weekend-print', ' archive-pass '],
      ['premium-digital', 'weekend-print', 'archive-pass'],
    ],
  ])('Products typed as one comma-separated text, %j, is a list of SKUs', async (skus, sent) => {
    const scope = nock(API)
      .post('/management/webhooks', (body: { filters?: { skus?: unknown } }) => JSON.stringify(body.filters?.skus) === JSON.stringify(sent))
      .reply(201, { id: 'wh_1' });

    await appTester(
      hookOperation('subscription_created').performSubscribe,
      bundleWith({ targetUrl: 'https://hooks.zapier.com/x', inputData: { vendorId: VENDOR, skus } }),
    );

    expect(scope.isDone()).toBe(true);
    await expect(
      perform('subscription_created', deliveryOf(specOf('subscription_created')), { skus: 'other-sku, 123-xyz' }),
    ).resolves.toHaveLength(1);
  });
});
