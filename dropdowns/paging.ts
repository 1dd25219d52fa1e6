// How the paginated dropdowns (products, users) page: Zapier asks for the next page
// (bundle.meta.page, from 0) when the publisher scrolls to the end of the list.
import type { Bundle } from 'zapier-platform-core';
import { DROPDOWN_PAGE_SIZE } from '../api/pages.ts';

/** The limit and offset of the page Zapier asks for; the first page when it names none. */
export const pageOf = (bundle: Bundle): { limit: number; offset: number } => {
  const page = Number(bundle.meta?.page ?? 0) || 0;
  return { limit: DROPDOWN_PAGE_SIZE, offset: page * DROPDOWN_PAGE_SIZE };
};
