/**
 * A relay or a consumer in a process of its own, so that fault tests can kill it with SIGKILL.
 * Configured by the environment: ROLE (relay | consumer), TRANSPORT (kafka | embedded), DATABASE_URL,
 * KAFKA_BROKERS, CRASH_AFTER_BATCHES (relay: SIGKILL itself after that many acknowledged batches,
 * before the checkpoint moves; consumer: SIGKILL itself inside the projection transaction of the message
 * after that many batches' worth of messages, i.e. mid-batch), BATCH_SIZE, APPLY_DELAY_MS (consumer),
 * HOLDER and RELAY_LEASE_MS (relay: its name and lease; it prints a JSON line for each change of
 * leadership and before each publish, so a test can count who published when), TRANSACTIONS (relay:
 * `off` for plain publishes), HANG (relay: `publish` or `commit`: the first page carrying an event whose
 * type ends in `.PauseHere` stops inside that call, says so with a `{"hang"}` line, and goes on at
 * SIGUSR2, as a process paused mid-publish would).
 */
import { ALL_CONTEXT_TOPICS, createContractRegistry, deadLetterTopic, topicOfContext } from '@spn/contracts';
import { openPostgresEventStore, PostgresSqlClient } from '@spn/event-store';
import { startConsumer } from '../../lib/consumer';
import { EmbeddedTransport } from '../../lib/embedded/embedded-transport';
import { KafkaTransport } from '../../lib/kafka/kafka-transport';
import { startRelay } from '../../lib/relay/relay';
import type { OutgoingMessage } from '../../lib/transport.port';
import { observeTransactional } from '../observe-transactional';
import { GROUP, projectionHandler } from '../projection';

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};

async function main(): Promise<void> {
  const url = env('DATABASE_URL');
  const store = await openPostgresEventStore({ connectionString: url, migrate: false });
  const kafka = () =>
    new KafkaTransport({
      brokers: env('KAFKA_BROKERS').split(','),
      clientId: `fault-test-${env('ROLE')}`,
      topics: [...ALL_CONTEXT_TOPICS, deadLetterTopic(env('GROUP_ID', GROUP))],
    });
  if (env('ROLE') === 'relay') {
    const transport = kafka();
    await transport.start();
    const crashAfter = Number(env('CRASH_AFTER_BATCHES', '0'));
    let batches = 0;
    const holder = env('HOLDER', `relay-${process.pid}`);
    let epoch: number | undefined;
    const say = (messages: readonly OutgoingMessage[]) => {
      console.log(JSON.stringify({ publish: { holder, epoch, at: Date.now(), events: messages.length } }));
    };
    const hang = env('HANG', '');
    let hung = false;
    /** Stops inside `call` of the page that carries the marked event, until SIGUSR2. */
    const hangIn = async (call: string, messages: readonly OutgoingMessage[]) => {
      if (hung || hang !== call || !messages.some(({ message }) => message.type.endsWith('.PauseHere')))
        return;
      hung = true;
      const resumed = new Promise((resume) => process.once('SIGUSR2', resume));
      console.log(JSON.stringify({ hang: { holder, epoch, call, at: Date.now() } }));
      await resumed;
    };
    const publisher = observeTransactional(transport, {
      beforePublish: async (messages) => {
        say(messages);
        await hangIn('publish', messages);
      },
      beforeCommit: (sent) => hangIn('commit', sent),
    });
    startRelay(store, publisher, {
      holder,
      transactions: env('TRANSACTIONS', 'on') !== 'off',
      leaseMs: Number(env('RELAY_LEASE_MS', '2000')),
      onLeadership: (term) => {
        epoch = term?.epoch;
        console.log(JSON.stringify({ leadership: { holder, epoch: epoch ?? null, at: Date.now() } }));
      },
      batchSize: Number(env('BATCH_SIZE', '100')),
      onPublished: () => {
        batches += 1;
        if (crashAfter > 0 && batches >= crashAfter) process.kill(process.pid, 'SIGKILL');
      },
    });
  } else {
    const database = new PostgresSqlClient(url, null);
    const transport =
      env('TRANSPORT') === 'kafka'
        ? kafka()
        : new EmbeddedTransport(store, database, { batchSize: Number(env('BATCH_SIZE', '100')) });
    if (transport instanceof KafkaTransport) await transport.start();
    const crashAt = Number(env('CRASH_AFTER_BATCHES', '0')) * Number(env('BATCH_SIZE', '100')) + 1;
    const project = projectionHandler(Number(env('APPLY_DELAY_MS', '0')));
    let seen = 0;
    await startConsumer(transport, {
      groupId: env('GROUP_ID', GROUP),
      topics: [topicOfContext('clients')],
      database,
      contracts: createContractRegistry(),
      handle: async (message, tx) => {
        await project(message, tx);
        // The topic is shared by every test; count only this test's events (they are in its store).
        const [ours] = await tx.query('SELECT 1 FROM events WHERE event_id = $1', [message.eventId]);
        if (ours) seen += 1;
        if (crashAt > 1 && seen >= crashAt) process.kill(process.pid, 'SIGKILL');
      },
      retryDelayMs: 10,
    });
  }
  console.log('ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
