/**
 * The audited read at the store, on PostgreSQL (`npm run bench`): what a subgraph's `caseload` asks of
 * the store per request, the keys of 20 clients to open their rows and one access record appended
 * before the answer, with BENCH_CONCURRENCY reads in flight (default 8). The store as shipped (keys
 * cached, records in group commits) against one with both off, two stores on one database, in
 * alternating rounds. Writes bench-results/read-path-store.json.
 */
import { compareRates, createTestDatabase, resolvePostgres, writeBenchResults } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { LocalKeyEncryptionKeys, openPostgresEventStore, type SqlEventStore } from '../src';
import { event } from '../src/test/builders';

const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const READS_PER_ROUND = 800;
const ROUNDS = 6;
const ORG = 'org-north-health';

/** `count` audited reads of the caseload's 20 subjects, CONCURRENCY at a time. */
async function auditedReads(
  store: SqlEventStore,
  subjects: readonly string[],
  count: number,
  group: boolean,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next += 1;
        const keys = await store.keys.keysOf(subjects);
        if (keys.size !== subjects.length) throw new Error('a key of the caseload is missing');
        const record = event(next, {
          type: 'clients.PersonalDataAccessed',
          data: { operation: 'Query.caseload', resourceType: 'Client', resourceIds: [...subjects] },
        });
        await store.append(`audit-bench-${next % CONCURRENCY}`, 'any', [record], { group });
      }
    }),
  );
}

async function main(): Promise<void> {
  const server = await resolvePostgres();
  const database = await createTestDatabase('spn_bench_read_path', server.url);
  const keyEncryptionKeys = LocalKeyEncryptionKeys.generate();
  const shipped = await openPostgresEventStore({ connectionString: database.url, keyEncryptionKeys });
  const baseline = await openPostgresEventStore({
    connectionString: database.url,
    keyEncryptionKeys,
    dataKeyCacheSize: 0,
  });
  try {
    const subjects = Array.from({ length: 20 }, () => randomUUID());
    for (const subjectId of subjects) await shipped.keys.encrypt(subjectId, ORG, ['fictional']);
    await auditedReads(shipped, subjects, 200, true); // warm-up
    await auditedReads(baseline, subjects, 200, false);
    const comparison = await compareRates({
      rounds: ROUNDS,
      itemsPerCall: READS_PER_ROUND,
      subject: () => auditedReads(shipped, subjects, READS_PER_ROUND, true),
      baseline: () => auditedReads(baseline, subjects, READS_PER_ROUND, false),
    });
    const results = {
      node: process.version,
      concurrency: CONCURRENCY,
      auditedReadsPerSecond: comparison,
      keyCache: shipped.keys.cacheStats(),
      groupCommit: shipped.groupCommitStats(),
    };
    console.log('read path at the store', JSON.stringify(results));
    console.log(`written to ${await writeBenchResults('read-path-store', results)}`);
  } finally {
    await shipped.close();
    await baseline.close();
    await database.drop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
