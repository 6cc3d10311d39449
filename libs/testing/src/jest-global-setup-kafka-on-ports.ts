import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgresSetup from './jest-global-setup';
import { resolveKafka, startNativeKafka, type TestKafka } from './kafka';

declare global {
  var __SPN_TEST_KAFKA__: TestKafka | undefined;
}

/**
 * As jest-global-setup-kafka, for a project whose tests must stay on given ports: unless KAFKA_BROKERS
 * names a broker, a native one of this run's own on the ports SPN_TEST_KAFKA_PORTS names
 * (`<broker>,<controller>`). Its own, never a shared one: the services it runs join consumer groups
 * named after them, which another run's services on a shared broker would share.
 */
export default async function globalSetup(): Promise<void> {
  await postgresSetup();
  const ports = (process.env['SPN_TEST_KAFKA_PORTS'] ?? '').split(',').map(Number);
  const [port, controllerPort] = ports;
  let kafka: TestKafka;
  if (process.env['KAFKA_BROKERS']) kafka = await resolveKafka();
  else if (ports.length === 2 && port && controllerPort) {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-kafka-'));
    kafka = await startNativeKafka({ port, controllerPort, dataDir });
    // Given its ports and folder, startNativeKafka does not start it: this does.
    await kafka.restart();
  } else throw new Error('SPN_TEST_KAFKA_PORTS must be "<broker port>,<controller port>"');
  process.env['SPN_TEST_KAFKA_BROKERS'] = kafka.brokers.join(',');
  globalThis.__SPN_TEST_KAFKA__ = kafka;
}
