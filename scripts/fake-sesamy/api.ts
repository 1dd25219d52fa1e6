// A stateful fake of Sesamy's Management API for the searches, the actions and the money
// triggers: grants created stay created, users created or changed stay so, transactions
// and bills added stay listed, until the next serveSesamy().
// Its records `satisfies` the types of Sesamy's published SDK (@sesamy/sdk), so the
// fixtures cannot drift from Sesamy's contract. A test may add contracts and entitlements
// to a fake's own copy; products and vendors come from account.ts's account as they are.
// A test may also make the fake misbehave as a real server might (`misbehave`).
import type { AccessList, Grant, Paywall, Profile, User } from '@sesamy/sdk';
import nock from 'nock';
import {
  ACCESS_TOKEN,
  API,
  bills as accountBills,
  transactions as accountTransactions,
  users as accountUsers,
  answer,
  contracts,
  entitlements,
} from './account.ts';
import type { Bill, Entitlement, FakeContract, FakeProfile, FakeTransaction } from './sdk.ts';

type PaywallOption = Paywall['subscriptions'][number];

const option = (sku: string, poId: string, title: string, periodText: string, price: number): PaywallOption => ({
  id: `${sku}:${poId}`,
  sku,
  poId,
  title,
  description: '',
  price,
  discountCode: '',
  periodText,
  tag: '',
  selected: false,
});

export const ACCESS_LISTS = [
  { id: 'list_shop', name: 'Partner Shop', type: 'HOOK', status: 'ACTIVE' },
  { id: 'list_b2b', name: 'B2B Deals', type: 'MANUAL', status: 'ACTIVE', description: 'Company subscriptions' },
  { id: 'list_old', name: 'Old Import', type: 'CSV_FILE', status: 'CANCELED' },
] as const satisfies readonly AccessList[];

/** The paywall answer carries only the fields the app reads besides the options; Sesamy's has more. */
export const PAYWALL_OPTIONS = [
  option('premium-digital', 'po-monthly', 'Monthly', 'per month', 99),
  option('premium-digital', 'po-yearly', 'Yearly', 'per year', 990),
  option('weekend-print', 'po-yearly', 'Weekend Print', 'per year', 490),
] as const satisfies readonly PaywallOption[];

const PAYWALLS = [
  { id: 'paywall_1', vendorId: 'acme-news', subscriptions: [PAYWALL_OPTIONS[0], PAYWALL_OPTIONS[2]] },
  // The same option in a second paywall: the dropdown lists it once.
  { id: 'paywall_2', vendorId: 'acme-news', subscriptions: [PAYWALL_OPTIONS[0], PAYWALL_OPTIONS[1]] },
] as const satisfies readonly Pick<Paywall, 'id' | 'vendorId' | 'subscriptions'>[];

/** Not seeded: Ada's yearly grant for 2025–26, whose Ends At has passed while Sesamy still lists it ACTIVE (a renewal's earlier period). */
export const ADA_LAST_YEAR_GRANT = {
  id: 'grant_ada_2025',
  source: 'list_shop',
  email: 'ada@example.com',
  sku: 'premium-digital',
  poId: 'po-yearly',
  status: 'ACTIVE',
  startsAt: '2025-11-01T00:00:00.000Z',
  endsAt: '2026-11-01T00:00:00.000Z',
} as const satisfies Grant;

export const SEED_GRANTS = {
  list_shop: [
    {
      id: 'grant_grace_active',
      source: 'list_shop',
      email: 'grace@example.com',
      sku: 'weekend-print',
      poId: 'po-yearly',
      status: 'ACTIVE',
      publisherPurchaseId: 'order-900',
      startsAt: '2026-09-01T00:00:00.000Z',
    },
    {
      id: 'grant_ada_canceled',
      source: 'list_shop',
      email: 'Ada@Example.com',
      sku: 'archive-pass',
      poId: 'po-once',
      status: 'CANCELED',
      publisherPurchaseId: 'order-800',
    },
  ],
  list_b2b: [],
} as const satisfies Record<string, readonly Grant[]>;

/** One request the fake answered: method, path with query, and its body as sent. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly body?: unknown;
}

type Reply = readonly [number, unknown?];

/**
 * How a test makes the fake answer as a real server might that Sesamy does not document
 * against: the request, and `answer`, the fake's own answer to a URL with the request's
 * method (the request's own URL, or another page of the same list). A write must call it once.
 */
export type Misbehaviour = (request: { readonly method: string; readonly url: URL }, answer: (url: URL) => Reply) => Reply;

/** The fake account's state and the requests it answered, in order. */
export interface FakeSesamy {
  readonly grants: Map<string, Grant[]>;
  readonly profiles: Map<string, FakeProfile>;
  /** Every reader's contracts, in the order Sesamy lists them; a test may add some. */
  readonly contracts: FakeContract[];
  /** Each reader's entitlements, by user id; a test may add some. */
  readonly entitlements: Map<string, Entitlement[]>;
  /** Every transaction of the account, in any order: the list is sorted as `transactionOrder` says. */
  readonly transactions: FakeTransaction[];
  readonly bills: Map<string, Bill>;
  /** Bills this connection may not read: Sesamy answers 403. */
  readonly refusedBills: Set<string>;
  /** The order Sesamy lists transactions in (it documents none). */
  transactionOrder: 'newest first' | 'oldest first';
  readonly requests: SeenRequest[];
  /** When set, the next write is applied but its answer is lost (a 502 from a gateway), as when Zapier then replays the step. */
  loseNextAnswer: boolean;
  /** When set, every answer is made through it (`capsPagesAt`, `enveloped`, `failsFrom`, or a test's own). */
  misbehave: Misbehaviour | undefined;
  /** The requests other than plain reads. */
  writes(): SeenRequest[];
}

const NOW = '2026-11-28T12:00:00.000Z';

const summaryOf = (profile: FakeProfile): User => ({
  id: profile.userId,
  email: profile.email,
  name: [profile.firstName, profile.lastName].filter(Boolean).join(' ') || undefined,
  createdAt: profile.createdAt,
  updatedAt: profile.updatedAt,
});

const notFound = (what: string): Reply => [404, { error: { code: 'NOT_FOUND', message: `${what} not found` } }];

const readBody = async (request: Request): Promise<{ contentType?: string; body?: unknown }> => {
  const text = await request.text();
  if (text === '') return {};
  const contentType = request.headers.get('content-type') ?? undefined;
  return { contentType, body: contentType?.includes('application/json') ? (JSON.parse(text) as unknown) : text };
};

/** Answers one request against `state`, as Sesamy would (the fuzz runs call it without HTTP: fuzz-actions.ts). */
export const create = (state: FakeSesamy) => {
  let next = 1;
  const newId = (prefix: string) => `${prefix}_${next++}`;

  const users = (url: URL): Reply => {
    const all = [...state.profiles.values()].map(summaryOf);
    const search = url.searchParams.get('search')?.toLowerCase();
    // Like Sesamy's undocumented search, fuzzy: any user whose email or name contains the text.
    const found = search ? all.filter((user) => `${user.email ?? ''} ${user.name ?? ''}`.toLowerCase().includes(search)) : all;
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    return [200, found.slice(offset, offset + limit)];
  };

  const listTransactions = (url: URL): Reply => {
    const userId = url.searchParams.get('userId');
    const time = (transaction: FakeTransaction) => Date.parse(transaction.createdAt);
    const listed = state.transactions
      .filter((transaction) => userId === null || transaction.userId === userId)
      .sort((a, b) => (state.transactionOrder === 'oldest first' ? time(a) - time(b) : time(b) - time(a)));
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    return [200, listed.slice(offset, offset + limit)];
  };

  const handle = (method: string, url: URL, body: unknown): Reply => {
    const path = url.pathname;
    const parts = path.split('/').slice(1).map(decodeURIComponent); // ['management', …]
    const [, collection, id, sub, subId] = parts;
    if (collection === 'access-lists') {
      if (id === undefined) return [200, ACCESS_LISTS];
      const grants = state.grants.get(id);
      if (!grants || sub !== 'grants') return notFound(`access list ${id}`);
      if (method === 'GET' && subId === undefined) return [200, grants];
      if (method === 'POST' && subId === undefined) {
        const grant = { ...(body as Omit<Grant, 'id'>), id: newId('grant') } satisfies Grant;
        grants.push(grant);
        return [201, grant];
      }
      const index = grants.findIndex((grant) => grant.id === subId);
      const grant = grants[index];
      if (!grant) return notFound(`grant ${subId}`);
      if (method === 'PUT') grants[index] = { ...grant, ...(body as Partial<Grant>) };
      return [200, grants[index]];
    }
    if (collection === 'paywalls') return [200, PAYWALLS];
    if (collection === 'transactions' && method === 'GET' && id === undefined) return listTransactions(url);
    if (collection === 'bills' && method === 'GET' && id !== undefined) {
      if (state.refusedBills.has(id)) return [403, { error: { code: 'FORBIDDEN', message: 'Missing permission: bills:read' } }];
      const bill = state.bills.get(id);
      return bill ? [200, bill] : notFound(`bill ${id}`);
    }
    if (collection === 'users') {
      if (id === undefined && method === 'GET') return users(url);
      if (id === undefined && method === 'POST') {
        const profile = { ...(body as Partial<Profile>), userId: newId('user'), createdAt: NOW, updatedAt: NOW } satisfies Profile;
        state.profiles.set(profile.userId, profile);
        return [201, summaryOf(profile)];
      }
      const profile = id === undefined ? undefined : state.profiles.get(id);
      if (!profile) return notFound(`user ${id}`);
      if (method === 'GET') return [200, profile];
      const changed: FakeProfile =
        method === 'PATCH'
          ? { ...profile, ...(body as Partial<Profile>), updatedAt: NOW }
          : sub === 'change-login-identifier'
            ? { ...profile, email: (body as { email: string }).email, updatedAt: NOW }
            : { ...profile, user_metadata: { ...profile.user_metadata, [subId ?? '']: String(body) }, updatedAt: NOW };
      state.profiles.set(profile.userId, changed);
      if (method === 'PATCH') return [200, summaryOf(changed)];
      return sub === 'change-login-identifier' ? [200, { success: true }] : [204];
    }
    return method === 'GET' ? answer(url, state) : notFound(path);
  };
  return handle;
};

/** A fresh fake account: the seed grants, the account's users, contracts, entitlements, transactions and bills, no requests yet. */
export const freshSesamy = (): FakeSesamy => {
  const state: FakeSesamy = {
    grants: new Map<string, Grant[]>(Object.entries(SEED_GRANTS).map(([list, grants]) => [list, grants.map((grant) => ({ ...grant }))])),
    // The account's users (account.ts) are profiles too: FakeProfile is Profile plus what Sesamy sends beyond it (sdk.ts).
    profiles: new Map<string, FakeProfile>(Object.values(accountUsers).map((user) => [user.userId, structuredClone(user)])),
    contracts: structuredClone(Object.values(contracts)),
    entitlements: new Map(Object.entries(structuredClone(entitlements))),
    transactions: structuredClone(accountTransactions),
    bills: new Map<string, Bill>(Object.values(accountBills).map((bill) => [bill.id, structuredClone(bill)])),
    refusedBills: new Set(),
    transactionOrder: 'newest first',
    requests: [],
    loseNextAnswer: false,
    misbehave: undefined,
    writes: () => state.requests.filter((request) => request.method !== 'GET'),
  };
  return state;
};

/** Serves a fresh fake account until nock.cleanAll(); every request must carry the connection's token. */
export const serveSesamy = (): FakeSesamy => {
  const state = freshSesamy();
  const handle = create(state);
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    nock(API)
      .persist()
      .intercept(/^\/management\//, method)
      .reply(async (request: Request) => {
        const url = new URL(request.url);
        const { contentType, body } = await readBody(request);
        state.requests.push({
          method: request.method,
          path: `${url.pathname}${url.search}`,
          ...(contentType ? { contentType } : {}),
          ...(body !== undefined ? { body } : {}),
        });
        if (request.headers.get('authorization') !== `Bearer ${ACCESS_TOKEN}`) {
          return [401, { error: { code: 'UNAUTHORIZED', message: 'Missing or invalid token' } }];
        }
        const answer = (other: URL) => handle(request.method, other, body);
        const reply = state.misbehave ? state.misbehave({ method: request.method, url }, answer) : answer(url);
        if (request.method !== 'GET' && state.loseNextAnswer) {
          state.loseNextAnswer = false;
          return [502, '<html>Bad gateway</html>', { 'Content-Type': 'text/html' }];
        }
        return reply;
      });
  }
  return state;
};

// ---- Misbehaviours: answers Sesamy might give, as its paging is not documented ----------------

/** The same URL asking for the whole list: no offset, and a limit no list reaches. */
const wholeListOf = (url: URL): URL => {
  const whole = new URL(url);
  whole.searchParams.delete('offset');
  whole.searchParams.set('limit', String(Number.MAX_SAFE_INTEGER));
  return whole;
};

/** Sesamy answering at most `max` records a page, whatever `limit` asks. */
export const capsPagesAt =
  (max: number): Misbehaviour =>
  ({ method, url }, answer) => {
    const limit = url.searchParams.get('limit');
    if (method !== 'GET' || limit === null || Number(limit) <= max) return answer(url);
    const capped = new URL(url);
    capped.searchParams.set('limit', String(max));
    return answer(capped);
  };

/**
 * Sesamy answering the list at `path` in a `{data: [...]}` envelope, with the facts
 * `factsOf` states from the page and the length of the whole list (`{meta: {total}}`, say).
 */
export const enveloped =
  (path: string, factsOf: (page: readonly unknown[], all: number) => Record<string, unknown>): Misbehaviour =>
  ({ method, url }, answer) => {
    const reply = answer(url);
    const page = reply[1];
    if (method !== 'GET' || url.pathname !== path || !Array.isArray(page)) return reply;
    const all = answer(wholeListOf(url))[1];
    return [reply[0], { data: page, ...factsOf(page, Array.isArray(all) ? all.length : 0) }];
  };

/** Sesamy answering `status` to the pages of the list at `path` from `offset` on, and as the fake otherwise. */
export const failsFrom =
  (path: string, offset: number, status = 404): Misbehaviour =>
  ({ method, url }, answer) =>
    method === 'GET' && url.pathname === path && Number(url.searchParams.get('offset') ?? 0) >= offset
      ? [status, { error: { code: `E${status}`, message: `Sesamy answered ${status}` } }]
      : answer(url);
