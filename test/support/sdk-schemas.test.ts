// The zod mirrors of Sesamy's request bodies (sdk-schemas.ts) equal the SDK's
// types exactly, and hold the formats the SDK states; the fake API's records satisfy the
// SDK's types (scripts/fake-sesamy/account.ts), and that check is not vacuous. Most of this file is
// checked by `tsc` (npm test runs it first); the tests show the run-time half.
import type { Contract, Product } from '@sesamy/sdk';
import { contracts, products } from '../../scripts/fake-sesamy/account.ts';
import { CreateGrantSchema, CreateUserSchema, type Mirrors, ProfileWriteSchema, UpdateGrantSchema } from './sdk-schemas.ts';

/** Exact type equality (not mere assignability): optional, readonly and `any` all count. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Fails `tsc` when a mirror and the SDK's type differ in any field.
const mirrorsEqualTheSdk: { [K in keyof Mirrors]: Equal<Mirrors[K][0], Mirrors[K][1]> } = {
  GrantAddress: true,
  CreateGrant: true,
  UpdateGrant: true,
  ProfileWrite: true,
};

// The equality can fail: a field made optional, or the type `any`, is told apart.
const optionalIsNotRequired: Equal<{ sku?: string }, { sku: string }> = false;
const anyIsNotAType: Equal<Contract, unknown> = false;

// The fixtures' `satisfies` can fail: a contract without a required field, or a product
// named the way the fake once named it, is not Sesamy's.
// @ts-expect-error Sesamy's Contract requires appliedDiscounts
const withoutDiscounts = { ...contracts.contract_101, appliedDiscounts: undefined } satisfies Contract;
// @ts-expect-error Sesamy's Product has a title, not a name
const named = { sku: 'x', name: 'X', productType: 'bundle', cover: '', language: 'sv', createdAt: '', updatedAt: '' } satisfies Product;

const GRANT = {
  email: 'ada@example.com',
  sku: 'premium-digital',
  poId: 'po-monthly',
  status: 'ACTIVE',
  source: 'list_partner',
  startsAt: '2024-01-01T00:00:00Z',
  endsAt: '2024-12-31T23:59:59+01:00',
  deliveryAddress: { street: 'Storgatan 1', city: 'Stockholm', zip: '11122', country: 'SE', co: 'c/o Byron' },
  extraFields: { custom_field: 'value' },
};

describe('the zod mirrors of Sesamy’s request bodies', () => {
  it('equal the SDK’s types (checked by tsc), and can tell types apart', () => {
    expect([mirrorsEqualTheSdk, optionalIsNotRequired, anyIsNotAType]).toEqual([
      { GrantAddress: true, CreateGrant: true, UpdateGrant: true, ProfileWrite: true },
      false,
      false,
    ]);
    expect([withoutDiscounts.id, named.sku, products.length]).toEqual(['contract_101', 'x', 4]);
  });

  it('accept a CreateGrant with the SDK’s documented example values', () => {
    expect(CreateGrantSchema.safeParse(GRANT).success).toBe(true);
    expect(UpdateGrantSchema.safeParse({ status: 'CANCELED' }).success).toBe(true);
  });

  it.each([
    ['a malformed email', { ...GRANT, email: 'ada@@example' }, 'email'],
    ['a date without a zone', { ...GRANT, startsAt: '2024-01-01T00:00:00' }, 'startsAt'],
    ['a date Date.parse reads but RFC 3339 does not', { ...GRANT, endsAt: 'Dec 31, 2024' }, 'endsAt'],
    ['a status Sesamy does not know', { ...GRANT, status: 'active' }, 'status'],
    ['a number where the SDK has a string', { ...GRANT, sku: 123 }, 'sku'],
    ['a list typed as one string in extraFields', { ...GRANT, extraFields: 'a,b' }, 'extraFields'],
    ['a nested number in extraFields', { ...GRANT, extraFields: { n: 1 } }, 'extraFields'],
    ['a missing required field', { ...GRANT, poId: undefined }, 'poId'],
    ['a key Sesamy does not have', { ...GRANT, deliveryAddressStreet: 'Storgatan 1' }, ''],
    ['an unknown address key', { ...GRANT, billingAddress: { line1: 'x' } }, 'billingAddress'],
  ])('reject a CreateGrant with %s', (_, body, path) => {
    const result = CreateGrantSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.map(String).join('.'))).toEqual([expect.stringContaining(path)]);
  });

  it('mirror the writable profile: a new reader needs a well-formed email, and no read-only field is written', () => {
    expect(CreateUserSchema.safeParse({ email: 'ada@example.com', firstName: 'Ada', tags: ['VIP'] }).success).toBe(true);
    expect(CreateUserSchema.safeParse({ firstName: 'Ada' }).success).toBe(false);
    expect(ProfileWriteSchema.safeParse({ lastName: 'Lovelace' }).success).toBe(true);
    expect(ProfileWriteSchema.safeParse({ userId: 'user_ada' }).success).toBe(false);
    expect(ProfileWriteSchema.safeParse({ tags: 'VIP,Early Bird' }).success).toBe(false);
  });
});
