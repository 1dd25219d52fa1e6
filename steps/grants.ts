// Grants in access lists: Grant Access (idempotent), Revoke Access and Find Access
// Grant. docs/actions.md says what each sends and how it behaves on a repeat.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createGrant, listGrants, type NewGrant, setGrantStatus } from '../api/calls.ts';
import { quote, raise } from '../api/errors.ts';
import type { GrantRecord } from '../api/records.ts';
import { upperText as upper } from '../sesamy/json.ts';
import { addressOf, dictOf, emailOf, isoDateOf, requireEmail, requireText, textOf, withoutEmpty } from './inputs.ts';
import type { GrantRow } from './row-shapes.ts';
import { grantRow } from './rows.ts';

type Inputs = Record<string, unknown>;

const isActive = (grant: GrantRecord): boolean => upper(grant.status) === 'ACTIVE';
const isCanceled = (grant: GrantRecord): boolean => upper(grant.status) === 'CANCELED';
const emailMatches = (grant: GrantRecord, email: string): boolean => grant.email?.trim().toLowerCase() === email;

/** Active grants first; the order Sesamy listed them in otherwise. */
const activeFirst = (grants: readonly GrantRecord[]): GrantRecord[] =>
  [...grants].sort((a, b) => Number(isActive(b)) - Number(isActive(a)));

/** Grant Access's inputs as Sesamy's `CreateGrant`, every value checked before a request is sent. */
export const newGrantOf = (z: ZObject, bundle: Bundle, inputs: Inputs): { accessListId: string; grant: NewGrant } => {
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
  const grant: NewGrant = {
    email: requireEmail(z, bundle, inputs.email),
    sku: requireText(z, bundle, inputs.sku, 'Product'),
    poId: requireText(z, bundle, inputs.poId, 'Purchase Option'),
    status: 'ACTIVE',
    source: accessListId,
    ...withoutEmpty({
      startsAt,
      endsAt,
      firstName: textOf(inputs.firstName),
      lastName: textOf(inputs.lastName),
      phone: textOf(inputs.phone),
      userId: textOf(inputs.userId),
      publisherUserId: textOf(inputs.publisherUserId),
      publisherPurchaseId: textOf(inputs.publisherPurchaseId),
      notes: textOf(inputs.notes),
      extraFields: dictOf(z, bundle, inputs.extraFields, 'Extra Fields'),
      deliveryAddress: addressOf(inputs, 'deliveryAddress'),
      billingAddress: addressOf(inputs, 'billingAddress'),
    }),
  };
  return { accessListId, grant };
};

/**
 * The active grant a repeat of this Grant Access already made: the one with the same
 * publisher purchase id or, without one, the same email, product and purchase option.
 */
export const existingGrantFor = (grants: readonly GrantRecord[], grant: NewGrant): GrantRecord | undefined => {
  const purchaseId = textOf(grant.publisherPurchaseId);
  return grants
    .filter(isActive)
    .find((candidate) =>
      purchaseId
        ? candidate.publisherPurchaseId === purchaseId
        : emailMatches(candidate, grant.email) && candidate.sku === grant.sku && candidate.poId === grant.poId,
    );
};

/** Gives a reader access, or returns the grant an earlier run of the same step made. */
export const grantAccess = async (z: ZObject, bundle: Bundle, inputs: Inputs): Promise<GrantRow> => {
  const { accessListId, grant } = newGrantOf(z, bundle, inputs);
  const existing = existingGrantFor(await listGrants(z, bundle, accessListId, 'create'), grant);
  return grantRow(existing ?? (await createGrant(z, bundle, accessListId, grant)));
};

/** Which grants Revoke Access means: the one chosen by id, else those of the email and product. */
const revokeTarget = (z: ZObject, bundle: Bundle, inputs: Inputs) => {
  const grantId = textOf(inputs.grantId);
  if (grantId) return { describe: `grant ${quote(grantId)}`, matches: (grant: GrantRecord) => grant.id === grantId };
  const email = emailOf(z, bundle, inputs.email);
  const sku = textOf(inputs.sku);
  if (!email || !sku) {
    throw raise.fail(
      z,
      bundle,
      'Choose a Grant, or fill in both the Email and the Product, so the step knows which access to revoke.',
      'InvalidInput',
    );
  }
  return {
    describe: `grant for ${quote(email)} and product ${quote(sku)}`,
    matches: (grant: GrantRecord) => emailMatches(grant, email) && grant.sku === sku,
  };
};

/**
 * Cancels the matching grants with a PUT of status CANCELED (never a delete). An already
 * canceled grant is success, returned unchanged; no match at all halts the run.
 */
export const revokeAccess = async (z: ZObject, bundle: Bundle, inputs: Inputs): Promise<GrantRow> => {
  const accessListId = requireText(z, bundle, inputs.accessListId, 'Access List');
  const target = revokeTarget(z, bundle, inputs);
  const matching = activeFirst((await listGrants(z, bundle, accessListId, 'update')).filter(target.matches));
  const first = matching[0];
  if (!first) {
    throw raise.halt(z, bundle, `Access list ${quote(accessListId)} has no ${target.describe}, so there was no access to revoke.`);
  }
  const toCancel = matching.filter((grant) => !isCanceled(grant));
  if (toCancel.length === 0) return grantRow(first);
  // Sequential: a reader rarely has more than one grant for a product; each is canceled so no access remains.
  const canceled: GrantRecord[] = [];
  for (const grant of toCancel) canceled.push(await setGrantStatus(z, bundle, accessListId, grant.id, 'CANCELED'));
  return grantRow(canceled[0] ?? first);
};

/** Find Access Grant: grants of the list with this email and/or purchase id, active first. */
export const findGrants = async (z: ZObject, bundle: Bundle, inputs: Inputs): Promise<GrantRow[]> => {
  const accessListId = requireText(z, bundle, inputs.accessListId, 'Access List');
  const email = emailOf(z, bundle, inputs.email);
  const purchaseId = textOf(inputs.publisherPurchaseId);
  if (!email && !purchaseId) {
    throw raise.fail(
      z,
      bundle,
      'Fill in the Email, the Publisher Purchase ID, or both, so the search knows which grant to find.',
      'InvalidInput',
    );
  }
  const grants = (await listGrants(z, bundle, accessListId, 'search')).filter(
    (grant) => (!email || emailMatches(grant, email)) && (!purchaseId || grant.publisherPurchaseId === purchaseId),
  );
  return activeFirst(grants).map(grantRow);
};
