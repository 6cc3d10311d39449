import { ALL_CONTEXT_TOPICS, deadLetterTopic, topicOfContext } from '@spn/contracts';
import { startNativeKafka, testKafkaBrokers, until, type TestKafka } from '@spn/testing';
import { Kafka, logLevel } from 'kafkajs';
import { spawnPipelineProcess } from '../../test/child-process';
import { wireCount } from '../../test/kafka-wire';
import { deliverySuite, openPipeline, type TransportFixture } from '../../test/delivery-suite';
import { appendReferrals } from '../../test/projection';
import { startRelay } from '../relay/relay';
import { header } from './kafka-codec';
import { KafkaTransport } from './kafka-transport';

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
