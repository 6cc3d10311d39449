import {
  ALL_CONTEXT_TOPICS,
  createContractRegistry,
  deadLetterTopic,
  type PERSONAL_FIELDS,
} from '@spn/contracts';
import {
  DEFAULT_DATA_KEY_CACHE_SIZE,
  ensureSealKeyFolder,
  LOG_START,
  openPgliteEventStore,
  openPgliteFolder,
  openPostgresEventStore,
  PgliteSqlClient,
  PostgresSqlClient,
  readSealSigningKey,
  SEAL_SIGNING_KEY_FILE,
  sealPublicKeyFromPem,
  sealPublicKeysFromPem,
  sealSigningKeyFromPem,
  startSealer,
  type EventLogIntegrity,
  type EventStore,
  type KeyVault,
  type SealKeys,
  type SqlClient,
  type SqlEventStore,
} from '@spn/event-store';
import {
  EmbeddedTransport,
  KafkaTransport,
  migrateInbox,
  migrateReadModel,
  RELAY_DEAD_LETTERS,
  startConsumer,
  startRelay,
  type BatchProjectionHandler,
  type IntegrationMessage,
  type MessageTransport,
  type ProjectionHandler,
  type RunningConsumer,
} from '@spn/messaging';
import { createLogger } from '@spn/observability';
import { join } from 'node:path';
import { systemClock, type Clock } from '../clock/clock';
import type { ServiceConfig } from '../config/config';
import type { DomainEvent } from '../domain/decider';
import { Health } from '../lifecycle/health';
import { Lifecycle } from '../lifecycle/lifecycle';
import { warnIfConnectionsCannotFit, type WarningLog } from './connection-budget';
import { keyEncryptionKeysOf } from '../privacy/key-encryption-config';
import { PersonalData, personalFieldsWith, type PersonalFields } from '../privacy/personal-data';
import { ReadModelAnalyzer } from './read-model-analyzer';

/** A message of the service's own log as one of the events its deciders decide (see {@link ownEvent}). */
export type OwnEvent<TEvent> = Omit<IntegrationMessage, 'type' | 'data' | 'schemaVersion'> & TEvent;

/** A decider, as far as the events it decides. */
interface EventSource {
  readonly decide: (command: never, state: never) => readonly DomainEvent[];
}
type EventOf<TSource> = TSource extends {
  readonly decide: (command: never, state: never) => readonly (infer TEvent)[];
}
  ? TEvent
  : never;

/**
 * A message of the service's own log, typed as the events of the deciders named: after a `switch` on
 * `type`, a projection reads each event's fields typed, so renaming one in the domain is a compile
 * error in the projection too. This holds for the types the projection switches on: each is decided by
 * one decider of the service, and the service's log holds only what its deciders decided (a message of
 * another type, since a topic carries them all, falls to `default`). Another service's events are read
 * through their contracts (`dataOf`), which check them.
 */
export function ownEvent<TSources extends readonly EventSource[]>(
  // Only their type is used: the events a projection expects are named by the deciders that decide them.
  deciders: TSources,
  message: IntegrationMessage,
): OwnEvent<EventOf<TSources[number]>> {
  return message as unknown as OwnEvent<EventOf<TSources[number]>>;
}

/** The declared personal fields of an event type (`PERSONAL_FIELDS`). */
type PersonalFieldOf<TType> = TType extends keyof typeof PERSONAL_FIELDS
  ? (typeof PERSONAL_FIELDS)[TType][number]
  : never;

/** An event as a sealed projection is handed it: each declared personal field is sealed text (`pd1:`). */
export type SealedEvent<TEvent> = TEvent extends { readonly type: infer TType; readonly data: infer TData }
  ? Omit<TEvent, 'data'> & {
      readonly data: {
        readonly [Field in keyof TData]: Field extends PersonalFieldOf<TType> ? string : TData[Field];
      };
    }
  : never;

/** {@link ownEvent} for a sealed projection (`sealed: true`): its personal fields typed as the sealed text they are. */
export function sealedOwnEvent<TSources extends readonly EventSource[]>(
  deciders: TSources,
  message: IntegrationMessage,
): OwnEvent<SealedEvent<EventOf<TSources[number]>>> {
  return message as unknown as OwnEvent<SealedEvent<EventOf<TSources[number]>>>;
}

/** A read model: its tables, the topics it follows, and how one event changes it (in the inbox transaction). */
export interface Projection {
  /** Unique within the service; the consumer group is `<service>.<name>`. */
  readonly name: string;
  readonly topics: readonly string[];
  /**
   * Its tables, as numbered migrations (`migrations[n - 1]` is migration n): the first makes them,
   * each later one is one change. Append, never edit; each stays idempotent (`IF NOT EXISTS`), since
   * a database from before the numbering takes them all again (docs/read-models.md#migrations).
   */
  readonly migrations?: readonly string[];
  /**
   * Tables that say when the read model last changed (a cache's stamp), not what it holds: a rebuild
   * writes them in other transactions than the live consumer did, so comparisons of the two skip them.
   */
  readonly bookkeeping?: readonly string[];
  readonly handle: ProjectionHandler;
  /**
   * A run of messages in log order, with the same result as `handle` on each in turn: the consumer
   * hands over each run it applies in one transaction, a rebuild each page of the log, so a projection
   * that reads and writes a run as a whole goes faster.
   */
  readonly handleBatch?: BatchProjectionHandler;
  /**
   * The projection keeps personal fields sealed, as the events hold them (`pd1:`), and its queries
   * open them when answering (`PersonalData.openRows`): it is handed messages unopened, so its tables
   * hold nothing personal in clear (a dump or backup of them reads none). Default: opened.
   */
  readonly sealed?: boolean;
}

/** Everything a service runs on, chosen by configuration: the domain code is the same in both modes. */
export interface ServiceRuntime {
  readonly service: string;
  readonly config: ServiceConfig;
  readonly store: EventStore;
  /** The personal fields of events: sealed with their subject's key, opened for projections. */
  readonly personalData: PersonalData;
  /** The per-subject keys themselves: erasing a subject destroys its key. */
  readonly keys: KeyVault;
  /** The log's tamper evidence and the auditors' read access to the whole log (hash chains, seals). */
  readonly integrity: EventLogIntegrity;
  /** The service's own database: its read models, inbox and (embedded) dead letters. */
  readonly readModels: SqlClient;
  readonly transport: MessageTransport;
  readonly lifecycle: Lifecycle;
  readonly health: Health;
  /** Business time for commands and queries (the system's; a fixed one in tests). */
  readonly clock: Clock;
  project(projection: Projection): Promise<RunningConsumer>;
  /** Stops everything in order (see {@link Lifecycle}). */
  close(): Promise<void>;
}

export interface OpenRuntimeOptions {
  /** The service's name: `clients`, `care-plans`... */
  readonly service: string;
  /**
   * Embedded mode hosts every service in one process, on one PGlite event store (it takes one
   * connection): the platform opens it once (with its clock) and hands it to each service, and
   * closes it itself.
   */
  readonly sharedStore?: SqlEventStore;
  /**
   * Personal fields of the service's events beyond the network's declaration (`PERSONAL_FIELDS` of
   * `@spn/contracts`, always sealed and opened); default none.
   */
  readonly personalFields?: PersonalFields;
  /** The service's business clock; default the system's. */
  readonly clock?: Clock;
  /** Where the start's warnings go (connections the server may not have); default the service's logger. */
  readonly log?: WarningLog;
}

/**
 * The seals' keys the configuration names: the private key from SPN_SEAL_SIGNING_KEY or the key
 * folder (made on first start), the public key pinned by SPN_SEAL_PUBLIC_KEY or the folder's, and the
 * keys from before a rotation by SPN_SEAL_PREVIOUS_PUBLIC_KEYS or the folder's.
 */
export async function sealKeysOf(config: ServiceConfig): Promise<SealKeys> {
  const pinned = {
    ...(config.SPN_SEAL_PUBLIC_KEY ? { publicKey: sealPublicKeyFromPem(config.SPN_SEAL_PUBLIC_KEY) } : {}),
    ...(config.SPN_SEAL_PREVIOUS_PUBLIC_KEYS
      ? { previousPublicKeys: sealPublicKeysFromPem(config.SPN_SEAL_PREVIOUS_PUBLIC_KEYS) }
      : {}),
  };
  if (config.SPN_SEAL_SIGNING_KEY)
    return { signingKey: sealSigningKeyFromPem(config.SPN_SEAL_SIGNING_KEY), ...pinned };
  const folder =
    config.SPN_SEAL_KEY_DIR ??
    (config.SPN_MODE === 'distributed' && config.NODE_ENV === 'production'
      ? undefined
      : join(config.SPN_DATA_DIR, 'event-store-seal-key'));
  return folder ? { ...(await ensureSealKeyFolder(folder)), ...pinned } : pinned;
}

/**
 * The seal key of a tool's environment (rebuild, dead letters), read as the services do and never
 * made: a tool that appends (its auditor action) signs with the services' key, or has none and is
 * refused by a signed log, never signs with a key of its own.
 */
export async function sealKeysOfEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): Promise<SealKeys> {
  const signing = env['SPN_SEAL_SIGNING_KEY'];
  if (signing) return { signingKey: sealSigningKeyFromPem(signing) };
  const file = join(env['SPN_SEAL_KEY_DIR'] ?? join(dataDir, 'event-store-seal-key'), SEAL_SIGNING_KEY_FILE);
  try {
    return { signingKey: await readSealSigningKey(file) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/**
 * Opens the event store the configuration names: PGlite under SPN_DATA_DIR, or PostgreSQL; its data
 * keys wrapped by the configured key-encryption key (`SPN_KEK`, `SPN_KEK_FILE`), its seals signed with
 * the configured seal key; opened data keys cached unless `SPN_DATA_KEY_CACHE=off`. An event appended
 * without its `occurredAt` is stamped from `clock`, the services' business clock.
 */
export async function openEventStore(
  config: ServiceConfig,
  clock: Clock = systemClock,
  applicationName?: string,
): Promise<SqlEventStore> {
  const keyEncryptionKeys = await keyEncryptionKeysOf(config);
  const sealKeys = await sealKeysOf(config);
  const dataKeyCacheSize = config.SPN_DATA_KEY_CACHE === 'on' ? DEFAULT_DATA_KEY_CACHE_SIZE : 0;
  if (config.SPN_MODE === 'embedded') {
    return openPgliteEventStore({
      dataDir: join(config.SPN_DATA_DIR, 'event-store'),
      keyEncryptionKeys,
      sealKeys,
      dataKeyCacheSize,
      clock: () => clock.now(),
    });
  }
  return openPostgresEventStore({
    connectionString: requireSetting(config.DATABASE_URL, 'DATABASE_URL'),
    ...(config.EVENT_STORE_RUNTIME_URL ? { runtimeConnectionString: config.EVENT_STORE_RUNTIME_URL } : {}),
    poolSize: config.SPN_DB_POOL_SIZE,
    ...(applicationName ? { applicationName } : {}),
    keyEncryptionKeys,
    sealKeys,
    dataKeyCacheSize,
    clock: () => clock.now(),
  });
}

/**
 * Brings a projection's tables to its last migration in a service's read-model database, recorded
 * under its consumer group (`<service>.<name>`: services may share one database). Resolves to the
 * versions it ran.
 */
export function migrateProjection(db: SqlClient, service: string, projection: Projection): Promise<number[]> {
  return migrateReadModel(db, `${service}.${projection.name}`, projection.migrations ?? []);
}

export async function openRuntime(
  config: ServiceConfig,
  options: OpenRuntimeOptions,
): Promise<ServiceRuntime> {
  const { service } = options;
  const clock = options.clock ?? systemClock;
  const lifecycle = new Lifecycle();
  const health = new Health(lifecycle);
  try {
    // Before any pool opens, so that the count is of the other processes' connections.
    await warnIfConnectionsCannotFit(config, options.log ?? createLogger(service));
    let store: SqlEventStore;
    if (options.sharedStore) {
      store = options.sharedStore;
    } else {
      const owned = await openEventStore(config, clock, storePoolName(service));
      store = owned;
      lifecycle.onStop('event store', () => owned.close());
      // The process that opens the store seals it (a platform that shares its store runs its own).
      if (config.SPN_SEALER === 'on') {
        const sealer = startSealer(owned.integrity, {
          intervalMs: config.SPN_SEAL_INTERVAL_MS,
          exclusive: { leaseMs: Math.max(config.SPN_RELAY_LEASE_MS, 3 * config.SPN_SEAL_INTERVAL_MS) },
        });
        lifecycle.onStop('sealer', () => sealer.stop());
      }
    }
    const personalData = new PersonalData(store.keys, personalFieldsWith(options.personalFields));
    const readModels = await openReadModels(config, service);
    lifecycle.onStop('read models', () => readModels.close());
    await migrateInbox(readModels);
    // A PostgreSQL server's autovacuum analyzes the read models as they grow; PGlite runs none, so
    // without this they would be planned from the statistics of empty tables (docs/operations.md).
    const analyzer = readModels instanceof PgliteSqlClient ? new ReadModelAnalyzer(readModels) : undefined;
    if (analyzer) lifecycle.onStop('read-model analyzer', () => analyzer.stop());

    const contracts = createContractRegistry();
    let transport: MessageTransport;
    let kafka: KafkaTransport | undefined;
    if (config.SPN_MODE === 'embedded') {
      transport = new EmbeddedTransport(store, readModels);
    } else {
      kafka = new KafkaTransport({
        brokers: requireSetting(config.KAFKA_BROKERS, 'KAFKA_BROKERS'),
        clientId: service,
        partitions: config.KAFKA_PARTITIONS,
        replicationFactor: config.KAFKA_REPLICATION_FACTOR,
        topics: [...ALL_CONTEXT_TOPICS, RELAY_DEAD_LETTERS],
      });
      await kafka.start();
      transport = kafka;
    }
    lifecycle.onStop('transport', () => transport.close());
    if (kafka && config.SPN_RELAY === 'on') {
      const relay = startRelay(store, kafka, {
        contracts,
        maxBatchBytes: config.KAFKA_MAX_BATCH_BYTES,
        leaseMs: config.SPN_RELAY_LEASE_MS,
        transactions: config.SPN_RELAY_TRANSACTIONS === 'on',
      });
      lifecycle.onStop('relay', () => relay.stop());
    }

    health.addCheck('event-store', async () => {
      await store.readLog(LOG_START, 1);
    });
    health.addCheck('read-models', async () => {
      await readModels.query('SELECT 1');
    });

    const groups = new Set<string>();
    return {
      service,
      config,
      store,
      personalData,
      keys: store.keys,
      integrity: store.integrity,
      readModels,
      transport,
      lifecycle,
      health,
      clock,
      project: async (projection) => {
        const groupId = consumerGroupOf(service, projection.name);
        if (groups.has(groupId)) throw new Error(`Projection ${groupId} runs already`);
        groups.add(groupId);
        // Replicas that start at once are safe: the migrations run under one advisory lock.
        await migrateProjection(readModels, service, projection);
        await kafka?.ensureTopics([deadLetterTopic(groupId)]);
        const whole = projection.handleBatch;
        const consumer = await startConsumer(transport, {
          groupId,
          topics: projection.topics,
          database: readModels,
          contracts,
          // Projections read personal fields decrypted (or null, once their subject is erased), but
          // those that keep them sealed.
          handle: async (message, tx) => {
            const [given] = await personalData.forProjection(projection, [message]);
            return projection.handle(given ?? message, tx);
          },
          ...(whole && {
            handleBatch: async (messages, tx) =>
              whole(await personalData.forProjection(projection, messages), tx),
          }),
          ...(analyzer && {
            afterRun: (outcomes) => {
              if (outcomes.some((outcome) => outcome !== 'duplicate')) analyzer.changed();
            },
          }),
        });
        lifecycle.onStop(`projection ${groupId}`, () => consumer.stop());
        // A message held by an error that can pass (the database away, a lock, a deadlock) holds its
        // partition: readiness says so, by the error's code, until it goes through.
        health.addCheck(`consumer ${groupId}`, () => {
          const status = consumer.status();
          if (status.held === 0) return Promise.resolve();
          const held = new Error('held');
          held.name = `held-${status.lastError ?? 'error'}`;
          return Promise.reject(held);
        });
        return consumer;
      },
      close: () => lifecycle.stop(),
    };
  } catch (error) {
    await lifecycle.stop().catch(() => undefined);
    throw error;
  }
}

/**
 * The `application_name` of a service's pools, by which an operator counts them in pg_stat_activity
 * (the LISTEN connections are `spn-listen-<channel>`).
 */
export const storePoolName = (service: string): string => `spn-${service}-event-store`;
export const readModelPoolName = (service: string): string => `spn-${service}-read-models`;

/** The consumer group (and inbox group) a service's projection consumes as. */
export const consumerGroupOf = (service: string, projection: string): string => `${service}.${projection}`;

/**
 * Embedded: a PGlite of the service's own under SPN_DATA_DIR; distributed: a PostgreSQL pool of
 * SPN_DB_POOL_SIZE connections.
 */
export async function openReadModels(config: ServiceConfig, service: string): Promise<SqlClient> {
  if (config.SPN_MODE === 'embedded') {
    return openPgliteFolder(join(config.SPN_DATA_DIR, 'read-models', service));
  }
  const url = config.READ_MODEL_DATABASE_URL ?? requireSetting(config.DATABASE_URL, 'DATABASE_URL');
  return new PostgresSqlClient(url, null, config.SPN_DB_POOL_SIZE, readModelPoolName(service));
}

function requireSetting<T>(value: T | undefined, name: string): T {
  // loadConfig already refuses a distributed configuration without it; this keeps the types honest.
  if (value === undefined) throw new Error(`${name} is required when SPN_MODE=distributed`);
  return value;
}
