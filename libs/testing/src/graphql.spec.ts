import { walkPages, type GraphQLResponse } from './graphql';

/** A list of `size` items served `first` at a time, the cursor the next item's index. */
const pagedList = (size: number, first: number) => {
  const asked: (string | null)[] = [];
  const page = (after: string | null): Promise<GraphQLResponse> => {
    asked.push(after);
    const start = after === null ? 0 : Number(after);
    const end = Math.min(start + first, size);
    const items = Array.from({ length: end - start }, (_, i) => ({ n: start + i }));
    return Promise.resolve({ data: { list: { items, nextCursor: end < size ? String(end) : null } } });
  };
  return { page, asked };
};

describe('walkPages', () => {
  it('follows nextCursor from the first page to the last, every item once, in order', async () => {
    const list = pagedList(5, 2);
    const walked = await walkPages('list', list.page);
    expect(walked).toEqual({ items: [0, 1, 2, 3, 4].map((n) => ({ n })), pages: 3 });
    expect(list.asked).toEqual([null, '2', '4']);
  });

  it('answers one empty page for an empty list', async () => {
    expect(await walkPages('list', pagedList(0, 2).page)).toEqual({ items: [], pages: 1 });
  });

  it('fails on an error, naming the field', async () => {
    const refused = () =>
      Promise.resolve({ errors: [{ message: 'no', extensions: { code: 'PAGE_SIZE', field: 'first' } }] });
    await expect(walkPages('list', refused)).rejects.toThrow(/^list: .*PAGE_SIZE/);
  });

  it('fails after maxPages pages rather than loop on a cursor that never ends', async () => {
    const endless = () => Promise.resolve({ data: { list: { items: [{ n: 1 }], nextCursor: 'again' } } });
    await expect(walkPages('list', endless, 3)).rejects.toThrow('list: more than 3 pages');
  });
});
