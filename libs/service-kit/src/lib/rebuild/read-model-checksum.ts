import { canonicalJson, type SqlClient } from '@spn/event-store';
import { createHash } from 'node:crypto';

export interface ReadModelChecksum {
  /** sha-256 over every table's rows, in table-name order. */
  readonly checksum: string;
  readonly tables: Readonly<Record<string, { readonly rows: number; readonly checksum: string }>>;
}

/** A read-model table's name as the tools accept it (it is written into SQL). */
export const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A stable checksum of read-model tables, to show a rebuilt read model equals the live one: each row
 * as canonical JSON (timestamps in UTC), rows ordered by all their columns (their JSON text, byte
 * order), hashed with sha-256. Column order and physical row order do not matter; every value does.
 */
export async function readModelChecksum(
  db: SqlClient,
  tables: readonly string[],
): Promise<ReadModelChecksum> {
  const names = [...new Set(tables)].sort();
  for (const name of names) if (!TABLE_NAME.test(name)) throw new Error(`Not a table name: ${name}`);
  return db.transaction(async (tx) => {
    // Timestamps render in the session's zone: fix it, so two databases set up differently agree.
    await tx.query(`SET LOCAL TimeZone = 'UTC'`);
    const total = createHash('sha256');
    const result: Record<string, { rows: number; checksum: string }> = {};
    for (const name of names) {
      const rows = await tx.query<{ row: unknown }>(
        `SELECT to_jsonb(t) AS row FROM ${name} AS t ORDER BY to_jsonb(t)::text COLLATE "C"`,
      );
      const hash = createHash('sha256');
      for (const { row } of rows) hash.update(`${canonicalJson(row)}\n`);
      const checksum = hash.digest('hex');
      result[name] = { rows: rows.length, checksum };
      total.update(`${name}:${checksum}\n`);
    }
    return { checksum: total.digest('hex'), tables: result };
  });
}

/** The tables of a read-model database with this prefix (`clients_`), for {@link readModelChecksum}. */
export async function readModelTables(db: SqlClient, prefix: string): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND left(table_name, length($1)) = $1
     ORDER BY table_name`,
    [prefix],
  );
  return rows.map((row) => row.table_name);
}
