import { PGlite } from '@electric-sql/pglite';
import {
  openPgliteEventStore,
  PgliteSqlClient,
  readKeyEncryptionKeyFile,
  type SqlClient,
} from '@spn/event-store';
import { migrateInbox } from '@spn/messaging';
import { accessEventType } from '@spn/contracts';
import { accessAuditProjection, DEFAULT_KEK_FILE, migrateProjection } from '@spn/service-kit';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** `npm run dead-letters -- <args>` on a data folder, as a process of its own: exit code and output. */
function cli(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['tools/run-ts.cjs', 'apps/platform/src/dead-letters.ts', ...args, '--data-dir', dataDir],
      { cwd: resolve(__dirname, '../../..'), env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('npm run dead-letters (list, show, replay) on an embedded data folder', () => {
  let dataDir: string;
  const readModels = () => join(dataDir, 'read-models', 'clients');
  const withReadModels = async <T>(work: (sql: SqlClient) => Promise<T>): Promise<T> => {
    const sql = new PgliteSqlClient(await PGlite.create(readModels()), true);
    try {
      return await work(sql);
    } finally {
      await sql.close();
    }
  };
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-dead-letters-'));
    await mkdir(readModels(), { recursive: true });
    await (await openPgliteEventStore({ dataDir: join(dataDir, 'event-store') })).close();
    // The data folder as the services leave it: with its KEK, which the tool reads and never makes.
    await readKeyEncryptionKeyFile(join(dataDir, DEFAULT_KEK_FILE), { create: true });
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists and shows a dead letter without its data, fails to replay it until its cause is fixed, then replays it once', async () => {
    const eventId = randomUUID();
    const groupId = 'clients.access-audit';
    const message = {
      eventId,
      type: accessEventType('clients'),
      schemaVersion: 1,
      streamId: `access-${randomUUID()}`,
      streamVersion: 1,
      globalPosition: 42,
      organizationId: 'org-north-health',
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      data: {
        operation: 'client',
        resourceType: 'client',
        resourceIds: ['client-secret-id-1'],
        outcome: 'granted',
      },
      metadata: {
        organizationId: 'org-north-health',
        actor: { subject: 'user-1', organizationId: 'org-north-health', roles: ['link-worker'] },
        purposeOfUse: 'care',
        correlationId: randomUUID(),
      },
    };
    // Dead-lettered because its table was missing (the cause, fixed below).
    await withReadModels(async (sql) => {
      await migrateInbox(sql);
      await sql.query(
        `INSERT INTO dead_letters (consumer_group, event_id, event_type, stream_id, attempts, error, message)
         VALUES ($1, $2, $3, $4, 5, 'error: relation "clients_access_audit" does not exist', $5)`,
        [groupId, eventId, message.type, message.streamId, JSON.stringify(message)],
      );
      await sql.query(
        `INSERT INTO inbox (consumer_group, event_id, outcome) VALUES ($1, $2, 'dead-lettered')`,
        [groupId, eventId],
      );
    });

    const list = await cli(dataDir, 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${groupId}  ${eventId}  clients.PersonalDataAccessed`);
    expect(list.stdout).toContain('position 42');
    expect(list.stdout).toContain('1 dead letter(s)');
    expect(list.stdout).not.toContain('client-secret-id-1');

    const early = await cli(dataDir, 'replay', eventId);
    expect(early.code).toBe(1);
    expect(early.stdout).toContain('failed again');
    expect(early.stdout).toContain('0 replayed, 1 failed');

    // The fix: the projection's table exists.
    await withReadModels(async (sql) => {
      await migrateProjection(sql, 'clients', accessAuditProjection('clients'));
    });
    const replay = await cli(dataDir, 'replay', '--all');
    expect(replay.stdout).toContain(`${groupId}  ${eventId}  replayed`);
    expect(replay.code).toBe(0);
    const after = await cli(dataDir, 'show', eventId, '--json');
    expect(JSON.parse(after.stdout.trim())).toMatchObject({ groupId, eventId, attempts: 6 });
    expect(JSON.parse(after.stdout.trim())).not.toMatchObject({ replayedAt: null });

    await withReadModels(async (sql) => {
      expect(await sql.query('SELECT event_id, resource_ids FROM clients_access_audit')).toEqual([
        { event_id: eventId, resource_ids: ['client-secret-id-1'] },
      ]);
      expect(await sql.query('SELECT outcome FROM inbox WHERE event_id = $1', [eventId])).toEqual([
        { outcome: 'applied' },
      ]);
    });
  }, 400_000);

  it('refuses an id that is not one', async () => {
    const bad = await cli(dataDir, 'show', 'not-an-id');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not-an-id is not an event id');
  });
});
