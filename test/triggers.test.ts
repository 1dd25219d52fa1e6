// The instant triggers, each run through Zapier's app tester against nock.
import nock from 'nock';
import { EVENTS } from '../events';
import { appTester, bundleWith, errors, hookOperation, messageOf, rejectionOf } from './support/app';
import { ACCESS_TOKEN, API, serveAccount, VENDOR } from './support/sesamy';
import { sortedKeyPaths } from './support/shape';

const TARGET = 'https://hooks.zapier.com/hooks/standard/123456/abcdef/';
const bearer = { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } };

describe.each(EVENTS)('$key', (spec) => {
  const operation = hookOperation(spec.key);
  const dicts = operation.outputFields.filter((field) => field.dict).map((field) => field.key);

  describe('performSubscribe', () => {
    it('registers the hook URL for the trigger’s event types and the chosen vendor, and keeps Sesamy’s answer', async () => {
      const created = { id: 'wh_42', url: TARGET, createdAt: '2026-11-22T10:00:00.000Z' };
      const scope = nock(API, bearer)
        .post('/management/webhooks', { url: TARGET, eventTypes: [...spec.eventTypes], vendorId: VENDOR })
        .reply(201, created);

      const subscribeData = await appTester(operation.performSubscribe, bundleWith({ targetUrl: TARGET }));

      expect(scope.isDone()).toBe(true);
      expect(subscribeData).toEqual(created);
    });

    it('reads a numeric subscription id as text, since Zapier passes subscribeData.id on', async () => {
      nock(API).post('/management/webhooks').reply(201, { id: 7 });

      await expect(appTester(operation.performSubscribe, bundleWith({ targetUrl: TARGET }))).resolves.toEqual({
        id: '7',
      });
    });

    it('refuses an answer without a subscription id, which unsubscribe would need', async () => {
      nock(API).post('/management/webhooks').reply(201, { url: TARGET });

      const error = await rejectionOf(appTester(operation.performSubscribe, bundleWith({ targetUrl: TARGET })));

      expect(error).toBeInstanceOf(errors.Error);
      expect(messageOf(error)).toMatch(/^Sesamy sent an unexpected answer while the app tried to subscribe this Zap to Sesamy events: /);
    });

    it('asks for a vendor before subscribing', async () => {
      const error = await rejectionOf(
        appTester(operation.performSubscribe, bundleWith({ targetUrl: TARGET, inputData: {} })),
      );

      expect(error).toBeInstanceOf(errors.HaltedError);
      expect(error.message).toBe('Choose a Sesamy vendor in the Vendor field of this trigger, then test it again.');
    });
  });

  describe('performUnsubscribe', () => {
    it('deletes the subscription by its id', async () => {
      const scope = nock(API, bearer).delete('/management/webhooks/wh_42').reply(204);

      await expect(
        appTester(operation.performUnsubscribe, bundleWith({ subscribeData: { id: 'wh_42' } })),
      ).resolves.toEqual({});
      expect(scope.isDone()).toBe(true);
    });

    it.each([404, 410])('counts a %i (already gone) as success, so the Zap turns off', async (status) => {
      const scope = nock(API).delete('/management/webhooks/wh_42').reply(status, { error: { code: 'NOT_FOUND' } });

      await expect(
        appTester(operation.performUnsubscribe, bundleWith({ subscribeData: { id: 'wh_42' } })),
      ).resolves.toEqual({});
      expect(scope.isDone()).toBe(true);
    });

    it('makes no request when nothing was subscribed', async () => {
      // Network is disabled: any request would reject.
      await expect(appTester(operation.performUnsubscribe, bundleWith({}))).resolves.toEqual({});
    });
  });

  describe('perform', () => {
    it('keeps every field of the documented sample with its exact value', async () => {
      const rows = await appTester(operation.perform, bundleWith({ cleanedRequest: structuredClone(spec.sample) }));

      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject(spec.sample);
    });

    it('gives one row per event when Sesamy delivers an array', async () => {
      const second = { ...structuredClone(spec.sample), user: { ...spec.sample.user, userId: '456' } };

      const rows = await appTester(
        operation.perform,
        bundleWith({ cleanedRequest: [structuredClone(spec.sample), second] }),
      );

      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject(spec.sample);
      expect(rows[1]).toMatchObject(second);
    });

    it('gives no row for another vendor’s event or an event type the trigger does not cover', async () => {
      const otherVendor = { ...structuredClone(spec.sample), vendorId: 'acme-sport', eventType: spec.eventTypes[0] };
      const otherType = { ...structuredClone(spec.sample), vendorId: VENDOR, eventType: 'entitlement.1#new' };

      const rows = await appTester(operation.perform, bundleWith({ cleanedRequest: [otherVendor, otherType] }));

      expect(rows).toEqual([]);
    });
  });

  describe('performList', () => {
    it('shows recent records shaped exactly like the sample', async () => {
      serveAccount();

      const rows = await appTester(operation.performList, bundleWith());

      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(sortedKeyPaths(row, dicts)).toEqual(sortedKeyPaths(operation.sample, dicts));
      }
    });

    it('is empty when the account has no records yet', async () => {
      nock(API).persist().get(/^\/management\/(contracts|users)/).reply(200, []);

      await expect(appTester(operation.performList, bundleWith())).resolves.toEqual([]);
    });
  });
});

describe('subscription_ended', () => {
  const operation = hookOperation('subscription_ended');

  it.each(['CANCELED', 'EXPIRED', 'DELETED', 'canceled'])('gives a row for status %s', async (status) => {
    const delivery = { ...structuredClone(hookOperation('subscription_created').sample), status };
    await expect(appTester(operation.perform, bundleWith({ cleanedRequest: delivery }))).resolves.toHaveLength(1);
  });

  it.each(['active', 'ACTIVE', '', null, 3])('gives no row for status %p, which has not ended', async (status) => {
    const delivery = { ...structuredClone(hookOperation('subscription_created').sample), status };
    await expect(appTester(operation.perform, bundleWith({ cleanedRequest: delivery }))).resolves.toEqual([]);
  });
});
