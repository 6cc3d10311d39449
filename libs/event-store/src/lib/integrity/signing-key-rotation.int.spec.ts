import { PGlite } from '@electric-sql/pglite';
import { createTestDatabase } from '@spn/testing';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { events, newStreamId } from '../../test/builders';
import { openPgliteEventStore } from '../adapters/pglite';
import { openPostgresEventStore } from '../adapters/postgres';
import { exportRangeToFile } from '../export/export-range';
import { verifyExportFile } from '../export/verify-export';
import type { SqlQueryable } from '../sql/sql-client';
import type { SqlEventStore } from '../sql/sql-event-store';
import { FORGED_MARKER_DETAIL, MISSIGNED_DETAIL } from './append-signing';
import {
  ephemeralSealKeys,
  SealKeyError,
  SIGNATURE_PROBLEM,
  sealKeyId,
  type SealKeyPair,
  type SealKeys,
} from './seal-signing';
import { signHandover } from './signing-key-ring';

/** One database, opened by as many stores (processes) as a test needs, each with its own keys. */
interface Database {
  open(keys: SealKeys): Promise<SqlEventStore>;
  /** SQL as the store's own role would write it: a writer with the database login and no key. */
  readonly raw: SqlQueryable;
  close(): Promise<void>;
}

async function pgliteDatabase(): Promise<Database> {
  const db = await PGlite.create();
  const stores: SqlEventStore[] = [];
  return {
    open: async (sealKeys) => {
      // One session: each store leaves it as the application role; migrating needs the owner.
      await db.exec('RESET ROLE');
      const store = await openPgliteEventStore({ pglite: db, sealKeys });
      stores.push(store);
      return store;
    },
    raw: {
      query: async (sql, params) => (await db.query(sql, params as unknown[])).rows as never,
      exec: async (sql) => {
        await db.exec(sql);
      },
    },
    close: async () => {
      for (const store of stores) await store.close();
      await db.close();
    },
  };
}

async function postgresDatabase(): Promise<Database> {
  const database = await createTestDatabase('spn_rotation');
  const stores: SqlEventStore[] = [];
  const owner = new Client({ connectionString: database.url });
  await owner.connect();
  return {
    open: async (sealKeys) => {
      const store = await openPostgresEventStore({ connectionString: database.url, sealKeys });
      stores.push(store);
      return store;
    },
    raw: {
      query: async (sql, params) => (await owner.query(sql, params as unknown[])).rows as never,
      exec: async (sql) => {
        await owner.query(sql);
      },
    },
    close: async () => {
      for (const store of stores) await store.close();
      await owner.end();
      await database.drop();
    },
  };
}

/** The log of every test: 5 events and 2 seals under K1, a rotation, then 5 events and more seals under K2. */
interface RotatedLog {
  readonly database: Database;
  readonly k1: SealKeyPair;
  readonly k2: SealKeyPair;
  /** The writer after the rotation: K2, with K1's public key for the seals and events before it. */
  readonly writer: SqlEventStore;
  /** The writer before it, still open: it appended with K1. */
  readonly previousWriter: SqlEventStore;
  readonly handover: { fromPosition: number; fromSealNumber: number };
}

async function rotatedLog(open: () => Promise<Database>): Promise<RotatedLog> {
  const database = await open();
  const k1 = ephemeralSealKeys();
  const k2 = ephemeralSealKeys();
  const before = await database.open(k1);
  const streamId = newStreamId();
  await before.append(streamId, 0, events(3));
  await before.integrity.sealAll(2);
  await before.append(streamId, 3, events(2, 4)); // unsealed when the key changes
  const handover = await before.integrity.handOverSigning(k1.signingKey, k2.signingKey);
  const writer = await database.open({ ...k2, previousPublicKeys: [k1.publicKey] });
  await writer.append(streamId, 5, events(3, 6));
  await writer.integrity.sealAll(4); // its first seal spans the rotation: K1's events and K2's
  await writer.append(newStreamId(), 0, events(2));
  await writer.integrity.sealAll();
  return { database, k1, k2, writer, previousWriter: before, handover };
}

const signingKeysOfSeals = async (raw: SqlQueryable) =>
  (
    await raw.query<{ seal_number: string; signing_key_id: string }>(
      'SELECT seal_number::text AS seal_number, signing_key_id FROM seals ORDER BY seal_number',
    )
  ).map((row) => [Number(row.seal_number), row.signing_key_id]);

describe.each([
  ['PostgreSQL', postgresDatabase],
  ['PGlite', pgliteDatabase],
])('rotating the signing key: %s', (_adapter, openDatabase) => {
  let log: RotatedLog;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spn-rotation-'));
    log = await rotatedLog(openDatabase);
  });
  afterAll(async () => {
    await log.database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('given a rotation mid-log, then seals before it are signed by K1 and after it by K2', async () => {
    expect(log.handover).toMatchObject({ fromPosition: 6, fromSealNumber: 3 });
    const [k1, k2] = [sealKeyId(log.k1.publicKey), sealKeyId(log.k2.publicKey)];
    const seals = await signingKeysOfSeals(log.database.raw);
    expect(seals.length).toBeGreaterThanOrEqual(4);
    expect(seals).toEqual(seals.map(([number]) => [number, Number(number) < 3 ? k1 : k2]));
  });

  it('when an auditor pins both keys, then verify and the range report are ok', async () => {
    const auditor = await log.database.open({
      publicKey: log.k2.publicKey,
      previousPublicKeys: [log.k1.publicKey],
    });
    const report = await auditor.integrity.verify();
    expect(report).toMatchObject({ ok: true, eventsChecked: 10, unsealedEvents: 0, problems: [] });
    expect(report.sealsChecked).toBeGreaterThanOrEqual(4);
    // A range across the rotation, past the last seal too.
    await log.writer.append(newStreamId(), 0, events(2));
    const range = await auditor.integrity.report({ fromPosition: 4 });
    expect(range).toMatchObject({ ok: true, eventsChecked: 9, problems: [] });
  });

  it('when an auditor pins only the new key, then the marker, the handover and the old seals are named', async () => {
    const auditor = await log.database.open({ publicKey: log.k2.publicKey });
    const report = await auditor.integrity.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'signature', detail: FORGED_MARKER_DETAIL }),
        expect.objectContaining({
          kind: 'inserted',
          check: 'key-handover',
          handoverNumber: 1,
          detail: `hands over from key ${sealKeyId(log.k1.publicKey)}, which is not pinned`,
        }),
        expect.objectContaining({ check: 'seal', sealNumber: 1, detail: SIGNATURE_PROBLEM }),
        expect.objectContaining({ check: 'seal', sealNumber: 2, detail: SIGNATURE_PROBLEM }),
      ]),
    );
    // The seals K2 signed still verify.
    expect(report.problems.filter((problem) => problem.check === 'seal')).toHaveLength(2);
  });

  it('when a process still holds the old key, started before the rotation or after, then its appends and seals are refused', async () => {
    const restarted = await log.database.open(log.k1);
    for (const stale of [log.previousWriter, restarted]) {
      const append = stale.append(newStreamId(), 0, events(1));
      await expect(append).rejects.toBeInstanceOf(SealKeyError);
      await expect(append).rejects.toThrow(/SPN_SEAL_SIGNING_KEY .* is not the key in force/);
    }
    await log.writer.append(newStreamId(), 0, events(1));
    await expect(restarted.integrity.seal()).rejects.toThrow(/is not the key in force/);
    // Nothing it signed was written.
    const auditor = await log.database.open({
      publicKey: log.k2.publicKey,
      previousPublicKeys: [log.k1.publicKey],
    });
    expect((await auditor.integrity.verify()).ok).toBe(true);
  });

  it('when a range across the rotation is exported, then it verifies offline with both keys pinned', async () => {
    await log.writer.integrity.sealAll();
    const file = join(dir, 'across.jsonl');
    const summary = await exportRangeToFile(
      log.writer.integrity.auditReader(),
      { fromPosition: 2, toPosition: 9 },
      file,
    );
    expect(summary.seals).toBeGreaterThanOrEqual(2);
    const pinned = { sealPublicKey: log.k2.publicKey, previousSealPublicKeys: [log.k1.publicKey] };
    const verified = await verifyExportFile(file, pinned);
    expect(verified).toMatchObject({ ok: true, eventsChecked: 8, sealsChecked: summary.seals, problems: [] });

    // Without the old key, the seals it signed are named; the ones after the handover are not.
    const newOnly = await verifyExportFile(file, { sealPublicKey: log.k2.publicKey });
    const named = newOnly.problems.filter((problem) => problem.detail === SIGNATURE_PROBLEM);
    expect(named.map((problem) => problem.sealNumber)).toEqual([1, 2]);

    // A file whose handover line was cut: the seals after it no longer verify with the key before it.
    const lines = (await readFile(file, 'utf8')).split('\n');
    const cut = join(dir, 'no-handover.jsonl');
    await writeFile(cut, lines.filter((line) => !line.includes('"kind":"handover"')).join('\n'));
    const withoutHandover = await verifyExportFile(cut, pinned);
    expect(withoutHandover.ok).toBe(false);
    expect(
      withoutHandover.problems.every(
        (problem) => problem.detail === SIGNATURE_PROBLEM && (problem.sealNumber ?? 0) >= 3,
      ),
    ).toBe(true);
  });
});

describe.each([
  ['PostgreSQL', postgresDatabase],
  ['PGlite', pgliteDatabase],
])('forged handovers: %s', (_adapter, openDatabase) => {
  let log: RotatedLog | undefined;
  afterEach(async () => {
    await log?.database.close();
    log = undefined;
  });

  it('given a handover the key in force did not endorse, then verify names it and what its key signed', async () => {
    log = await rotatedLog(openDatabase);
    const forger = ephemeralSealKeys();
    const [at] = await log.database.raw.query<{ position: string; seal: string }>(
      `SELECT (SELECT max(global_position) + 1 FROM events)::text AS position,
              (SELECT max(seal_number) + 1 FROM seals)::text AS seal`,
    );
    // Written with the store's database login: it holds the forger's key, not K2.
    const forged = signHandover(
      {
        handoverNumber: 2,
        fromPosition: Number(at?.position),
        fromSealNumber: Number(at?.seal),
        previousKeyId: sealKeyId(log.k2.publicKey),
        keyId: sealKeyId(forger.publicKey),
      },
      forger.signingKey,
      forger.signingKey,
    );
    await log.database.raw.query(
      `INSERT INTO signing_handovers (handover_number, from_position, from_seal_number, previous_key_id, key_id,
                                      endorsement, signature) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        2,
        forged.fromPosition,
        forged.fromSealNumber,
        forged.previousKeyId,
        forged.keyId,
        forged.endorsement,
        forged.signature,
      ],
    );
    // The forger's process now passes the key-in-force check and appends with its key.
    const forgerStore = await log.database.open(forger);
    const [position] = (await forgerStore.append(newStreamId(), 0, events(1))).globalPositions;
    // Even an auditor who pinned the forger's key too names the handover and the event.
    const auditor = await log.database.open({
      publicKey: log.k2.publicKey,
      previousPublicKeys: [log.k1.publicKey, forger.publicKey],
    });
    const report = await auditor.integrity.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'inserted',
        check: 'key-handover',
        handoverNumber: 2,
        detail: 'not endorsed by the key in force before it',
      }),
      expect.objectContaining({
        kind: 'edited',
        check: 'signature',
        globalPosition: position,
        detail: MISSIGNED_DETAIL,
      }),
    ]);
    // And the honest writer, restarted, refuses to append under a handover it did not make.
    const restarted = await log.database.open({ ...log.k2, previousPublicKeys: [log.k1.publicKey] });
    await expect(restarted.append(newStreamId(), 0, events(1))).rejects.toBeInstanceOf(SealKeyError);
  });

  it('given a handover to a key the auditor did not pin, then verify names it', async () => {
    log = await rotatedLog(openDatabase);
    const k3 = ephemeralSealKeys();
    await log.writer.integrity.handOverSigning(log.k2.signingKey, k3.signingKey);
    const auditor = await log.database.open({
      publicKey: log.k2.publicKey,
      previousPublicKeys: [log.k1.publicKey],
    });
    const report = await auditor.integrity.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'inserted',
        check: 'key-handover',
        handoverNumber: 2,
        detail: `names key ${sealKeyId(k3.publicKey)}, which is not pinned`,
      }),
    ]);
    const pinned = await log.database.open({
      publicKey: k3.publicKey,
      previousPublicKeys: [log.k2.publicKey, log.k1.publicKey],
    });
    expect((await pinned.integrity.verify()).ok).toBe(true);
  });

  it('given the old key is not the key in force, then a handover from it is refused', async () => {
    log = await rotatedLog(openDatabase);
    const k3 = ephemeralSealKeys();
    await expect(log.writer.integrity.handOverSigning(log.k1.signingKey, k3.signingKey)).rejects.toThrow(
      /is not the key in force/,
    );
    expect(await log.database.raw.query('SELECT 1 FROM signing_handovers WHERE handover_number = 2')).toEqual(
      [],
    );
  });
});
