import { describe, expect, it } from 'vitest';
import { pagesAround } from './Pager.tsx';

describe('the pages a pager offers', () => {
  it('shows every page of a short list', () => {
    expect(pagesAround(2, 3)).toEqual([1, 2, 3]);
  });

  it('shows the first, the last and the neighbours of the current page, with gaps between', () => {
    expect(pagesAround(7, 40)).toEqual([1, 'gap', 6, 7, 8, 'gap', 40]);
    expect(pagesAround(1, 40)).toEqual([1, 2, 'gap', 40]);
    expect(pagesAround(40, 40)).toEqual([1, 'gap', 39, 40]);
  });

  it('leaves no gap where only one page would be hidden behind it', () => {
    expect(pagesAround(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pagesAround(5, 9)).toEqual([1, 'gap', 4, 5, 6, 'gap', 9]);
  });
});
