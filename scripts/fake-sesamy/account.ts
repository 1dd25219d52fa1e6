// A small fake Sesamy account and a nock server for its Management API.
// Records follow the shapes in docs/sesamy-api.md; values are obviously fake.
// The server answers only requests that carry this connection's bearer token,
// so every test that reads through it also proves the token is sent.
import nock from 'nock';
import type { Bill, Entitlement, FakeContract, FakeProfile, Product, Transaction, User, Vendor } from './sdk.ts';

export const API = 'https://api2.sesamy.com';
export const TOKEN_HOST = 'https://token.sesamy.com';

// Distinctive values, so a leak is easy to spot in any message or log.
export const CLIENT_ID = 'client_acme_7f3a';
export const CLIENT_SECRET = 'SECRET-cs_9d1e4b7a2f-never-shown';
export const ACCESS_TOKEN = 'TOKEN-eyJhbGciOiJSUzI1NiJ9.never-shown';
export const VENDOR = 'acme-news';

/** A connection whose token is old enough that a 401 means "renew it". */
export const authData = {
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  environment: 'production',
  sessionKey: ACCESS_TOKEN,
  tokenIssuedAt: '2026-01-01T00:00:00.000Z',
};

export const vendors = [
  { id: 'acme-sport', name: 'Acme Sport', logo: 'https://assets.example.com/acme-sport.png' },
  { id: VENDOR, name: 'Acme News', logo: 'https://assets.example.com/acme-news.png' },
] satisfies Vendor[];

export const users = {
  user_ada: {
    userId: 'user_ada',
    email: 'ada@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    mobilePhone: '+46700000001',
    locale: 'sv',
    tags: ['VIP', 'Early Bird'],
    createdAt: '2026-10-01T08:00:00.000Z',
    updatedAt: '2026-11-02T09:30:00.000Z',
    billingAddress: {
      firstName: 'Ada',
      lastName: 'Lovelace',
      street: 'Storgatan 1',
      co: 'c/o Byron',
      zip: '11122',
      city: 'Stockholm',
      country: 'SE',
    },
    deliveryAddress: {
      firstName: 'Ada',
      lastName: 'Lovelace',
      street: 'Storgatan 1',
      zip: '11122',
      city: 'Stockholm',
      country: 'SE',
    },
    company: { name: 'Analytical Engines AB', vatNr: 'SE556000000001' },
    user_metadata: { acceptedTCVersion: '2026-10-01T08:05:00.000Z', newsletters: { weekly: true, offers: false } },
  },
  user_grace: {
    userId: 'user_grace',
    email: 'grace@example.com',
    firstName: 'Grace',
    lastName: 'Hopper',
    tags: [],
    createdAt: '2026-09-01T10:00:00.000Z',
    updatedAt: '2026-09-01T10:00:00.000Z',
  },
} satisfies Record<string, FakeProfile>;

/** GET /management/users answers with summaries, not full profiles. */
export const userSummaries = [
  {
    id: 'user_ada',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    createdAt: '2026-10-01T08:00:00.000Z',
    updatedAt: '2026-11-02T09:30:00.000Z',
  },
  {
    id: 'user_grace',
    email: 'grace@example.com',
    name: 'Grace Hopper',
    createdAt: '2026-09-01T10:00:00.000Z',
    updatedAt: '2026-09-01T10:00:00.000Z',
  },
] satisfies User[];

export const contracts = {
  contract_101: {
    id: 'contract_101',
    name: 'Premium Digital',
    userId: 'user_ada',
    status: 'ACTIVE',
    isActive: true,
    price: 99,
    currency: 'SEK',
    contractDuration: 'RECURRING',
    recurringInterval: 'MONTH',
    items: [
      {
        sku: 'premium-digital',
        purchaseOptionId: 'po-monthly',
        purchaseOptionName: 'Monthly',
        name: 'Premium Digital',
        purchaseType: 'RECURRING',
      },
    ],
    createdAt: '2026-10-01T08:10:00.000Z',
    updatedAt: '2026-11-01T08:10:00.000Z',
    nextBillAt: '2026-12-01T08:10:00.000Z',
    nextPrice: 99,
    expiresAt: '2026-12-01T08:10:00.000Z',
    willCancelAt: null,
    appliedDiscounts: [],
  },
  contract_102: {
    id: 'contract_102',
    name: 'Weekend Print',
    userId: 'user_grace',
    status: 'CANCELED',
    isActive: false,
    price: 49,
    currency: 'SEK',
    items: [{ sku: 'weekend-print', purchaseOptionId: 'po-yearly', purchaseOptionName: 'Yearly', name: 'Weekend Print' }],
    createdAt: '2026-09-01T10:05:00.000Z',
    updatedAt: '2026-11-20T07:00:00.000Z',
    expiresAt: '2026-11-20T07:00:00.000Z',
    willCancelAt: null,
    nextBillAt: null,
    nextPrice: null,
    appliedDiscounts: [],
  },
  contract_103: {
    id: 'contract_103',
    name: 'Weekend Print',
    userId: 'user_ada',
    status: 'ACTIVE',
    isActive: true,
    price: 49,
    currency: 'SEK',
    items: [{ sku: 'weekend-print', purchaseOptionId: 'po-yearly', purchaseOptionName: 'Yearly', name: 'Weekend Print' }],
    createdAt: '2026-06-01T10:05:00.000Z',
    updatedAt: '2026-11-15T18:20:00.000Z',
    cancelRequestedAt: '2026-11-15T18:20:00.000Z',
    expiresAt: '2027-06-01T10:05:00.000Z',
    willCancelAt: '2027-06-01T10:05:00.000Z',
    nextBillAt: null,
    nextPrice: null,
    appliedDiscounts: [],
  },
  contract_099: {
    id: 'contract_099',
    name: 'Archive Pass',
    userId: 'user_ada',
    status: 'EXPIRED',
    isActive: false,
    price: 19,
    currency: 'SEK',
    items: [{ sku: 'archive-pass', purchaseOptionId: 'po-once', name: 'Archive Pass' }],
    createdAt: '2025-01-10T10:00:00.000Z',
    updatedAt: '2025-02-10T10:00:00.000Z',
    expiresAt: '2025-02-10T10:00:00.000Z',
    willCancelAt: null,
    nextBillAt: null,
    nextPrice: null,
    appliedDiscounts: [],
  },
} satisfies Record<string, FakeContract>;

/** A heavy article buyer's single purchases (PERPETUAL, active unless `status` says): `article-0` … , each newer than every other contract. */
export const articlePurchases = (userId: string, count: number, status = 'ACTIVE'): FakeContract[] =>
  Array.from({ length: count }, (_, index) => ({
    id: status === 'ACTIVE' ? `article_${index}` : `article_${status.toLowerCase()}_${index}`,
    name: `Article ${index}`,
    userId,
    status,
    isActive: status === 'ACTIVE',
    price: 9,
    currency: 'SEK',
    contractDuration: 'PERPETUAL',
    items: [{ sku: `article-${index}`, purchaseOptionId: 'po-single', purchaseOptionName: 'Single', name: `Article ${index}` }],
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    nextBillAt: null,
    nextPrice: null,
    willCancelAt: null,
    appliedDiscounts: [],
  }));

/** Readers whose emails contain `email` (jo0anna@… for anna@…), as many as Sesamy's fuzzy search lists before the one that is it. */
export const nearMatches = (email: string, count: number): FakeProfile[] =>
  Array.from({ length: count }, (_, index) => ({
    userId: `user_near_${index}`,
    email: `jo${index}${email}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }));

export const entitlements = {
  user_ada: [
    {
      id: 'ent_201',
      sku: 'premium-digital',
      title: 'Premium Digital',
      type: 'bundle',
      hasAccess: true,
      origin: { type: 'PAYMENTS', contractId: 'contract_101' },
      createdAt: '2026-10-01T08:10:00.000Z',
      updatedAt: '2026-11-01T08:10:00.000Z',
      expiresAt: '2026-12-01T08:10:00.000Z',
    },
    {
      id: 'ent_202',
      sku: 'library-pass',
      title: 'Library Pass',
      type: 'pass',
      hasAccess: true,
      origin: { type: 'EXTERNAL', id: 'ext_1', listId: 'list_1', name: 'City Library' },
      createdAt: '2026-11-10T12:00:00.000Z',
      updatedAt: '2026-11-10T12:00:00.000Z',
    },
    {
      id: 'ent_204',
      sku: 'weekend-print',
      purchaseOption: 'po-yearly',
      title: 'Weekend Print',
      type: 'publication',
      hasAccess: true,
      origin: { type: 'PAYMENTS', contractId: 'contract_103' },
      createdAt: '2026-06-01T10:05:00.000Z',
      updatedAt: '2026-11-15T18:20:00.000Z',
      expiresAt: '2027-06-01T10:05:00.000Z',
    },
  ],
  user_grace: [
    {
      id: 'ent_203',
      sku: 'weekend-print',
      title: 'Weekend Print',
      type: 'publication',
      hasAccess: false,
      origin: { type: 'PAYMENTS', contractId: 'contract_102' },
      createdAt: '2026-09-01T10:05:00.000Z',
      updatedAt: '2026-11-20T07:00:00.000Z',
      expiresAt: '2026-11-20T07:00:00.000Z',
    },
  ],
} satisfies Record<string, Entitlement[]>;

// Sesamy's Product calls its name `title` (the dropdown reads `name` first, then `title`).
const catalogued = {
  cover: 'https://assets.example.com/cover.png',
  language: 'sv',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
export const products = [
  { ...catalogued, sku: 'premium-digital', title: 'Premium Digital', productType: 'bundle' },
  { ...catalogued, sku: 'weekend-print', title: 'Weekend Print', productType: 'publication' },
  { ...catalogued, sku: 'archive-pass', title: 'Archive Pass', productType: 'pass' },
  // The SKU of Sesamy's documented sample payloads.
  { ...catalogued, sku: '123-xyz', title: 'Yearly subscription', productType: 'bundle' },
] satisfies Product[];

// ---- Money: the bills readers paid, and the transactions (payments and refunds) on them ----

const receipt = (id: string) => ({
  receiptUrl: `https://receipts.example.com/${id}`,
  paymentProvider: 'stripe',
  paymentMethod: 'card',
  status: 'PAID',
  currency: 'SEK',
});

export const bills = {
  /** Ada's monthly renewal of Premium Digital. */
  bill_5001: {
    id: 'bill_5001',
    ...receipt('bill_5001'),
    items: [{ sku: 'premium-digital', title: 'Premium Digital', purchaseOptionId: 'po-monthly' }],
    price: 99,
    createdAt: '2026-11-01T08:10:05.000Z',
    updatedAt: '2026-11-01T08:10:05.000Z',
  },
  /** Ada's order of two products: Weekend Print (49) and an Archive Pass (490). */
  bill_5002: {
    id: 'bill_5002',
    ...receipt('bill_5002'),
    items: [
      { sku: 'weekend-print', title: 'Weekend Print', purchaseOptionId: 'po-yearly' },
      { sku: 'archive-pass', title: 'Archive Pass', purchaseOptionId: 'po-once' },
    ],
    price: 539,
    createdAt: '2026-06-01T10:05:05.000Z',
    updatedAt: '2026-06-01T10:05:05.000Z',
  },
  /** Grace's Weekend Print. */
  bill_5003: {
    id: 'bill_5003',
    ...receipt('bill_5003'),
    items: [{ sku: 'weekend-print', title: 'Weekend Print', purchaseOptionId: 'po-yearly' }],
    price: 49,
    createdAt: '2026-09-01T10:05:05.000Z',
    updatedAt: '2026-09-01T10:05:05.000Z',
  },
} satisfies Record<string, Bill>;

const transaction = (
  id: string,
  fields: Pick<Transaction, 'amount' | 'contractId' | 'isRefund' | 'userId' | 'billId' | 'createdAt'>,
): Transaction => ({ id, currency: 'SEK', ...fields, updatedAt: fields.createdAt });

/** In the order they happened; the fake lists them newest first unless told otherwise. */
export const transactions = [
  transaction('txn_7000', {
    amount: 539,
    contractId: 'contract_103',
    isRefund: false,
    userId: 'user_ada',
    billId: 'bill_5002',
    createdAt: '2026-06-01T10:05:05.000Z',
  }),
  transaction('txn_7003', {
    amount: 49,
    contractId: 'contract_102',
    isRefund: false,
    userId: 'user_grace',
    billId: 'bill_5003',
    createdAt: '2026-09-01T10:05:05.000Z',
  }),
  // Ada's renewal: the static sample of New Payment is its row.
  transaction('txn_7001', {
    amount: 99,
    contractId: 'contract_101',
    isRefund: false,
    userId: 'user_ada',
    billId: 'bill_5001',
    createdAt: '2026-11-01T08:10:05.000Z',
  }),
  // Part of Ada's order refunded: the static sample of New Refund is its row.
  transaction('txn_7002', {
    amount: 49,
    contractId: 'contract_103',
    isRefund: true,
    userId: 'user_ada',
    billId: 'bill_5002',
    createdAt: '2026-11-15T18:20:05.000Z',
  }),
  // Grace's Weekend Print refunded in full, the day her contract was canceled.
  transaction('txn_7004', {
    amount: 49,
    contractId: 'contract_102',
    isRefund: true,
    userId: 'user_grace',
    billId: 'bill_5003',
    createdAt: '2026-11-20T07:00:05.000Z',
  }),
] satisfies Transaction[];

type Reply = [number, unknown];

const notFound = (what: string): Reply => [404, { error: { code: 'NOT_FOUND', message: `${what} not found` } }];

/** The contracts and entitlements reads are answered from: the account's own, or a stateful fake's copy (api.ts). */
export interface AccountRecords {
  readonly contracts: readonly FakeContract[];
  readonly entitlements: ReadonlyMap<string, readonly Entitlement[]>;
}

const ACCOUNT: AccountRecords = { contracts: Object.values(contracts), entitlements: new Map(Object.entries(entitlements)) };

/** The page `limit` and `offset` ask for; the whole list when they are absent. */
const pageOf = <T>(url: URL, all: readonly T[]): T[] => {
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const limit = url.searchParams.get('limit');
  return all.slice(offset, limit === null ? undefined : offset + Number(limit));
};

/** Answers a Management API read like Sesamy would. */
export const answer = (url: URL, records: AccountRecords = ACCOUNT): Reply => {
  const path = url.pathname;
  const userId = url.searchParams.get('userId');
  const byId = (prefix: string) => decodeURIComponent(path.slice(prefix.length));
  if (path === '/management/vendors') return [200, vendors];
  if (path === '/management/users') return [200, userSummaries];
  if (path.startsWith('/management/users/')) {
    const id = byId('/management/users/');
    return id in users ? [200, users[id as keyof typeof users]] : notFound(`user ${id}`);
  }
  if (path === '/management/contracts') {
    return [200, pageOf(url, userId ? records.contracts.filter((contract) => contract.userId === userId) : records.contracts)];
  }
  if (path.startsWith('/management/contracts/')) {
    const id = byId('/management/contracts/');
    const contract = records.contracts.find((candidate) => candidate.id === id);
    return contract ? [200, contract] : notFound(`contract ${id}`);
  }
  if (path === '/management/products') return [200, products];
  if (path.startsWith('/management/products/')) {
    const sku = byId('/management/products/');
    const product = products.find((candidate) => candidate.sku === sku);
    return product ? [200, product] : notFound(`product ${sku}`);
  }
  if (path === '/management/entitlements') {
    return [200, (userId && records.entitlements.get(userId)) || []];
  }
  return notFound(path);
};

/**
 * Serves the fake account's reads until nock.cleanAll(). Returns the list of
 * requests it answered ("GET /management/users/user_ada"), in order.
 */
export const serveAccount = (): string[] => {
  const seen: string[] = [];
  nock(API)
    .persist()
    .get(/^\/management\//)
    .reply((request: Request) => {
      const url = new URL(request.url);
      seen.push(`GET ${url.pathname}${url.search}`);
      if (request.headers.get('authorization') !== `Bearer ${ACCESS_TOKEN}`) {
        return [401, { error: { code: 'UNAUTHORIZED', message: 'Missing or invalid token' } }];
      }
      return answer(url);
    });
  return seen;
};

// ---- What the fixture reader Ada's records mean, for the tests of her rows ----------

/** Ada's own profile tags ("VIP", "Early Bird") as Sesamy tags. */
export const ADA_PROFILE_TAGS = ['sesamy_tag_vip', 'sesamy_tag_early-bird'];

/** Ada's whole current set: two active subscriptions (premium-digital, weekend-print), an external library pass, one expired pass, her profile tags. */
export const ADA_CURRENT_TAGS = [
  'sesamy_active_subscriber',
  'sesamy_has_external_access',
  'sesamy_active_entitlement_bundle-premium-digital',
  'sesamy_active_entitlement_pass-library-pass',
  'sesamy_active_entitlement_publication-weekend-print',
  'sesamy_active_sku_premium-digital',
  'sesamy_active_sku_weekend-print',
  'sesamy_active_sku_library-pass',
  'sesamy_active_sku_po_premium-digital-po-monthly',
  'sesamy_active_sku_po_weekend-print-po-yearly',
  ...ADA_PROFILE_TAGS,
];

/** The two reads her tags need: her contracts and her entitlements. */
export const ADA_LISTS = ['GET /management/contracts?userId=user_ada&limit=100', 'GET /management/entitlements?userId=user_ada'];
