// The public entry of @spn/messaging: event distribution between services.
export type { IntegrationMessage } from './lib/integration-message';
export { toIntegrationMessage } from './lib/integration-message';
export type * from './lib/transport.port';
export {
  isTransactionalPublisher,
  MessageTooLargeError,
  outgoingBytes,
  PublisherFencedError,
} from './lib/transport.port';
export { migrateInbox, INBOX_MIGRATIONS } from './lib/inbox/inbox-schema';
export { migrateReadModel, READ_MODEL_MIGRATIONS_TABLE } from './lib/migrations/read-model-migrations';
export { listDeadLetters, type DeadLetterEntry } from './lib/inbox/dead-letters';
export { errorCode, isTransientError } from './lib/inbox/transient';
export {
  ConsumerStoppedError,
  InboxConsumer,
  type InboxStatus,
  type ReplayResult,
  type InboxConsumerOptions,
  type BatchProjectionHandler,
  type Outcome,
  type ProjectionHandler,
} from './lib/inbox/inbox-consumer';
export { startConsumer, type InboxRunningConsumer, type StartConsumerOptions } from './lib/consumer';
export {
  startRelay,
  route,
  splitByBytes,
  DEFAULT_MAX_BATCH_BYTES,
  ENVELOPE_BYTES,
  RELAY_DEAD_LETTERS,
  RelaySettingsError,
  type RelayOptions,
} from './lib/relay/relay';
export { KafkaTransport, type KafkaTransportOptions } from './lib/kafka/kafka-transport';
export { decode, encode, header } from './lib/kafka/kafka-codec';
export { EmbeddedTransport } from './lib/embedded/embedded-transport';
