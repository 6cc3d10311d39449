import type { SqlQueryable } from '@spn/event-store';
import { ANALYZE_SCALE_FACTOR, ANALYZE_THRESHOLD } from '../lib/runtime/read-model-analyzer';

/**
 * Autovacuum's rule followed by hand over `rows` inserts checked one by one: the ANALYZEs it calls for
 * (the most any checker may run; one that checks less often runs fewer) and the rows the last one
 * counted (-1: none ran).
 */
export function analyzesByTheRule(rows: number): { analyzes: number; reltuples: number } {
  let analyzes = 0;
  let atLast = 0;
  let changed = 0;
  for (let row = 1; row <= rows; row++) {
    changed += 1;
    if (changed > ANALYZE_THRESHOLD + ANALYZE_SCALE_FACTOR * atLast) {
      analyzes += 1;
      atLast = row;
      changed = 0;
    }
  }
  return { analyzes, reltuples: analyzes === 0 ? -1 : atLast };
}

/** What the planner knows of a table: the rows its last ANALYZE counted (-1: never), and how many ANALYZEs ran. */
export async function tableStatistics(
  db: SqlQueryable,
  table: string,
): Promise<{ reltuples: number; analyzes: number }> {
  const [row] = await db.query<{ reltuples: number; analyzes: number }>(
    `SELECT c.reltuples, s.analyze_count::int AS analyzes
     FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = $1`,
    [table],
  );
  if (!row) throw new Error(`No table ${table}`);
  return row;
}
