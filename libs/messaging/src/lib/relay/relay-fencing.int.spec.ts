import { topicOfContext } from '@spn/contracts';
import { openPostgresEventStore, type NewEvent, type SqlEventStore } from '@spn/event-store';
import { createTestDatabase, testKafkaBrokers, until, type TsProcess } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { spawnPipelineProcess } from '../../test/child-process';
import { topicRecords, type TopicRecord } from '../../test/kafka-wire';
import { observeTransactional } from '../../test/observe-transactional';
import { KafkaTransport } from '../kafka/kafka-transport';
import { PublisherFencedError } from '../transport.port';
import { startRelay } from './relay';

/** A context of this test's own, so its topic holds exactly what this test published. */
const context = () => `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;

const metadata = () => ({
  organizationId: 'org-north-health',
  actor: { subject: 'link-worker-1', organizationId: 'org-north-health', roles: ['linkworker'] },
  purposeOfUse: 'care',
  correlationId: randomUUID(),
});

function event(type: string): NewEvent {
  return { eventId: randomUUID(), type, data: { service: 'walking-group' }, metadata: metadata() };
}

/** Events on 12 streams of their own, so that every partition of the topic gets some. */
async function appendSpread(store: SqlEventStore, events: NewEvent[]): Promise<void> {
  for (const [index, one] of events.entries()) {
    await store.append(`client-${index}-${randomUUID()}`, 0, [one]);
  }
}

/** Records of an older term after a newer term's first record, partition by partition. */
function lateRecords(records: readonly TopicRecord[]): TopicRecord[] {
  const newest = new Map<number, number>();
  const late: TopicRecord[] = [];
  for (const record of records) {
    const term = Number(record.headers['relay-term']);
    if (term < (newest.get(record.partition) ?? 0)) late.push(record);
    newest.set(record.partition, Math.max(term, newest.get(record.partition) ?? 0));
  }
  return late;
}

const LEASE_MS = 1500;

describe('relay: a leader paused inside a publish is fenced at the broker', () => {
  const brokers = testKafkaBrokers();
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: SqlEventStore;
  let transport: KafkaTransport;
  beforeEach(async () => {
    db = await createTestDatabase('spn_relay_fencing');
    store = await openPostgresEventStore({ connectionString: db.url });
    transport = new KafkaTransport({ brokers, clientId: 'relay-fencing-test', partitions: 3 });
  });
  afterEach(async () => {
    await transport.close();
    await store.close();
    await db.drop();
  });

  it.each(['publish', 'commit'] as const)(
    'writes nothing once the next term began, when it paused inside %s',
    async (hang) => {
      const ctx = context();
      const topic = topicOfContext(ctx);
      await transport.ensureTopics([topic]);
      // The first leader, in a process of its own: SIGSTOP pauses it as a stalled VM or a long GC would.
      const first: TsProcess = spawnPipelineProcess({
        ROLE: 'relay',
        TRANSPORT: 'kafka',
        DATABASE_URL: db.url,
        KAFKA_BROKERS: brokers.join(','),
        HOLDER: 'relay-first',
        RELAY_LEASE_MS: String(LEASE_MS),
        HANG: hang,
      });
      const said = (text: string) => first.stdoutLines().some((line) => line.includes(text));
      // Consumers read up to the first open transaction: none while the paused one holds one open.
      const committedCount = async () =>
        (await topicRecords(brokers, topic, { timeoutMs: 3000 }).catch(() => [])).length;
      let second: ReturnType<typeof startRelay> | undefined;
      let stopped = false;
      try {
        await first.ready;
        await until(() => Promise.resolve(said('"leadership":{"holder":"relay-first","epoch":1')), 'term 1');
        const before = Array.from({ length: 12 }, () => event(`${ctx}.ReferralMade`));
        await appendSpread(store, before);
        await until(async () => (await committedCount()) >= before.length, 'the first term publishes');

        // The next page carries the marked event: the first leader stops inside that call, then is paused.
        const page = [
          event(`${ctx}.PauseHere`),
          ...Array.from({ length: 11 }, () => event(`${ctx}.ReferralMade`)),
        ];
        await appendSpread(store, page);
        await until(() => Promise.resolve(said('"hang"')), `the first relay hangs inside ${hang}`);
        process.kill(first.pid!, 'SIGSTOP');
        stopped = true;

        // Its lease runs out; the second relay takes it (term 2) and publishes the page and more.
        second = startRelay(store, transport, {
          holder: 'relay-second',
          leaseMs: LEASE_MS,
          pollIntervalMs: 50,
          transactions: true,
        });
        const after = Array.from({ length: 12 }, () => event(`${ctx}.ReferralMade`));
        await appendSpread(store, after);
        const all = [...before, ...page, ...after].map((one) => one.eventId!);
        await until(
          async () => (await committedCount()) >= all.length,
          'the second term publishes the page and what follows',
          30_000,
        );

        // The first wakes and goes on with the call it was inside.
        process.kill(first.pid!, 'SIGCONT');
        stopped = false;
        process.kill(first.pid!, 'SIGUSR2');
        await until(
          () => Promise.resolve(said('relay fenced by the broker')),
          `the first relay notices it was fenced: ${first.output()}`,
          30_000,
        );
        await until(() => Promise.resolve(said('relay follows')), 'the first relay follows', 10_000);
        const fencedLine = first
          .stdoutLines()
          .filter((line) => line.includes('relay fenced by the broker'))
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(fencedLine).toEqual([expect.objectContaining({ level: 'warn', term: 1 })]);

        const committed = await topicRecords(brokers, topic);
        const written = await topicRecords(brokers, topic, { readUncommitted: true });
        const ids = committed.map((record) => record.headers['event-id']);
        console.info(
          `paused inside ${hang}: ${committed.length} records committed, ${written.length} written (terms ${written
            .map((record) => record.headers['relay-term'])
            .join('')})`,
        );
        // Every event exactly once, as consumers read the topic.
        expect([...ids].sort()).toEqual([...all].sort());
        // Nothing of term 1 after term 2's first record in any partition: not as consumers read it,
        // nor among every record written (aborted ones included).
        expect(lateRecords(committed)).toEqual([]);
        expect(lateRecords(written)).toEqual([]);
        expect(new Set(committed.map((record) => record.headers['relay-term']))).toEqual(new Set(['1', '2']));
      } finally {
        if (stopped) process.kill(first.pid!, 'SIGCONT');
        await first.kill('SIGKILL');
        await second?.stop();
      }
    },
  );

  it('fences the older leader as its term starts, before it has anything to publish', async () => {
    const ctx = context();
    const topic = topicOfContext(ctx);
    await transport.ensureTopics([topic]);
    // An older leader paused between its writes and its commit, its transaction left open.
    const older = transport.fencedPublisher('spn-relay-relay');
    const transaction = await older.begin();
    const now = new Date().toISOString();
    await transaction.publish([
      {
        topic,
        term: 1,
        message: {
          eventId: randomUUID(),
          type: `${ctx}.ReferralMade`,
          schemaVersion: 1,
          streamId: `client-${randomUUID()}`,
          streamVersion: 1,
          globalPosition: 1,
          organizationId: 'org-north-health',
          occurredAt: now,
          recordedAt: now,
          data: { service: 'walking-group' },
          metadata: metadata(),
        },
      },
    ]);
    // The new leader's store is empty: only taking the name over at the term's start can fence.
    let opened: () => void = () => undefined;
    const openedAtTermStart = new Promise<void>((resolve) => (opened = resolve));
    const watched = observeTransactional(transport, {
      afterOpen: () => {
        opened();
      },
    });
    const relay = startRelay(store, watched, { holder: 'relay-new', leaseMs: LEASE_MS, transactions: true });
    try {
      await openedAtTermStart;
      await expect(transaction.commit()).rejects.toBeInstanceOf(PublisherFencedError);
      // Its record was written, then aborted by the broker: consumers never see it.
      expect(await topicRecords(brokers, topic, { readUncommitted: true })).toHaveLength(1);
      expect(await topicRecords(brokers, topic)).toEqual([]);
    } finally {
      await relay.stop();
      await older.close();
    }
  });
});
