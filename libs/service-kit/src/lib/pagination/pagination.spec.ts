import {
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  pageFrom,
  pageOfSorted,
  pageRequest,
  PageRequestError,
  type CursorKey,
  type Page,
} from './pagination';

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof PageRequestError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a PageRequestError');
};

describe('pages: a cursor and a maximum page size', () => {
  it('defaults to 50 and refuses a size over the maximum, naming first', () => {
    expect(pageRequest(undefined)).toEqual({ limit: 50, after: undefined });
    expect(pageRequest({ first: MAX_PAGE_SIZE })).toMatchObject({ limit: MAX_PAGE_SIZE });
    for (const first of [MAX_PAGE_SIZE + 1, 0, -1, 1.5])
      expect(refusal(() => pageRequest({ first }))).toEqual({ code: 'PAGE_SIZE', field: 'first' });
  });

  it('refuses a cursor it did not make, naming after', () => {
    for (const after of ['nope!', encodeCursor(['a']).slice(1), Buffer.from('{"a":1}').toString('base64url')])
      expect(refusal(() => pageRequest({ after }))).toEqual({ code: 'INVALID_CURSOR', field: 'after' });
    expect(refusal(() => decodeCursor(encodeCursor(['a']), 2))).toEqual({
      code: 'INVALID_CURSOR',
      field: 'after',
    });
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'c-1']))).toEqual([
      '2026-01-01T00:00:00.000Z',
      'c-1',
    ]);
  });

  it('walks a whole list page by page, no item twice and none missing', () => {
    const all = Array.from({ length: 23 }, (_, i) => ({ id: `id-${String(i).padStart(2, '0')}`, n: i % 4 }));
    const sorted = [...all].sort((a, b) => a.n - b.n || (a.id < b.id ? -1 : 1));
    const keyOf = (item: { id: string; n: number }): CursorKey => [item.n, item.id];
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page<{ id: string; n: number }> = pageOfSorted(
        sorted,
        pageRequest({ first: 5, after }),
        keyOf,
      );
      seen.push(...page.items.map((item) => item.id));
      after = page.nextCursor;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(5);
    expect(seen).toEqual(sorted.map((item) => item.id));
  });

  it('says there is no next page when the extra row is absent', () => {
    const request = pageRequest({ first: 2 });
    expect(pageFrom([1, 2], request, (n) => [n]).nextCursor).toBeNull();
    expect(pageFrom([1, 2, 3], request, (n) => [n])).toEqual({
      items: [1, 2],
      nextCursor: encodeCursor([2]),
    });
  });
});
