// The static samples of the searches and actions: what the editor shows before a test
// run. Each is typed by its row schema and checked against it in the tests, with an
// `id` (check D010) and dates in ISO 8601 with a time zone (check D023).
import type { ContractRow, EntitlementRow, GrantRow, ReaderRow } from './row-shapes.ts';

const address = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  addressLineOne: 'Storgatan 1',
  addressLineTwo: null,
  zip: '11122',
  city: 'Stockholm',
  country: 'SE',
};

export const READER_SAMPLE: ReaderRow = {
  id: 'user_ada',
  sesamyTags: ['sesamy_active_subscriber', 'sesamy_active_sku_premium-digital', 'sesamy_tag_vip'],
  sesamyTagsText: 'sesamy_active_subscriber,sesamy_active_sku_premium-digital,sesamy_tag_vip',
  userId: 'user_ada',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  contactEmail: 'ada@example.com',
  signedUpAt: '2026-10-01T08:00:00.000Z',
  deliveryAddress: address,
  billingAddress: address,
  tags: ['VIP'],
  mobilePhone: '+46700000001',
  locale: 'sv',
  company: 'Analytical Engines AB',
  updatedAt: '2026-11-02T09:30:00.000Z',
  user_metadata: { crmId: 'crm-1001' },
};

const grantAddress = { street: 'Storgatan 1', co: null, zip: '11122', city: 'Stockholm', country: 'SE' };

export const GRANT_SAMPLE: GrantRow = {
  id: 'grant_1',
  source: 'list_partner_shop',
  status: 'ACTIVE',
  email: 'ada@example.com',
  userId: null,
  publisherUserId: 'shop-customer-42',
  sku: 'premium-digital',
  poId: 'po-monthly',
  startsAt: '2026-11-01T00:00:00.000Z',
  endsAt: '2027-11-01T00:00:00.000Z',
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: null,
  publisherPurchaseId: 'order-1001',
  notes: 'Bought in the partner shop',
  deliveryAddress: grantAddress,
  billingAddress: grantAddress,
  extraFields: { channel: 'partner-shop' },
};

export const CONTRACT_SAMPLE: ContractRow = {
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
};

export const ENTITLEMENT_SAMPLE: EntitlementRow = {
  id: 'ent_201',
  userId: 'user_ada',
  sku: 'premium-digital',
  purchaseOptionId: 'po-monthly',
  title: 'Premium Digital',
  productType: 'bundle',
  hasAccess: true,
  createdAt: '2026-10-01T08:10:00.000Z',
  expiresAt: '2026-12-01T08:10:00.000Z',
  origin: { type: 'PAYMENTS', contractId: 'contract_101', id: null, listId: null, name: null },
};
