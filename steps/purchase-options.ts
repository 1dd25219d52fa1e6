// A purchase option as the Purchase Option dropdown names it. With a Product chosen, an
// option's id is Sesamy's own poId. With none (or a mapped one, unknown while the dropdown
// loads), two products may share a poId, so each id names its product: `<sku>::<poId>`.
// Grant Access reads both, and a typed poId as it is.

const SEPARATOR = '::';

/** The dropdown id of a product's purchase option, listed beside other products' options. */
export const productOptionId = (sku: string, poId: string): string => `${sku}${SEPARATOR}${poId}`;

/** A Purchase Option as chosen or typed: `sku::poId` (one separator, both parts filled) names its product; anything else is a poId. */
export const purchaseOptionOf = (value: string): { readonly sku?: string; readonly poId: string } => {
  const [sku, poId, ...rest] = value.split(SEPARATOR);
  return sku && poId && rest.length === 0 ? { sku, poId } : { poId: value };
};
