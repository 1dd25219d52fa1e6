// Every outbound operation of the app, and every fault Sesamy or the network can
// produce, with what the one error policy (api/errors.ts) promises for each pair.
// Shared by the fault matrix (test/app/fault-matrix.test.ts) and the secrets test (test/app/secrets.test.ts).
import { expect } from '@jest/globals';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { OperationKind } from '../../api/errors.ts';
import { REQUEST_TIMEOUT_MS } from '../../api/http.ts';
import { startSession, testConnection } from '../../authentication.ts';
import type { TriggerKey } from '../../events.ts';
import {
  ACCESS_TOKEN,
  API,
  articlePurchases,
  CLIENT_ID,
  CLIENT_SECRET,
  nearMatches,
  TOKEN_HOST,
  VENDOR,
} from '../../scripts/fake-sesamy/account.ts';
import {
  appTester,
  bundleWith,
  deliveryOf,
  dropdownPerform,
  errors,
  forgetMemory,
  hookOperation,
  runCreate,
  runDropdown,
  runPoll,
  runSearch,
  specOf,
  thinEvent,
} from './harness.ts';

type Step = (z: ZObject, bundle: Bundle) => Promise<unknown>;
const run = (step: Step, bundle: Parameters<typeof appTester>[1]) => appTester(step, bundle);

export interface Operation {
  readonly name: string;
  readonly kind: OperationKind;
  /** The words every error of this operation uses for it. */
  readonly action: string;
  /** What a 403 says this connection may not do. */
  readonly permission: string;
  readonly host: string;
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  readonly path: string;
  /** The secrets this operation's connection holds, when not both the client secret and the token. */
  readonly echo?: string;
  /** The request's answer is not read (Sesamy answers nothing): any 2xx is success. */
  readonly answerless?: boolean;
  /** What the run returns when the policy makes the fault a success (gone, nothing found, unread); `{}` when not said. */
  readonly succeedsWith?: unknown;
  /** A later page of a list read to its end: a page that is gone cuts the list short, never ends it (api/pages.ts). */
  readonly laterPage?: true;
  /** A row's record (kind detail) that is the only one of its kind the run can read: a 403 on it is the permission missing. */
  readonly onlyOfItsKind?: true;
  /** Runs the operation on a connection; reads other than the faulted one are answered by the fake account. */
  readonly run: (auth: Record<string, string>) => Promise<unknown>;
  /**
   * Answers, once, a read that leads to the faulted one where the fake account alone would
   * not (a first page full of near-matches leads to the second). Served after the fault and
   * before the fake account, so nock tries it before the account.
   */
  readonly before?: () => void;
}

const trigger = (key: TriggerKey) => hookOperation(key);

/** A first page as full as a page gets, so that the app reads the next one. */
const fullFirstPage = (path: string, records: readonly unknown[]): void => {
  nock(API).get(path).reply(200, records);
};

/** A first page of Sesamy's user search for anna@example.com: 100 near-matches, none of them her. */
const ANNA_SEARCH = '/management/users?search=anna%40example.com&limit=100';
const annaNearMatches = () =>
  fullFirstPage(
    ANNA_SEARCH,
    nearMatches('anna@example.com', 100).map(({ userId, email }) => ({ id: userId, email })),
  );
const withAuth = (auth: Record<string, string>, extra: Partial<Bundle> = {}) => ({ ...bundleWith(extra), authData: auth });
const thin = (key: TriggerKey, event: Record<string, unknown>) => (auth: Record<string, string>) =>
  run(trigger(key).perform, withAuth(auth, { cleanedRequest: event }));

/** Bodies echo the secrets, as a careless server might: no message may repeat them. */
const ECHO = `echo ${CLIENT_SECRET} ${ACCESS_TOKEN}`;

const TRIGGER_OPERATIONS: Operation[] = [
  {
    name: 'token exchange',
    kind: 'token',
    action: 'get an access token',
    permission: 'get an access token',
    host: TOKEN_HOST,
    method: 'post',
    path: '/oauth/token',
    // The exchange holds no token yet: the one it receives sits under `access_token`, which core censors.
    echo: `echo ${CLIENT_SECRET}`,
    run: () => run(startSession, { authData: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, environment: 'production' } }),
  },
  {
    name: 'auth test',
    kind: 'list',
    action: 'list your vendors',
    permission: 'read vendors',
    host: API,
    method: 'get',
    path: '/management/vendors',
    run: (auth) => run(testConnection, { authData: auth }),
  },
  {
    name: 'vendor dropdown',
    kind: 'list',
    action: 'list your vendors',
    permission: 'read vendors',
    host: API,
    method: 'get',
    path: '/management/vendors',
    run: (auth) => run(dropdownPerform('vendor_list'), { authData: auth }),
  },
  {
    name: 'product dropdown',
    kind: 'list',
    action: 'list your products',
    permission: 'read products',
    host: API,
    method: 'get',
    path: '/management/products?limit=50&offset=0',
    run: (auth) => run(dropdownPerform('product_list'), { authData: auth, meta: { page: 0 } }),
  },
  {
    name: 'subscribe',
    kind: 'write',
    action: 'subscribe this Zap to Sesamy events',
    permission: 'manage webhooks',
    host: API,
    method: 'post',
    path: '/management/webhooks',
    run: (auth) =>
      run(trigger('subscription_created').performSubscribe, withAuth(auth, { targetUrl: 'https://hooks.zapier.com/hooks/standard/1/2/' })),
  },
  {
    name: 'unsubscribe',
    kind: 'delete',
    action: "remove this Zap's Sesamy event subscription",
    permission: 'manage webhooks',
    host: API,
    method: 'delete',
    path: '/management/webhooks/wh_1',
    run: (auth) => run(trigger('subscription_created').performUnsubscribe, withAuth(auth, { subscribeData: { id: 'wh_1' } })),
  },
  {
    name: 'performList: recent contracts',
    kind: 'list',
    action: 'list recent contracts',
    permission: 'read contracts',
    host: API,
    method: 'get',
    path: '/management/contracts?limit=25',
    run: (auth) => run(trigger('subscription_created').performList, withAuth(auth)),
  },
  {
    name: 'performList: recent users',
    kind: 'list',
    action: 'list your users',
    permission: 'read users',
    host: API,
    method: 'get',
    path: '/management/users?limit=25',
    run: (auth) => run(trigger('user_signed_up').performList, withAuth(auth)),
  },
  {
    name: 'hydration: contract',
    kind: 'lookup',
    action: 'read contract “contract_101”',
    permission: 'read contracts',
    host: API,
    method: 'get',
    path: '/management/contracts/contract_101',
    run: thin('contract_purchased', thinEvent('checkout.1#confirm', { userId: 'user_ada', contractId: 'contract_101' })),
  },
  {
    name: 'hydration: user',
    kind: 'lookup',
    action: 'read user “user_ada”',
    permission: 'read users',
    host: API,
    method: 'get',
    path: '/management/users/user_ada',
    run: thin('user_signed_up', thinEvent('userVendor.1#new', { userId: 'user_ada' })),
  },
  {
    name: 'hydration: the user’s contracts',
    kind: 'lookup',
    action: 'list the contracts of user “user_ada”',
    permission: 'read contracts',
    host: API,
    method: 'get',
    path: '/management/contracts?userId=user_ada&limit=100',
    run: thin('subscription_created', thinEvent('contract.1#purchased', { userId: 'user_ada', contractId: 'contract_101' })),
  },
  {
    name: 'hydration: the user’s entitlements',
    kind: 'lookup',
    action: 'list the entitlements of user “user_ada”',
    permission: 'read entitlements',
    host: API,
    method: 'get',
    path: '/management/entitlements?userId=user_ada',
    run: thin('entitlement_granted', thinEvent('entitlement.1#new', { userId: 'user_ada', entitlementId: 'ent_202' })),
  },
  {
    name: 'hydration: the next page of the user’s contracts',
    kind: 'lookup',
    action: 'list the contracts of user “user_ada”',
    permission: 'read contracts',
    host: API,
    method: 'get',
    path: '/management/contracts?userId=user_ada&limit=100&offset=100',
    before: () => fullFirstPage('/management/contracts?userId=user_ada&limit=100', articlePurchases('user_ada', 100)),
    run: thin('subscription_created', thinEvent('contract.1#purchased', { userId: 'user_ada', contractId: 'contract_101' })),
  },
  {
    name: 'filter: product type',
    kind: 'lookup',
    action: 'read product “123-xyz”',
    permission: 'read products',
    host: API,
    method: 'get',
    path: '/management/products/123-xyz',
    run: (auth) =>
      run(
        trigger('contract_purchased').perform,
        withAuth(auth, {
          inputData: { vendorId: VENDOR, productTypes: ['bundle'] },
          cleanedRequest: deliveryOf(specOf('contract_purchased')),
        }),
      ),
  },
];

// ---- Searches, actions and their dropdowns: each runs one step on the stateful fake (scripts/fake-sesamy/api.ts), with the named request answered by the fault instead.

type Auth = Record<string, string>;
type Run = Operation['run'];

const GRANTS = '/management/access-lists/list_shop/grants';

/** A reader's row, when a read that only feeds the tags finds nothing. */
const someReader = (id: string): unknown => expect.objectContaining({ id });

const operation = (
  name: string,
  fields: Pick<Operation, 'kind' | 'action' | 'permission' | 'method' | 'path'> &
    Partial<Pick<Operation, 'answerless' | 'succeedsWith' | 'laterPage' | 'onlyOfItsKind'>>,
  run: Run,
  before?: () => void,
): Operation => ({ name, host: API, ...fields, run, ...(before ? { before } : {}) });

const grantAccess: Run = (auth: Auth) =>
  runCreate('grant_access', { accessListId: 'list_shop', email: 'ada@example.com', sku: 'premium-digital', poId: 'po-monthly' }, auth);
const revokeAccess: Run = (auth: Auth) => runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' }, auth);
const findUser: Run = (auth: Auth) => runSearch('find_user', { email: 'ada@example.com' }, auth);
const createUser: Run = (auth: Auth) => runCreate('create_user', { email: 'linus@example.com', firstName: 'Linus' }, auth);
const updateUser: Run = (auth: Auth) =>
  runCreate('update_user', { userId: 'user_grace', email: 'grace.hopper@example.com', lastName: 'Hopper' }, auth);

const ACTION_OPERATIONS: Operation[] = [
  operation(
    'access list dropdown',
    { kind: 'list', action: 'list your access lists', permission: 'read access lists', method: 'get', path: '/management/access-lists' },
    (auth) => runDropdown('access_list_list', {}, 0, auth),
  ),
  operation(
    'purchase option dropdown',
    { kind: 'list', action: 'list your purchase options', permission: 'read paywalls', method: 'get', path: '/management/paywalls' },
    (auth) => runDropdown('purchase_option_list', { sku: 'premium-digital' }, 0, auth),
  ),
  operation(
    'user dropdown',
    { kind: 'list', action: 'list your users', permission: 'read users', method: 'get', path: '/management/users?limit=50&offset=0' },
    (auth) => runDropdown('user_list', {}, 0, auth),
  ),
  operation(
    'grant dropdown',
    {
      kind: 'search',
      action: 'list the grants of access list “list_shop”',
      permission: 'read access lists',
      method: 'get',
      path: GRANTS,
      succeedsWith: [],
    },
    (auth) => runDropdown('grant_list', { accessListId: 'list_shop' }, 0, auth),
  ),
  operation(
    'grant_access: existing grants',
    { kind: 'create', action: 'list the grants of access list “list_shop”', permission: 'read access lists', method: 'get', path: GRANTS },
    grantAccess,
  ),
  operation(
    'grant_access: the grant',
    { kind: 'create', action: 'grant access in access list “list_shop”', permission: 'manage access lists', method: 'post', path: GRANTS },
    grantAccess,
  ),
  operation(
    'revoke_access: the grants',
    { kind: 'update', action: 'list the grants of access list “list_shop”', permission: 'read access lists', method: 'get', path: GRANTS },
    revokeAccess,
  ),
  operation(
    'revoke_access: the cancel',
    {
      kind: 'update',
      action: 'cancel grant “grant_grace_active” in access list “list_shop”',
      permission: 'manage access lists',
      method: 'put',
      path: `${GRANTS}/grant_grace_active`,
    },
    revokeAccess,
  ),
  operation(
    'find_grant: the grants',
    {
      kind: 'search',
      action: 'list the grants of access list “list_shop”',
      permission: 'read access lists',
      method: 'get',
      path: GRANTS,
      succeedsWith: [],
    },
    (auth) => runSearch('find_grant', { accessListId: 'list_shop', email: 'grace@example.com' }, auth),
  ),
  operation(
    'find_user: users by email',
    {
      kind: 'search',
      action: 'look up users by email “ada@example.com”',
      permission: 'read users',
      method: 'get',
      path: '/management/users?search=ada%40example.com&limit=100',
      succeedsWith: [],
    },
    findUser,
  ),
  operation(
    'find_user: the profile',
    {
      kind: 'search',
      action: 'read user “user_ada”',
      permission: 'read users',
      method: 'get',
      path: '/management/users/user_ada',
      succeedsWith: [],
    },
    findUser,
  ),
  operation(
    'find_user: the contracts',
    {
      kind: 'search',
      action: 'list the contracts of user “user_ada”',
      permission: 'read contracts',
      method: 'get',
      path: '/management/contracts?userId=user_ada&limit=100',
      succeedsWith: [someReader('user_ada')],
    },
    findUser,
  ),
  operation(
    'find_user: the next page of users by email',
    {
      kind: 'search',
      action: 'look up users by email “anna@example.com”',
      permission: 'read users',
      method: 'get',
      path: `${ANNA_SEARCH}&offset=100`,
      laterPage: true,
    },
    (auth) => runSearch('find_user', { email: 'anna@example.com' }, auth),
    annaNearMatches,
  ),
  operation(
    'find_subscription: the next page of contracts',
    {
      kind: 'search',
      action: 'list the contracts of user “user_ada”',
      permission: 'read contracts',
      method: 'get',
      path: '/management/contracts?userId=user_ada&limit=100&offset=100',
      laterPage: true,
    },
    (auth) => runSearch('find_subscription', { userId: 'user_ada' }, auth),
    () => fullFirstPage('/management/contracts?userId=user_ada&limit=100', articlePurchases('user_ada', 100)),
  ),
  operation(
    'find_entitlement: the entitlements',
    {
      kind: 'search',
      action: 'list the entitlements of user “user_ada”',
      permission: 'read entitlements',
      method: 'get',
      path: '/management/entitlements?userId=user_ada',
      succeedsWith: [],
    },
    (auth) => runSearch('find_entitlement', { userId: 'user_ada', sku: 'premium-digital' }, auth),
  ),
  operation(
    'create_user: users by email',
    {
      kind: 'create',
      action: 'look up users by email “linus@example.com”',
      permission: 'read users',
      method: 'get',
      path: '/management/users?search=linus%40example.com&limit=100',
    },
    createUser,
  ),
  operation(
    'create_user: the next page of users by email',
    {
      kind: 'create',
      action: 'look up users by email “anna@example.com”',
      permission: 'read users',
      method: 'get',
      path: `${ANNA_SEARCH}&offset=100`,
    },
    (auth) => runCreate('create_user', { email: 'anna@example.com' }, auth),
    annaNearMatches,
  ),
  operation(
    'create_user: the user',
    { kind: 'create', action: 'create user “linus@example.com”', permission: 'manage users', method: 'post', path: '/management/users' },
    createUser,
  ),
  operation(
    'create_user: the new profile',
    { kind: 'create', action: 'read user “user_1”', permission: 'read users', method: 'get', path: '/management/users/user_1' },
    createUser,
  ),
  operation(
    'update_user: the profile',
    { kind: 'update', action: 'read user “user_grace”', permission: 'read users', method: 'get', path: '/management/users/user_grace' },
    updateUser,
  ),
  operation(
    'update_user: the new email',
    {
      kind: 'update',
      action: 'change the email of user “user_grace”',
      permission: 'manage users',
      method: 'post',
      path: '/management/users/user_grace/change-login-identifier',
      answerless: true,
      succeedsWith: someReader('user_grace'),
    },
    updateUser,
  ),
  operation(
    'update_user: the changes',
    {
      kind: 'update',
      action: 'update user “user_grace”',
      permission: 'manage users',
      method: 'patch',
      path: '/management/users/user_grace',
    },
    updateUser,
  ),
  operation(
    'set_user_metadata: the value',
    {
      kind: 'update',
      action: 'set metadata “crmId” of user “user_grace”',
      permission: 'manage users',
      method: 'put',
      path: '/management/users/user_grace/user_metadata/crmId',
      answerless: true,
      succeedsWith: someReader('user_grace'),
    },
    (auth) => runCreate('set_user_metadata', { userId: 'user_grace', key: 'crmId', value: 'crm-1001' }, auth),
  ),
];

// ---- The money triggers and Find Payments, on the stateful fake. A trigger's check runs with
// nothing remembered (z.cache forgotten), as a new connection's would; its reader, contract
// and bill are read by Test trigger, which builds the newest payments however old.

/** Rows whose `ids` are these, in this order, with these fields. */
const paymentRows = (...rows: Record<string, unknown>[]): unknown => rows.map((row) => expect.objectContaining(row));
const NO_READER = { user: { email: null, firstName: null, lastName: null } };
const NO_BILL = { bill: { receiptUrl: null, paymentProvider: null, paymentMethod: null, status: null, price: null }, items: [] };
const NO_CONTRACT = { contract: { sku: null, purchaseOptionId: null, name: null, createdAt: null } };

const checkPayments: Run = (auth: Auth) => {
  forgetMemory();
  return runPoll('payment_received', { auth });
};
const testPayments: Run = (auth: Auth) => runPoll('payment_received', { auth, meta: { isLoadingSample: true } });
const findPayments: Run = (auth: Auth) => runSearch('find_payments', { userId: 'user_ada' }, auth);

const MONEY_OPERATIONS: Operation[] = [
  operation(
    'payment_received: the transactions',
    {
      kind: 'list',
      action: 'list recent transactions',
      permission: 'read transactions',
      method: 'get',
      path: '/management/transactions?limit=100&offset=0',
    },
    checkPayments,
  ),
  operation(
    'payment_received: the reader',
    {
      kind: 'detail',
      action: 'read user “user_ada”',
      permission: 'read users',
      method: 'get',
      path: '/management/users/user_ada',
      succeedsWith: paymentRows({ id: 'txn_7001', ...NO_READER }, { id: 'txn_7003' }, { id: 'txn_7000', ...NO_READER }),
    },
    testPayments,
  ),
  operation(
    'payment_received: the contract',
    {
      kind: 'detail',
      action: 'read contract “contract_101”',
      permission: 'read contracts',
      method: 'get',
      path: '/management/contracts/contract_101',
      succeedsWith: paymentRows({ id: 'txn_7001', ...NO_CONTRACT }, { id: 'txn_7003' }, { id: 'txn_7000' }),
    },
    testPayments,
  ),
  operation(
    'payment_received: the bill',
    {
      kind: 'detail',
      action: 'read bill “bill_5001”',
      permission: 'read bills',
      method: 'get',
      path: '/management/bills/bill_5001',
      succeedsWith: paymentRows({ id: 'txn_7001', ...NO_BILL }, { id: 'txn_7003' }, { id: 'txn_7000' }),
    },
    testPayments,
  ),
  operation(
    'find_payments: the transactions',
    {
      kind: 'search',
      action: 'list the transactions of user “user_ada”',
      permission: 'read transactions',
      method: 'get',
      path: '/management/transactions?userId=user_ada&limit=100&offset=0',
      succeedsWith: [],
    },
    findPayments,
  ),
  operation(
    'find_payments: the reader’s contracts, with a Product',
    {
      kind: 'search',
      action: 'list the contracts of user “user_ada”',
      permission: 'read contracts',
      method: 'get',
      path: '/management/contracts?userId=user_ada&limit=100',
      // None listed: each transaction's contract is read to tell its product.
      succeedsWith: paymentRows({ id: 'txn_7002' }, { id: 'txn_7000' }),
    },
    (auth: Auth) => runSearch('find_payments', { userId: 'user_ada', sku: 'weekend-print' }, auth),
  ),
  operation(
    'find_payments: the reader',
    {
      kind: 'detail',
      action: 'read user “user_ada”',
      permission: 'read users',
      method: 'get',
      path: '/management/users/user_ada',
      // Every transaction found is Ada's: no other reader tells a refused profile from a missing permission.
      onlyOfItsKind: true,
      succeedsWith: paymentRows({ id: 'txn_7002', ...NO_READER }, { id: 'txn_7001', ...NO_READER }, { id: 'txn_7000', ...NO_READER }),
    },
    findPayments,
  ),
  operation(
    'find_payments: the contract',
    {
      kind: 'detail',
      action: 'read contract “contract_101”',
      permission: 'read contracts',
      method: 'get',
      path: '/management/contracts/contract_101',
      succeedsWith: paymentRows({ id: 'txn_7002' }, { id: 'txn_7001', ...NO_CONTRACT }, { id: 'txn_7000' }),
    },
    findPayments,
  ),
  operation(
    'find_payments: the bill',
    {
      kind: 'detail',
      action: 'read bill “bill_5001”',
      permission: 'read bills',
      method: 'get',
      path: '/management/bills/bill_5001',
      succeedsWith: paymentRows({ id: 'txn_7002' }, { id: 'txn_7001', ...NO_BILL }, { id: 'txn_7000' }),
    },
    findPayments,
  ),
];

export const OPERATIONS: Operation[] = [...TRIGGER_OPERATIONS, ...ACTION_OPERATIONS, ...MONEY_OPERATIONS];

/** The answers of a healthy Sesamy to the operations that are not plain reads: the token exchange and the hook subscription. */
export const serveWrites = (): void => {
  nock(TOKEN_HOST).persist().post('/oauth/token').reply(200, { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 86400 });
  nock(API).persist().post('/management/webhooks').reply(201, { id: 'wh_1' });
  nock(API).persist().delete('/management/webhooks/wh_1').reply(204);
};

type Reply = (interceptor: nock.Interceptor, echo: string) => nock.Scope;
const status =
  (code: number, headers: Record<string, string> = {}): Reply =>
  (interceptor, echo) =>
    interceptor.reply(code, { error: { code: `E${code}`, message: echo } }, headers);

export interface Fault {
  readonly name: string;
  readonly reply: Reply;
  /** A token issued moments ago: a 401 then means renewal did not help. */
  readonly freshToken?: boolean;
  readonly timeout?: boolean;
}

export const FAULTS: Fault[] = [
  { name: 'malformed JSON', reply: (i, echo) => i.reply(200, `{"id": "wh_1", "note": "${echo}"`, { 'Content-Type': 'application/json' }) },
  { name: 'empty body', reply: (i) => i.reply(200, '', { 'Content-Type': 'application/json' }) },
  { name: 'wrong JSON shape', reply: (i, echo) => i.reply(200, { unexpected: [1, 2], note: echo }) },
  { name: '400', reply: status(400) },
  { name: '401', reply: status(401) },
  { name: '401 after a renewal', reply: status(401), freshToken: true },
  { name: '403', reply: status(403) },
  { name: '404', reply: status(404) },
  { name: '409', reply: status(409) },
  { name: '410', reply: status(410) },
  { name: '422', reply: status(422) },
  { name: 'HTML 403', reply: (i, echo) => i.reply(403, `<html>Access denied ${echo}</html>`, { 'Content-Type': 'text/html' }) },
  { name: '408', reply: status(408) },
  { name: '425', reply: status(425) },
  { name: '429 with Retry-After', reply: status(429, { 'Retry-After': '30' }) },
  { name: '429 with a decimal Retry-After', reply: status(429, { 'Retry-After': '1.5' }) },
  { name: '429 with a huge Retry-After', reply: status(429, { 'Retry-After': '999999' }) },
  { name: '429 without Retry-After', reply: status(429) },
  { name: '500', reply: status(500) },
  { name: '502', reply: (i, echo) => i.reply(502, `<html>Bad gateway ${echo}</html>`, { 'Content-Type': 'text/html' }) },
  { name: '503', reply: status(503) },
  { name: '503 with Retry-After', reply: status(503, { 'Retry-After': '120' }) },
  { name: '504', reply: (i) => i.reply(504, '') },
  { name: 'timeout', reply: (i) => i.delay(REQUEST_TIMEOUT_MS * 6).reply(200, []), timeout: true },
  // Followed, it would reach a host nock does not serve (a network error, so a retry): the policy's error proves it was not.
  { name: '307 to another host', reply: (i) => i.reply(307, '', { Location: 'https://elsewhere.example.net/collect' }) },
  {
    name: 'connection reset',
    reply: (i, echo) => i.replyWithError(Object.assign(new Error(`socket hang up ${echo}`), { code: 'ECONNRESET' })),
  },
];

/** Makes Sesamy (or the network) answer this operation's own request with this fault; other requests are untouched. */
export const serveFault = (operation: Operation, fault: Fault): nock.Scope =>
  fault.reply(nock(operation.host).intercept(operation.path, operation.method.toUpperCase()), operation.echo ?? ECHO);

export type Outcome =
  | { readonly success: true }
  | {
      readonly error: abstract new (...args: never[]) => Error;
      readonly code?: string;
      readonly delay?: number;
      /** What the message says instead of the operation's action, when the error is the step's own. */
      readonly says?: string;
      /** The one part of Sesamy's answer the message passes on (a 422's reason to an action), as cleaned. */
      readonly sesamySaid?: string;
    };

/** The faults that are temporary everywhere, with the delay Zapier is asked to wait (undefined: its default). */
const RETRY_DELAYS = new Map<string, number | undefined>([
  ['408', undefined],
  ['425', undefined],
  ['429 with Retry-After', 30],
  ['429 with a decimal Retry-After', 2],
  ['429 with a huge Retry-After', 300],
  ['429 without Retry-After', undefined],
  ['500', undefined],
  ['502', undefined],
  ['503', undefined],
  ['503 with Retry-After', 120],
  ['504', undefined],
  ['timeout', undefined],
  ['connection reset', undefined],
]);

/** What the policy promises for an operation of this kind (and, where it reads no answer, that too) meeting this fault. */
export const expected = (
  { kind, answerless, laterPage, onlyOfItsKind }: Pick<Operation, 'kind' | 'answerless' | 'laterPage' | 'onlyOfItsKind'>,
  fault: string,
): Outcome => {
  const gone = fault === '404' || fault === '410';
  // A row's record that fails for a reason of its own (its id refused, an answer that is not
  // the record, a 403 while the run reads others of its kind) leaves the row without it.
  const ofItsOwn = ['malformed JSON', 'empty body', 'wrong JSON shape', '400', '409', '422'].includes(fault);
  const refused = fault === '403' || fault === 'HTML 403';
  if (kind === 'detail' && (ofItsOwn || (refused && !onlyOfItsKind))) return { success: true };
  if (['malformed JSON', 'empty body', 'wrong JSON shape'].includes(fault)) {
    // Unsubscribing, and the calls Sesamy answers with nothing, read no answer: a 2xx means done.
    return kind === 'delete' || answerless ? { success: true } : { error: errors.Error, code: 'UnexpectedResponse' };
  }
  // Temporary on every operation, the token exchange included: Retry-After is read, then clamped to 1–300 seconds.
  if (RETRY_DELAYS.has(fault)) return { error: errors.ThrottledError, delay: RETRY_DELAYS.get(fault) };
  // No operation follows a redirect (api/http.ts send): an unexpected answer, on every operation.
  if (fault === '307 to another host') return { error: errors.Error, code: 'UnexpectedResponse' };
  // On the token exchange only Sesamy's own refusal means reconnect: a 401 (core hides its body), or an OAuth refusal
  // code or one of Sesamy's messages; these faults' JSON ({"error": {"code": "E403"}}) is neither, so they are temporary.
  if (kind === 'token') return { error: fault.startsWith('401') ? errors.ExpiredAuthError : errors.ThrottledError };
  if (fault === '401 after a renewal') return { error: errors.ExpiredAuthError };
  if (fault === '401') return { error: errors.RefreshAuthError };
  if (fault === '403' || fault === 'HTML 403') return { error: errors.Error, code: 'Forbidden' };
  // A later page that is gone cuts a search's list short: the step cannot say what it holds.
  if (kind === 'search' && gone && laterPage) {
    return {
      error: errors.Error,
      code: 'IncompleteList',
      says: 'could not be read to the end: Sesamy answered that a later page does not exist',
    };
  }
  // Gone is success for an unsubscribe, "nothing found" for a search, and a row without it for a payment row's record.
  if ((kind === 'delete' || kind === 'search' || kind === 'detail') && gone) return { success: true };
  if (kind === 'lookup') return { error: errors.HaltedError };
  if (gone) return { error: errors.Error, code: 'NotFound' };
  if (fault === '409') return { error: errors.Error, code: 'Conflict' };
  // An action's 422 passes on Sesamy's own reason, its secrets censored; no other answer is ever shown.
  if (fault === '422' && (kind === 'create' || kind === 'update')) {
    return { error: errors.Error, code: 'InvalidRequest', sesamySaid: 'echo :censored: :censored:' };
  }
  return { error: errors.Error, code: 'InvalidRequest' };
};
