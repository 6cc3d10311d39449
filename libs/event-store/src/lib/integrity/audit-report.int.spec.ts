/**
 * The auditor's integrity report on real databases (PostgreSQL and PGlite): tampered by hand, as a
 * superuser who switches the append-only triggers off, and each problem named by kind and position.
 * (The store's own verifier has its tamper cases in the contract suite; these check the kept report.)
 */
import { PGlite } from '@electric-sql/pglite';
import { createTestDatabase } from '@spn/testing';
import { Client } from 'pg';
import { events, newStreamId } from '../../test/builders';
import { openPgliteEventStore } from '../adapters/pglite';
import { openPostgresEventStore } from '../adapters/postgres';
import { insertForgedEvent } from '../../test/forgery';
import { DEFAULT_APP_ROLE } from '../sql/schema';
import type { SqlEventStore } from '../sql/sql-event-store';
import type { AuditIntegrityReport } from './audit-report';
import { ephemeralSealKeys } from './seal-signing';

interface Harness {
  readonly store: SqlEventStore;
  /** Runs SQL as the database owner. */
  owner(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const adapters: [string, () => Promise<Harness>][] = [
  [
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase('spn_audit_report');
      const store = await openPostgresEventStore({
        connectionString: database.url,
        sealKeys: ephemeralSealKeys(),
      });
      const owner = new Client({ connectionString: database.url });
      await owner.connect();
      return {
        store,
        owner: async (sql, params) => (await owner.query<Record<string, unknown>>(sql, params)).rows,
        close: async () => {
          await store.close();
          await owner.end();
          await database.drop();
        },
      };
    },
  ],
  [
    'PGlite',
    async () => {
      const db = await PGlite.create();
      const store = await openPgliteEventStore({ pglite: db });
      return {
        store,
        // One session: take the owner's rights for the call, then give them back.
        owner: async (sql, params) => {
          await db.exec('RESET ROLE');
          try {
            if (params) return (await db.query<Record<string, unknown>>(sql, params)).rows;
            await db.exec(sql);
            return [];
          } finally {
            await db.exec(`SET ROLE ${DEFAULT_APP_ROLE}`);
          }
        },
        close: async () => {
          await store.close();
          await db.close();
        },
      };
    },
  ],
];

describe.each(adapters)('integrity report for auditors: %s', (_adapter, open) => {
  let h: Harness;
  let streamId: string;
  /** Positions of the tampered stream's events, by version. */
  let positions: number[];
  beforeEach(async () => {
    h = await open();
    streamId = newStreamId();
    const first = await h.store.append(streamId, 0, events(4));
    await h.store.append(newStreamId(), 0, events(3));
    await h.store.integrity.sealAll(3);
    positions = [...first.globalPositions];
  });
  afterEach(async () => {
    await h.close();
  });

  const byHand = (sql: string) =>
    h.owner(`SET session_replication_role = replica; ${sql}; SET session_replication_role = origin;`);
  const report = async (): Promise<AuditIntegrityReport> => {
    const kept = await h.store.integrity.report();
    // What is kept is JSON: the report must survive the round trip unchanged.
    expect(JSON.parse(JSON.stringify(kept))).toEqual(kept);
    return kept;
  };
  const kindsOf = (kept: AuditIntegrityReport) =>
    Object.entries(kept.problemCounts)
      .filter(([, n]) => n > 0)
      .map(([kind]) => kind);

  it('reports an untouched log with its range, counts, positions and seal coverage', async () => {
    const kept = await report();
    expect(kept).toMatchObject({
      format: 'spn.integrity-report/1',
      ok: true,
      eventsChecked: 7,
      streamsChecked: 2,
      sealsChecked: 3,
      unsealedEvents: 0,
      range: { wholeLog: true, firstPosition: positions[0], lastPosition: positions[0]! + 6 },
      sealCoverage: { seals: 3, firstSealNumber: 1, lastSealNumber: 3, sealedEvents: 7, unsealedEvents: 0 },
      problems: [],
    });
  });

  it('reports a range: only its events, and the seals that overlap it', async () => {
    const kept = await h.store.integrity.report({ fromPosition: positions[1]!, toPosition: positions[2]! });
    expect(kept).toMatchObject({
      ok: true,
      eventsChecked: 2,
      streamsChecked: 1,
      range: { wholeLog: false, firstPosition: positions[1], lastPosition: positions[2] },
    });
    expect(kept.sealCoverage.seals).toBeGreaterThanOrEqual(1);
    await h.store.append(streamId, 4, events(1, 5));
    const later = await h.store.integrity.report({ from: new Date(Date.now() - 60_000) });
    expect(later.sealCoverage).toMatchObject({ sealedEvents: 7, unsealedEvents: 1 });
  });

  it("names an edited row's data: kind and position", async () => {
    await byHand(`UPDATE events SET data = '{"referralNumber": 99}' WHERE global_position = ${positions[1]}`);
    const kept = await report();
    expect(kindsOf(kept)).toEqual(['edited']);
    expect(kept.problems).toContainEqual(
      expect.objectContaining({ kind: 'edited', check: 'stream-chain', globalPosition: positions[1] }),
    );
    // Seals cover hashes, and the hash was left as it was: the stream chain is what names the edit.
    // A range that holds the row names it too.
    const around = await h.store.integrity.report({ fromPosition: positions[1]!, toPosition: positions[1]! });
    expect(around.problems).toContainEqual(
      expect.objectContaining({ kind: 'edited', globalPosition: positions[1] }),
    );
  });

  it('names a deleted row: kind and the position of the event that lost its link', async () => {
    await byHand(`DELETE FROM events WHERE global_position = ${positions[1]}`);
    const kept = await report();
    expect(kindsOf(kept)).toEqual(['deleted']);
    expect(kept.problems).toContainEqual(
      expect.objectContaining({ kind: 'deleted', check: 'stream-chain', globalPosition: positions[2] }),
    );
    const seal = kept.problems.find((problem) => problem.check === 'seal');
    expect(seal).toMatchObject({ kind: 'deleted' });
    expect(seal!.positions!.from).toBeLessThanOrEqual(positions[1]!);
    expect(seal!.positions!.to).toBeGreaterThanOrEqual(positions[1]!);
  });

  it('names two rows swapped in the global log: kind and position', async () => {
    const [a, b] = [positions[1]!, positions[2]!];
    await byHand(
      `ALTER TABLE events ALTER COLUMN global_position SET GENERATED BY DEFAULT;
       UPDATE events SET global_position = -1 WHERE global_position = ${a};
       UPDATE events SET global_position = ${a} WHERE global_position = ${b};
       UPDATE events SET global_position = ${b} WHERE global_position = -1;
       ALTER TABLE events ALTER COLUMN global_position SET GENERATED ALWAYS`,
    );
    const kept = await report();
    expect(kindsOf(kept)).toEqual(['reordered']);
    expect(kept.problems).toContainEqual(
      expect.objectContaining({
        kind: 'reordered',
        check: 'global-order',
        streamVersion: 2,
        globalPosition: b,
      }),
    );
    expect(kept.problems).toContainEqual(expect.objectContaining({ kind: 'reordered', check: 'seal' }));
  });

  it('names a row forged by hand with a valid hash and inserted into a sealed range', async () => {
    const [head] = await h.store.readStream(streamId, { fromVersion: 4 });
    const { position } = await insertForgedEvent((sql, params) => h.owner(sql, [...params]), {
      streamId,
      version: 5,
      previousHash: head!.hash,
      event: events(1, 5)[0]!,
      transactionId: head!.transactionId,
    });
    const kept = await report();
    expect(kindsOf(kept)).toEqual(['inserted']);
    expect(kept.problems).toContainEqual(
      expect.objectContaining({
        kind: 'inserted',
        check: 'stream-head',
        streamVersion: 5,
        globalPosition: position,
      }),
    );
    expect(kept.problems).toContainEqual(expect.objectContaining({ kind: 'inserted', check: 'seal' }));
  });
});
