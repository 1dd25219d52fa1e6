// Each search's and action's static sample, output fields and live row agree with its
// row schema (steps/row-shapes.ts): an `id` (D010), a sample on every step (D012),
// dates in ISO 8601 with a zone (D023), the sample within the output fields (D024), and
// a live row with the sample's keys (T004).
import { jest } from '@jest/globals';
import type * as zod from 'zod';
import { sortedKeysOf } from '../../output-fields/flat-keys.ts';
import { PaymentRowSchema } from '../../payloads/payment-shapes.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import type { JsonObject } from '../../sesamy/json.ts';
import { ContractRowSchema, EntitlementRowSchema, GrantRowSchema, ReaderRowSchema } from '../../steps/row-shapes.ts';
import {
  type CreateKey,
  createOperation,
  runCreate,
  runSearch,
  type SearchKey,
  type StepOperation,
  searchOperation,
} from '../support/harness.ts';

interface Case {
  readonly key: string;
  readonly schema: zod.ZodType;
  readonly operation: StepOperation<unknown>;
  readonly live: () => Promise<JsonObject | undefined>;
}

const search = (key: SearchKey, schema: zod.ZodType, inputs: Record<string, unknown>): Case => ({
  key,
  schema,
  operation: searchOperation(key),
  live: async () => (await runSearch(key, inputs))[0],
});
const create = (key: CreateKey, schema: zod.ZodType, inputs: Record<string, unknown>): Case => ({
  key,
  schema,
  operation: createOperation(key),
  live: () => runCreate(key, inputs),
});

const CASES: Case[] = [
  search('find_user', ReaderRowSchema, { email: 'ada@example.com' }),
  search('find_subscription', ContractRowSchema, { email: 'ada@example.com' }),
  search('find_entitlement', EntitlementRowSchema, { userId: 'user_ada', sku: 'library-pass' }),
  search('find_grant', GrantRowSchema, { accessListId: 'list_shop', email: 'grace@example.com' }),
  search('find_payments', PaymentRowSchema, { email: 'ada@example.com' }),
  create('grant_access', GrantRowSchema, {
    accessListId: 'list_shop',
    email: 'ada@example.com',
    sku: 'premium-digital',
    poId: 'po-monthly',
  }),
  create('revoke_access', GrantRowSchema, { accessListId: 'list_shop', grantId: 'grant_grace_active' }),
  create('create_user', ReaderRowSchema, { email: 'linus@example.com' }),
  create('update_user', ReaderRowSchema, { userId: 'user_grace', firstName: 'Amazing Grace' }),
  create('set_user_metadata', ReaderRowSchema, { userId: 'user_grace', key: 'crmId', value: 'crm-1' }),
];

const dictsOf = (operation: StepOperation<unknown>): string[] =>
  operation.outputFields.filter((field) => field.dict).map((field) => field.key);

describe.each(CASES.map((item) => [item.key, item] as const))('%s', (_key, { schema, operation, live }) => {
  it('has a static sample with an id that its row schema accepts (dates ISO 8601 with a zone)', () => {
    expect(typeof operation.sample.id).toBe('string');
    expect(schema.safeParse(operation.sample).error?.issues ?? []).toEqual([]);
  });

  it('labels every output field, and the sample has exactly the output fields’ keys', () => {
    const dicts = dictsOf(operation);
    expect(operation.outputFields.filter((field) => !field.label.trim())).toEqual([]);
    expect(sortedKeysOf(operation.sample, dicts)).toEqual(operation.outputFields.map((field) => field.key).sort());
  });

  it('gives a live row that its schema accepts, with the sample’s keys', async () => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'],
      now: new Date('2026-11-28T12:00:00Z'),
    });
    serveSesamy();
    const row = await live();
    jest.useRealTimers();

    expect(schema.safeParse(row).error?.issues ?? []).toEqual([]);
    const dicts = dictsOf(operation);
    expect(sortedKeysOf(row, dicts)).toEqual(sortedKeysOf(operation.sample, dicts));
  });
});
