// Hidden trigger behind the Products filter's dropdown (`dynamic: 'product_list.sku.name'`).
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { call, listProducts } from '../api/calls.ts';
import { pageOf } from './paging.ts';

// Dropdown sources ignore bundle.inputData: it holds the half-filled form, not filters.
const perform = (async (z, bundle) => {
  const products = await call(z, bundle, 'list', listProducts, pageOf(bundle));
  return products.map((product) => {
    const name = product.name ?? product.title;
    return { id: product.sku, sku: product.sku, name: name ? `${name} (${product.sku})` : product.sku };
  });
}) satisfies PollingTriggerPerform<[], { id: string; sku: string; name: string }>;

export default defineTrigger({
  key: 'product_list',
  noun: 'Product',
  display: {
    label: 'Products',
    description: 'Triggers when the Products dropdown loads: lists the products of the Sesamy account, by SKU.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
  },
});
