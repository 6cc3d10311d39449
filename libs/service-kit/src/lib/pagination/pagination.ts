import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { DomainError } from '../domain/decider';

/**
 * Every list the platform answers is a page: `first` items (default {@link DEFAULT_PAGE_SIZE}, at most
 * {@link MAX_PAGE_SIZE}) after an opaque `after` cursor, answered as `{ items, nextCursor }` where
 * `nextCursor` is null on the last page. The cursor is the sort key of the page's last item (keyset
 * pagination): a page never repeats or skips an item because rows were added before it.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** The sort key of an item: its columns in the list's order (a time as ISO text, then an id). */
export type CursorKey = readonly (string | number)[];

/** A page request the caller got wrong, naming the argument: `PAGE_SIZE` (`first`) or `INVALID_CURSOR` (`after`). */
export class PageRequestError extends DomainError {
  constructor(field: 'first' | 'after', message: string) {
    super(field === 'first' ? 'PAGE_SIZE' : 'INVALID_CURSOR', `${field}: ${message}`, field);
  }
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The previous page's nextCursor." })
  after?: string | null;
}

/** A checked page request: how many items, and the key the page starts after (none: the first page). */
export interface PageRequest {
  readonly limit: number;
  readonly after: CursorKey | undefined;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key in a cursor this module made; anything else is refused naming `after`. */
export function decodeCursor(cursor: string, width?: number): CursorKey {
  let key: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,1024}$/.test(cursor)) throw new Error('not base64url');
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new PageRequestError('after', 'is not a cursor of this list');
  }
  if (
    !Array.isArray(key) ||
    key.length === 0 ||
    (width !== undefined && key.length !== width) ||
    !key.every((part) => typeof part === 'string' || (typeof part === 'number' && Number.isFinite(part)))
  )
    throw new PageRequestError('after', 'is not a cursor of this list');
  return key as CursorKey;
}

/** Checks `first` (1..MAX_PAGE_SIZE) and decodes `after`; `width` is how many columns the list's key has. */
export function pageRequest(args: PageArgs | undefined, width?: number): PageRequest {
  const first = args?.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw new PageRequestError('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  return { limit: first, after: args?.after ? decodeCursor(args.after, width) : undefined };
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/**
 * The page from rows read with `LIMIT limit + 1`: the extra row only says a next page exists; the
 * cursor is the key of the page's last item.
 */
export function pageFrom<T>(
  rows: readonly T[],
  request: PageRequest,
  keyOf: (item: T) => CursorKey,
): Page<T> {
  const items = rows.slice(0, request.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > request.limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/**
 * A page of a list already in memory and sorted by `keyOf` in `compare`'s order (a small list read
 * whole, such as a partner registry): the items after the cursor's key, `limit` of them.
 */
export function pageOfSorted<T>(
  sorted: readonly T[],
  request: PageRequest,
  keyOf: (item: T) => CursorKey,
): Page<T> {
  const after = request.after;
  const start = after === undefined ? 0 : sorted.findIndex((item) => compareKeys(keyOf(item), after) > 0);
  return pageFrom(start < 0 ? [] : sorted.slice(start, start + request.limit + 1), request, keyOf);
}

/** Orders two keys column by column (strings by code unit, numbers numerically). */
export function compareKeys(a: CursorKey, b: CursorKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/**
 * The fields of a page of `item`s, for a service's own page type:
 * `@ObjectType() export class ClientPage extends PageType(Client) {}` (one name per list type).
 */
export function PageType<T>(item: new (...args: never[]) => T) {
  @ObjectType({ isAbstract: true })
  abstract class PageOf implements Page<T> {
    @Field(() => [item])
    items!: T[];

    @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null: no more.' })
    nextCursor!: string | null;
  }
  return PageOf;
}
