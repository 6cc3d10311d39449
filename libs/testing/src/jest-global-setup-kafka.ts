import { resolveKafka, type TestKafka } from './kafka';
import postgresSetup from './jest-global-setup';

declare global {
  var __SPN_TEST_KAFKA__: TestKafka | undefined;
}

/** PostgreSQL and a Kafka broker, found or started once per Jest run. */
export default async function globalSetup(): Promise<void> {
  await postgresSetup();
  const kafka = await resolveKafka();
  process.env['SPN_TEST_KAFKA_BROKERS'] = kafka.brokers.join(',');
  globalThis.__SPN_TEST_KAFKA__ = kafka;
}
