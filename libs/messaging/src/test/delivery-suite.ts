import { createContractRegistry, topicOfContext } from '@spn/contracts';
import {
  openPostgresEventStore,
  PostgresSqlClient,
  type SqlClient,
  type SqlEventStore,
} from '@spn/event-store';
import { createTestDatabase, until } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { startConsumer } from '../lib/consumer';
import { migrateInbox } from '../lib/inbox/inbox-schema';
import type { MessageTransport, RunningConsumer } from '../lib/transport.port';
import { spawnPipelineProcess } from './child-process';
import { appendReferrals, POISON_CLIENT, PROJECTION_SCHEMA, projectionHandler, referral } from './projection';

/** One test's world: its own database (event store, projection, inbox) and consumer group. */
export interface Pipeline {
  readonly url: string;
  readonly groupId: string;
  readonly store: SqlEventStore;
  readonly database: SqlClient;
  readonly transport: MessageTransport;
  /** A consumer of the `clients` topic into the `applied` projection, in this process. */
  consume(options?: {
    maxAttempts?: number;
    onFailure?: (failure: { eventId: string }) => void;
  }): Promise<RunningConsumer>;
  /** Environment for a relay or consumer child process working on this pipeline. */
  childEnv(role: 'relay' | 'consumer'): Record<string, string>;
  /** The dead letters of this pipeline's consumer group: event id and error. */
  deadLetters(): Promise<{ eventId: string; error: string }[]>;
  /** Effects of these events in the projection: rows, and distinct event ids. */
  effects(ids: readonly string[]): Promise<{ rows: number; distinct: number }>;
  close(): Promise<void>;
}

export interface TransportFixture {
  readonly name: 'kafka' | 'embedded';
  /** Builds the transport for a pipeline; the Kafka fixture also starts a relay for it. */
  open(
    store: SqlEventStore,
    database: SqlClient,
    groupId: string,
    options: { relay: boolean },
  ): Promise<{
    transport: MessageTransport;
    childEnv: Record<string, string>;
    deadLetters(): Promise<{ eventId: string; error: string }[]>;
    close(): Promise<void>;
  }>;
}

export async function openPipeline(fixture: TransportFixture, options = { relay: true }): Promise<Pipeline> {
  const db = await createTestDatabase('spn_messaging');
  const store = await openPostgresEventStore({ connectionString: db.url });
  const database = new PostgresSqlClient(db.url, null);
  await migrateInbox(database);
  await database.exec(PROJECTION_SCHEMA);
  const groupId = `projection-${randomUUID().slice(0, 8)}`;
  const opened = await fixture.open(store, database, groupId, options);
  const consumers: RunningConsumer[] = [];
  return {
    url: db.url,
    groupId,
    store,
    database,
    transport: opened.transport,
    consume: async (options = {}) => {
      const consumer = await startConsumer(opened.transport, {
        groupId,
        topics: [topicOfContext('clients')],
        database,
        contracts: createContractRegistry(),
        handle: projectionHandler(),
        retryDelayMs: 10,
        maxAttempts: options.maxAttempts ?? 5,
        ...(options.onFailure ? { onFailure: options.onFailure } : {}),
      });
      consumers.push(consumer);
      return consumer;
    },
    childEnv: (role) => ({ ...opened.childEnv, ROLE: role, DATABASE_URL: db.url, GROUP_ID: groupId }),
    deadLetters: () => opened.deadLetters(),
    effects: async (ids) => {
      const [row] = await database.query<{ rows: string; distinct: string }>(
        `SELECT count(*)::text AS rows, count(DISTINCT event_id)::text AS distinct FROM applied
         WHERE event_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))`,
        [JSON.stringify(ids)],
      );
      return { rows: Number(row?.rows), distinct: Number(row?.distinct) };
    },
    close: async () => {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await opened.close();
      await opened.transport.close();
      await store.close();
      await database.close();
      await db.drop();
    },
  };
}

/** The delivery guarantees every transport keeps; the Kafka spec adds the broker's faults. */
export function deliverySuite(fixture: TransportFixture): void {
  describe(`delivery over the ${fixture.name} transport`, () => {
    let p: Pipeline;
    beforeEach(async () => {
      p = await openPipeline(fixture);
    });
    afterEach(async () => {
      await p.close();
    });

    it('applies each of 2,000 events exactly once', async () => {
      const ids = await appendReferrals(p.store, 2000);
      await p.consume();
      await until(async () => (await p.effects(ids)).distinct === 2000, 'all 2,000 effects');
      expect(await p.effects(ids)).toEqual({ rows: 2000, distinct: 2000 });
    });

    it('restarts a consumer killed mid-batch and applies every event exactly once', async () => {
      const ids = await appendReferrals(p.store, 1000);
      // The child kills itself inside the projection transaction of its 401st event of this test.
      const child = spawnPipelineProcess({
        ...p.childEnv('consumer'),
        CRASH_AFTER_BATCHES: '2',
        BATCH_SIZE: '200',
      });
      const how = await child.exited;
      if (how !== 'SIGKILL')
        throw new Error(`The consumer ended (${how}) instead of killing itself: ${child.output()}`);
      const atKill = await p.effects(ids);
      // Killed part-way: runs of up to 100 commit together, up to one open run per partition, so some
      // of the 400 handled before the kill are committed and some are not.
      expect(atKill.rows).toBeGreaterThan(0);
      expect(atKill.rows).toBeLessThan(1000);

      await p.consume();
      await until(
        async () => (await p.effects(ids)).distinct === 1000,
        'all 1,000 effects after the restart',
      );
      expect(await p.effects(ids)).toEqual({ rows: 1000, distinct: 1000 });
    });

    it('dead-letters a poison message after N tries and goes on with its partition', async () => {
      const streamId = `client-${randomUUID()}`;
      const before = [referral(), referral()];
      const poison = referral(POISON_CLIENT);
      const after = [referral(), referral(), referral()];
      await p.store.append(streamId, 0, [...before, poison, ...after]);
      // The topic may hold other runs' poison messages (a developer's broker): count this one only.
      let failures = 0;
      await p.consume({
        maxAttempts: 3,
        onFailure: (failure) => {
          if (failure.eventId === poison.eventId) failures += 1;
        },
      });

      const healthy = [...before, ...after].map((event) => event.eventId!);
      await until(async () => (await p.effects(healthy)).rows === 5, 'the messages around the poison');
      const ours = async () => (await p.deadLetters()).filter((l) => l.eventId === poison.eventId);
      await until(async () => (await ours()).length > 0, 'the dead letter');
      const [letter, ...more] = await ours();
      expect(more).toEqual([]);
      expect(letter?.eventId).toBe(poison.eventId);
      expect(letter?.error).toContain('3 attempts');
      expect(letter?.error).toContain('this referral cannot be projected');
      expect(failures).toBe(3);
      expect(await p.effects([poison.eventId!])).toEqual({ rows: 0, distinct: 0 });
      expect(await p.effects(healthy)).toEqual({ rows: 5, distinct: 5 });
    });
  });
}
