// The outbound operations of the searches, actions and their dropdowns, for the fault
// matrix (faults.test.ts) and the secrets test. Each runs one step on the stateful fake
// (fake-api.ts), with the named request answered by the fault instead.
import { expect } from '@jest/globals';
import { API } from '../../scripts/fake-sesamy/account.ts';
import type { Operation } from './operations.ts';
import { runCreate, runDropdown, runSearch } from './steps.ts';

type Auth = Record<string, string>;
type Run = Operation['run'];

const GRANTS = '/management/access-lists/list_shop/grants';

/** A reader's row, when a read that only feeds the tags finds nothing. */
const someReader = (id: string): unknown => expect.objectContaining({ id });

const operation = (
  name: string,
  fields: Pick<Operation, 'kind' | 'action' | 'permission' | 'method' | 'path'> & Partial<Pick<Operation, 'answerless' | 'succeedsWith'>>,
  run: Run,
): Operation => ({ name, host: API, ...fields, run });

const grantAccess: Run = (auth: Auth) =>
  runCreate('grant_access', { accessListId: 'list_shop', email: 'ada@example.com', sku: 'premium-digital', poId: 'po-monthly' }, auth);
const revokeAccess: Run = (auth: Auth) => runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' }, auth);
const findUser: Run = (auth: Auth) => runSearch('find_user', { email: 'ada@example.com' }, auth);
const createUser: Run = (auth: Auth) => runCreate('create_user', { email: 'linus@example.com', firstName: 'Linus' }, auth);
const updateUser: Run = (auth: Auth) =>
  runCreate('update_user', { userId: 'user_grace', email: 'grace.hopper@example.com', lastName: 'Hopper' }, auth);

export const ACTION_OPERATIONS: Operation[] = [
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
