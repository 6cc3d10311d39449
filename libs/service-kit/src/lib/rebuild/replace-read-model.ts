import type { SqlClient, SqlQueryable } from '@spn/event-store';
import { TABLE_NAME } from './read-model-checksum';

/** The consumers' own table that a replacement tops up instead of replacing (`@spn/messaging`'s inbox). */
export const REBUILT_INBOX_TABLE = 'inbox';

/** A replacement refused before anything was written: the live read model is as it was. */
export class ReadModelReplaceRefused extends Error {
  override readonly name = 'ReadModelReplaceRefused';
}

export interface ReplaceOptions {
  /** The live read model's database (the service's own, as its consumers open it). */
  readonly live: SqlClient;
  /** A database {@link rebuildProjection} filled, with its inbox (`inboxGroup`). */
  readonly rebuilt: SqlClient;
  /** The read model's tables, bookkeeping and the inbox left out: replaced whole. */
  readonly tables: readonly string[];
  /**
   * The `application_name` of the service's read-model pool: while a connection of that name is open
   * on the live server, a consumer may apply a message the rebuild did not see, and the replacement
   * would erase it, so it is refused. Null for an embedded folder, which its lock keeps to one process.
   */
  readonly consumersPoolName: string | null;
  /** Rows read and written per statement (default 500). */
  readonly rowsPerStatement?: number;
}

export interface ReplaceReport {
  /** Rows written per table. */
  readonly tables: Readonly<Record<string, number>>;
  /** Inbox rows the live inbox did not have (events the rebuild applied, now marked handled). */
  readonly inboxAdded: number;
}

/**
 * Puts a rebuilt read model in place of the live one, in one transaction: every table of `tables`
 * emptied and filled with the rebuilt rows, and the live inbox given every event id the rebuild
 * applied. So a consumer that starts afterwards drops a message the rebuilt read model already holds
 * (its Kafka offset or log checkpoint may be behind the rebuild) and applies the events appended
 * since. A column set that differs between the two (a release's migrations not yet run on the live
 * database, or a newer live one) refuses the whole replacement, since a copy by column name would
 * drop values.
 */
export async function replaceReadModel(options: ReplaceOptions): Promise<ReplaceReport> {
  for (const table of [...options.tables, REBUILT_INBOX_TABLE])
    if (!TABLE_NAME.test(table)) throw new ReadModelReplaceRefused(`Not a table name: ${table}`);
  const columns = await sameColumns(options, [...options.tables, REBUILT_INBOX_TABLE]);
  const rowsPerStatement = options.rowsPerStatement ?? 500;
  return options.live.transaction(async (tx) => {
    if (options.consumersPoolName !== null) await refuseWhileConsumersRun(tx, options.consumersPoolName);
    // Taken before any read of the rebuilt rows is written, so readers wait, then see it whole.
    if (options.tables.length > 0)
      await tx.exec(`LOCK TABLE ${options.tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
    const tables: Record<string, number> = {};
    for (const table of options.tables) {
      await tx.exec(`TRUNCATE ${table}`);
      tables[table] = await copyRows(
        options.rebuilt,
        tx,
        table,
        columns.get(table) ?? [],
        '',
        rowsPerStatement,
      );
    }
    const inboxAdded = await copyRows(
      options.rebuilt,
      tx,
      REBUILT_INBOX_TABLE,
      columns.get(REBUILT_INBOX_TABLE) ?? [],
      'ON CONFLICT DO NOTHING',
      rowsPerStatement,
    );
    return { tables, inboxAdded };
  });
}

async function refuseWhileConsumersRun(tx: SqlQueryable, poolName: string): Promise<void> {
  const [row] = await tx.query<{ open: number }>(
    `SELECT count(*)::int AS open FROM pg_stat_activity
     WHERE application_name = $1 AND datname = current_database()`,
    [poolName],
  );
  const open = row?.open ?? 0;
  if (open > 0)
    throw new ReadModelReplaceRefused(
      `the service still runs: ${open} connection(s) named ${poolName} are open; stop every replica (scale it to 0) and run this again`,
    );
}

/** Each table's writable columns, the same on both sides, or a refusal naming the first that differs. */
async function sameColumns(
  options: ReplaceOptions,
  tables: readonly string[],
): Promise<Map<string, string[]>> {
  const [live, rebuilt] = await Promise.all([
    columnsOf(options.live, tables),
    columnsOf(options.rebuilt, tables),
  ]);
  const described = (columns: readonly Column[] | undefined) =>
    (columns ?? []).map((column) => `${column.name} ${column.type}`).join(', ');
  for (const table of tables) {
    const want = described(rebuilt.get(table));
    const have = described(live.get(table));
    if (want !== have)
      throw new ReadModelReplaceRefused(
        `the live table ${table} has columns (${have || 'none: no such table'}), the rebuilt one (${want}): start this release's service once to migrate it, then run this again`,
      );
  }
  return new Map([...rebuilt].map(([table, columns]) => [table, columns.map((column) => column.name)]));
}

interface Column {
  readonly name: string;
  readonly type: string;
}

/** The columns a row may be written to (generated columns are not), by table, in name order. */
async function columnsOf(db: SqlClient, tables: readonly string[]): Promise<Map<string, Column[]>> {
  const rows = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = ANY($1) AND is_generated = 'NEVER'
     ORDER BY table_name, column_name`,
    [tables],
  );
  const columns = new Map<string, Column[]>();
  for (const row of rows)
    columns.set(row.table_name, [
      ...(columns.get(row.table_name) ?? []),
      { name: row.column_name, type: row.data_type },
    ]);
  return columns;
}

/**
 * Copies a table's rows as JSON (both databases render and read every type through it), a few
 * hundred at a time through a cursor, so a table of millions of rows never sits in memory whole;
 * the number of rows written.
 */
async function copyRows(
  from: SqlClient,
  to: SqlQueryable,
  table: string,
  columns: readonly string[],
  onConflict: string,
  rowsPerStatement: number,
): Promise<number> {
  const list = columns.map((column) => `"${column}"`).join(', ');
  return from.transaction(async (source) => {
    await source.exec(`DECLARE copied CURSOR FOR SELECT to_jsonb(t) AS row FROM ${table} AS t`);
    let written = 0;
    for (;;) {
      const rows = await source.query<{ row: unknown }>(`FETCH ${rowsPerStatement} FROM copied`);
      if (rows.length === 0) return written;
      const inserted = await to.query<{ n: number }>(
        `WITH written AS (
           INSERT INTO ${table} (${list})
           SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) ${onConflict}
           RETURNING 1)
         SELECT count(*)::int AS n FROM written`,
        [JSON.stringify(rows.map(({ row }) => row))],
      );
      written += inserted[0]?.n ?? 0;
    }
  });
}
