// Sesamy's segmentation tags, as its email and CRM integrations compute them (Sesamy's
// "Integration Concepts" page, "Sesamy Tags"): every tag starts with `sesamy_`, values
// are slugified, a tag is cut to 99 characters, and duplicates are removed after
// cutting. Pure: facts in, tags out. Which facts a row shows is decided by its caller.

export const TAG_PREFIX = 'sesamy_';
export const MAX_TAG_LENGTH = 99;

/** What an event shows about its user, in the terms of Sesamy's tag patterns. */
export interface TagFacts {
  /** At least one active subscription. */
  readonly activeSubscriber?: boolean;
  /** At least one overdue contract. */
  readonly overdueContract?: boolean;
  /** An entitlement granted outside Sesamy's payments (origin EXTERNAL). */
  readonly externalAccess?: boolean;
  /** Access paid for by someone else. */
  readonly giftedSubscription?: boolean;
  /** At least one single purchase (an article). */
  readonly singlePurchase?: boolean;
  /** Active entitlements, by product type and title. */
  readonly activeEntitlements?: readonly { readonly productType: string; readonly title: string }[];
  /** Active products, by SKU and, where known, purchase option. */
  readonly activeSkus?: readonly { readonly sku: string; readonly purchaseOptionId?: string | null }[];
  /** The user's own tags. */
  readonly customTags?: readonly string[];
}

/**
 * "Premium Magazine" → "premium-magazine"; "Göteborgs-Posten" → "goteborgs-posten".
 * Accents are folded, anything but a-z and 0-9 becomes one hyphen.
 */
export const slugify = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Joins slugified parts with hyphens; undefined when any part slugifies to nothing. */
const slugOf = (...parts: string[]): string | undefined => {
  const slugs = parts.map(slugify);
  return slugs.every((slug) => slug !== '') ? slugs.join('-') : undefined;
};

export const sesamyTags = (facts: TagFacts): string[] => {
  const names: (string | undefined)[] = [
    facts.activeSubscriber ? 'active_subscriber' : undefined,
    facts.overdueContract ? 'overdue_contract' : undefined,
    facts.externalAccess ? 'has_external_access' : undefined,
    facts.giftedSubscription ? 'has_gifted_subscription' : undefined,
    facts.singlePurchase ? 'made_single_purchase' : undefined,
    ...(facts.activeEntitlements ?? []).map(({ productType, title }) => {
      const slug = slugOf(productType, title);
      return slug && `active_entitlement_${slug}`;
    }),
    ...(facts.activeSkus ?? []).map(({ sku }) => {
      const slug = slugOf(sku);
      return slug && `active_sku_${slug}`;
    }),
    ...(facts.activeSkus ?? []).map(({ sku, purchaseOptionId }) => {
      const slug = purchaseOptionId ? slugOf(sku, purchaseOptionId) : undefined;
      return slug && `active_sku_po_${slug}`;
    }),
    ...(facts.customTags ?? []).map((tag) => {
      const slug = slugOf(tag);
      return slug && `tag_${slug}`;
    }),
  ];
  const tags = names.filter((name): name is string => Boolean(name)).map((name) => `${TAG_PREFIX}${name}`.slice(0, MAX_TAG_LENGTH));
  return [...new Set(tags)];
};
