import { PGlite } from '@electric-sql/pglite';
import { startTelemetry } from '@spn/observability';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPgliteEventStore } from '../adapters/pglite';
import { event, events } from '../../test/builders';
import { insertForgedEvent, type RawSql } from '../../test/forgery';
import { startSealer } from './sealer';

const rawSql =
  (db: PGlite): RawSql =>
  async (sql, params) =>
    (await db.query<Record<string, unknown>>(sql, [...params])).rows;

describe('background sealer', () => {
  it('seals what is appended while it runs, and the log then verifies with nothing unsealed', async () => {
    const store = await openPgliteEventStore();
    const sealer = startSealer(store.integrity, { intervalMs: 20, maxEventsPerSeal: 10 });
    try {
      for (let i = 0; i < 5; i += 1) await store.append(`client-${randomUUID()}`, 0, events(7));
      const deadline = Date.now() + 30_000;
      let report = await store.integrity.verify();
      while (report.unsealedEvents > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        report = await store.integrity.verify();
      }
      expect(report).toMatchObject({ ok: true, eventsChecked: 35, unsealedEvents: 0 });
      expect(report.sealsChecked).toBeGreaterThanOrEqual(4);
    } finally {
      await sealer.stop();
      await store.close();
    }
  });

  it('reports a failed round and tries again at the next tick', async () => {
    const store = await openPgliteEventStore();
    let calls = 0;
    const failing = {
      sealAll: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('database unavailable')) : store.integrity.sealAll();
      },
    } as unknown as typeof store.integrity;
    const errors: unknown[] = [];
    const sealer = startSealer(failing, { intervalMs: 10, onError: (error) => errors.push(error) });
    try {
      while (calls < 3) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(errors).toHaveLength(1);
    } finally {
      await sealer.stop();
      await store.close();
    }
  });

  it('refuses a broken range: nothing sealed, one log line without data, counted', async () => {
    const telemetry = startTelemetry({ serviceName: 'sealer-test', traces: 'memory' });
    const db = await PGlite.create();
    const store = await openPgliteEventStore({ pglite: db });
    const lines: string[] = [];
    const errors: unknown[] = [];
    try {
      const streamId = `client-${randomUUID()}`;
      await store.append(streamId, 0, events(2));
      expect(await store.integrity.sealAll()).toBe(1);
      const [head] = await store.readStream(streamId, { fromVersion: 2 });
      // Forged by a raw SQL writer with the store's role: its hash is right, its stream's head not moved.
      await insertForgedEvent(rawSql(db), {
        streamId,
        version: 3,
        previousHash: head!.hash,
        event: event(3, { data: { referralNumber: 3, reason: 'forged fictional reason' } }),
      });
      const sealer = startSealer(store.integrity, {
        intervalMs: 10,
        log: (line) => lines.push(line),
        onError: (error) => errors.push(error),
      });
      while (errors.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
      await sealer.stop();

      expect(errors[0]).toMatchObject({ code: 'BROKEN_CHAIN', positions: { from: 3, to: 3 } });
      expect(lines[0]).toBe(
        'event-store sealer: Refused to seal positions 3-3: the chain is broken (inserted 2); run verify',
      );
      expect(lines.every((line) => !line.includes(streamId) && !line.includes('forged'))).toBe(true);
      const collected = await telemetry.collectMetrics();
      const refused = collected?.scopeMetrics
        .flatMap((scope) => scope.metrics)
        .find((metric) => metric.descriptor.name === 'spn.event_store.seals_refused');
      expect(refused?.dataPoints[0]?.value).toBe(lines.length);
      expect(await store.integrity.verify()).toMatchObject({ ok: false, sealsChecked: 1, unsealedEvents: 1 });
    } finally {
      await store.close();
      await db.close();
      await telemetry.shutdown();
    }
  });

  it("finds an event the store's own role forged after the last seal, head moved: it is not signed", async () => {
    const db = await PGlite.create();
    const store = await openPgliteEventStore({ pglite: db });
    const errors: unknown[] = [];
    try {
      const streamId = `client-${randomUUID()}`;
      await store.append(streamId, 0, events(2));
      expect(await store.integrity.sealAll()).toBe(1);
      const [head] = await store.readStream(streamId, { fromVersion: 2 });
      // Everything a writer with the database login can do: a valid hash, linked to the stream's last
      // event, and the stream's head moved to it. Only the signature is beyond it.
      const { hash } = await insertForgedEvent(rawSql(db), {
        streamId,
        version: 3,
        previousHash: head!.hash,
        event: event(3, { data: { referralNumber: 3, reason: 'forged fictional reason' } }),
      });
      await db.query(
        'UPDATE streams SET version = 3, last_hash = $2, updated_at = now() WHERE stream_id = $1',
        [streamId, hash],
      );
      const report = await store.integrity.verify();
      expect(report).toMatchObject({ ok: false, unsealedEvents: 1, problemCounts: { inserted: 1 } });
      expect(report.problems).toEqual([
        expect.objectContaining({ kind: 'inserted', check: 'signature', streamId, streamVersion: 3 }),
      ]);
      const range = await store.integrity.report();
      expect(range.problems).toEqual([
        expect.objectContaining({ kind: 'inserted', check: 'signature', streamId, streamVersion: 3 }),
      ]);
      const sealer = startSealer(store.integrity, { intervalMs: 10, onError: (error) => errors.push(error) });
      while (errors.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      await sealer.stop();
      expect(errors[0]).toMatchObject({ code: 'BROKEN_CHAIN', positions: { from: 3, to: 3 } });
      // A real append after it is signed, and the log still names only the forgery.
      await store.append(`client-${randomUUID()}`, 0, events(1));
      expect((await store.integrity.verify()).problemCounts).toMatchObject({ inserted: 1 });
    } finally {
      await store.close();
      await db.close();
    }
  });

  it('refuses an append without the signing key to a log whose appends are signed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-signed-appends-'));
    try {
      const signed = await openPgliteEventStore({ dataDir });
      await signed.append(`client-${randomUUID()}`, 0, events(1));
      await signed.close();
      const keyless = await openPgliteEventStore({ dataDir, sealKeys: {} });
      try {
        await expect(keyless.append(`client-${randomUUID()}`, 0, events(1))).rejects.toMatchObject({
          code: 'SEAL_KEY',
          details: { key: 'signingKey' },
        });
      } finally {
        await keyless.close();
      }
      const reopened = await openPgliteEventStore({ dataDir });
      try {
        expect(await reopened.integrity.verify()).toMatchObject({ ok: true, eventsChecked: 1 });
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
