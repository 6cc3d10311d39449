/**
 * `npm run rebuild -- <service> --actor <you> [--replace] [--data-dir DIR | --database-url URL] [--read-model-database-url URL]`:
 * rebuilds every projection of a service from the log into a fresh database, with its progress and
 * rate on the terminal, then compares the rebuilt tables with the live read model's, table by table
 * (exit 1 when any differs). With `--replace`, a read model that differs is replaced by the rebuilt
 * one in one transaction, its inbox topped up (`replaceReadModel`), and the exit is 0 once it is in
 * place. Run it with the platform stopped (it holds the PGlite folders: refused), or against
 * PostgreSQL in the distributed mode with the service scaled to 0 (`--replace` refuses while its
 * read-model connections are open). The rebuild is an auditor's action: it is recorded in the log
 * first (`audit.AuditorActionPerformed`), like the event store's own commands.
 *
 * The service's projections are found as the embedded host finds the service (`apps/<service>/src/server.ts`
 * exports `subgraph`): its `setUp` runs against a runtime that only collects what it would project.
 */
import { PGlite } from '@electric-sql/pglite';
import {
  DataFolderInUseError,
  DEFAULT_AUDITOR_ORGANIZATION,
  openPgliteEventStore,
  openPgliteFolder,
  openPostgresEventStore,
  PgliteSqlClient,
  PostgresSqlClient,
  recordAuditorAction,
  type SqlClient,
} from '@spn/event-store';
import {
  consumerGroupOf,
  keyEncryptionKeysOfEnvironment,
  sealKeysOfEnvironment,
  PersonalData,
  personalFieldsWith,
  progressPrinter,
  readModelChecksum,
  readModelTables,
  readModelPoolName,
  ReadModelReplaceRefused,
  REBUILT_INBOX_TABLE,
  rebuildProjection,
  replaceReadModel,
  type SubgraphDefinition,
} from '@spn/service-kit';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectionsOf } from './service-projections';
import { SERVICES } from './services';

class UsageError extends Error {}

interface Options {
  readonly service: string;
  readonly actor: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly readModelDatabaseUrl: string | undefined;
  readonly replace: boolean;
}

function optionsOf(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      actor: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'read-model-database-url': { type: 'string' },
      replace: { type: 'boolean', default: false },
    },
  });
  const service = positionals[0];
  const known = SERVICES.map((entry) => entry.service);
  if (!service || !known.includes(service as (typeof known)[number]))
    throw new UsageError(`which service? one of ${known.join(', ')}`);
  const actor = values.actor ?? env['SPN_AUDITOR'];
  if (!actor || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/.test(actor))
    throw new UsageError('who rebuilds? give --actor <subject> or set SPN_AUDITOR (an id, not a name)');
  return {
    service,
    actor,
    dataDir: values['data-dir'] ?? env['SPN_DATA_DIR'] ?? 'data',
    databaseUrl: values['database-url'],
    readModelDatabaseUrl: values['read-model-database-url'] ?? values['database-url'],
    replace: values.replace,
  };
}

async function main(): Promise<number> {
  const options = optionsOf(process.argv.slice(2), process.env);
  // The services' KEK (SPN_KEK, SPN_KEK_FILE, or the data folder's): a replay opens personal fields.
  const keyEncryptionKeys = await keyEncryptionKeysOfEnvironment(process.env, options.dataDir);
  // The services' seal key: the tool's auditor action is an append, signed like theirs.
  const sealKeys = await sealKeysOfEnvironment(process.env, options.dataDir);
  const store = options.databaseUrl
    ? await openPostgresEventStore({ connectionString: options.databaseUrl, keyEncryptionKeys, sealKeys })
    : await openPgliteEventStore({
        dataDir: join(options.dataDir, 'event-store'),
        keyEncryptionKeys,
        sealKeys,
      });
  const live: SqlClient = options.readModelDatabaseUrl
    ? new PostgresSqlClient(options.readModelDatabaseUrl, null)
    : await openPgliteFolder(join(options.dataDir, 'read-models', options.service));
  try {
    await recordAuditorAction(
      store,
      {
        subject: options.actor,
        organizationId: process.env['SPN_AUDITOR_ORGANIZATION'] ?? DEFAULT_AUDITOR_ORGANIZATION,
      },
      'rebuild',
      { service: options.service, ...(options.replace && { replace: 'yes' }) },
      'rebuild-cli',
    );
    const module = (await import(`../../${options.service}/src/server`)) as { subgraph: SubgraphDefinition };
    const definition = module.subgraph;
    const personalData = new PersonalData(store.keys, personalFieldsWith(definition.personalFields));
    // Every projection of the service into one fresh database: some share tables (a schema each may
    // create), so the read model is compared whole, table by table.
    const rebuilt = new PgliteSqlClient(await PGlite.create(), true);
    let different = 0;
    try {
      const projections = await projectionsOf(definition, store);
      for (const projection of projections)
        await rebuildProjection(projection, {
          store,
          personalData,
          into: rebuilt,
          onProgress: progressPrinter(),
          // The inbox the live consumers would have after reading the whole log, for a replacement.
          ...(options.replace && { inboxGroup: consumerGroupOf(options.service, projection.name) }),
        });
      const bookkeeping = new Set([
        ...projections.flatMap((projection) => projection.bookkeeping ?? []),
        REBUILT_INBOX_TABLE,
      ]);
      const tables = (await readModelTables(rebuilt, '')).filter((table) => !bookkeeping.has(table));
      const [a, b] = await Promise.all([readModelChecksum(live, tables), readModelChecksum(rebuilt, tables)]);
      for (const table of tables) {
        const same = a.tables[table]?.checksum === b.tables[table]?.checksum;
        if (!same) different += 1;
        console.log(
          `${table}: ${b.tables[table]?.rows ?? 0} rows, ${same ? 'same as the live read model' : 'DIFFERENT from the live read model'}`,
        );
      }
      console.log(
        `${options.service}: ${different === 0 ? 'rebuilt read model equals the live one' : `${different} table(s) differ`} (sha-256 ${b.checksum.slice(0, 16)}…)`,
      );
      if (different > 0 && options.replace) {
        const report = await replaceReadModel({
          live,
          rebuilt,
          tables,
          consumersPoolName: options.readModelDatabaseUrl ? readModelPoolName(options.service) : null,
        });
        const rows = Object.values(report.tables).reduce((sum, count) => sum + count, 0);
        console.log(
          `${options.service}: live read model replaced by the rebuilt one (${tables.length} tables, ${rows} rows; ${report.inboxAdded} events marked handled in the inbox)`,
        );
        different = 0;
      }
    } finally {
      await rebuilt.close();
    }
    return different === 0 ? 0 : 1;
  } finally {
    await live.close();
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A folder in use: its message says what to do; a stack would bury it.
    console.error(
      error instanceof UsageError ||
        error instanceof DataFolderInUseError ||
        error instanceof ReadModelReplaceRefused
        ? error.message
        : error,
    );
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
