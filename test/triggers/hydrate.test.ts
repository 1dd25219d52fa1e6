import { coversEventType, EVENTS, type TriggerKey } from '../../events.ts';
import { sortedKeysOf } from '../../output-fields/flat-keys.ts';
import { ADA_CURRENT_TAGS, ADA_LISTS, articlePurchases, serveAccount, VENDOR } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { appTester, bundleWith, dictKeysOf, hookOperation, thinEvent } from '../support/harness.ts';

const OCCURRED = { occured_at: '2026-11-20T10:00:00Z', occurredAt: '2026-11-20T10:00:00.000Z' };

const ADA = {
  userId: 'user_ada',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  contactEmail: 'ada@example.com',
  signedUpAt: '2026-10-01T08:00:00.000Z',
  deliveryAddress: {
    firstName: 'Ada',
    lastName: 'Lovelace',
    addressLineOne: 'Storgatan 1',
    addressLineTwo: null,
    zip: '11122',
    city: 'Stockholm',
    country: 'SE',
  },
  billingAddress: {
    firstName: 'Ada',
    lastName: 'Lovelace',
    addressLineOne: 'Storgatan 1',
    addressLineTwo: 'c/o Byron',
    zip: '11122',
    city: 'Stockholm',
    country: 'SE',
  },
  tags: ['VIP', 'Early Bird'],
};

const tagged = (tags: string[], toRemove: string[] = []) => ({
  sesamyTags: tags,
  sesamyTagsText: tags.join(','),
  sesamyTagsToRemove: toRemove,
  sesamyTagsToRemoveText: toRemove.join(','),
});

const SUBSCRIPTION_101 = {
  user: ADA,
  sku: 'premium-digital',
  entitlementId: 'ent_201',
  purchaseOptionId: 'po-monthly',
  title: 'Premium Digital',
  description: 'Monthly',
  productType: 'bundle',
  status: 'ACTIVE',
  userInsights: { canceledSubscriptions: 0, activeSubscriptions: 2, expiredSubscriptions: 1 },
  expiresAt: '2026-12-01T08:10:00.000Z',
  canceledAt: null,
  willCancelAt: null,
  ...tagged(ADA_CURRENT_TAGS),
};

const SUBSCRIPTION_REQUESTS = [
  'GET /management/contracts/contract_101',
  'GET /management/contracts?userId=user_ada&limit=100',
  'GET /management/entitlements?userId=user_ada',
  'GET /management/users/user_ada',
];

interface Case {
  readonly trigger: TriggerKey;
  readonly event: Record<string, string>;
  readonly row: Record<string, unknown>;
  readonly requests: string[];
}

const subscriptionCase = (trigger: TriggerKey, eventType: string): Case => ({
  trigger,
  event: thinEvent(eventType, { userId: 'user_ada', contractId: 'contract_101' }) as Record<string, string>,
  row: { ...SUBSCRIPTION_101, eventType, vendorId: VENDOR, userId: 'user_ada', contractId: 'contract_101', checkoutId: null, ...OCCURRED },
  requests: SUBSCRIPTION_REQUESTS,
});

const CASES: Case[] = [
  subscriptionCase('subscription_created', 'contract.1#purchased'),
  subscriptionCase('subscription_created_or_updated', 'contract.1#purchased'),
  subscriptionCase('subscription_created_or_updated', 'contract.1#update'),
  {
    trigger: 'subscription_ended',
    event: thinEvent('contract.1#update', { userId: 'user_grace', contractId: 'contract_102' }) as Record<string, string>,
    row: {
      user: {
        userId: 'user_grace',
        firstName: 'Grace',
        lastName: 'Hopper',
        email: 'grace@example.com',
        contactEmail: 'grace@example.com',
        signedUpAt: '2026-09-01T10:00:00.000Z',
        deliveryAddress: {
          firstName: null,
          lastName: null,
          addressLineOne: null,
          addressLineTwo: null,
          zip: null,
          city: null,
          country: null,
        },
        billingAddress: {
          firstName: null,
          lastName: null,
          addressLineOne: null,
          addressLineTwo: null,
          zip: null,
          city: null,
          country: null,
        },
        tags: [],
      },
      sku: 'weekend-print',
      entitlementId: 'ent_203',
      purchaseOptionId: 'po-yearly',
      title: 'Weekend Print',
      description: 'Yearly',
      productType: 'publication',
      status: 'CANCELED',
      userInsights: { canceledSubscriptions: 1, activeSubscriptions: 0, expiredSubscriptions: 0 },
      expiresAt: '2026-11-20T07:00:00.000Z',
      canceledAt: null,
      willCancelAt: null,
      eventType: 'contract.1#update',
      vendorId: VENDOR,
      userId: 'user_grace',
      contractId: 'contract_102',
      checkoutId: null,
      ...OCCURRED,
      // Grace's only subscription ended and her access with it: her email tool takes these away.
      ...tagged(
        [],
        [
          'sesamy_active_subscriber',
          'sesamy_active_entitlement_publication-weekend-print',
          'sesamy_active_sku_weekend-print',
          'sesamy_active_sku_po_weekend-print-po-yearly',
        ],
      ),
    },
    requests: [
      'GET /management/contracts/contract_102',
      'GET /management/contracts?userId=user_grace&limit=100',
      'GET /management/entitlements?userId=user_grace',
      'GET /management/users/user_grace',
    ],
  },
  {
    trigger: 'cancellation_requested',
    event: thinEvent('contract#cancelRequest', { userId: 'user_ada', contractId: 'contract_103' }) as Record<string, string>,
    row: {
      user: ADA,
      sku: 'weekend-print',
      entitlementId: 'ent_204',
      purchaseOptionId: 'po-yearly',
      title: 'Weekend Print',
      description: 'Yearly',
      productType: 'publication',
      status: 'ACTIVE',
      userInsights: { canceledSubscriptions: 0, activeSubscriptions: 2, expiredSubscriptions: 1 },
      expiresAt: '2027-06-01T10:05:00.000Z',
      canceledAt: null,
      willCancelAt: '2027-06-01T10:05:00.000Z',
      eventType: 'contract#cancelRequest',
      vendorId: VENDOR,
      userId: 'user_ada',
      contractId: 'contract_103',
      checkoutId: null,
      ...OCCURRED,
      ...tagged(ADA_CURRENT_TAGS),
    },
    requests: [
      'GET /management/contracts/contract_103',
      'GET /management/contracts?userId=user_ada&limit=100',
      'GET /management/entitlements?userId=user_ada',
      'GET /management/users/user_ada',
    ],
  },
  {
    trigger: 'contract_purchased',
    event: thinEvent('checkout.1#confirm', { userId: 'user_ada', contractId: 'contract_101', checkoutId: 'checkout_345' }) as Record<
      string,
      string
    >,
    row: {
      user: ADA,
      contractId: 'contract_101',
      totals: { total: 99, totalTaxes: null, netPrice: null, discount: null, currency: 'SEK' },
      products: [
        {
          sku: 'premium-digital',
          quantity: 1,
          purchaseOptionId: 'po-monthly',
          total: 99,
          totalTaxes: null,
          netPrice: null,
          discount: null,
          currency: 'SEK',
        },
      ],
      utmTags: { utmCampaign: null, utmContent: null, utmMedium: null, utmSource: null, utmTerm: null },
      eventType: 'checkout.1#confirm',
      vendorId: VENDOR,
      userId: 'user_ada',
      checkoutId: 'checkout_345',
      entitlementId: null,
      ...OCCURRED,
      ...tagged(ADA_CURRENT_TAGS),
    },
    requests: ['GET /management/contracts/contract_101', ...ADA_LISTS, 'GET /management/users/user_ada'],
  },
  ...(['user_signed_up', 'user_signed_up_or_updated'] as const).flatMap((trigger) =>
    (trigger === 'user_signed_up' ? ['userVendor.1#new'] : ['userVendor.1#new', 'userVendor.1#update']).map(
      (eventType): Case => ({
        trigger,
        event: thinEvent(eventType, { userId: 'user_ada' }) as Record<string, string>,
        row: {
          acceptedTCVersion: '2026-10-01T08:05:00.000Z',
          newsletters: { weekly: true, offers: false },
          mobilePhone: '+46700000001',
          user: ADA,
          businessDetails: { companyName: 'Analytical Engines AB', vatNr: 'SE556000000001' },
          eventType,
          vendorId: VENDOR,
          userId: 'user_ada',
          contractId: null,
          entitlementId: null,
          checkoutId: null,
          ...OCCURRED,
          ...tagged(ADA_CURRENT_TAGS),
        },
        requests: [...ADA_LISTS, 'GET /management/users/user_ada'],
      }),
    ),
  ),
  ...(
    [
      ['entitlement_granted', 'entitlement.1#new'],
      ['entitlement_updated', 'entitlement.1#update'],
    ] as const
  ).map(
    ([trigger, eventType]): Case => ({
      trigger,
      event: thinEvent(eventType, { userId: 'user_ada', entitlementId: 'ent_202' }) as Record<string, string>,
      row: {
        user: ADA,
        entitlementId: 'ent_202',
        sku: 'library-pass',
        purchaseOptionId: null,
        title: 'Library Pass',
        productType: 'pass',
        hasAccess: true,
        createdAt: '2026-11-10T12:00:00.000Z',
        expiresAt: null,
        origin: { type: 'EXTERNAL', contractId: null, id: 'ext_1', listId: 'list_1', name: 'City Library' },
        eventType,
        vendorId: VENDOR,
        userId: 'user_ada',
        contractId: null,
        checkoutId: null,
        ...OCCURRED,
        ...tagged(ADA_CURRENT_TAGS),
      },
      requests: [...ADA_LISTS, 'GET /management/users/user_ada'],
    }),
  ),
];

describe('a thin delivery', () => {
  it('is tested for every event type Sesamy sends', () => {
    expect(new Set(CASES.map((testCase) => testCase.event.eventType))).toEqual(new Set(EVENTS.flatMap((spec) => spec.eventTypes)));
  });

  describe.each(CASES.map((testCase) => [testCase.trigger, testCase.event.eventType, testCase] as const))(
    '%s, %s',
    (trigger, _eventType, { event, row, requests }) => {
      const operation = hookOperation(trigger);

      it('becomes the documented row, from the fewest requests its shape needs', async () => {
        const seen = serveAccount();

        const rows = await appTester(operation.perform, bundleWith({ cleanedRequest: { ...event } }));

        expect(rows).toEqual([{ ...row, id: expect.stringMatching(/^evt_[0-9a-f]{32}$/) }]);
        expect([...seen].sort()).toEqual(requests);
      });

      it('gives a row with exactly the keys of a rich delivery’s row', async () => {
        serveAccount();
        const dicts = dictKeysOf(operation);

        const [thinRow] = await appTester(operation.perform, bundleWith({ cleanedRequest: { ...event } }));

        expect(sortedKeysOf(thinRow, dicts)).toEqual(sortedKeysOf(operation.sample, dicts));
      });

      it('gives no row, and makes no request, for another vendor’s event or an event type the trigger does not cover', async () => {
        const seen = serveAccount();
        const spec = EVENTS.find((candidate) => candidate.key === trigger);
        const otherType = EVENTS.flatMap((other) => other.eventTypes).find((type) => !(spec && coversEventType(spec, type)));

        const rows = await appTester(
          operation.perform,
          bundleWith({
            cleanedRequest: [
              { ...event, vendorId: 'acme-sport' },
              { ...event, eventType: otherType },
            ],
          }),
        );

        expect(rows).toEqual([]);
        expect(seen).toEqual([]);
      });
    },
  );
});

describe('userInsights of a thin subscription event', () => {
  it('counts subscriptions only: a reader’s single purchases, active, expired or canceled, are not subscriptions', async () => {
    const sesamy = serveSesamy();
    sesamy.contracts.push(
      ...articlePurchases('user_ada', 150),
      ...articlePurchases('user_ada', 1, 'EXPIRED'),
      ...articlePurchases('user_ada', 1, 'CANCELED'),
    );
    const event = thinEvent('contract.1#purchased', { userId: 'user_ada', contractId: 'contract_101' });

    const [row] = await appTester(hookOperation('subscription_created').perform, bundleWith({ cleanedRequest: event }));

    expect(row?.userInsights).toEqual({ canceledSubscriptions: 0, activeSubscriptions: 2, expiredSubscriptions: 1 });
  });
});
