import { ALL_CONTEXT_TOPICS, deadLetterTopic, topicOfContext } from '@spn/contracts';
import { startNativeKafka, testKafkaBrokers, until, type TestKafka, type TsProcess } from '@spn/testing';
import { Kafka, logLevel } from 'kafkajs';
import { spawnPipelineProcess } from '../../test/child-process';
import { wireCount } from '../../test/kafka-wire';
import { deliverySuite, openPipeline, type TransportFixture } from '../../test/delivery-suite';
import { appendReferrals } from '../../test/projection';
import { startRelay } from '../relay/relay';
import { header } from './kafka-codec';
import { KafkaTransport } from './kafka-transport';

/** What a relay process prints (test/processes/pipeline-process.ts). */
interface RelayLine {
  readonly publish?: { holder: string; epoch: number | null; at: number; events: number };
  readonly leadership?: { holder: string; epoch: number | null; at: number };
}

/** Reads a whole topic from the start: what is on the wire. */
async function readTopic(brokers: string[], topic: string, expectAtLeast: number) {
  const kafka = new Kafka({ clientId: 'wire-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `wire-reader-${Math.random()}` });
  const records: { eventId: string; error: string }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        records.push({ eventId: header(message, 'event-id') ?? '', error: header(message, 'error') ?? '' });
      },
    });
    await until(
      () => Promise.resolve(records.length >= expectAtLeast),
      `${expectAtLeast} records on ${topic}`,
      60_000,
    );
  } finally {
    await consumer.disconnect();
  }
  return records;
}

function kafkaFixture(brokers: () => string[]): TransportFixture {
  return {
    name: 'kafka',
    open: async (store, _database, groupId, options) => {
      const transport = new KafkaTransport({
        brokers: brokers(),
        clientId: `test-${groupId}`,
        topics: [...ALL_CONTEXT_TOPICS, deadLetterTopic(groupId)],
      });
      await transport.start();
      const relay = options.relay ? startRelay(store, transport, { pollIntervalMs: 50 }) : undefined;
      let letters: { eventId: string; error: string }[] = [];
      return {
        transport,
        childEnv: { TRANSPORT: 'kafka', KAFKA_BROKERS: brokers().join(',') },
        deadLetters: async () => {
          const onTheWire = await wireCount(brokers(), deadLetterTopic(groupId));
          if (onTheWire > letters.length)
            letters = await readTopic(brokers(), deadLetterTopic(groupId), onTheWire);
          return letters;
        },
        close: async () => {
          await relay?.stop();
        },
      };
    },
  };
}

deliverySuite(kafkaFixture(testKafkaBrokers));

describe('delivery over Kafka under faults', () => {
  it('loses nothing and applies nothing twice when the relay dies between publish and checkpoint', async () => {
    const brokers = testKafkaBrokers();
    const p = await openPipeline(
      kafkaFixture(() => brokers),
      { relay: false },
    );
    try {
      const ids = await appendReferrals(p.store, 1000);
      const wireBefore = await wireCount(brokers, topicOfContext('clients'));
      // The relay publishes 3 batches of 100, and is killed after the third is acknowledged.
      const crashing = spawnPipelineProcess({
        ...p.childEnv('relay'),
        CRASH_AFTER_BATCHES: '3',
        BATCH_SIZE: '100',
      });
      const how = await crashing.exited;
      if (how !== 'SIGKILL')
        throw new Error(`The relay ended (${how}) instead of killing itself: ${crashing.output()}`);
      const [checkpoint] = await p.database.query<{ n: string }>(
        `SELECT global_position::text AS n FROM subscription_checkpoints WHERE subscription_id = 'relay'`,
      );
      expect(Number(checkpoint?.n ?? 0)).toBeLessThan(300);

      const relay = startRelay(p.store, p.transport as KafkaTransport, { pollIntervalMs: 50 });
      await p.consume();
      await until(async () => (await p.effects(ids)).distinct === 1000, 'all 1,000 effects');
      await relay.stop();
      const onTheWire = (await wireCount(brokers, topicOfContext('clients'))) - wireBefore;
      expect(onTheWire).toBeGreaterThan(1000);
      expect(await p.effects(ids)).toEqual({ rows: 1000, distinct: 1000 });
    } finally {
      await p.close();
    }
  });

  it('publishes every event, one relay at a time, when replicas are killed and the leader paused', async () => {
    const brokers = testKafkaBrokers();
    const p = await openPipeline(
      kafkaFixture(() => brokers),
      { relay: false },
    );
    const batchSize = 50;
    const leaseMs = 1500;
    const relay = (holder: string) =>
      spawnPipelineProcess({
        ...p.childEnv('relay'),
        HOLDER: holder,
        RELAY_LEASE_MS: String(leaseMs),
        BATCH_SIZE: String(batchSize),
      });
    const relays = [relay('relay-a'), relay('relay-b')];
    // Two replicas of the consuming service, one consumer group; one is killed mid-load.
    const consumers = [
      spawnPipelineProcess(p.childEnv('consumer')),
      spawnPipelineProcess(p.childEnv('consumer')),
    ];
    try {
      await Promise.all([...relays, ...consumers].map((child) => child.ready));
      const lines = (child: TsProcess) =>
        child
          .stdoutLines()
          .filter((line) => line.startsWith('{"publish"') || line.startsWith('{"leadership"'))
          .map((line) => JSON.parse(line) as RelayLine);
      const dead = new Set<TsProcess>();
      let paused: TsProcess | undefined;
      /** The term a relay last said it leads in, if it leads. */
      const termOf = (child: TsProcess) =>
        lines(child)
          .filter((line) => line.leadership)
          .at(-1)?.leadership?.epoch ?? undefined;
      /** A relay that leads and has published in its term (a new leader's first publish can lag). */
      const publishingLeader = (child: TsProcess) => {
        const term = termOf(child);
        return term !== undefined && lines(child).some((line) => line.publish?.epoch === term);
      };
      const leader = async () => {
        let found: TsProcess | undefined;
        await until(() => {
          found = relays.find((child) => !dead.has(child) && child !== paused && publishingLeader(child));
          return Promise.resolve(found !== undefined);
        }, 'a relay that leads and publishes');
        return found as TsProcess;
      };
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const ids = await appendReferrals(p.store, 6000, {
        perAppend: 20,
        streams: 100,
        onProgress: async (appended) => {
          await sleep(5); // a bounded load: about 2,000 events a second
          if (appended === 1500) {
            // The leader dies with pages in flight; a replacement replica starts.
            const killed = await leader();
            dead.add(killed);
            await killed.kill('SIGKILL');
            const replacement = relay('relay-c');
            relays.push(replacement);
            await replacement.ready;
            const consumer = consumers[0];
            await consumer?.kill('SIGKILL');
          }
          if (appended === 3000) {
            // The next leader pauses longer than its lease, while the load goes on.
            paused = await leader();
            process.kill(paused.pid ?? 0, 'SIGSTOP');
          }
          if (appended === 4500 && paused) {
            const pausedTerm = termOf(paused) ?? 0;
            await until(
              () =>
                Promise.resolve(
                  relays.some((child) =>
                    lines(child).some((line) => (line.publish?.epoch ?? 0) > pausedTerm),
                  ),
                ),
              'a relay publishing in a newer term than the paused one',
            );
            process.kill(paused.pid ?? 0, 'SIGCONT');
          }
        },
      });
      await until(async () => (await p.effects(ids)).distinct === 6000, 'all 6,000 effects', 240_000);
      expect(await p.effects(ids)).toEqual({ rows: 6000, distinct: 6000 });
      const [checkpoint] = await p.database.query<{ n: string }>(
        `SELECT global_position::text AS n FROM subscription_checkpoints WHERE subscription_id = 'relay'`,
      );
      expect(Number(checkpoint?.n)).toBe(6000);

      // Exactly one publisher at any moment: in time order, no publish of an older term after a newer.
      const publishes = relays
        .flatMap((child) => lines(child))
        .flatMap((line) => (line.publish ? [line.publish] : []))
        .sort((a, b) => a.at - b.at);
      const terms = publishes.map((publish) => publish.epoch ?? 0);
      expect(terms).toEqual([...terms].sort((a, b) => a - b));
      // Three leaders in turn: the first (killed), the second (paused), the replacement.
      expect(new Set(publishes.map((publish) => publish.holder)).size).toBe(3);
      // Only pages in flight at the kill and at the pause went out twice; the inboxes absorbed them.
      const published = publishes.reduce((sum, publish) => sum + publish.events, 0);
      expect(published).toBeGreaterThanOrEqual(6000);
      expect(published - 6000).toBeLessThanOrEqual(2 * batchSize);
    } finally {
      await Promise.all([...relays, ...consumers].map((child) => child.kill('SIGKILL')));
      await p.close();
    }
  });

  describe('with a broker of its own', () => {
    let broker: TestKafka;
    beforeAll(async () => {
      broker = await startNativeKafka();
    });
    afterAll(async () => {
      await broker.stop();
    });

    it('loses none and applies none twice of 10,000 events appended while the broker is killed and restarted', async () => {
      const p = await openPipeline(kafkaFixture(() => broker.brokers));
      try {
        await p.consume();
        let killed = false;
        const ids = await appendReferrals(p.store, 10_000, {
          perAppend: 10,
          streams: 200,
          onProgress: async (appended) => {
            if (!killed && appended >= 3000) {
              killed = true;
              await broker.kill();
            }
          },
        });
        // Appends never needed the broker; now it comes back and the pipeline catches up.
        await broker.restart();
        await until(async () => (await p.effects(ids)).distinct === 10_000, 'all 10,000 effects', 240_000);
        expect(await p.effects(ids)).toEqual({ rows: 10_000, distinct: 10_000 });
      } finally {
        await p.close();
      }
    });
  });
});
