import { canonicalJson } from '../hashing';

/** One difference between two JSON values, at a JSON Pointer (RFC 6901) path such as `/needs/1`. */
export interface JsonChange {
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

const escape = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * The paths where `after` differs from `before`: objects are compared member by member, arrays index
 * by index (an auditor reads "item 2 changed", not a guessed move), anything else by canonical JSON.
 */
export function jsonDiff(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => member(before, after, key, `${path}/${escape(key)}`));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => index).flatMap((index) =>
      member(before, after, index, `${path}/${index}`),
    );
  }
  return canonicalJson(before) === canonicalJson(after) ? [] : [{ path, kind: 'changed', before, after }];
}

function member(
  before: Record<string, unknown> | unknown[],
  after: Record<string, unknown> | unknown[],
  key: string | number,
  path: string,
): JsonChange[] {
  const has = (container: typeof before, at: string | number) =>
    Array.isArray(container) ? Number(at) < container.length : Object.hasOwn(container, at);
  const valueOf = (container: typeof before, at: string | number): unknown =>
    Array.isArray(container) ? container[Number(at)] : container[at];
  if (!has(before, key)) return [{ path, kind: 'added', after: valueOf(after, key) }];
  if (!has(after, key)) return [{ path, kind: 'removed', before: valueOf(before, key) }];
  return jsonDiff(valueOf(before, key), valueOf(after, key), path);
}
