// Rows say only what Sesamy says, and inputs are read the way people type them (issue 9,
// items 4, 6, 7 and 8), each as the publisher meets it.
import { jest } from '@jest/globals';
import nock from 'nock';
import type { TriggerKey } from '../../events.ts';
import { API, contracts, serveAccount, VENDOR } from '../../scripts/fake-sesamy/account.ts';
import { appTester, bundleWith, deliveryOf, errors, hookOperation, messageOf, rejectionOf, specOf, thinEvent } from '../support/app.ts';

const perform = (trigger: TriggerKey, cleanedRequest: unknown, inputs: Record<string, unknown> = {}) =>
  appTester(hookOperation(trigger).perform, bundleWith({ inputData: { vendorId: VENDOR, ...inputs }, cleanedRequest }));

beforeEach(() => {
  serveAccount(); // interceptors a test registers first answer before it
});

describe('4. nothing guessed', () => {
  it('an update delivered without an eventType does not read as a purchase: eventType is null where the trigger covers two types', async () => {
    const [both] = await perform('subscription_created_or_updated', deliveryOf(specOf('subscription_created_or_updated')));
    const [one] = await perform('subscription_created', deliveryOf(specOf('subscription_created')));
    const [said] = await perform('subscription_created_or_updated', {
      ...deliveryOf(specOf('subscription_created')),
      eventType: 'contract.1#update',
    });

    expect(both?.eventType).toBeNull();
    expect(one?.eventType).toBe('contract.1#purchased');
    expect(said?.eventType).toBe('contract.1#update');
  });

  it('canceledAt is Sesamy’s own, or null: never the contract’s last update', async () => {
    const event = thinEvent('contract.1#update', { userId: 'user_grace', contractId: 'contract_102' });
    const [unstated] = await perform('subscription_ended', event);
    nock.cleanAll();
    nock(API)
      .get('/management/contracts/contract_102')
      .reply(200, { ...contracts.contract_102, canceledAt: '2026-11-19T12:00:00Z' });
    serveAccount();

    const [stated] = await perform('subscription_ended', event);

    expect(unstated?.canceledAt).toBeNull();
    expect(stated?.canceledAt).toBe('2026-11-19T12:00:00.000Z');
  });

  it.each([
    ['Ada King Lovelace', 'Ada', 'King Lovelace'],
    ['  Cher ', 'Cher', null],
  ])('a reader whose record has only the name %p gets first name %p and last name %p', async (name, firstName, lastName) => {
    nock.cleanAll();
    nock(API).get('/management/users/user_named').reply(200, { userId: 'user_named', name, email: 'named@example.com' });
    serveAccount();

    const [row] = await perform('user_signed_up', thinEvent('userVendor.1#new', { userId: 'user_named' }));

    expect(row?.user).toMatchObject({ userId: 'user_named', firstName, lastName });
  });

  describe('a single purchase (contractDuration PERPETUAL)', () => {
    const single = { ...contracts.contract_101, id: 'contract_single', contractDuration: 'PERPETUAL' };
    beforeEach(() => {
      nock.cleanAll();
      nock(API).persist().get('/management/contracts/contract_single').reply(200, single);
      serveAccount();
    });

    it.each(['subscription_created', 'subscription_created_or_updated'] as const)('gives no %s row, with one log line', async (trigger) => {
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      const rows = await perform(trigger, thinEvent('contract.1#purchased', { userId: 'user_ada', contractId: 'contract_single' }));
      const lines = log.mock.calls.flat().map((line) => String(line).trim());
      log.mockRestore();

      expect(rows).toEqual([]);
      expect(lines).toEqual([
        `Skipped contract “contract_single”: it is a single purchase, and ${specOf(trigger).label} starts only on subscriptions (Checkout Completed covers purchases).`,
      ]);
    });

    it('still gives its checkout row', async () => {
      const rows = await perform(
        'contract_purchased',
        thinEvent('checkout.1#confirm', { userId: 'user_ada', contractId: 'contract_single' }),
      );

      expect(rows.map((row) => row.contractId)).toEqual(['contract_single']);
    });

    it('is not shown by New Subscription’s Test trigger', async () => {
      nock.cleanAll();
      nock(API).get('/management/contracts?limit=25').reply(200, [single, contracts.contract_103]);
      serveAccount();

      const rows = await appTester(hookOperation('subscription_created').performList, bundleWith());

      expect(rows.map((row) => row.contractId)).toEqual(['contract_103']);
    });
  });
});

describe('6. Test trigger shows what is newest', () => {
  it('"… or Updated" and "Ended" list the most recently changed first; "New …" the most recently created', async () => {
    const listed = async (trigger: TriggerKey) =>
      (await appTester(hookOperation(trigger).performList, bundleWith())).map((row) => row.contractId);

    // contract_101 was created last; contract_102 and contract_103 changed after it.
    expect(await listed('subscription_created')).toEqual(['contract_101', 'contract_102', 'contract_103']);
    expect(await listed('subscription_created_or_updated')).toEqual(['contract_102', 'contract_103', 'contract_101']);
    expect(await listed('contract_purchased')).toEqual(['contract_101', 'contract_102', 'contract_103']);
  });
});

describe('7. what Zapier keeps', () => {
  it('subscribeData holds only the subscription id, never a signing secret from Sesamy’s answer', async () => {
    nock(API)
      .post('/management/webhooks')
      .reply(201, { id: 'wh_9', secret: 'whsec_do-not-keep', signingKey: 'sk_do-not-keep', url: 'https://hooks.zapier.com/x' });

    const subscribeData = await appTester(
      hookOperation('user_signed_up').performSubscribe,
      bundleWith({ targetUrl: 'https://hooks.zapier.com/x' }),
    );

    expect(subscribeData).toEqual({ id: 'wh_9' });
  });
});

describe('8. inputs as people type them', () => {
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
