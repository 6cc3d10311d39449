import { ALL_CONTEXT_TOPICS, createContractRegistry, deadLetterTopic, topicOfContext } from '@spn/contracts';
import { LOG_START, openPostgresEventStore, PostgresSqlClient, type SqlEventStore } from '@spn/event-store';
import { createTestDatabase, testKafkaBrokers, until } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { startConsumer, type InboxRunningConsumer } from '../consumer';
import { toIntegrationMessage } from '../integration-message';
import { KafkaTransport } from '../kafka/kafka-transport';
import { startRelay } from '../relay/relay';
import { POISON_CLIENT, PROJECTION_SCHEMA, projectionHandler, referral } from '../../test/projection';
import { wireCount } from '../../test/kafka-wire';
import { listDeadLetters } from './dead-letters';
import { InboxConsumer, type ProjectionHandler } from './inbox-consumer';
import { migrateInbox } from './inbox-schema';
import { isTransientError } from './transient';

describe('which errors can pass', () => {
  it.each([
    [{ code: '40001' }, true],
    [{ code: '40P01' }, true],
    [{ code: '55P03' }, true],
    [{ code: '57P01' }, true],
    [{ code: '57P03' }, true],
    [{ code: '08006' }, true],
    [{ code: 'ECONNRESET' }, true],
    [{ code: 'ECONNREFUSED' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('wrapped', { cause: { code: '40001' } }), true],
    [{ code: '23505' }, false],
    [{ code: '42P01' }, false],
    [{ code: '22P02' }, false],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), false],
    [new Error('this referral cannot be projected'), false],
  ])('%j: %s', (error, transient) => {
    expect(isTransientError(error)).toBe(transient);
  });
});

describe('inbox under faults (PostgreSQL, Kafka)', () => {
  const brokers = testKafkaBrokers();
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: SqlEventStore;
  let database: PostgresSqlClient;
  let transport: KafkaTransport;
  let groupId: string;
  let stopRelay: () => Promise<void>;
  const consumers: InboxRunningConsumer[] = [];
  // The topic is shared with every other test on the broker (and earlier runs on a kept one): only the
  // messages this test appended are its own; the others pass untouched, neither failing nor counted.
  const ours = new Set<string>();
  const own = (ids: readonly string[]) => {
    for (const id of ids) ours.add(id);
    return ids;
  };
  /** Appends `count` referrals, ten a stream, each known as the test's own before it can be consumed. */
  const appendOwn = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let appended = 0; appended < count; appended += 10) {
      const events = Array.from({ length: Math.min(10, count - appended) }, () => referral());
      ids.push(...own(events.map((event) => event.eventId!)));
      await store.append(`client-${randomUUID()}`, 0, events);
    }
    return ids;
  };

  beforeEach(async () => {
    db = await createTestDatabase('spn_inbox_faults');
    store = await openPostgresEventStore({ connectionString: db.url });
    database = new PostgresSqlClient(db.url, null);
    await migrateInbox(database);
    await database.exec(PROJECTION_SCHEMA);
    ours.clear();
    groupId = `inbox-faults-${randomUUID().slice(0, 8)}`;
    transport = new KafkaTransport({
      brokers,
      clientId: groupId,
      topics: [...ALL_CONTEXT_TOPICS, deadLetterTopic(groupId)],
    });
    await transport.start();
    const relay = startRelay(store, transport, { pollIntervalMs: 50 });
    stopRelay = () => relay.stop();
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
    await stopRelay();
    await transport.close();
    await store.close();
    await database.close();
    await db.drop();
  });

  const consume = async (handle: ProjectionHandler, onFailure?: (transient: boolean) => void) => {
    const consumer = await startConsumer(transport, {
      groupId,
      topics: [topicOfContext('clients')],
      database,
      contracts: createContractRegistry(),
      handle: (message, tx) => (ours.has(message.eventId) ? handle(message, tx) : Promise.resolve()),
      retryDelayMs: 50,
      maxRetryDelayMs: 500,
      maxAttempts: 3,
      ...(onFailure && {
        onFailure: (failure: { transient: boolean }) => {
          onFailure(failure.transient);
        },
      }),
    });
    consumers.push(consumer);
    return consumer;
  };
  const effects = async (ids: readonly string[]) => {
    const [row] = await database.query<{ rows: string; distinct: string }>(
      `SELECT count(*)::text AS rows, count(DISTINCT event_id)::text AS distinct FROM applied
       WHERE event_id = ANY($1::uuid[])`,
      [ids],
    );
    return { rows: Number(row?.rows), distinct: Number(row?.distinct) };
  };

  it('loses none of 100 messages and dead-letters none while a read-model table refuses writes for 10 s', async () => {
    // Warm up: the consumer has joined its group and applies.
    let transientFailures = 0;
    let otherFailures = 0;
    const consumer = await consume(projectionHandler(), (transient) => {
      if (transient) transientFailures += 1;
      else otherFailures += 1;
    });
    const warm = await appendOwn(10);
    await until(async () => (await effects(warm)).distinct === 10, 'the warm-up applied', 60_000);

    // The projection's table refuses writes for 10 s with errors that can pass, in turn a lock not
    // granted (55P03), a serialization failure (40001) and a deadlock (40P01). (A trigger, not a lock
    // held by an open transaction: the log's reader waits for open transactions, so that lock would hold
    // the relay back rather than the consumer.)
    await database.exec(`
      CREATE TABLE refuse_writes (until timestamptz NOT NULL);
      CREATE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM refuse_writes WHERE until > clock_timestamp()) THEN
          RAISE EXCEPTION 'read model refusing writes'
            USING ERRCODE = (ARRAY['55P03', '40001', '40P01'])[1 + (extract(epoch FROM clock_timestamp())::int % 3)];
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_writes BEFORE INSERT ON applied FOR EACH ROW EXECUTE FUNCTION refuse_writes();`);
    await database.query(`INSERT INTO refuse_writes VALUES (clock_timestamp() + interval '10 seconds')`);
    const refusingFrom = Date.now();
    const ids = await appendOwn(100);
    let heldSeen = 0;
    while (Date.now() - refusingFrom < 9_500) {
      heldSeen = Math.max(heldSeen, consumer.status().held);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await effects(ids)).rows).toBe(0);

    await until(async () => (await effects(ids)).distinct === 100, 'all 100 applied after the lock', 60_000);
    expect(await effects(ids)).toEqual({ rows: 100, distinct: 100 });
    // The refusals did bite: tried again, held, said so; nothing dead-lettered.
    expect(transientFailures).toBeGreaterThan(10);
    expect(otherFailures).toBe(0);
    expect(heldSeen).toBeGreaterThan(0);
    expect(await listDeadLetters(database, { groupId })).toEqual([]);
    expect(await wireCount(brokers, deadLetterTopic(groupId))).toBe(0);
    await until(() => Promise.resolve(consumer.status().held === 0), 'nothing held any more');
  });

  it('dead-letters a poison message, lists it, and replays it once its cause is fixed', async () => {
    let fixed = false;
    const record = projectionHandler();
    const handle: ProjectionHandler = async (message, tx) => {
      // The projection's bug: it cannot take this referral until it is fixed.
      const patched = fixed ? { ...message, data: { ...message.data, clientId: 'client-fixed' } } : message;
      await record(patched, tx);
    };
    await consume(handle);
    const stream = `client-${randomUUID()}`;
    const events = [referral(), referral(), referral(POISON_CLIENT), referral(), referral()];
    own(events.map((event) => event.eventId!));
    await store.append(stream, 0, events);
    const ids = events.map((event) => event.eventId!);
    const poison = ids[2]!;
    const healthy = ids.filter((id) => id !== poison);
    await until(async () => (await effects(healthy)).distinct === 4, 'the four healthy ones applied', 60_000);
    await until(async () => (await listDeadLetters(database, { groupId })).length === 1, 'the dead letter');

    const [letter] = await listDeadLetters(database, { groupId });
    expect(letter).toMatchObject({
      groupId,
      eventId: poison,
      type: 'clients.ClientReferred',
      streamId: stream,
      attempts: 3,
      replayedAt: null,
    });
    expect(letter?.error).toContain('this referral cannot be projected');
    expect(letter?.position).toBeGreaterThan(0);
    expect(await effects([poison])).toEqual({ rows: 0, distinct: 0 });

    // Replayed before the fix: fails again, stays a dead letter with one more attempt.
    const replayer = new InboxConsumer({
      groupId,
      database,
      handle,
      deadLetters: transport.deadLetters(groupId),
    });
    expect(await replayer.replay()).toEqual([
      expect.objectContaining({ eventId: poison, outcome: 'failed' }) as unknown,
    ]);
    expect((await listDeadLetters(database, { groupId }))[0]?.attempts).toBe(4);

    fixed = true;
    expect(await replayer.replay([poison])).toEqual([{ groupId, eventId: poison, outcome: 'replayed' }]);
    expect(await effects([poison])).toEqual({ rows: 1, distinct: 1 });
    expect(await listDeadLetters(database, { groupId })).toEqual([]);
    const [kept] = await listDeadLetters(database, { groupId, includeReplayed: true });
    expect(kept?.replayedAt).not.toBeNull();
    // Replayed once only; a redelivery of it is a duplicate.
    expect(await replayer.replay()).toEqual([]);
    expect(await replayer.process(await messageOf(poison))).toBe('duplicate');
    expect(await effects([poison])).toEqual({ rows: 1, distinct: 1 });
  });

  async function messageOf(eventId: string) {
    const { events } = await store.readLog(LOG_START, 100);
    const event = events.find((candidate) => candidate.eventId === eventId);
    if (!event) throw new Error(`event ${eventId} not in the log`);
    return toIntegrationMessage(event);
  }
});
