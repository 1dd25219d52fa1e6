// Hydration's lookups: each record read once per delivery, a gone record skipped with a
// halt that names it, a temporary failure retried, a missing id named.
import nock from 'nock';
import { API, serveAccount } from '../../scripts/fake-sesamy/account.ts';
import { appTester, bundleWith, errors, hookOperation, messageOf, rejectionOf, thinEvent } from '../support/harness.ts';

const SUBSCRIPTION_REQUESTS = [
  'GET /management/contracts/contract_101',
  'GET /management/contracts?userId=user_ada&limit=100',
  'GET /management/entitlements?userId=user_ada',
  'GET /management/users/user_ada',
];

describe('hydration', () => {
  const subscriptionCreated = hookOperation('subscription_created');
  const event = thinEvent('contract.1#purchased', { userId: 'user_ada', contractId: 'contract_101' });

  it('gives a thin and a rich delivery the same id on a retry, and different events different ids', async () => {
    serveAccount();
    const first = await appTester(subscriptionCreated.perform, bundleWith({ cleanedRequest: { ...event } }));
    const retry = await appTester(subscriptionCreated.perform, bundleWith({ cleanedRequest: { ...event } }));
    const later = await appTester(
      subscriptionCreated.perform,
      bundleWith({ cleanedRequest: { ...event, occured_at: '2026-11-21T10:00:00Z' } }),
    );

    expect(retry[0]?.id).toBe(first[0]?.id);
    expect(later[0]?.id).not.toBe(first[0]?.id);
  });

  it('reads a record once when a delivery holds several events about it', async () => {
    const seen = serveAccount();
    const second = { ...event, occured_at: '2026-11-21T10:00:00Z' };

    const rows = await appTester(subscriptionCreated.perform, bundleWith({ cleanedRequest: [{ ...event }, second] }));

    expect(rows).toHaveLength(2);
    expect([...seen].sort()).toEqual(SUBSCRIPTION_REQUESTS);
  });

  it('skips the event with a halted error naming the record when Sesamy has no such contract', async () => {
    serveAccount();

    const error = await rejectionOf(
      appTester(subscriptionCreated.perform, bundleWith({ cleanedRequest: { ...event, contractId: 'contract_404' } })),
    );

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      'Could not read contract “contract_404” (404 Not Found, NOT_FOUND). Sesamy has no such record; it may have been deleted. This event was skipped.',
    );
  });

  it('asks Zapier to retry when a lookup meets a temporary Sesamy failure, naming what could not be fetched', async () => {
    nock(API).get('/management/users/user_ada').reply(503, 'upstream unavailable');
    serveAccount(); // everything else answers; nock tries the interceptor registered first

    const error = await rejectionOf(appTester(subscriptionCreated.perform, bundleWith({ cleanedRequest: { ...event } })));

    expect(error).toBeInstanceOf(errors.ThrottledError);
    expect(messageOf(error)).toBe(
      'Sesamy had a temporary problem (503 Service Unavailable) while trying to read user “user_ada”. Zapier will retry shortly.',
    );
  });

  it('skips an entitlement event whose entitlement the user does not have, naming both', async () => {
    serveAccount();

    const error = await rejectionOf(
      appTester(
        hookOperation('entitlement_granted').perform,
        bundleWith({ cleanedRequest: thinEvent('entitlement.1#new', { userId: 'user_ada', entitlementId: 'ent_999' }) }),
      ),
    );

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      'Could not find entitlement “ent_999” among the entitlements of user “user_ada”; it may have been deleted. This event was skipped.',
    );
  });

  it.each([
    ['subscription_created', thinEvent('contract.1#purchased', { userId: 'user_ada' }), 'contractId'],
    ['contract_purchased', thinEvent('checkout.1#confirm', { userId: 'user_ada', checkoutId: 'checkout_1' }), 'contractId'],
    ['entitlement_granted', thinEvent('entitlement.1#new', { userId: 'user_ada' }), 'entitlementId'],
    ['user_signed_up', thinEvent('userVendor.1#new', {}), 'userId'],
  ] as const)('%s: skips a thin event that lacks its %s with a halted error naming the id', async (trigger, thin, missing) => {
    const error = await rejectionOf(appTester(hookOperation(trigger).perform, bundleWith({ cleanedRequest: thin })));

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      `Sesamy sent a ${String(thin.eventType)} event without a ${missing}, so its details could not be fetched. This event was skipped.`,
    );
  });
});
