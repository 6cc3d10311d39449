import { useEffect, useState } from 'react';

/** One page of a list read a page at a time, as the component that shows the page takes it. */
export interface Page {
  /** The key of the page's element: its cursor, `first` for the first page. */
  readonly key: string;
  /** The cursor the page starts after; none for the first page. */
  readonly after: string | undefined;
  /** Asks for the page after this one: the last page's alone, an earlier page's next being shown. */
  readonly onMore: ((cursor: string) => void) | undefined;
  /** Says how many items the page shows, for the count of the whole list (see `usePageCount`). */
  readonly onCount: (count: number) => void;
}

/**
 * A list read a page at a time on "show more" (the API's `first` and opaque `after` cursor): the pages
 * asked for so far, in order, and how many items they show together.
 */
export function usePages(): { readonly pages: readonly Page[]; readonly shown: number } {
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const [counts, setCounts] = useState<Readonly<Record<number, number>>>({});
  const shown = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const pages = cursors.map((after, index): Page => ({
    key: after ?? 'first',
    after,
    onMore:
      index === cursors.length - 1
        ? (cursor) => {
            setCursors([...cursors, cursor]);
          }
        : undefined,
    onCount: (count) => {
      setCounts((known) => (known[index] === count ? known : { ...known, [index]: count }));
    },
  }));
  return { pages, shown };
}

/** A page's side of the count: says how many items it shows once it has them, and again when that changes. */
export function usePageCount(count: number | undefined, onCount: (count: number) => void): void {
  useEffect(() => {
    if (count !== undefined) onCount(count);
  }, [count, onCount]);
}
