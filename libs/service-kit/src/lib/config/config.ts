import { DEFAULT_MAX_EVENT_BYTES, DEFAULT_POOL_SIZE } from '@spn/event-store';
import { DEFAULT_MAX_BATCH_BYTES, ENVELOPE_BYTES } from '@spn/messaging';
import { z } from 'zod';
import { AUTH_SETTINGS, checkAuthSettings } from '../auth/auth-config';
import { checkGatewayCredentialSetting, GATEWAY_CREDENTIAL_SETTINGS } from '../auth/gateway-credential';
import { QUERY_LIMIT_SETTINGS } from '../graphql/query-limits';
import { checkKeyEncryptionSettings, KEY_ENCRYPTION_SETTINGS } from '../privacy/key-encryption-config';

/**
 * A service's configuration: read from the environment once, at boot, validated as a whole. Nothing
 * else in a service reads `process.env` (docs/style.md: read once, at boot).
 */
const brokerList = z
  .string()
  .transform((value) => value.split(',').map((broker) => broker.trim()))
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port, comma-separated')).min(1));

const port = z.coerce.number().int().min(1).max(65_535);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** embedded: PGlite on local disk and the store's log as transport; distributed: PostgreSQL and Kafka. */
    SPN_MODE: z.enum(['embedded', 'distributed']).default('embedded'),
    /** Embedded mode: the folder for the event store and each service's read models. */
    SPN_DATA_DIR: z.string().min(1).default('data'),
    /** Distributed mode: the event store's database. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /**
     * Distributed mode: how the event store logs in at run time, as the restricted role `spn_store`.
     * Default: DATABASE_URL with its user replaced by spn_store and no password (trust or .pgpass).
     */
    EVENT_STORE_RUNTIME_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /** Distributed mode: the service's own read-model database; default DATABASE_URL. */
    READ_MODEL_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /**
     * Distributed mode: the most connections each of the process's two PostgreSQL pools (event store,
     * read models) opens; the process also holds a LISTEN connection for its relay and one for its data
     * key cache. Size it so that every replica fits the server's `max_connections` (docs/operations.md).
     */
    SPN_DB_POOL_SIZE: z.coerce
      .number({ message: 'a positive integer' })
      .int({ message: 'a positive integer' })
      .min(1, { message: 'a positive integer' })
      .default(DEFAULT_POOL_SIZE),
    KAFKA_BROKERS: brokerList.optional(),
    KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(3),
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(10).default(1),
    /**
     * Most bytes (before compression) the relay sends in one publish: under the broker's
     * `message.max.bytes` (Kafka's default is 1 MB), and room for the largest event the store accepts.
     */
    KAFKA_MAX_BATCH_BYTES: z.coerce
      .number()
      .int()
      .min(DEFAULT_MAX_EVENT_BYTES + ENVELOPE_BYTES, {
        message: `at least ${DEFAULT_MAX_EVENT_BYTES + ENVELOPE_BYTES} (the largest event the store accepts, with its envelope)`,
      })
      .default(DEFAULT_MAX_BATCH_BYTES),
    /**
     * Whether this process runs a relay from the store to Kafka. Any number may: they elect one leader
     * on the store's database, and only it publishes.
     */
    SPN_RELAY: z.enum(['on', 'off']).default('on'),
    /** How long a relay or sealer that stopped answering keeps its lease before another takes over (ms). */
    SPN_RELAY_LEASE_MS: z.coerce.number().int().min(1000).default(10_000),
    /** Whether the relay publishes each page in a Kafka transaction the broker fences (see startRelay). */
    SPN_RELAY_TRANSACTIONS: z.enum(['on', 'off']).default('on'),
    /** Whether this process seals the global log in the background (of several, one seals at a time). */
    SPN_SEALER: z.enum(['on', 'off']).default('on'),
    SPN_SEAL_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
    /**
     * Whether the event store keeps opened data keys in memory (an erasure evicts its subject's key in
     * every process before any later read); `off` reads each key from the database (the benchmark's
     * baseline).
     */
    SPN_DATA_KEY_CACHE: z.enum(['on', 'off']).default('on'),
    /**
     * Whether concurrent reads' access records share one transaction (group commit); each answer still
     * leaves only once its record is committed. `off`: one transaction per record. Default: on in the
     * distributed mode (PostgreSQL: commits share one disk wait), off embedded (PGlite runs in the
     * process: measured no faster with it, docs/benchmarks.md).
     */
    SPN_ACCESS_GROUP_COMMIT: z.enum(['on', 'off']).optional(),
    /**
     * The folder of the seals' Ed25519 key pair (seal-signing.pem, seal-signing.pub.pem), made on first
     * start. Default `<SPN_DATA_DIR>/event-store-seal-key`, except in distributed production, where every
     * process needs it (or SPN_SEAL_SIGNING_KEY): it signs each append, and the seals. Never inside the
     * database.
     */
    SPN_SEAL_KEY_DIR: z.string().min(1).optional(),
    /** The seals' private key as PKCS#8 PEM (a mounted secret); wins over SPN_SEAL_KEY_DIR. */
    SPN_SEAL_SIGNING_KEY: z.string().min(1).optional(),
    /** The public key seals are verified with, as SPKI PEM: the one auditors pinned. */
    SPN_SEAL_PUBLIC_KEY: z.string().min(1).optional(),
    /**
     * The public keys that signed before a rotation, SPKI PEM blocks one after the other (oldest first or
     * any order): events and seals from before a handover are verified, and sealed over, with the key in
     * force for them (docs/operations.md, "Rotating the signing key"). Wins over the key folder's
     * seal-signing.previous.pem.
     */
    SPN_SEAL_PREVIOUS_PUBLIC_KEYS: z
      .string()
      .refine((pems) => pems.includes('-----BEGIN PUBLIC KEY-----'), 'one or more PEM public keys')
      .optional(),
    PORT: port.optional(),
    /** The address to listen on: loopback by default; `0.0.0.0` in a container. */
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    /**
     * What an auditor may read of the log: their own organization's events (default), or every
     * organization's where the deployment grants it (a health authority's audit office).
     */
    SPN_AUDIT_SCOPE: z.enum(['organization', 'deployment']).default('organization'),
    /**
     * The organization that hosts the deployment (the health authority): the only one whose auditors
     * the `deployment` audit scope reaches, and whose platform-admin stewards the whole resource
     * directory. Unset: no organization has either.
     */
    SPN_HOSTING_ORGANIZATION: z.string().min(1).optional(),
    /**
     * The deployment's OCAP® governance flag: Indigenous clients' data enters an evaluator export only
     * where the communities' data governance has allowed it (`permitted`), never by default.
     */
    SPN_INDIGENOUS_DATA_IN_EXPORTS: z.enum(['excluded', 'permitted']).default('excluded'),
    /** The gateway's query limits, applied again by each subgraph on its own port. */
    ...QUERY_LIMIT_SETTINGS,
    ...AUTH_SETTINGS,
    ...GATEWAY_CREDENTIAL_SETTINGS,
    ...KEY_ENCRYPTION_SETTINGS,
  })
  .superRefine((env, ctx) => {
    checkAuthSettings(env, ctx);
    checkGatewayCredentialSetting(env, ctx);
    checkKeyEncryptionSettings(env, ctx);
    if (env.SPN_AUDIT_SCOPE === 'deployment' && env.SPN_HOSTING_ORGANIZATION === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['SPN_HOSTING_ORGANIZATION'],
        message: 'required when SPN_AUDIT_SCOPE=deployment (whose auditors read the whole log)',
      });
    if (env.SPN_MODE !== 'distributed') return;
    // Every process appends (the access audit at least), and every append is signed: each needs the key.
    if (
      env.NODE_ENV === 'production' &&
      env.SPN_SEAL_KEY_DIR === undefined &&
      env.SPN_SEAL_SIGNING_KEY === undefined
    )
      ctx.addIssue({
        code: 'custom',
        path: ['SPN_SEAL_KEY_DIR'],
        message: 'required in production (or SPN_SEAL_SIGNING_KEY): the key that signs appends and seals',
      });
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS'] as const) {
      if (env[name] === undefined)
        ctx.addIssue({ code: 'custom', path: [name], message: 'required when SPN_MODE=distributed' });
    }
  });

export type ServiceConfig = Readonly<z.output<typeof schema>>;

/** Every problem with the configuration at once, each naming its variable; never the values (secrets). */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; problem: string }[]) {
    super(
      `Invalid configuration: ${problems.map(({ variable, problem }) => `${variable}: ${problem}`).join('; ')}`,
    );
    this.name = 'ConfigError';
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Validates an environment against a schema, for any process (services, the gateway): every problem
 * at once, each naming its variable, none echoing a value. An empty variable counts as unset
 * (`FOO= npm start` should not mean "the empty string").
 */
export function parseEnvironment<T extends z.ZodType>(schema: T, env: Environment): Readonly<z.output<T>> {
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        // The variable's name: a broker list's third entry is still KAFKA_BROKERS's problem.
        variable: typeof issue.path[0] === 'string' ? issue.path[0] : '(environment)',
        problem: issue.message,
      })),
    );
  }
  return Object.freeze(parsed.data);
}

export function loadConfig(env: Environment = process.env): ServiceConfig {
  return parseEnvironment(schema, env);
}
