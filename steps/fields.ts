// Input fields shared by the searches and actions. Keys are public contract
// (test/app/public-contract.json). Fields that take a Sesamy id have a dropdown, and a
// search connector where a search finds that record (Zapier checks D004, D014).
import type { ProfileAddress } from '../api/profile-writes.ts';

export const accessListField = {
  key: 'accessListId',
  label: 'Access List',
  required: true,
  dynamic: 'access_list_list.id.name',
  helpText: 'The Sesamy access list that holds the grant. Lists of type HOOK, MANUAL or BASIC_API accept grants from Zapier.',
} as const;

export const emailField = {
  key: 'email',
  label: 'Email',
  required: true,
  type: 'string',
  helpText: 'The reader’s email address. Capitals and spaces around it are ignored.',
} as const;

/** The Product, as the Purchase Option dropdown's hidden trigger declares it reads it. */
export const productInput = {
  key: 'sku',
  label: 'Product',
  required: true,
  dynamic: 'product_list.sku.name',
  helpText: 'The Sesamy product (SKU) the reader gets access to.',
} as const;

/** The Product of Grant Access: choosing it reloads the Purchase Option dropdown. */
export const productField = { ...productInput, altersDynamicFields: true } as const;

export const purchaseOptionField = {
  key: 'poId',
  label: 'Purchase Option',
  required: true,
  dynamic: 'purchase_option_list.id.name',
  // Zapier's editor enables it once the Product is set, and clears it when the Product changes.
  dependsOn: ['sku'] as string[],
  helpText: 'The purchase option of the chosen product, from your paywalls. You can also type a purchase option ID.',
} as const;

export const userField = {
  key: 'userId',
  label: 'User',
  required: true,
  dynamic: 'user_list.id.name',
  search: 'find_user.id',
  helpText: 'The Sesamy user. Choose one, or use Find User in an earlier step and map its ID.',
} as const;

export const optionalUserField = {
  ...userField,
  required: false,
  helpText: 'The Sesamy user, when you know them; otherwise Sesamy matches the grant to a reader by email.',
} as const;

/**
 * The parts of an address a step takes, the one list of them: by the suffix of their flat
 * field ("deliveryAddressStreet"), the part it sets (api/profile-writes.ts ProfileAddress) and its label.
 */
export const ADDRESS_PARTS = {
  Street: { part: 'street', label: 'Street' },
  Co: { part: 'co', label: 'C/O' },
  Zip: { part: 'zip', label: 'Postal Code' },
  City: { part: 'city', label: 'City' },
  Country: { part: 'country', label: 'Country Code' },
} as const satisfies Record<string, { readonly part: keyof ProfileAddress; readonly label: string }>;

export type AddressSuffix = keyof typeof ADDRESS_PARTS;

export type AddressPrefix = 'deliveryAddress' | 'billingAddress';

const addressField = <const Prefix extends AddressPrefix, const Suffix extends AddressSuffix>(
  prefix: Prefix,
  suffix: Suffix,
  label: string,
) => ({
  key: `${prefix}${suffix}` as `${Prefix}${Suffix}`,
  label: `${label} ${ADDRESS_PARTS[suffix].label}`,
  type: 'string' as const,
  required: false as const,
  ...(suffix === 'Country' ? { helpText: `The ${label.toLowerCase()}’s country as a two-letter code, such as SE.` } : {}),
});

/** The five flat address fields, named as in Sesamy's earlier Zapier app ("deliveryAddressStreet"); a tuple, so each key types its input. */
export const addressFields = <const Prefix extends AddressPrefix>(prefix: Prefix, label: string) =>
  [
    addressField(prefix, 'Street', label),
    addressField(prefix, 'Co', label),
    addressField(prefix, 'Zip', label),
    addressField(prefix, 'City', label),
    addressField(prefix, 'Country', label),
  ] as const;

const optionalText = <const Key extends string>(key: Key, label: string, helpText: string) =>
  ({ key, label, type: 'string', required: false, helpText }) as const;

/** The profile fields a publisher can set on a reader (api/profile-writes.ts sends them). */
export const profileFields = [
  optionalText('firstName', 'First Name', 'The reader’s first name.'),
  optionalText('lastName', 'Last Name', 'The reader’s last name.'),
  optionalText('mobilePhone', 'Mobile Phone', 'In international format, such as +46701234567.'),
  optionalText('locale', 'Language', 'The reader’s language as a code, such as sv or en.'),
  optionalText('company', 'Company', 'The company the reader belongs to, for business customers.'),
  ...addressFields('deliveryAddress', 'Delivery Address'),
  ...addressFields('billingAddress', 'Billing Address'),
] as const;
