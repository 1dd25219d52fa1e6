// Grant Access: the successor of Sesamy's "External Purchase" action. Idempotent: a
// repeat (the same reader, product, purchase option and purchase id, over a period the
// grant already covers) returns the grant the first run made (docs/actions.md).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type CreatePerform, defineCreate, defineInputFields, type InferInputData } from 'zapier-platform-core';
import { call, createGrant, type NewGrant } from '../api/calls.ts';
import { quote, raise } from '../api/errors.ts';
import type { GrantRecord } from '../api/records.ts';
import { isPoId, isSku } from '../sesamy/facts.ts';
import { isoDate } from '../sesamy/json.ts';
import { accessListField, addressFields, emailField, optionalUserField, productField, purchaseOptionField } from '../steps/fields.ts';
import { grantsOf, isActiveGrant, isGrantFor, isGrantOfPurchase } from '../steps/grants.ts';
import { addressOf, dictOf, inputText, isoDateOf, requireEmail, requireText, singleValue, withoutEmpty } from '../steps/inputs.ts';
import { STEP_OUTPUT_FIELDS } from '../steps/output-fields.ts';
import { purchaseOptionOf } from '../steps/purchase-options.ts';
import type { GrantRow } from '../steps/row-shapes.ts';
import { grantRow } from '../steps/rows.ts';
import { GRANT_SAMPLE } from '../steps/samples.ts';

const inputFields = defineInputFields([
  accessListField,
  emailField,
  productField,
  purchaseOptionField,
  { key: 'startsAt', label: 'Starts At', type: 'datetime', required: false, helpText: 'When access begins. Empty: now.' },
  { key: 'endsAt', label: 'Ends At', type: 'datetime', required: false, helpText: 'When access ends. Empty: until it is revoked.' },
  { key: 'firstName', label: 'First Name', type: 'string', required: false, helpText: 'The reader’s first name.' },
  { key: 'lastName', label: 'Last Name', type: 'string', required: false, helpText: 'The reader’s last name.' },
  { key: 'phone', label: 'Phone', type: 'string', required: false, helpText: 'In international format, such as +46701234567.' },
  optionalUserField,
  { key: 'publisherUserId', label: 'Publisher User ID', type: 'string', required: false, helpText: 'The reader’s id in your own system.' },
  {
    key: 'publisherPurchaseId',
    label: 'Publisher Purchase ID',
    type: 'string',
    required: false,
    helpText:
      'The order or purchase id in your own system. Sesamy stores it. A repeat of this step with the same id, reader, product and purchase option returns the existing grant instead of adding one; each line of an order and each reader of a gift gets its own.',
  },
  { key: 'notes', label: 'Notes', type: 'text', required: false, helpText: 'A note stored with the grant.' },
  {
    key: 'extraFields',
    label: 'Extra Fields',
    dict: true,
    required: false,
    helpText: 'Any other values to store with the grant, as name and value.',
  },
  ...addressFields('deliveryAddress', 'Delivery Address'),
  ...addressFields('billingAddress', 'Billing Address'),
]);

type Inputs = InferInputData<typeof inputFields>;

/** What Grant Access takes instead of a Product or Purchase Option holding several values. */
const ONE_PRODUCT =
  "Grant Access gives one product per run: add Looping by Zapier before this step and map each line's own product and purchase option.";

/** A Product or Purchase Option: one value, never a list (steps/inputs.ts singleValue), never empty. */
const requireOne = (z: ZObject, bundle: Bundle, value: unknown, label: string): string =>
  requireText(z, bundle, singleValue(z, bundle, value, label, ONE_PRODUCT), label);

/** The poId of the Purchase Option; one chosen for another product (a stale choice after the Product changed) is refused. */
const poIdOf = (z: ZObject, bundle: Bundle, inputs: Inputs, sku: string): string => {
  const option = purchaseOptionOf(requireOne(z, bundle, inputs.poId, 'Purchase Option'));
  if (option.sku !== undefined && !isSku(option.sku, sku)) {
    throw raise.fail(
      z,
      bundle,
      `Purchase Option ${quote(option.poId)} was chosen for product ${quote(option.sku)}, but the Product is ${quote(sku)}. Choose the purchase option again for this product, or, where the Product is mapped, map the purchase option too.`,
      'InvalidInput',
    );
  }
  return option.poId;
};

/** Grant Access's inputs as Sesamy's `CreateGrant`, every value checked before a request is sent. */
const newGrantOf = (z: ZObject, bundle: Bundle, inputs: Inputs): { accessListId: string; grant: NewGrant } => {
  const accessListId = requireText(z, bundle, inputs.accessListId, 'Access List');
  const startsAt = isoDateOf(z, bundle, inputs.startsAt, 'Starts At');
  const endsAt = isoDateOf(z, bundle, inputs.endsAt, 'Ends At');
  if (startsAt && endsAt && endsAt <= startsAt) {
    throw raise.fail(
      z,
      bundle,
      `Ends At (${endsAt}) is not after Starts At (${startsAt}). Swap them or leave Ends At empty.`,
      'InvalidInput',
    );
  }
  const email = requireEmail(z, bundle, inputs.email);
  const sku = requireOne(z, bundle, inputs.sku, 'Product');
  const grant: NewGrant = {
    email,
    sku,
    poId: poIdOf(z, bundle, inputs, sku),
    status: 'ACTIVE',
    source: accessListId,
    ...withoutEmpty({
      startsAt,
      endsAt,
      firstName: inputText(inputs.firstName),
      lastName: inputText(inputs.lastName),
      phone: inputText(inputs.phone),
      userId: inputText(inputs.userId),
      publisherUserId: inputText(inputs.publisherUserId),
      publisherPurchaseId: inputText(inputs.publisherPurchaseId),
      notes: inputText(inputs.notes),
      extraFields: dictOf(z, bundle, inputs.extraFields, 'Extra Fields'),
      deliveryAddress: addressOf(inputs, 'deliveryAddress'),
      billingAddress: addressOf(inputs, 'billingAddress'),
    }),
  };
  return { accessListId, grant };
};

/**
 * How far after Zapier's now a grant Sesamy stamped may begin and still count as begun now,
 * for a step without Starts At: Sesamy may stamp a grant's start by its own clock, or when it
 * stores the grant, a little after the run. Five minutes covers that; a grant booked to begin
 * within them counts as there, costing those minutes of access at most.
 */
const CLOCK_TOLERANCE_MS = 5 * 60_000;

/**
 * Whether `existing` gives access over the whole period the step asks for: begun by its
 * Starts At (now when empty, within CLOCK_TOLERANCE_MS), and lasting to its Ends At; with no
 * Ends At ("until it is revoked") only a grant without an end does, so a grant that ends,
 * however soon, is no repeat.
 */
const coversPeriod = (existing: GrantRecord, grant: NewGrant, now: string): boolean => {
  const latestStart = grant.startsAt ?? new Date(Date.parse(now) + CLOCK_TOLERANCE_MS).toISOString();
  const existingStart = isoDate(existing.startsAt);
  const existingEnd = isoDate(existing.endsAt);
  if (existingStart !== null && existingStart > latestStart) return false;
  if (grant.endsAt === undefined) return existingEnd === null;
  return existingEnd === null || existingEnd >= grant.endsAt;
};

/**
 * The grant a repeat of this Grant Access already made: an active one for the same reader,
 * product and purchase option (ignoring capitals, as a typed value may differ so), with the
 * same purchase id when the step has one, that gives access over the period asked for.
 * A grant whose period ended (even if still ACTIVE) is no repeat: a renewal gets a grant of
 * its own, as does each line of an order and each reader of a gift under one purchase id.
 */
const existingGrantFor = (grants: readonly GrantRecord[], grant: NewGrant, now: string): GrantRecord | undefined =>
  grants.find(
    (candidate) =>
      isActiveGrant(candidate) &&
      isGrantFor(candidate, grant.email) &&
      isSku(candidate.sku, grant.sku) &&
      isPoId(candidate.poId, grant.poId) &&
      (grant.publisherPurchaseId === undefined || isGrantOfPurchase(candidate, grant.publisherPurchaseId)) &&
      coversPeriod(candidate, grant, now),
  );

/** Gives a reader access, or returns the grant an earlier run of the same step made. */
const grantAccess = async (z: ZObject, bundle: Bundle, inputs: Inputs): Promise<GrantRow> => {
  const { accessListId, grant } = newGrantOf(z, bundle, inputs);
  const existing = existingGrantFor(await grantsOf(z, bundle, accessListId, 'create'), grant, new Date().toISOString());
  return grantRow(existing ?? (await call(z, bundle, 'create', createGrant, { accessListId, grant })));
};

const perform = ((z, bundle) => grantAccess(z, bundle, bundle.inputData)) satisfies CreatePerform<typeof inputFields, GrantRow>;

export default defineCreate({
  key: 'grant_access',
  noun: 'Access Grant',
  display: {
    label: 'Grant Access',
    description: 'Gives a reader access to a product through an access list, like a purchase made outside Sesamy.',
  },
  operation: {
    inputFields,
    perform,
    // Runs that could make the same grant, one after the other, so the second finds the first's grant. Keyed on the
    // list alone: Zapier fills the key with the inputs as typed, and the repeat check ignores capitals and spaces in
    // the email, the product and the purchase option (docs/actions.md, Locks).
    lock: { key: 'grant_access:{{bundle.inputData.accessListId}}', scope: ['auth'], timeout: 60 },
    sample: GRANT_SAMPLE,
    outputFields: STEP_OUTPUT_FIELDS.grant,
  },
});
