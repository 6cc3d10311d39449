import { isEncrypted } from '../privacy/key-vault';
import type { JsonObject } from '../event-store.port';
import type { AuditReader } from '../integrity/log-range';

/** The subject whose personal data a stream holds: `client-<id>` and `careplan-<id>` → `<id>`. */
export const subjectOfStream = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);

export const hasEncryptedFields = (data: JsonObject): boolean => Object.values(data).some(isEncrypted);

/**
 * The subjects among these whose key was destroyed (erased). Only whether and when: the keys
 * themselves are never read here, so an auditor's tool cannot decrypt anything.
 */
export async function erasedSubjects(
  reader: AuditReader,
  subjectIds: readonly string[],
): Promise<Map<string, string>> {
  if (subjectIds.length === 0) return new Map();
  const rows = await reader.query<{ subject_id: string; destroyed_at: Date }>(
    `SELECT subject_id, destroyed_at FROM personal_data_keys
     WHERE destroyed_at IS NOT NULL AND subject_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify([...new Set(subjectIds)])],
  );
  return new Map(rows.map((row) => [row.subject_id, new Date(row.destroyed_at).toISOString()]));
}
