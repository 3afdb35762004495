// The one pagination model every paged list renders with views/partials/pagination.ejs
// (DKFDS pagination as links): the search, the association directory and an
// association's interested volunteers. Controllers call paginationModel with the
// current page, the page count and how to link to a page; texts come from the
// common locale file, so every list pages the same way.

export type PageItem = { page: number; href: string; current: boolean } | { gap: true };

export interface Pagination {
  current: number;
  pageCount: number;
  items: PageItem[];
  previous: string | null;
  next: string | null;
  first: string | null;
  last: string | null;
}

/**
 * Page links as DKFDS draws them: all pages up to seven, otherwise the first, the
 * last, and the current page with its neighbours, gaps shown as "…".
 */
export function paginationModel(current: number, pageCount: number, href: (page: number) => string): Pagination {
  const pages = new Set<number>();
  if (pageCount <= 7) {
    for (let page = 1; page <= pageCount; page++) pages.add(page);
  } else if (current < 5) {
    for (let page = 1; page <= 5; page++) pages.add(page);
    pages.add(pageCount);
  } else if (current > pageCount - 4) {
    pages.add(1);
    for (let page = pageCount - 4; page <= pageCount; page++) pages.add(page);
  } else {
    for (const page of [1, current - 1, current, current + 1, pageCount]) pages.add(page);
  }
  const items: PageItem[] = [];
  let previous = 0;
  for (const page of [...pages].sort((a, b) => a - b)) {
    if (page - previous > 1) items.push({ gap: true });
    items.push({ page, href: href(page), current: page === current });
    previous = page;
  }
  return {
    current,
    pageCount,
    items,
    previous: current > 1 ? href(Math.min(current - 1, pageCount)) : null,
    next: current < pageCount ? href(current + 1) : null,
    first: current > 1 ? href(1) : null,
    last: current < pageCount ? href(pageCount) : null,
  };
}

/** The model for a list with more than one page, or null when everything fits on one. */
export function paginationFor(current: number, pageCount: number, href: (page: number) => string): Pagination | null {
  return pageCount > 1 ? paginationModel(current, pageCount, href) : null;
}
