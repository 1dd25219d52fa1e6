// Find Subscription and Find Entitlement: a reader's contracts and entitlements,
// filtered and ordered so that the row Zapier uses (the first) is the best answer.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listReaderContracts, listReaderEntitlements } from '../api/calls.ts';
import type { ContractRecord, EntitlementRecord } from '../api/records.ts';
import { isoDate } from '../sesamy/json.ts';
import { isActiveContract, isActiveEntitlement } from '../sesamy/reader-tags.ts';
import { textOf } from './inputs.ts';
import { readerIdOf } from './readers.ts';
import type { ContractRow, EntitlementRow } from './row-shapes.ts';
import { contractRow, entitlementRow } from './rows.ts';

type Inputs = Record<string, unknown>;

/** Newest first, by creation time; a record without one goes last. */
const newestFirst = <T extends { createdAt?: string | null }>(a: T, b: T): number =>
  (isoDate(b.createdAt) ?? '').localeCompare(isoDate(a.createdAt) ?? '');

const statusOf = (inputs: Inputs, fallback: string): string => textOf(inputs.status)?.toLowerCase() ?? fallback;

export const findContracts = async (z: ZObject, bundle: Bundle, inputs: Inputs): Promise<ContractRow[]> => {
  const userId = await readerIdOf(z, bundle, inputs);
  if (!userId) return [];
  const sku = textOf(inputs.sku);
  const status = statusOf(inputs, 'any');
  const wanted = (contract: ContractRecord) =>
    (sku === undefined || contract.items.some((item) => item.sku === sku)) &&
    (status === 'active' ? isActiveContract(contract) : status === 'ended' ? !isActiveContract(contract) : true);
  const contracts = (await listReaderContracts(z, bundle, userId, 'search')).filter(wanted);
  return contracts.sort((a, b) => Number(isActiveContract(b)) - Number(isActiveContract(a)) || newestFirst(a, b)).map(contractRow);
};

export const findEntitlements = async (z: ZObject, bundle: Bundle, inputs: Inputs): Promise<EntitlementRow[]> => {
  const userId = await readerIdOf(z, bundle, inputs);
  if (!userId) return [];
  const sku = textOf(inputs.sku);
  const onlyActive = statusOf(inputs, 'active') === 'active';
  const now = new Date().toISOString();
  const wanted = (entitlement: EntitlementRecord) =>
    (sku === undefined || entitlement.sku === sku) && (!onlyActive || isActiveEntitlement(entitlement, now));
  const entitlements = (await listReaderEntitlements(z, bundle, userId, 'search')).filter(wanted);
  return entitlements
    .sort((a, b) => Number(isActiveEntitlement(b, now)) - Number(isActiveEntitlement(a, now)) || newestFirst(a, b))
    .map((entitlement) => entitlementRow(entitlement, userId));
};
