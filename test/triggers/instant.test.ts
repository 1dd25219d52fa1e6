// The instant triggers, each run through Zapier's app tester against nock: the hook
// subscription, rich deliveries, and "Test trigger" (performList).
import { jest } from '@jest/globals';
import nock from 'nock';
import { coversEventType, EVENTS, type EventSpec } from '../../events.ts';
import { sortedKeysOf } from '../../output-fields/flat-keys.ts';
import { ACCESS_TOKEN, API, serveAccount, VENDOR } from '../../scripts/fake-sesamy/account.ts';
import { ENDED_STATUSES } from '../../sesamy/facts.ts';
import {
  appTester,
  bundleWith,
  deliveryOf,
  dictKeysOf,
  errors,
  hookOperation,
  messageOf,
  rejectionOf,
  specOf,
} from '../support/harness.ts';

const TARGET = 'https://hooks.zapier.com/hooks/standard/123456/abcdef/';
const bearer = { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } };

/** The filters a subscription carries when the publisher set none: only Subscription Ended has a default. */
const defaultFilters = (spec: EventSpec) => (spec.filters.includes('endStatuses') ? { filters: { endStatuses: [...ENDED_STATUSES] } } : {});

describe.each(EVENTS)('$key', (spec) => {
  const operation = hookOperation(spec.key);
  const dicts = dictKeysOf(operation);

  describe('performSubscribe', () => {
    it('registers the hook URL for the trigger’s event types and the chosen vendor, and keeps only the subscription id', async () => {
      // Zapier stores subscribeData: a signing secret in Sesamy's answer must not end up there.
      const created = { id: 'wh_42', url: TARGET, secret: 'whsec_never-kept', createdAt: '2026-11-22T10:00:00.000Z' };
      const scope = nock(API, bearer)
        .post('/management/webhooks', { url: TARGET, eventTypes: [...spec.eventTypes], vendorId: VENDOR, ...defaultFilters(spec) })
        .reply(201, created);

      const subscribeData = await appTester(operation.performSubscribe, bundleWith({ targetUrl: TARGET }));

      expect(scope.isDone()).toBe(true);
      expect(subscribeData).toEqual({ id: 'wh_42' });
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
      expect(messageOf(error)).toMatch(
        /^Sesamy sent an unexpected answer while the app tried to subscribe this Zap to Sesamy events: the answer had an unexpected shape \(at “id”: /,
      );
    });

    it('asks for a vendor before subscribing', async () => {
      const error = await rejectionOf(appTester(operation.performSubscribe, bundleWith({ targetUrl: TARGET, inputData: {} })));

      expect(error).toBeInstanceOf(errors.HaltedError);
      expect(error.message).toBe('Choose a Sesamy vendor in the Vendor field of this trigger, then test it again.');
    });
  });

  describe('performUnsubscribe', () => {
    it('deletes the subscription by its id', async () => {
      const scope = nock(API, bearer).delete('/management/webhooks/wh_42').reply(204);

      await expect(appTester(operation.performUnsubscribe, bundleWith({ subscribeData: { id: 'wh_42' } }))).resolves.toEqual({});
      expect(scope.isDone()).toBe(true);
    });

    it.each([404, 410])('counts a %i (already gone) as success, so the Zap turns off', async (status) => {
      const scope = nock(API)
        .delete('/management/webhooks/wh_42')
        .reply(status, { error: { code: 'NOT_FOUND' } });

      await expect(appTester(operation.performUnsubscribe, bundleWith({ subscribeData: { id: 'wh_42' } }))).resolves.toEqual({});
      expect(scope.isDone()).toBe(true);
    });

    it('makes no request when nothing was subscribed', async () => {
      // Network is disabled and nothing is mocked: any request would reject.
      await expect(appTester(operation.performUnsubscribe, bundleWith({}))).resolves.toEqual({});
    });
  });

  describe('perform, on a rich delivery', () => {
    let seen: string[] = [];
    beforeEach(() => {
      seen = serveAccount(); // the reader's contracts and entitlements, for their tags
    });

    it('keeps every delivered field and adds the event fields, exactly as the static sample shows them, reading only the reader’s lists', async () => {
      const before = new Date().toISOString();

      const rows = await appTester(operation.perform, bundleWith({ cleanedRequest: deliveryOf(spec) }));

      expect([...seen].sort()).toEqual(['GET /management/contracts?userId=123&limit=100', 'GET /management/entitlements?userId=123']);
      expect(rows).toHaveLength(1);
      const [row] = rows;
      // Only whose Zap it is and when it arrived differ from the sample, and, for an ending, the tags it
      // ended: the sample shows a row without a connection, where nothing is listed for removal.
      const removed =
        spec.key === 'subscription_ended'
          ? ['sesamy_active_entitlement_bundle-yearly-subscription', 'sesamy_active_sku_123-xyz', 'sesamy_active_sku_po_123-xyz-xyz-567']
          : [];
      expect(row).toEqual({
        ...operation.sample,
        vendorId: VENDOR,
        occurredAt: expect.any(String),
        sesamyTagsToRemove: removed,
        sesamyTagsToRemoveText: removed.join(','),
      });
      expect(String(row?.occurredAt) >= before && String(row?.occurredAt) <= new Date().toISOString()).toBe(true);
      expect(row).toMatchObject(spec.sample);
    });

    it('gives one row per event when Sesamy delivers an array, each with its own id', async () => {
      const second = { ...deliveryOf(spec), user: { ...(spec.sample.user as object), userId: '456' } };

      const rows = await appTester(operation.perform, bundleWith({ cleanedRequest: [deliveryOf(spec), second] }));

      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject(spec.sample);
      expect(rows[1]).toMatchObject(second);
      expect(rows[1]?.userId).toBe('456');
      expect(rows[0]?.id).not.toBe(rows[1]?.id);
    });

    it('gives the same id to the same delivery sent twice, so a retry is recognisable', async () => {
      const first = await appTester(operation.perform, bundleWith({ cleanedRequest: deliveryOf(spec) }));
      const retry = await appTester(operation.perform, bundleWith({ cleanedRequest: deliveryOf(spec) }));

      expect(retry[0]?.id).toBe(first[0]?.id);
    });

    it('gives no row for another vendor’s event or an event type the trigger does not cover', async () => {
      const otherType = EVENTS.flatMap((other) => other.eventTypes).find((type) => !coversEventType(spec, type));
      const otherVendor = { ...deliveryOf(spec), vendorId: 'acme-sport', eventType: spec.eventTypes[0] };
      const ofOtherType = { ...deliveryOf(spec), vendorId: VENDOR, eventType: otherType };

      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined); // where the app tester writes z.console
      const rows = await appTester(operation.perform, bundleWith({ cleanedRequest: [otherVendor, ofOtherType] }));
      const lines = log.mock.calls.flat().map((line) => String(line).trim());
      log.mockRestore();

      expect(otherType).toBeDefined();
      expect(rows).toEqual([]);
      // One line in the Zap's log, however many were skipped, saying why.
      expect(lines.filter((line) => line.startsWith('Skipped'))).toEqual([
        'Skipped a Sesamy event for vendor “acme-sport”: this Zap is for vendor “acme-news”. (and 1 more skipped)',
      ]);
    });

    it('keeps a delivery’s own event fields as delivered', async () => {
      const delivery = {
        ...deliveryOf(spec),
        eventType: spec.eventTypes.at(-1),
        vendorId: VENDOR,
        occured_at: '2026-11-20T10:00:00+01:00',
      };

      const [row] = await appTester(operation.perform, bundleWith({ cleanedRequest: delivery }));

      expect(row).toMatchObject({ eventType: spec.eventTypes.at(-1), vendorId: VENDOR, occured_at: '2026-11-20T10:00:00+01:00' });
      expect(row?.occurredAt).toBe('2026-11-20T09:00:00.000Z');
    });
  });

  describe('performList', () => {
    it('shows recent records with exactly the keys of the sample and of a live row', async () => {
      serveAccount();

      const rows = await appTester(operation.performList, bundleWith());

      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThanOrEqual(3);
      for (const row of rows) {
        expect(sortedKeysOf(row, dicts)).toEqual(sortedKeysOf(operation.sample, dicts));
        expect(row.vendorId).toBe(VENDOR);
        expect(spec.eventTypes).toContain(row.eventType);
      }
    });

    it('is empty when the account has no records yet', async () => {
      nock(API)
        .persist()
        .get(/^\/management\/(contracts|users)/)
        .reply(200, []);

      await expect(appTester(operation.performList, bundleWith())).resolves.toEqual([]);
    });
  });
});

describe('performList rows and requests', () => {
  it('New Subscription shows the most recently created contracts first, each hydrated once per record and user', async () => {
    const seen = serveAccount();

    const rows = await appTester(hookOperation('subscription_created').performList, bundleWith());

    // By createdAt: contract_102 changed last, but contract_101 was bought last.
    expect(rows.map((row) => [row.contractId, row.eventType, row.status])).toEqual([
      ['contract_101', 'contract.1#purchased', 'ACTIVE'],
      ['contract_102', 'contract.1#purchased', 'CANCELED'],
      ['contract_103', 'contract.1#purchased', 'ACTIVE'],
    ]);
    expect([...seen].sort()).toEqual([
      'GET /management/contracts?limit=25',
      'GET /management/contracts?userId=user_ada&limit=100',
      'GET /management/contracts?userId=user_grace&limit=100',
      'GET /management/entitlements?userId=user_ada',
      'GET /management/entitlements?userId=user_grace',
      'GET /management/users/user_ada',
      'GET /management/users/user_grace',
    ]);
  });

  it('Subscription Ended shows only ended subscriptions', async () => {
    serveAccount();

    const rows = await appTester(hookOperation('subscription_ended').performList, bundleWith());

    expect(rows.map((row) => [row.contractId, row.status])).toEqual([
      ['contract_102', 'CANCELED'],
      ['contract_099', 'EXPIRED'],
    ]);
  });

  it('Subscription Cancellation Requested shows subscriptions set to cancel, dated by the request', async () => {
    serveAccount();

    const rows = await appTester(hookOperation('cancellation_requested').performList, bundleWith());

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      contractId: 'contract_103',
      eventType: 'contract#cancelRequest',
      occurredAt: '2026-11-15T18:20:00.000Z',
      status: 'ACTIVE',
      willCancelAt: '2027-06-01T10:05:00.000Z',
    });
  });

  it('New Entitlement shows the most recently granted entitlements of the most recently active users', async () => {
    const seen = serveAccount();

    const rows = await appTester(hookOperation('entitlement_granted').performList, bundleWith());

    // By createdAt: ent_203 and ent_204 changed later, but ent_202 and ent_201 were granted later.
    expect(rows.map((row) => [row.entitlementId, row.userId])).toEqual([
      ['ent_202', 'user_ada'],
      ['ent_201', 'user_ada'],
      ['ent_203', 'user_grace'],
    ]);
    expect([...seen].sort()).toEqual([
      'GET /management/contracts?userId=user_ada&limit=100', // the readers' contracts, for their tags
      'GET /management/contracts?userId=user_grace&limit=100',
      'GET /management/entitlements?userId=user_ada',
      'GET /management/entitlements?userId=user_grace',
      'GET /management/users/user_ada',
      'GET /management/users/user_grace',
      'GET /management/users?limit=25',
    ]);
  });

  it('New or Updated User calls a changed profile an update and an unchanged one a sign-up', async () => {
    serveAccount();

    const rows = await appTester(hookOperation('user_signed_up_or_updated').performList, bundleWith());

    expect(rows.map((row) => [row.userId, row.eventType])).toEqual([
      ['user_ada', 'userVendor.1#update'],
      ['user_grace', 'userVendor.1#new'],
    ]);
  });

  it('never shows a record that names another vendor', async () => {
    nock(API)
      .get('/management/contracts?limit=25')
      .reply(200, [{ id: 'c_other', userId: 'user_ada', vendorId: 'acme-sport', status: 'ACTIVE', items: [] }]);

    await expect(appTester(hookOperation('subscription_created').performList, bundleWith())).resolves.toEqual([]);
  });
});

describe('subscription_ended', () => {
  const operation = hookOperation('subscription_ended');
  beforeEach(() => {
    serveAccount();
  });
  const delivery = (status: unknown) => ({ ...deliveryOf(specOf('subscription_created')), status });

  it.each(['CANCELED', 'EXPIRED', 'DELETED', 'canceled'])('gives a row for status %s', async (status) => {
    await expect(appTester(operation.perform, bundleWith({ cleanedRequest: delivery(status) }))).resolves.toHaveLength(1);
  });

  it.each(['active', 'ACTIVE', '', null, 3])('gives no row for status %p, which has not ended', async (status) => {
    await expect(appTester(operation.perform, bundleWith({ cleanedRequest: delivery(status) }))).resolves.toEqual([]);
  });
});
