// What Sesamy's records mean, in one place: a reader's id and email, a contract that is
// active, ended or a single purchase, an entitlement that gives access, which record is
// newest. Pure: records in, facts out; no request, no bundle, no zod.
import type { ContractRecord, EntitlementRecord, UserRecord } from '../api/records.ts';
import { asObject, asText, isoDate, upperText } from './json.ts';

/** Sesamy names a user's id `userId` on profiles and `id` on user lists. */
export const userIdOf = (user: UserRecord): string => user.userId ?? user.id ?? '';

/** An email as readers sign in with it: capitals and surrounding spaces do not matter. */
export const emailKey = (email: string): string => email.trim().toLowerCase();

/** Whether a record's email is `email` (an emailKey), ignoring case. */
export const hasEmail = (record: { readonly email?: string | null }, email: string): boolean =>
  typeof record.email === 'string' && emailKey(record.email) === email;

/** Whether a record's id is the one a publisher named (`id`, trimmed), ignoring capitals. */
const isSameId = (recordId: string | null | undefined, id: string): boolean =>
  typeof recordId === 'string' && recordId.trim().toLowerCase() === id.toLowerCase();

/**
 * Whether a record's SKU is the product a publisher named (`sku`, trimmed): a Product typed
 * as a custom value may differ from Sesamy's SKU in capitals. No two of Sesamy's SKUs are
 * assumed to differ only so (docs/sesamy-api.md).
 */
export const isSku = (recordSku: string | null | undefined, sku: string): boolean => isSameId(recordSku, sku);

/** Whether any of these SKUs (a row's, as read) is one of the products a filter names: every Products filter matches so. */
export const hasProduct = (skus: readonly (string | null | undefined)[], wanted: readonly string[]): boolean =>
  skus.some((sku) => typeof sku === 'string' && sku !== '' && wanted.includes(sku));

/** Whether a record's purchase option id is the one a publisher named (`poId`, trimmed), ignoring capitals, as for a SKU. */
export const isPoId = (recordPoId: string | null | undefined, poId: string): boolean => isSameId(recordPoId, poId);

/** Contract statuses that mean a subscription has ended. */
export const ENDED_STATUSES = ['CANCELED', 'EXPIRED', 'DELETED'] as const;
export type Ending = (typeof ENDED_STATUSES)[number];
export const isEnded = (status: unknown): boolean => (ENDED_STATUSES as readonly string[]).includes(upperText(status));

/** A contract status that means it is in force. */
export const isActiveStatus = (status: unknown): boolean => ['ACTIVE', 'VALID'].includes(upperText(status));

export const isActiveContract = (contract: ContractRecord): boolean => contract.isActive ?? isActiveStatus(contract.status);

/** A single purchase (Sesamy's `contractDuration` PERPETUAL), not a subscription: a record or a row alike. */
export const isSinglePurchase = (contract: { readonly contractDuration?: unknown }): boolean =>
  upperText(contract.contractDuration) === 'PERPETUAL';

/** A reader's contracts with `contract` as read now in place of its listed copy, or added: Sesamy's lists may lag. */
export const withCurrentContract = (contracts: readonly ContractRecord[], contract: ContractRecord): ContractRecord[] =>
  contracts.some((known) => known.id === contract.id)
    ? contracts.map((known) => (known.id === contract.id ? contract : known))
    : [...contracts, contract];

/** Access granted outside Sesamy's payments (a library, a partner list). */
export const isExternal = (entitlement: { readonly origin?: unknown }): boolean =>
  upperText(asObject(entitlement.origin)?.type) === 'EXTERNAL';

/** Access now: not revoked, not expired at `now` (ISO 8601). An entitlement record or a row alike. */
export const isActiveEntitlement = (entitlement: { readonly hasAccess?: unknown; readonly expiresAt?: unknown }, now: string): boolean => {
  const expiresAt = isoDate(entitlement.expiresAt);
  return entitlement.hasAccess !== false && (expiresAt === null || expiresAt > now);
};

/** An entitlement's purchase option, which Sesamy sends as an id or as an object with one. */
export const purchaseOptionIdOf = (entitlement: EntitlementRecord): string | null =>
  asText(entitlement.purchaseOption) ?? asText(asObject(entitlement.purchaseOption)?.id) ?? null;

/** When a record was created, or last changed ("updatedAt"; its creation when it never changed), in ms; 0 when unknown. */
const timeOf = (record: Dated, by: NewestBy): number =>
  Date.parse((by === 'createdAt' ? record.createdAt : (record.updatedAt ?? record.createdAt)) ?? '') || 0;

export interface Dated {
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

/** Newest by creation, or by last change. */
export type NewestBy = 'createdAt' | 'updatedAt';

/** A sort order: the newest records first, by creation or by last change; a record without a date goes last. */
export const newestFirst =
  (by: NewestBy) =>
  (a: Dated, b: Dated): number =>
    timeOf(b, by) - timeOf(a, by);
