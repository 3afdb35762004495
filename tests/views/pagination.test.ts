// The one pagination model (src/views/pagination.ts): which page numbers are shown,
// and which of first/previous/next/last exist.
import { describe, expect, it } from 'vitest';
import { paginationFor, paginationModel } from '../../src/views/pagination.js';

describe('paginationModel', () => {
  const pages = (current: number, count: number) =>
    paginationModel(current, count, (page) => `/p${page}`).items.map((item) =>
      'gap' in item ? '…' : item.current ? `[${item.page}]` : String(item.page),
    );

  it('shows every page up to seven, otherwise the ends and the neighbours of the current page', () => {
    expect(pages(1, 3)).toEqual(['[1]', '2', '3']);
    expect(pages(2, 7)).toEqual(['1', '[2]', '3', '4', '5', '6', '7']);
    expect(pages(1, 20)).toEqual(['[1]', '2', '3', '4', '5', '…', '20']);
    expect(pages(10, 20)).toEqual(['1', '…', '9', '[10]', '11', '…', '20']);
    expect(pages(19, 20)).toEqual(['1', '…', '16', '17', '18', '[19]', '20']);
  });

  it('links previous and next only where they exist', () => {
    expect(paginationModel(1, 3, (page) => `/p${page}`)).toMatchObject({ previous: null, next: '/p2', first: null, last: '/p3' });
    expect(paginationModel(3, 3, (page) => `/p${page}`)).toMatchObject({ previous: '/p2', next: null, first: '/p1', last: null });
  });
});

describe('paginationFor', () => {
  it('gives no pagination when everything fits on one page', () => {
    expect(paginationFor(1, 1, (page) => `/p${page}`)).toBeNull();
    expect(paginationFor(1, 0, (page) => `/p${page}`)).toBeNull();
    expect(paginationFor(2, 2, (page) => `/p${page}`)).toMatchObject({ current: 2, pageCount: 2, previous: '/p1' });
  });
});
