import type { SqlClient, SqlQueryable } from '@spn/event-store';

/**
 * The advisory lock every read-model migration runs under: one for all read models of a database,
 * since they share the table that records them, and `CREATE TABLE IF NOT EXISTS` is not safe against
 * itself in PostgreSQL (the catalog's unique index refuses the second of two at once).
 */
const READ_MODEL_MIGRATION_LOCK = 7410325;

/** The table that records which migration of which read model a database has run. */
export const READ_MODEL_MIGRATIONS_TABLE = 'read_model_migrations';

const lock = (tx: SqlQueryable) => tx.query(`SELECT pg_advisory_xact_lock(${READ_MODEL_MIGRATION_LOCK})`);

/**
 * Brings one read model's tables (`readModel`: a projection's consumer group, or `inbox`) to its last
 * migration: migration n is `migrations[n - 1]`, and those its database has not recorded run in order,
 * each in its own transaction with its record, under one advisory lock (replicas that start at once
 * run each once). A migration is appended, never edited; each stays idempotent (`IF NOT EXISTS`), so
 * a database whose tables came from before the migrations were numbered (none recorded) takes them
 * all again harmlessly. Resolves to the versions it ran.
 */
export async function migrateReadModel(
  db: SqlClient,
  readModel: string,
  migrations: readonly string[],
): Promise<number[]> {
  const recorded = await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(`CREATE TABLE IF NOT EXISTS ${READ_MODEL_MIGRATIONS_TABLE} (
      read_model text NOT NULL,
      version integer NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (read_model, version)
    )`);
    return versionsOf(tx, readModel);
  });
  const ran: number[] = [];
  for (const [index, migration] of migrations.entries()) {
    const version = index + 1;
    if (recorded.has(version)) continue;
    const applied = await db.transaction(async (tx) => {
      await lock(tx);
      // Another replica may have run it while this one waited for the lock.
      if ((await versionsOf(tx, readModel)).has(version)) return false;
      await tx.exec(migration);
      await tx.query(`INSERT INTO ${READ_MODEL_MIGRATIONS_TABLE} (read_model, version) VALUES ($1, $2)`, [
        readModel,
        version,
      ]);
      return true;
    });
    if (applied) ran.push(version);
  }
  return ran;
}

async function versionsOf(tx: SqlQueryable, readModel: string): Promise<Set<number>> {
  const rows = await tx.query<{ version: number }>(
    `SELECT version FROM ${READ_MODEL_MIGRATIONS_TABLE} WHERE read_model = $1`,
    [readModel],
  );
  return new Set(rows.map((row) => row.version));
}
