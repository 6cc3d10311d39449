/**
 * `npm run dead-letters -- list [--service S] [--all] [--json] | show <event id> | replay <event id> | replay --all`
 * with `[--data-dir DIR | --database-url URL [--read-model-database-url URL]]`: the messages a
 * service's consumers could not apply (a programming or validation error; errors that can pass are
 * retried, never dead-lettered), listed with ids, type, position and error (never their data), and
 * replayed through the service's own projection once the cause is fixed. Embedded: each service's
 * PGlite read models under the data folder (run it with the platform stopped, like the rebuild);
 * distributed: the read-model database, while the platform runs.
 */
import { createContractRegistry } from '@spn/contracts';
import {
  DataFolderInUseError,
  openPgliteEventStore,
  openPgliteFolder,
  openPostgresEventStore,
  PostgresSqlClient,
  type SqlClient,
  type SqlEventStore,
} from '@spn/event-store';
import { InboxConsumer, listDeadLetters, migrateInbox, type DeadLetterEntry } from '@spn/messaging';
import {
  keyEncryptionKeysOfEnvironment,
  PersonalData,
  personalFieldsWith,
  sealKeysOfEnvironment,
} from '@spn/service-kit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectionsOf, subgraphOf } from './service-projections';
import { SERVICES } from './services';

class UsageError extends Error {}

const USAGE =
  'usage: npm run dead-letters -- list [--service S] [--all] [--json] | show <event id> | replay <event id> | replay --all [--service S]' +
  ' [--data-dir DIR | --database-url URL [--read-model-database-url URL]]';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Options {
  readonly command: 'list' | 'show' | 'replay';
  readonly eventId: string | undefined;
  readonly all: boolean;
  readonly json: boolean;
  readonly services: readonly string[];
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly readModelDatabaseUrl: string | undefined;
}

function optionsOf(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      service: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'read-model-database-url': { type: 'string' },
    },
  });
  const [command, eventId] = positionals;
  if (command !== 'list' && command !== 'show' && command !== 'replay') throw new UsageError(USAGE);
  if (command === 'show' && !eventId) throw new UsageError('show which? give an event id');
  if (command === 'replay' && !eventId && !values.all)
    throw new UsageError('replay which? give an event id, or --all');
  if (eventId !== undefined && !UUID.test(eventId)) throw new UsageError(`${eventId} is not an event id`);
  const known: readonly string[] = SERVICES.map((entry) => entry.service);
  if (values.service !== undefined && !known.includes(values.service))
    throw new UsageError(`--service: one of ${known.join(', ')}`);
  return {
    command,
    eventId,
    all: values.all,
    json: values.json,
    services: values.service ? [values.service] : known,
    dataDir: values['data-dir'] ?? env['SPN_DATA_DIR'] ?? 'data',
    databaseUrl: values['database-url'],
    readModelDatabaseUrl: values['read-model-database-url'] ?? values['database-url'],
  };
}

/** Each service's read-model database: its own PGlite (embedded) or the shared PostgreSQL one. */
async function readModelsOf(options: Options): Promise<{ service: string; database: SqlClient }[]> {
  if (options.readModelDatabaseUrl) {
    const shared = new PostgresSqlClient(options.readModelDatabaseUrl, null, 2);
    await migrateInbox(shared);
    return options.services.map((service) => ({ service, database: shared }));
  }
  const opened: { service: string; database: SqlClient }[] = [];
  for (const service of options.services) {
    const dir = join(options.dataDir, 'read-models', service);
    if (!existsSync(dir)) continue;
    const database = await openPgliteFolder(dir);
    await migrateInbox(database);
    opened.push({ service, database });
  }
  return opened;
}

const line = (letter: DeadLetterEntry): string =>
  [
    letter.deadLetteredAt,
    letter.groupId,
    letter.eventId,
    letter.type,
    `stream ${letter.streamId}`,
    `position ${letter.position}`,
    `${letter.attempts} attempts`,
    letter.replayedAt ? `replayed ${letter.replayedAt}` : 'not replayed',
    letter.error,
  ].join('  ');

async function main(): Promise<number> {
  const options = optionsOf(process.argv.slice(2), process.env);
  const databases = await readModelsOf(options);
  let store: SqlEventStore | undefined;
  try {
    const letters: { service: string; database: SqlClient; letter: DeadLetterEntry }[] = [];
    for (const { service, database } of databases) {
      const found = await listDeadLetters(database, {
        ...(options.eventId ? { eventId: options.eventId } : {}),
        includeReplayed: options.command === 'show' || (options.command === 'list' && options.all),
      });
      for (const letter of found)
        if (letter.groupId.startsWith(`${service}.`)) letters.push({ service, database, letter });
    }
    if (options.command !== 'replay') {
      if (options.json) for (const { letter } of letters) console.log(JSON.stringify(letter));
      else for (const { letter } of letters) console.log(line(letter));
      if (!options.json) console.log(`${letters.length} dead letter(s)`);
      return options.command === 'show' && letters.length === 0 ? 1 : 0;
    }

    // Replay: through each service's own projection, with its personal fields opened as the service does.
    const keyEncryptionKeys = await keyEncryptionKeysOfEnvironment(process.env, options.dataDir);
    // The services' seal key: the tool's auditor action is an append, signed like theirs.
    const sealKeys = await sealKeysOfEnvironment(process.env, options.dataDir);
    store = options.databaseUrl
      ? await openPostgresEventStore({ connectionString: options.databaseUrl, keyEncryptionKeys, sealKeys })
      : await openPgliteEventStore({
          dataDir: join(options.dataDir, 'event-store'),
          keyEncryptionKeys,
          sealKeys,
        });
    const openStore = store;
    const contracts = createContractRegistry();
    let failed = 0;
    let replayed = 0;
    for (const service of new Set(letters.map((entry) => entry.service))) {
      const definition = await subgraphOf(service);
      const personalData = new PersonalData(openStore.keys, personalFieldsWith(definition.personalFields));
      const projections = await projectionsOf(definition, openStore);
      const mine = letters.filter((entry) => entry.service === service);
      for (const groupId of new Set(mine.map((entry) => entry.letter.groupId))) {
        const projection = projections.find((candidate) => `${service}.${candidate.name}` === groupId);
        const group = mine.filter((entry) => entry.letter.groupId === groupId);
        const database = group[0]?.database;
        if (!projection || !database) {
          console.log(
            `${groupId}: no such projection in ${service} any more; its dead letters are left as they are`,
          );
          failed += group.length;
          continue;
        }
        const inbox = new InboxConsumer({
          groupId,
          database,
          contracts,
          handle: async (message, tx) => {
            const [given] = await personalData.forProjection(projection, [message]);
            return projection.handle(given ?? message, tx);
          },
          // Replaying never sends a new dead letter: one that fails again stays where it is.
          deadLetters: { send: () => Promise.resolve() },
        });
        const results = await inbox.replay(group.map((entry) => entry.letter.eventId));
        for (const result of results) {
          if (result.outcome === 'replayed') replayed += 1;
          else failed += 1;
          console.log(
            `${result.groupId}  ${result.eventId}  ${result.outcome === 'replayed' ? 'replayed' : `failed again: ${result.error ?? ''}`}`,
          );
        }
      }
    }
    console.log(`${replayed} replayed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
  } finally {
    const closed = new Set<SqlClient>();
    for (const { database } of databases) {
      if (closed.has(database)) continue;
      closed.add(database);
      await database.close();
    }
    await store?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A folder in use: its message says what to do; a stack would bury it.
    console.error(
      error instanceof UsageError || error instanceof DataFolderInUseError ? error.message : error,
    );
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
