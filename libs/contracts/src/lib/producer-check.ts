import { z } from 'zod';
import type { Contract } from './define-contract';

/**
 * What is wrong with an event a producer decides, against the newest contract of its type (which it must
 * claim): the paths of
 * the fields that break it (a missing or extra field, a wrong type), empty when it holds or when the type
 * has no contract (an event no other context reads). Strict: a field the contract does not list would be
 * dropped on the way to consumers, so it is a disagreement too. Field paths only, never values.
 */
export function contractBreaches(
  contracts: readonly Contract[],
  event: { readonly type: string; readonly schemaVersion?: number; readonly data: unknown },
): string[] {
  const versions = contracts.filter((contract) => contract.type === event.type);
  if (versions.length === 0) return [];
  // A producer writes the newest version: an older one would reach consumers through upcasters only.
  const contract = versions.reduce((newest, version) =>
    version.version > newest.version ? version : newest,
  );
  if ((event.schemaVersion ?? 1) !== contract.version) return ['schemaVersion'];
  const result = z.strictObject(contract.data.shape).safeParse(event.data);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    // An unknown key is reported on its parent: name the key itself.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => (path ? `${path}.${key}` : key));
    return [path || '(root)'];
  });
}
