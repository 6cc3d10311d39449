import { PGlite } from '@electric-sql/pglite';
import { PgliteSqlClient, PostgresSqlClient } from '@spn/event-store';
import { createTestDatabase } from '@spn/testing';
import { INBOX_MIGRATIONS, migrateInbox } from '../inbox/inbox-schema';
import { migrateReadModel, READ_MODEL_MIGRATIONS_TABLE } from './read-model-migrations';

const recorded = async (db: PgliteSqlClient | PostgresSqlClient, readModel: string) =>
  (
    await db.query<{ version: number }>(
      `SELECT version FROM ${READ_MODEL_MIGRATIONS_TABLE} WHERE read_model = $1 ORDER BY version`,
      [readModel],
    )
  ).map((row) => row.version);

describe('read-model migrations', () => {
  it('adopts tables made before the migrations were numbered, keeping their rows', async () => {
    const db = new PgliteSqlClient(await PGlite.create(), true);
    try {
      // The inbox as the first release left it: migration 1 only, nothing recorded.
      await db.exec(INBOX_MIGRATIONS[0] ?? '');
      await db.query(
        `INSERT INTO dead_letters (consumer_group, event_id, event_type, stream_id, attempts, error, message)
         VALUES ('kit.projection', '7f0c8b1e-59a3-4c3e-9d55-3c2a1f6b0a11', 'Thing', 'thing-1', 3, 'boom', '{}')`,
      );

      await migrateInbox(db);

      const rows = await db.query<{ event_type: string; replayed_at: unknown }>(
        'SELECT event_type, replayed_at FROM dead_letters',
      );
      expect(rows).toEqual([{ event_type: 'Thing', replayed_at: null }]);
      expect(await recorded(db, 'inbox')).toEqual([1, 2]);
      // A second start runs nothing.
      expect(await migrateReadModel(db, 'inbox', INBOX_MIGRATIONS)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('runs only the migrations appended since the last start, in order', async () => {
    const db = new PgliteSqlClient(await PGlite.create(), true);
    try {
      const first = ['CREATE TABLE IF NOT EXISTS kit_thing (id text PRIMARY KEY)'];
      expect(await migrateReadModel(db, 'kit.things', first)).toEqual([1]);
      await db.query("INSERT INTO kit_thing (id) VALUES ('a')");
      const later = [
        ...first,
        "ALTER TABLE kit_thing ADD COLUMN IF NOT EXISTS colour text NOT NULL DEFAULT 'grey'",
        "ALTER TABLE kit_thing ALTER COLUMN colour SET DEFAULT 'blue'",
      ];
      expect(await migrateReadModel(db, 'kit.things', later)).toEqual([2, 3]);
      await db.query("INSERT INTO kit_thing (id) VALUES ('b')");
      expect(await db.query('SELECT id, colour FROM kit_thing ORDER BY id')).toEqual([
        { id: 'a', colour: 'grey' },
        { id: 'b', colour: 'blue' },
      ]);
      // Another read model's versions are its own.
      expect(await migrateReadModel(db, 'kit.others', first)).toEqual([1]);
    } finally {
      await db.close();
    }
  });

  it('rolls a failed migration back with its record, and runs it again at the next start', async () => {
    const db = new PgliteSqlClient(await PGlite.create(), true);
    try {
      const migrations = [
        'CREATE TABLE IF NOT EXISTS kit_broken (id text PRIMARY KEY)',
        'CREATE TABLE IF NOT EXISTS kit_half (id text); ALTER TABLE kit_missing ADD COLUMN x text',
      ];
      await expect(migrateReadModel(db, 'kit.broken', migrations)).rejects.toThrow(/kit_missing/);
      expect(await recorded(db, 'kit.broken')).toEqual([1]);
      expect(await db.query("SELECT to_regclass('kit_half') AS half")).toEqual([{ half: null }]);
      // Mended (a migration that never ran anywhere may be), it runs at the next start.
      const mended = [migrations[0] ?? '', 'CREATE TABLE IF NOT EXISTS kit_half (id text)'];
      expect(await migrateReadModel(db, 'kit.broken', mended)).toEqual([2]);
    } finally {
      await db.close();
    }
  });

  it('lets two replicas that start at once on one PostgreSQL database both succeed', async () => {
    const database = await createTestDatabase('spn_messaging');
    const replicas = [new PostgresSqlClient(database.url, null), new PostgresSqlClient(database.url, null)];
    try {
      // Many tables, as a service's projections have: each replica creates them as it starts.
      const migrations = Array.from(
        { length: 20 },
        (_, index) => `CREATE TABLE IF NOT EXISTS kit_replica_${index} (id uuid PRIMARY KEY)`,
      );
      const started = await Promise.allSettled(
        replicas.map((replica) => migrateReadModel(replica, 'kit.replicas', migrations)),
      );
      expect(
        started.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : 'started')),
      ).toEqual(['started', 'started']);
      // Each version ran once, by one replica or the other.
      const ran = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
      expect(ran.sort((a, b) => a - b)).toEqual(migrations.map((_, index) => index + 1));
      expect(await recorded(replicas[0] as PostgresSqlClient, 'kit.replicas')).toEqual(
        migrations.map((_, index) => index + 1),
      );
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
      await database.drop();
    }
  });
});
