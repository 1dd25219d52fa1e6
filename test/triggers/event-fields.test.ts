// A row says only what Sesamy says: an event type, a cancellation time or a name it does not
// state is never inferred, and a single purchase is no subscription.
import { jest } from '@jest/globals';
import nock from 'nock';
import type { TriggerKey } from '../../events.ts';
import { API, contracts, serveAccount, VENDOR } from '../../scripts/fake-sesamy/account.ts';
import { appTester, bundleWith, deliveryOf, hookOperation, specOf, thinEvent } from '../support/harness.ts';

const perform = (trigger: TriggerKey, cleanedRequest: unknown, inputs: Record<string, unknown> = {}) =>
  appTester(hookOperation(trigger).perform, bundleWith({ inputData: { vendorId: VENDOR, ...inputs }, cleanedRequest }));

beforeEach(() => {
  serveAccount(); // interceptors a test registers first answer before it
});

describe('a row says only what Sesamy says', () => {
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
