// The reader's own Sesamy tags: a row carries the reader's whole current
// `sesamy_` set, as Sesamy's email and CRM integrations sync it, and the tags the event
// ended that the reader no longer has.
import { jest } from '@jest/globals';
import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import {
  ADA_CURRENT_TAGS,
  ADA_LISTS,
  ADA_PROFILE_TAGS,
  API,
  articlePurchases,
  contracts,
  entitlements,
  serveAccount,
  users,
  VENDOR,
} from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import type { FakeContract } from '../../scripts/fake-sesamy/sdk.ts';
import { readerTags } from '../../sesamy/reader-tags.ts';
import { createLookups, readerListsOf } from '../../triggers/lookups.ts';
import { appTester, bundleWith, deliveryOf, errors, hookOperation, rejectionOf, specOf, thinEvent } from '../support/harness.ts';

/** Ada's own user object, as a rich delivery carries it. */
const adaAsDelivered = {
  ...(deliveryOf(specOf('user_signed_up_or_updated')).user as object),
  userId: 'user_ada',
  tags: users.user_ada.tags,
};

const logLines = () => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined); // where the app tester writes z.console
  return () => {
    const lines = log.mock.calls.flat().map((line) => String(line).trim());
    log.mockRestore();
    return lines;
  };
};

describe('a row’s Sesamy tags', () => {
  it('a profile update carries the reader’s subscription tags, from one read of their contracts and one of their entitlements', async () => {
    const seen = serveAccount();
    const delivery = { ...deliveryOf(specOf('user_signed_up_or_updated')), user: adaAsDelivered, occured_at: '2026-11-20T10:00:00Z' };

    const [row] = await appTester(hookOperation('user_signed_up_or_updated').perform, bundleWith({ cleanedRequest: delivery }));

    expect(row).toMatchObject({
      sesamyTags: ADA_CURRENT_TAGS,
      sesamyTagsText: ADA_CURRENT_TAGS.join(','),
      sesamyTagsToRemove: [],
      sesamyTagsToRemoveText: '',
    });
    expect([...seen].sort()).toEqual(ADA_LISTS);
  });

  it('an ending lists what to take away: the ended product’s tags, and active_subscriber when no other subscription is active', async () => {
    serveAccount();
    const event = thinEvent('contract.1#update', { userId: 'user_grace', contractId: 'contract_102' });

    const [row] = await appTester(hookOperation('subscription_ended').perform, bundleWith({ cleanedRequest: event }));

    const removed = [
      'sesamy_active_subscriber',
      'sesamy_active_entitlement_publication-weekend-print',
      'sesamy_active_sku_weekend-print',
      'sesamy_active_sku_po_weekend-print-po-yearly',
    ];
    expect(row).toMatchObject({ sesamyTags: [], sesamyTagsToRemove: removed, sesamyTagsToRemoveText: removed.join(',') });
  });

  it('an ending keeps active_subscriber while another subscription is active, and trusts the contract as read now over a lagging list', async () => {
    // Sesamy's list still shows contract_101 active; the contract itself says it ended. Its access ran out on 1 December.
    nock(API)
      .get('/management/contracts/contract_101')
      .reply(200, { ...contracts.contract_101, status: 'CANCELED', isActive: false });
    serveAccount();
    const event = thinEvent('contract.1#update', { userId: 'user_ada', contractId: 'contract_101' }, '2026-12-02T00:00:00Z');

    const [row] = await appTester(hookOperation('subscription_ended').perform, bundleWith({ cleanedRequest: event }));

    expect(row?.sesamyTagsToRemove).toEqual([
      'sesamy_active_entitlement_bundle-premium-digital',
      'sesamy_active_sku_premium-digital',
      'sesamy_active_sku_po_premium-digital-po-monthly',
    ]);
    expect(row?.sesamyTags).toEqual([
      'sesamy_active_subscriber',
      'sesamy_has_external_access',
      'sesamy_active_entitlement_pass-library-pass',
      'sesamy_active_entitlement_publication-weekend-print',
      'sesamy_active_sku_weekend-print',
      'sesamy_active_sku_library-pass',
      'sesamy_active_sku_po_weekend-print-po-yearly',
      ...ADA_PROFILE_TAGS,
    ]);
  });

  it('joins what the event shows when Sesamy’s lists lag behind it: a checkout’s products before its contract is listed', async () => {
    nock(API).get('/management/contracts?userId=user_grace&limit=100').reply(200, []);
    nock(API).get('/management/entitlements?userId=user_grace').reply(200, []);
    const delivery = { ...deliveryOf(specOf('contract_purchased')), user: { ...users.user_grace, tags: [] } };

    const [row] = await appTester(hookOperation('contract_purchased').perform, bundleWith({ cleanedRequest: delivery }));

    expect(row?.sesamyTags).toEqual(['sesamy_active_sku_123-xyz', 'sesamy_active_sku_po_123-xyz-xyz-567']);
  });

  it('reads a reader’s lists once per delivery, however many of their events it holds', async () => {
    const seen = serveAccount();
    const delivery = deliveryOf(specOf('user_signed_up_or_updated'));
    const events = [
      { ...delivery, user: adaAsDelivered, occured_at: '2026-11-20T10:00:00Z' },
      { ...delivery, user: adaAsDelivered, occured_at: '2026-11-21T10:00:00Z' },
    ];

    const rows = await appTester(hookOperation('user_signed_up_or_updated').perform, bundleWith({ cleanedRequest: events }));

    expect(rows).toHaveLength(2);
    expect([...seen].sort()).toEqual(ADA_LISTS);
  });

  it.each([
    [
      403,
      'contracts',
      'This Sesamy connection may not read contracts (403 Forbidden, E403). In the Sesamy dashboard, give its Management API application that permission, or reconnect with one that has it.',
    ],
    [
      404,
      'entitlements',
      'Could not list the entitlements of user “123” (404 Not Found, E404). Sesamy has no such record; it may have been deleted.',
    ],
  ])(
    'when reading the reader’s lists is refused (%i on %s), the row still comes, with the event’s own tags, nothing to remove and one log line',
    async (status, list, problem) => {
      const path = list === 'contracts' ? '/management/contracts?userId=123&limit=100' : '/management/entitlements?userId=123';
      nock(API)
        .get(path)
        .reply(status, { error: { code: `E${status}` } });
      serveAccount();
      const lines = logLines();

      const rows = await appTester(
        hookOperation('subscription_ended').perform,
        bundleWith({ cleanedRequest: deliveryOf(specOf('subscription_ended')) }),
      );

      expect(rows).toEqual([{ ...hookOperation('subscription_ended').sample, vendorId: VENDOR, occurredAt: expect.any(String) }]);
      expect(rows[0]).toMatchObject({ sesamyTagsToRemove: [], sesamyTagsToRemoveText: '' });
      expect(lines()).toEqual([`The Sesamy tags of user “123” show only this event, with none to remove: ${problem}`]);
    },
  );

  it.each([
    [429, errors.ThrottledError],
    [500, errors.ThrottledError],
    [503, errors.ThrottledError],
  ])('a %i on the reader’s lists is retried like any lookup: never a tag to remove on incomplete knowledge', async (status, kind) => {
    nock(API).get('/management/entitlements?userId=123').reply(status, {});
    serveAccount();

    const error = await rejectionOf(
      appTester(hookOperation('subscription_ended').perform, bundleWith({ cleanedRequest: deliveryOf(specOf('subscription_ended')) })),
    );

    expect(error).toBeInstanceOf(kind);
  });

  it('static samples show the new fields beside a live row', () => {
    for (const key of ['subscription_ended', 'user_signed_up', 'contract_purchased', 'entitlement_updated'] as const) {
      const { sample, outputFields } = hookOperation(key);
      expect(sample).toMatchObject({ sesamyTagsToRemove: [], sesamyTagsToRemoveText: '' });
      expect(outputFields.filter((field) => field.key.startsWith('sesamyTagsToRemove'))).toEqual([
        { key: 'sesamyTagsToRemove', label: 'Sesamy Tags to Remove', type: 'string', list: true },
        { key: 'sesamyTagsToRemoveText', label: 'Sesamy Tags to Remove (Comma-Separated)', type: 'string' },
      ]);
    }
  });
});

describe('the reader’s current tags, outside a delivery (for searches about a reader)', () => {
  it('readerTags is the whole set from profile tags, contracts and entitlements, at a time', () => {
    const records = {
      profileTags: users.user_ada.tags,
      contracts: Object.values(contracts).filter((c) => c.userId === 'user_ada'),
      entitlements: entitlements.user_ada,
    };

    expect(readerTags(records, '2026-11-20T10:00:00.000Z')).toEqual(ADA_CURRENT_TAGS);
    // On 2 December Ada's premium-digital access has expired, though its contract still says active.
    expect(readerTags(records, '2026-12-02T00:00:00.000Z')).not.toContain('sesamy_active_entitlement_bundle-premium-digital');
  });

  it('an invocation’s lookups read the profile, contracts and entitlements once each, however often they are asked', async () => {
    const seen = serveAccount();

    const tags = await appTester(async (z: ZObject, bundle) => {
      const lookups = createLookups(z, bundle);
      const [user, lists] = await Promise.all([
        lookups.user('user_ada'),
        readerListsOf(lookups, 'user_ada'),
        readerListsOf(lookups, 'user_ada'),
      ]);
      return readerTags({ profileTags: user.tags, ...lists }, '2026-11-20T10:00:00.000Z');
    }, bundleWith());

    expect(tags).toEqual(ADA_CURRENT_TAGS);
    expect([...seen].sort()).toEqual([...ADA_LISTS, 'GET /management/users/user_ada']);
  });
});

describe('the tags to remove of a heavy article buyer (more contracts than one page)', () => {
  /** Ada's archive pass bought again, a subscription still active after the one that expired (contract_099). */
  const archiveAgain = {
    ...contracts.contract_099,
    id: 'contract_104',
    status: 'ACTIVE',
    isActive: true,
    contractDuration: 'RECURRING',
    createdAt: '2025-02-10T10:00:00.000Z',
    expiresAt: '2027-02-10T10:00:00.000Z',
  } satisfies FakeContract;
  const archiveEnded = thinEvent('contract.1#update', { userId: 'user_ada', contractId: 'contract_099' });
  const ARCHIVE_TAGS = ['sesamy_active_sku_archive-pass', 'sesamy_active_sku_po_archive-pass-po-once'];
  const ADA_CONTRACTS = '/management/contracts?userId=user_ada&limit=100';
  const endedRow = async () =>
    (await appTester(hookOperation('subscription_ended').perform, bundleWith({ cleanedRequest: archiveEnded })))[0];

  it('an ending lists no tag that a subscription on the second page of contracts keeps', async () => {
    const sesamy = serveSesamy();
    sesamy.contracts.unshift(...articlePurchases('user_ada', 150));
    sesamy.contracts.push(archiveAgain);

    const row = await endedRow();

    expect(row).toMatchObject({ sesamyTagsToRemove: [], sesamyTagsToRemoveText: '' });
    expect(row?.sesamyTags).toEqual(expect.arrayContaining(ARCHIVE_TAGS));
    expect(sesamy.requests.map((request) => request.path).filter((path) => path.startsWith(ADA_CONTRACTS))).toEqual([
      ADA_CONTRACTS,
      `${ADA_CONTRACTS}&offset=100`,
    ]);
  });

  it('without that subscription, the same ending lists the archive pass’s tags', async () => {
    const sesamy = serveSesamy();
    sesamy.contracts.unshift(...articlePurchases('user_ada', 150));

    expect(await endedRow()).toMatchObject({ sesamyTagsToRemove: ARCHIVE_TAGS, sesamyTagsToRemoveText: ARCHIVE_TAGS.join(',') });
  });

  it('after 1,000 contracts the read stops, and the row lists no tag to remove, saying why in the log', async () => {
    const sesamy = serveSesamy();
    sesamy.contracts.unshift(...articlePurchases('user_ada', 1001));
    const lines = logLines();

    const row = await endedRow();

    expect(row).toMatchObject({ sesamyTagsToRemove: [], sesamyTagsToRemoveText: '' });
    expect(sesamy.requests.filter((request) => request.path.startsWith(ADA_CONTRACTS))).toHaveLength(10);
    expect(lines()).toEqual([
      "Not all of user “user_ada”'s contracts and entitlements were read (at most 1,000 contracts a reader, fewer when a delivery holds many readers with long lists): the row's Sesamy Tags, and on a subscription's row its User Insights counts, are of those read, and no tag is listed to remove, as one may still hold.",
    ]);
  });

  it.each([
    ['a total under pagination', { pagination: { total: 40, limit: 3, offset: 0 } }],
    ['hasMore under meta', { meta: { hasMore: true } }],
    ['has_more at its top', { has_more: true }],
  ])('when Sesamy’s envelope says more entitlements follow than it sent (%s), the row lists no tag to remove', async (_case, facts) => {
    nock(API)
      .get('/management/entitlements?userId=user_ada')
      .reply(200, { data: entitlements.user_ada, ...facts });
    serveSesamy();

    expect(await endedRow()).toMatchObject({ sesamyTagsToRemove: [], sesamyTagsToRemoveText: '' });
  });

  it('an envelope that says its page is the last is read as the whole list', async () => {
    nock(API)
      .get('/management/entitlements?userId=user_ada')
      .reply(200, { data: entitlements.user_ada, pagination: { total: 3, limit: 3, offset: 0, hasMore: false } });
    serveSesamy();

    expect(await endedRow()).toMatchObject({ sesamyTagsToRemove: ARCHIVE_TAGS });
  });
});
