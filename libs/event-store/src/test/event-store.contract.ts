import { randomUUID } from 'node:crypto';
import { EventStoreError, WrongExpectedVersionError } from '../lib/errors';
import { LOG_START, type RecordedEvent } from '../lib/event-store.port';
import { EVENT_LOG_LOCK } from '../lib/sql/schema';
import { eventHash, rangeDigest, rangeSetDigest, sealHash } from '../lib/hashing';
import { SEAL_COLUMNS, type SealRow } from '../lib/integrity/seal-rows';
import { ephemeralSealKeys, SIGNATURE_PROBLEM, sealKeyId, signSeal } from '../lib/integrity/seal-signing';
import type { SqlQueryable } from '../lib/sql/sql-client';
import type { EventStoreOptions, SqlEventStore } from '../lib/sql/sql-event-store';
import { event, events, metadata, newStreamId } from './builders';
import { insertForgedEvent } from './forgery';

/** What a contract run needs from an adapter's test set-up. */
export interface ContractHarness {
  readonly store: SqlEventStore;
  /** SQL with the database owner's rights, for tests that tamper with rows by hand. */
  readonly owner: SqlQueryable;
  /** SQL as the application role the store works as. */
  readonly asAppRole: SqlQueryable;
  /** Opens a transaction on another connection and holds it open until `commit` (PostgreSQL only). */
  openConcurrentTransaction?(): Promise<SqlQueryable & { commit(): Promise<void> }>;
  close(): Promise<void>;
}

export interface ContractCapabilities {
  /** The adapter runs several transactions at once (PostgreSQL yes, PGlite no: one connection). */
  readonly concurrentTransactions: boolean;
}

const countEvents = async (h: ContractHarness): Promise<number> =>
  Number((await h.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM events'))[0]?.n);

/** The global position a subscription's durable checkpoint holds, as text (none yet: undefined). */
const storedCheckpoint = async (h: ContractHarness, subscriptionId: string): Promise<string | undefined> =>
  (
    await h.owner.query<{ position: string }>(
      'SELECT global_position::text AS position FROM subscription_checkpoints WHERE subscription_id = $1',
      [subscriptionId],
    )
  )[0]?.position;

async function expectError(
  promise: Promise<unknown>,
  code: string,
  field?: string,
): Promise<EventStoreError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EventStoreError);
  const typed = error as EventStoreError;
  expect(typed.code).toBe(code);
  if (field) expect(typed.details['field']).toBe(field);
  return typed;
}

export function eventStoreContract(
  adapter: string,
  open: (options?: EventStoreOptions) => Promise<ContractHarness>,
  capabilities: ContractCapabilities,
): void {
  describe(`event store contract: ${adapter}`, () => {
    let h: ContractHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h.close();
    });

    describe('append and read', () => {
      it('keeps the whole envelope of each event', async () => {
        const streamId = newStreamId();
        const occurredAt = new Date('2026-03-01T10:00:00.123Z');
        const sent = event(1, {
          occurredAt,
          schemaVersion: 1,
          metadata: metadata({ onBehalfOf: 'user-supervisor-1' }),
        });
        const before = new Date(Date.now() - 1000);
        const result = await h.store.append(streamId, 0, [sent]);

        const [stored] = await h.store.readStream(streamId);
        expect(result).toMatchObject({ nextExpectedVersion: 1, idempotentReplay: false });
        expect(stored).toMatchObject({
          streamId,
          category: 'client',
          streamVersion: 1,
          eventId: sent.eventId,
          type: 'clients.ClientReferred',
          schemaVersion: 1,
          organizationId: 'org-north-health',
          data: sent.data,
          metadata: sent.metadata,
          occurredAt,
          globalPosition: result.globalPositions[0],
        });
        expect(stored?.metadata).toEqual(sent.metadata);
        expect(stored?.recordedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
        expect(stored?.transactionId).toMatch(/^\d+$/);
        expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
      });

      it('generates a UUIDv7 event id and uses the clock when the caller gives neither', async () => {
        const clockTime = new Date('2026-01-02T03:04:05.006Z');
        const clocked = await open({ clock: () => clockTime });
        try {
          const streamId = newStreamId();
          await clocked.store.append(streamId, 0, [
            { type: 'clients.ClientReferred', data: {}, metadata: metadata() },
          ]);
          const [stored] = await clocked.store.readStream(streamId);
          expect(stored?.eventId).toMatch(
            /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
          );
          expect(stored?.occurredAt).toEqual(clockTime);
        } finally {
          await clocked.close();
        }
      });

      it('reads a stream forwards from a version', async () => {
        const streamId = newStreamId();
        await h.store.append(streamId, 0, events(5));
        const read = await h.store.readStream(streamId, { fromVersion: 3 });
        expect(read.map((e) => e.streamVersion)).toEqual([3, 4, 5]);
      });

      it('reads a stream as it stood at a moment', async () => {
        const streamId = newStreamId();
        await h.store.append(streamId, 0, events(2));
        const [, second] = await h.store.readStream(streamId);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await h.store.append(streamId, 2, events(2, 3));

        const then = await h.store.readStream(streamId, { asOf: second!.recordedAt });
        const before = await h.store.readStream(streamId, {
          asOf: new Date(second!.recordedAt.getTime() - 1),
        });
        expect(then.map((e) => e.streamVersion)).toEqual([1, 2]);
        expect(before).toEqual([]);
        expect(await h.store.readStream(streamId)).toHaveLength(4);
      });

      it('refuses an event for a stream of another organization, and writes nothing', async () => {
        const streamId = newStreamId();
        await h.store.append(streamId, 0, events(1));
        const count = await countEvents(h);
        const foreign = event(2, { metadata: metadata({ organizationId: 'org-other' }) });
        await expectError(h.store.append(streamId, 1, [foreign]), 'ORGANIZATION_MISMATCH');
        expect(await countEvents(h)).toBe(count);
      });
    });

    describe('optimistic concurrency', () => {
      it.each([
        ['a new stream', 0],
        ['an existing stream', 3],
      ])(
        'lets exactly 1 of 50 concurrent appends to %s at the same expected version succeed',
        async (_, existing) => {
          const streamId = newStreamId();
          if (existing > 0) await h.store.append(streamId, 0, events(existing));

          const results = await Promise.allSettled(
            Array.from({ length: 50 }, (_, i) => h.store.append(streamId, existing, [event(100 + i)])),
          );

          const succeeded = results.filter((r) => r.status === 'fulfilled');
          const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
          expect(succeeded).toHaveLength(1);
          expect(refused).toHaveLength(49);
          for (const error of refused) {
            expect(error).toBeInstanceOf(WrongExpectedVersionError);
            expect(error).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', expectedVersion: existing });
          }
          const versions = (await h.store.readStream(streamId)).map((e) => e.streamVersion);
          expect(versions).toEqual(Array.from({ length: existing + 1 }, (_, i) => i + 1));
        },
      );

      it('accepts `any` as the expected version', async () => {
        const streamId = newStreamId();
        await h.store.append(streamId, 'any', events(2));
        const result = await h.store.append(streamId, 'any', events(1, 3));
        expect(result.nextExpectedVersion).toBe(3);
      });
    });

    describe('idempotency by event id', () => {
      it('appends nothing when an append is retried with the same event ids', async () => {
        const streamId = newStreamId();
        const batch = events(3);
        const first = await h.store.append(streamId, 0, batch);
        const count = await countEvents(h);

        const retried = await h.store.append(streamId, 0, batch);

        expect(retried).toEqual({ ...first, idempotentReplay: true });
        expect(await countEvents(h)).toBe(count);
        expect(await h.store.readStream(streamId)).toHaveLength(3);
      });

      it('refuses an append that repeats only some stored event ids, and writes nothing', async () => {
        const streamId = newStreamId();
        const batch = events(2);
        await h.store.append(streamId, 0, batch);
        const count = await countEvents(h);
        await expectError(h.store.append(streamId, 2, [batch[1]!, event(3)]), 'IDEMPOTENCY_CONFLICT');
        expect(await countEvents(h)).toBe(count);
      });
    });

    describe('the global log', () => {
      it('reads every event once, in order, page by page from a checkpoint', async () => {
        const start = (await h.store.readLog(LOG_START, 1_000_000)).checkpoint;
        const streams = [newStreamId(), newStreamId()];
        for (let i = 0; i < 4; i++) await h.store.append(streams[i % 2]!, 'any', events(3, i * 3));

        // Reads page by page, as a consumer would, until it has read the 12 events, then nothing more.
        const seen: RecordedEvent[] = [];
        let checkpoint = start;
        await waitFor(async () => {
          const page = await h.store.readLog(checkpoint, 5);
          seen.push(...page.events);
          checkpoint = page.checkpoint;
          return seen.length >= 12;
        });
        expect((await h.store.readLog(checkpoint, 5)).events).toEqual([]);
        expect(seen).toHaveLength(12);
        expect(new Set(seen.map((e) => e.eventId)).size).toBe(12);
        const positions = seen.map((e) => e.globalPosition);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      });

      if (capabilities.concurrentTransactions) {
        it('never passes an event whose transaction commits late: appends queue behind it', async () => {
          const start = (await h.store.readLog(LOG_START, 1_000_000)).checkpoint;
          const slow = await h.openConcurrentTransaction!();
          // A writer outside the store: the trigger takes the event log lock for it, then it stays open.
          const slowStream = newStreamId();
          const stuck = event(1);
          await slow.query(
            `INSERT INTO events (stream_id, category, stream_version, event_id, event_type, schema_version,
               organization_id, data, metadata, occurred_at, recorded_at, previous_hash, hash)
             VALUES ($1, 'client', 1, $2, 'clients.ClientReferred', 1, 'org-north-health', '{}', $3, now(), now(), '', '')`,
            [slowStream, stuck.eventId, JSON.stringify(stuck.metadata)],
          );
          const fastStream = newStreamId();
          let appended = false;
          const fast = h.store.append(fastStream, 0, events(1)).then((result) => {
            appended = true;
            return result;
          });
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(appended).toBe(false);
          const whileOpen = await h.store.readLog(start, 100);
          expect(whileOpen.events.map((e) => e.streamId)).toEqual([]);

          await slow.commit();
          expect((await fast).globalPositions).toHaveLength(1);
          const afterCommit = await h.store.readLog(whileOpen.checkpoint, 100);
          expect(afterCommit.events.map((e) => e.streamId)).toEqual([slowStream, fastStream]);
          const [first, second] = afterCommit.events;
          expect(first!.globalPosition).toBeLessThan(second!.globalPosition);
          expect(BigInt(first!.transactionId)).toBeLessThan(BigInt(second!.transactionId));
        });

        it('is not held back by an open transaction that writes no events', async () => {
          const start = (await h.store.readLog(LOG_START, 1_000_000)).checkpoint;
          const other = await h.openConcurrentTransaction!();
          // It has a transaction id (the oldest running one), as a read model's writer would.
          await other.query('CREATE TABLE read_model_rows (id int); INSERT INTO read_model_rows VALUES (1)');
          const streamId = newStreamId();
          await h.store.append(streamId, 0, events(2));
          const page = await h.store.readLog(start, 100);
          expect(page.events.map((e) => [e.streamId, e.streamVersion])).toEqual([
            [streamId, 1],
            [streamId, 2],
          ]);
          await other.commit();
        });

        it('refuses a writer whose transaction took its id before the event log lock', async () => {
          const early = await h.openConcurrentTransaction!();
          await early.query('SELECT pg_current_xact_id()');
          await h.store.append(newStreamId(), 0, events(1));
          const refusal = await early
            .query(
              `INSERT INTO events (stream_id, category, stream_version, event_id, event_type, schema_version,
                 organization_id, data, metadata, occurred_at, recorded_at, previous_hash, hash)
               VALUES ($1, 'client', 1, $2, 'clients.ClientReferred', 1, 'org-north-health', '{}', '{}', now(), now(), '', '')`,
              [newStreamId(), randomUUID()],
            )
            .catch((error: unknown) => error);
          expect(refusal).toMatchObject({ code: '40001' });
          await early.commit().catch(() => undefined);
        });

        it('fails an append that waits longer than its bound for the event log, and writes nothing', async () => {
          const bounded = await open({ appendTimeoutMs: 300 });
          // An append stalled while it holds the lock, in the same database.
          const holder = await bounded.openConcurrentTransaction!();
          try {
            await holder.query(`SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
            const streamId = newStreamId();
            const startedAt = Date.now();
            const refusal = await bounded.store
              .append(streamId, 0, events(1))
              .catch((error: unknown) => error);
            expect(Date.now() - startedAt).toBeLessThan(3000);
            expect(refusal).toBeInstanceOf(EventStoreError);
            expect(refusal).toMatchObject({ code: 'APPEND_TIMEOUT', details: { streamId } });
            await holder.commit();
            expect(await bounded.store.readStream(streamId)).toEqual([]);
          } finally {
            await holder.commit().catch(() => undefined);
            await bounded.close();
          }
        });

        it('queues its own concurrent appends in the process, one connection at the event log lock', async () => {
          const holder = await h.openConcurrentTransaction!();
          const waitingAtTheLock = async () =>
            Number(
              (
                await h.owner.query<{ n: string }>(
                  `SELECT count(*)::text AS n FROM pg_locks
                   WHERE locktype = 'advisory' AND objid = ${EVENT_LOG_LOCK} AND NOT granted
                     AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
                )
              )[0]?.n,
            );
          try {
            await holder.query(`SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
            const streams = Array.from({ length: 6 }, () => newStreamId());
            const appends = streams.map((streamId) => h.store.append(streamId, 0, events(1)));
            await waitFor(async () => (await waitingAtTheLock()) >= 1);
            // Given time to pile up: six appends queued at the database would be six waiters.
            await new Promise((resolve) => setTimeout(resolve, 300));
            expect(await waitingAtTheLock()).toBe(1);
            await holder.commit();
            const results = await Promise.all(appends);
            expect(results.map((result) => result.nextExpectedVersion)).toEqual([1, 1, 1, 1, 1, 1]);
          } finally {
            await holder.commit().catch(() => undefined);
          }
        });

        it('bounds the wait in that queue as at the lock: APPEND_TIMEOUT, nothing written', async () => {
          const bounded = await open({ appendTimeoutMs: 300 });
          const holder = await bounded.openConcurrentTransaction!();
          try {
            await holder.query(`SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
            const streams = Array.from({ length: 12 }, () => newStreamId());
            const startedAt = Date.now();
            const refusals = await Promise.all(
              streams.map((streamId) =>
                bounded.store.append(streamId, 0, events(1)).catch((error: unknown) => error),
              ),
            );
            // The first at the lock, the others in the queue, all within the one bound: had each
            // waited its bound in turn, twelve would take 3.6 s.
            expect(Date.now() - startedAt).toBeLessThan(3000);
            refusals.forEach((refusal, index) => {
              expect(refusal).toBeInstanceOf(EventStoreError);
              expect(refusal).toMatchObject({
                code: 'APPEND_TIMEOUT',
                details: { streamId: streams[index] },
              });
            });
            await holder.commit();
            for (const streamId of streams) expect(await bounded.store.readStream(streamId)).toEqual([]);
            // The queue is free again.
            expect((await bounded.store.append(streams[0]!, 0, events(1))).nextExpectedVersion).toBe(1);
          } finally {
            await holder.commit().catch(() => undefined);
            await bounded.close();
          }
        });
      }

      it('checks each append against the log with an index probe, never a scan of the log', async () => {
        // The order check's plan is made at a connection's first append, here on a log of one page
        // and no statistics (PGlite never gathers any), and kept for the life of the connection.
        const fresh = await open();
        try {
          const appends = 200;
          for (let i = 0; i < appends; i++) await fresh.store.append(newStreamId(), 0, events(1));
          // PostgreSQL: the store's connections report their counters as they end.
          await fresh.store.close();
          const counters = async () => {
            await fresh.owner.query('SELECT pg_stat_force_next_flush()');
            const [row] = await fresh.owner.query<{ inserted: string; scanned: string }>(
              `SELECT n_tup_ins::text AS inserted, seq_tup_read::text AS scanned
               FROM pg_stat_user_tables WHERE relname = 'events'`,
            );
            return { inserted: Number(row?.inserted ?? 0), scanned: Number(row?.scanned ?? 0) };
          };
          await waitFor(async () => (await counters()).inserted >= appends);
          // A scan per append reads every event before it: 19,900 rows for 200 appends.
          expect((await counters()).scanned).toBeLessThan(appends);
        } finally {
          await fresh.close();
        }
      });
    });

    describe('subscriptions', () => {
      it('following a steady stream of appends, reads what gathered rather than each event', async () => {
        const streamId = newStreamId('careplan');
        const gatherMs = 40;
        const received: RecordedEvent[] = [];
        let calls = 0;
        const subscription = h.store.subscribe({
          subscriptionId: `gather-${randomUUID()}`,
          pollIntervalMs: 1000,
          gatherMs,
          handler: async (batch) => {
            calls += 1;
            received.push(...batch.filter((e) => e.streamId === streamId));
          },
        });
        await subscription.caughtUp;
        calls = 0;
        const startedAt = Date.now();
        for (let version = 0; version < 100; version += 1)
          await h.store.append(streamId, version, events(1, version + 1));
        await waitFor(() => received.length === 100);
        const elapsed = Date.now() - startedAt;
        await subscription.stop();
        expect(received.map((e) => e.streamVersion)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
        // Reads start at least gatherMs apart while it follows: one a read, and the first at once.
        expect(calls).toBeLessThanOrEqual(Math.ceil(elapsed / gatherMs) + 1);
        expect(calls).toBeLessThan(100);
      });

      it('catches up, follows live, and resumes from its durable checkpoint', async () => {
        const subscriptionId = `projection-${randomUUID()}`;
        const streamId = newStreamId('careplan');
        const mine = (batch: readonly RecordedEvent[]) => batch.filter((e) => e.streamId === streamId);
        await h.store.append(streamId, 0, events(3));

        const received: RecordedEvent[] = [];
        const first = h.store.subscribe({
          subscriptionId,
          pollIntervalMs: 50,
          handler: async (batch) => {
            received.push(...mine(batch));
          },
        });
        await first.caughtUp;
        expect(received.map((e) => e.streamVersion)).toEqual([1, 2, 3]);

        await h.store.append(streamId, 3, events(2, 4));
        await waitFor(() => received.length === 5);
        await first.stop();

        await h.store.append(streamId, 5, events(2, 6));
        const resumed: RecordedEvent[] = [];
        const second = h.store.subscribe({
          subscriptionId,
          pollIntervalMs: 50,
          handler: async (batch) => {
            resumed.push(...mine(batch));
          },
        });
        await second.caughtUp;
        await second.stop();
        expect(resumed.map((e) => e.streamVersion)).toEqual([6, 7]);
      });

      it('hands over only what it accepts, and writes no checkpoint for a page of the rest', async () => {
        const subscriptionId = `picky-${randomUUID()}`;
        const wanted = newStreamId('careplan');
        const other = newStreamId();
        const stored = () => storedCheckpoint(h, subscriptionId);
        const logEnd = async () => (await h.store.readLog(LOG_START, 1_000_000)).checkpoint.globalPosition;
        const received: RecordedEvent[] = [];
        const picky = h.store.subscribe({
          subscriptionId,
          // Woken by appends only (no poll finds the log quiet meanwhile, which stores the checkpoint).
          pollIntervalMs: 60_000,
          accepts: (event) => event.streamId === wanted,
          handler: async (batch) => {
            received.push(...batch);
          },
        });
        await picky.caughtUp;

        await h.store.append(other, 0, events(2));
        await h.store.append(wanted, 0, events(1));
        await waitFor(() => received.length === 1);
        expect(received.map((event) => event.streamId)).toEqual([wanted]);
        // Stored after the handler resolves: waited for, not raced.
        await waitFor(async () => (await stored()) === String(received[0]!.globalPosition));

        // Passed over: the subscriber moves on, its stored checkpoint does not.
        await h.store.append(other, 2, events(2, 3));
        const end = await logEnd();
        await waitFor(() => picky.checkpoint().globalPosition === end);
        expect(await stored()).toBe(String(received[0]!.globalPosition));
        await picky.stop();

        // So a restart reads them again (and nothing is lost if one was wanted after all).
        const again: RecordedEvent[] = [];
        const resumed = h.store.subscribe({
          subscriptionId,
          pollIntervalMs: 50,
          accepts: (event) => event.streamId === other,
          handler: async (batch) => {
            again.push(...batch);
          },
        });
        await resumed.caughtUp;
        await resumed.stop();
        expect(again.map((event) => event.streamVersion)).toEqual([3, 4]);
      });

      it('stores how far it passed over once the log is quiet', async () => {
        const subscriptionId = `quiet-${randomUUID()}`;
        const other = newStreamId();
        const stored = () => storedCheckpoint(h, subscriptionId);
        const passing = h.store.subscribe({
          subscriptionId,
          pollIntervalMs: 50,
          accepts: () => false,
          handler: () => Promise.resolve(),
        });
        await passing.caughtUp;
        await h.store.append(other, 0, events(2));
        const end = (await h.store.readLog(LOG_START, 1_000_000)).checkpoint.globalPosition;
        await waitFor(async () => (await stored()) === String(end));
        await passing.stop();
        expect(await stored()).toBe(String(end));
      });

      it('retries a failed batch and does not move its checkpoint past it', async () => {
        const streamId = newStreamId();
        await h.store.append(streamId, 0, events(1));
        let attempts = 0;
        const errors: number[] = [];
        const subscription = h.store.subscribe({
          subscriptionId: `flaky-${randomUUID()}`,
          retryDelayMs: 5,
          onError: (_, attempt) => errors.push(attempt),
          handler: async (batch) => {
            if (batch.some((e) => e.streamId === streamId) && ++attempts < 3) throw new Error('transient');
          },
        });
        await subscription.caughtUp;
        await subscription.stop();
        expect(attempts).toBe(3);
        expect(errors).toEqual([1, 2]);
      });
    });

    describe('append-only in the database', () => {
      it('the application role cannot UPDATE, DELETE or TRUNCATE events', async () => {
        const streamId = newStreamId();
        await h.store.append(streamId, 0, events(1));
        for (const sql of [
          `UPDATE events SET data = '{}' WHERE stream_id = '${streamId}'`,
          `DELETE FROM events WHERE stream_id = '${streamId}'`,
          'TRUNCATE events',
        ]) {
          await expect(h.asAppRole.query(sql)).rejects.toMatchObject({ code: '42501' });
        }
        expect(await h.store.readStream(streamId)).toHaveLength(1);
      });

      it('refuses UPDATE and DELETE even to the owner, by trigger', async () => {
        const streamId = newStreamId();
        await h.store.append(streamId, 0, events(1));
        await expect(
          h.owner.query(`DELETE FROM events WHERE stream_id = '${streamId}'`),
        ).rejects.toMatchObject({
          code: '42501',
        });
      });
    });

    describe('schema versions', () => {
      it('upcasts on read: a stream mixing old and new versions reads as new', async () => {
        const upcasting = await open({
          upcasters: {
            'clients.ClientReferred': {
              1: (data) => ({ ...data, needs: [data['need'] ?? 'unknown'] }),
              2: (data) => ({ ...data, urgency: 'routine' }),
            },
          },
        });
        try {
          const streamId = newStreamId();
          await upcasting.store.append(streamId, 0, [
            event(1, { schemaVersion: 1, data: { need: 'food' } }),
            event(2, { schemaVersion: 2, data: { needs: ['housing'] } }),
            event(3, { schemaVersion: 3, data: { needs: ['social'], urgency: 'urgent' } }),
          ]);
          const read = await upcasting.store.readStream(streamId);
          expect(read.map((e) => [e.schemaVersion, e.data])).toEqual([
            [3, { need: 'food', needs: ['food'], urgency: 'routine' }],
            [3, { needs: ['housing'], urgency: 'routine' }],
            [3, { needs: ['social'], urgency: 'urgent' }],
          ]);
          const log = await upcasting.store.readLog(LOG_START, 1_000_000);
          expect(log.events.filter((e) => e.streamId === streamId).every((e) => e.schemaVersion === 3)).toBe(
            true,
          );
        } finally {
          await upcasting.close();
        }
      });
    });

    describe('bad input gets a typed error and writes nothing', () => {
      const cases: [string, () => Promise<unknown>, string, string | undefined][] = [
        [
          'a malformed stream id',
          () => h.store.append('Not A Stream', 0, events(1)),
          'INVALID_STREAM_ID',
          undefined,
        ],
        [
          'a stream id with no id part',
          () => h.store.append('client-', 0, events(1)),
          'INVALID_STREAM_ID',
          undefined,
        ],
        [
          'an event over the size limit',
          () => h.store.append(newStreamId(), 0, [event(1, { data: { note: 'x'.repeat(300 * 1024) } })]),
          'EVENT_TOO_LARGE',
          'events[0]',
        ],
        [
          'a missing organization',
          () => h.store.append(newStreamId(), 0, [event(1, { metadata: metadata({ organizationId: '' }) })]),
          'INVALID_EVENT',
          'events[0].metadata.organizationId',
        ],
        [
          'a missing actor',
          () =>
            h.store.append(newStreamId(), 0, [
              event(1, { metadata: { ...metadata(), actor: undefined as never } }),
            ]),
          'INVALID_EVENT',
          'events[0].metadata.actor',
        ],
        [
          'an actor without a subject',
          () =>
            h.store.append(newStreamId(), 0, [
              event(1, { metadata: metadata({ actor: { subject: ' ', organizationId: 'o', roles: [] } }) }),
            ]),
          'INVALID_EVENT',
          'events[0].metadata.actor.subject',
        ],
        [
          'a malformed event type',
          () => h.store.append(newStreamId(), 0, [event(1, { type: 'referred' })]),
          'INVALID_EVENT',
          'events[0].type',
        ],
        [
          'an event id that is no UUID',
          () => h.store.append(newStreamId(), 0, [event(1, { eventId: '42' })]),
          'INVALID_EVENT',
          'events[0].eventId',
        ],
        ['no events', () => h.store.append(newStreamId(), 0, []), 'INVALID_EVENT', 'events'],
        [
          'a negative expected version',
          () => h.store.append(newStreamId(), -1, events(1)),
          'INVALID_EVENT',
          'expectedVersion',
        ],
        [
          'a NUL character in data',
          () => h.store.append(newStreamId(), 0, [event(1, { data: { note: 'a\u0000b' } })]),
          'INVALID_EVENT',
          'events[0].data',
        ],
        [
          'a malformed traceparent',
          () => h.store.append(newStreamId(), 0, [event(1, { metadata: metadata({ traceparent: 'x' }) })]),
          'INVALID_EVENT',
          'events[0].metadata.traceparent',
        ],
      ];
      it.each(cases)('%s', async (_, append, code, field) => {
        const count = await countEvents(h);
        const error = await expectError(append(), code, field);
        expect(error.message).not.toContain('fictional reason');
        expect(await countEvents(h)).toBe(count);
      });

      it('writes none of a batch when its last event is bad', async () => {
        const streamId = newStreamId();
        const count = await countEvents(h);
        await expectError(
          h.store.append(streamId, 0, [...events(3), event(4, { metadata: metadata({ purposeOfUse: '' }) })]),
          'INVALID_EVENT',
          'events[3].metadata.purposeOfUse',
        );
        expect(await countEvents(h)).toBe(count);
        expect(await h.store.readStream(streamId)).toEqual([]);
      });
    });

    describe('positions and versions order as numbers, not as text', () => {
      // On an empty store the numbers cross from one digit to two, where '10' < '9' as text.
      let fresh: ContractHarness;
      const streamId = newStreamId();
      beforeAll(async () => {
        fresh = await open();
        await fresh.store.append(streamId, 0, events(25));
      });
      afterAll(async () => {
        await fresh.close();
      });
      const oneTo25 = Array.from({ length: 25 }, (_, i) => i + 1);

      it('reads a stream of 25 events in version order', async () => {
        const read = await fresh.store.readStream(streamId);
        expect(read.map((e) => e.streamVersion)).toEqual(oneTo25);
      });

      it('reads the log of 25 events in pages of 4, each once, in position order', async () => {
        const seen: number[] = [];
        let checkpoint = LOG_START;
        await waitFor(async () => {
          const page = await fresh.store.readLog(checkpoint, 4);
          seen.push(...page.events.map((e) => e.globalPosition));
          checkpoint = page.checkpoint;
          return seen.length >= 25;
        });
        expect(seen).toEqual(oneTo25);
      });

      it('catches a subscription up to the last event, not the last in text order', async () => {
        let handled = 0;
        const subscription = fresh.store.subscribe({
          subscriptionId: `numbers-${randomUUID()}`,
          batchSize: 4,
          pollIntervalMs: 50,
          handler: async (batch) => {
            handled += batch.length;
          },
        });
        await subscription.caughtUp;
        await subscription.stop();
        expect(handled).toBe(25);
      });

      it('seals and verifies 13 seals of 2 events', async () => {
        expect(await fresh.store.integrity.sealAll(2)).toBe(13);
        const report = await fresh.store.integrity.verify();
        expect(report).toMatchObject({ ok: true, eventsChecked: 25, sealsChecked: 13, unsealedEvents: 0 });
      });
    });

    describe('tamper evidence', () => {
      let tampered: ContractHarness;
      let streamId: string;
      beforeEach(async () => {
        tampered = await open();
        streamId = newStreamId();
        await tampered.store.append(streamId, 0, events(4));
        await tampered.store.append(newStreamId(), 0, events(3));
        // A transaction running elsewhere on the server holds sealing back (see readLog): wait it out.
        let sealed = 0;
        await waitFor(async () => (sealed += await tampered.store.integrity.sealAll(3)) === 3, 30_000);
      });
      afterEach(async () => {
        await tampered.close();
      });
      // Changing rows needs a superuser who switches the append-only triggers off: a rogue administrator.
      const handSession = async (sql: string) => {
        await tampered.owner.exec(
          `SET session_replication_role = replica; ${sql}; SET session_replication_role = origin;`,
        );
      };
      const kinds = async () => {
        const report = await tampered.store.integrity.verify();
        return {
          report,
          found: Object.entries(report.problemCounts)
            .filter(([, n]) => n > 0)
            .map(([k]) => k),
        };
      };

      it('passes an untouched log', async () => {
        const { report } = await kinds();
        expect(report).toMatchObject({ ok: true, eventsChecked: 7, streamsChecked: 2, unsealedEvents: 0 });
        expect(report.sealsChecked).toBe(3);
        expect(report.problems).toEqual([]);
      });

      it('names an edited row', async () => {
        await handSession(
          `UPDATE events SET data = '{"referralNumber": 99}' WHERE stream_id = '${streamId}' AND stream_version = 2`,
        );
        const { report, found } = await kinds();
        expect(found).toEqual(['edited']);
        expect(report.problems).toContainEqual(
          expect.objectContaining({ kind: 'edited', streamId, streamVersion: 2 }),
        );
      });

      it('names a deleted row', async () => {
        await handSession(`DELETE FROM events WHERE stream_id = '${streamId}' AND stream_version = 2`);
        const { report, found } = await kinds();
        expect(found).toEqual(['deleted']);
        expect(report.problems).toContainEqual(
          expect.objectContaining({ kind: 'deleted', streamId, streamVersion: 3 }),
        );
        expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'deleted', check: 'seal' }));
      });

      it('names reordered rows', async () => {
        await handSession(
          `UPDATE events SET stream_version = -2 WHERE stream_id = '${streamId}' AND stream_version = 2;
           UPDATE events SET stream_version = 2 WHERE stream_id = '${streamId}' AND stream_version = 3;
           UPDATE events SET stream_version = 3 WHERE stream_id = '${streamId}' AND stream_version = -2`,
        );
        const { report, found } = await kinds();
        expect(found).toEqual(['reordered']);
        expect(report.problems).toContainEqual(
          expect.objectContaining({ kind: 'reordered', streamId, streamVersion: 2 }),
        );
      });

      it('names rows reordered in the global log', async () => {
        const [a, b] = await tampered.owner.query<{ p: string }>(
          `SELECT global_position::text AS p FROM events WHERE stream_id = '${streamId}' ORDER BY stream_version LIMIT 2`,
        );
        await handSession(
          `ALTER TABLE events ALTER COLUMN global_position SET GENERATED BY DEFAULT;
           UPDATE events SET global_position = -1 WHERE global_position = ${a!.p};
           UPDATE events SET global_position = ${a!.p} WHERE global_position = ${b!.p};
           UPDATE events SET global_position = ${b!.p} WHERE global_position = -1;
           ALTER TABLE events ALTER COLUMN global_position SET GENERATED ALWAYS`,
        );
        const { report, found } = await kinds();
        expect(found).toEqual(['reordered']);
        expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'reordered', check: 'seal' }));
      });

      it('names an inserted row, even one forged with a valid hash', async () => {
        const [head] = await tampered.store.readStream(streamId, { fromVersion: 4 });
        // A raw SQL writer with the store's own role: it may INSERT, so the row goes in.
        const { hash } = await insertForgedEvent((sql, params) => tampered.asAppRole.query(sql, params), {
          streamId,
          version: 5,
          previousHash: head!.hash,
          event: event(5),
        });
        const { report, found } = await kinds();
        expect(found).toEqual(['inserted']);
        expect(report).toMatchObject({ ok: false, sealsChecked: 3, unsealedEvents: 1 });
        expect(report.problems).toEqual([
          expect.objectContaining({ kind: 'inserted', check: 'stream-head', streamId, streamVersion: 5 }),
          expect.objectContaining({ kind: 'inserted', check: 'signature', streamId, streamVersion: 5 }),
        ]);
        expect(await refusedSeal(tampered.store)).toMatchObject({
          name: 'BrokenChainError',
          code: 'BROKEN_CHAIN',
          problemCounts: { edited: 0, deleted: 0, reordered: 0, inserted: 2 },
        });
        // The role may move the stream's head too: the chain is then whole, and only the missing
        // signature (the key is held by the store's processes, never by the database) tells.
        await tampered.asAppRole.query(
          'UPDATE streams SET version = 5, last_hash = $2 WHERE stream_id = $1',
          [streamId, hash],
        );
        const after = await tampered.store.integrity.verify();
        expect(after).toMatchObject({ ok: false, sealsChecked: 3, unsealedEvents: 1 });
        expect(after.problems).toEqual([
          expect.objectContaining({ kind: 'inserted', check: 'signature', streamId, streamVersion: 5 }),
        ]);
        expect(await refusedSeal(tampered.store)).toMatchObject({
          code: 'BROKEN_CHAIN',
          problemCounts: { inserted: 1 },
        });
      });

      it('finds a seal rewritten to match an edited event, without the signing key', async () => {
        // The last event of the log: its stream's head, alone at the end of the last seal.
        const [last] = await tampered.owner.query<{ stream_id: string; p: string }>(
          `SELECT stream_id, global_position::text AS p FROM events
           ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
        );
        const recorded = (await tampered.store.readStream(last!.stream_id)).at(-1)!;
        const [previous] = await tampered.owner.query<{ previous_hash: string }>(
          `SELECT previous_hash FROM events WHERE global_position = $1::bigint`,
          [last!.p],
        );
        const data = { referralNumber: 99 };
        const hash = eventHash({
          previousHash: previous!.previous_hash,
          eventId: recorded.eventId,
          streamId: recorded.streamId,
          type: recorded.type,
          schemaVersion: recorded.schemaVersion,
          organizationId: recorded.organizationId,
          data,
          metadata: recorded.metadata,
          occurredAt: recorded.occurredAt,
          recordedAt: recorded.recordedAt,
        });
        const [seal] = await tampered.owner.query<SealRow>(
          `SELECT ${SEAL_COLUMNS} FROM seals ORDER BY seal_number DESC LIMIT 1`,
        );
        const covered = await tampered.owner.query<{ event_id: string; hash: string; p: string }>(
          `SELECT event_id::text AS event_id, hash, global_position::text AS p FROM events
           WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
             AND (transaction_id, global_position) <= ($3::xid8, $4::bigint)
           ORDER BY transaction_id, global_position`,
          [
            seal!.from_transaction_id,
            seal!.from_global_position,
            seal!.to_transaction_id,
            seal!.to_global_position,
          ],
        );
        const items = covered.map((row) => ({
          eventId: row.event_id,
          hash: row.p === last!.p ? hash : row.hash,
        }));
        const rewritten = {
          sealNumber: Number(seal!.seal_number),
          previousSealHash: seal!.previous_seal_hash,
          eventCount: seal!.event_count,
          eventsDigest: rangeDigest(items),
          toTransactionId: seal!.to_transaction_id,
          toGlobalPosition: Number(seal!.to_global_position),
        };
        // Event, stream head and seal made consistent by hand: only the signature is left as it was.
        await handSession(
          `UPDATE events SET data = '${JSON.stringify(data)}', hash = '${hash}' WHERE global_position = ${last!.p};
           UPDATE streams SET last_hash = '${hash}' WHERE stream_id = '${last!.stream_id}';
           UPDATE seals SET events_digest = '${rewritten.eventsDigest}', events_set_digest = '${rangeSetDigest(items)}',
             seal_hash = '${sealHash(rewritten)}' WHERE seal_number = ${rewritten.sealNumber}`,
        );
        const unsigned = await kinds();
        expect(unsigned.found).toEqual(['edited']);
        expect(unsigned.report.problems).toEqual([
          expect.objectContaining({
            kind: 'edited',
            check: 'seal',
            sealNumber: 3,
            detail: SIGNATURE_PROBLEM,
          }),
        ]);
        // Signed again with a key of the forger's own: still not the pinned key.
        const forger = ephemeralSealKeys();
        await handSession(
          `UPDATE seals SET signing_key_id = '${sealKeyId(forger.publicKey)}',
             signature = '${signSeal(forger.signingKey, sealHash(rewritten))}' WHERE seal_number = 3`,
        );
        const resigned = await kinds();
        expect(resigned.report.problems).toEqual([
          expect.objectContaining({
            kind: 'edited',
            check: 'seal',
            sealNumber: 3,
            detail: SIGNATURE_PROBLEM,
          }),
        ]);
        // The range report also checks each event's own signature: the edited event's no longer matches.
        const audit = await tampered.store.integrity.report();
        expect(audit.problems).toEqual([
          expect.objectContaining({ kind: 'edited', check: 'signature', streamId: last!.stream_id }),
          expect.objectContaining({
            kind: 'edited',
            check: 'seal',
            sealNumber: 3,
            detail: SIGNATURE_PROBLEM,
          }),
        ]);
        expect(audit.sealCoverage.publicKeyId).toBe(tampered.store.integrity.sealPublicKeyId);
        // Nor does the sealer link a new seal to the rewritten one.
        await tampered.store.append(newStreamId(), 0, events(1));
        expect(await refusedSeal(tampered.store)).toMatchObject({
          code: 'BROKEN_CHAIN',
          problemCounts: { edited: 0, deleted: 0, reordered: 0, inserted: 0, unsignedPreviousSeal: 1 },
        });
      });
    });
  });
}

/** Seals until the sealer refuses (a running transaction elsewhere may hide the range for a while). */
async function refusedSeal(store: SqlEventStore): Promise<unknown> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await store.integrity.sealAll(3)) > 0) return new Error('sealed');
    } catch (error) {
      return error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return new Error('neither sealed nor refused in time');
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
