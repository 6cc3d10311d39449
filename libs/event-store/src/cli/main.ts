/**
 * `event-store`: the event store's command line.
 *   demo    append a fictional referral journey to the embedded store, read it back, seal and verify it
 *   seal    seal every committed event not yet sealed
 *   verify  check every stream's hash chain and every seal; exit 1 when anything was tampered with
 * The store is PGlite in --data-dir (default ./data/event-store) or PostgreSQL at --database-url.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPgliteEventStore } from '../lib/adapters/pglite';
import { openPostgresEventStore } from '../lib/adapters/postgres';
import type { EventMetadata } from '../lib/event-store.port';
import type { IntegrityReport } from '../lib/integrity/integrity-report';
import type { SqlEventStore } from '../lib/sql/sql-event-store';

const USAGE = `usage: event-store <demo|seal|verify> [--data-dir DIR | --database-url URL] [--json] [--out FILE]`;

async function openStore(options: { 'data-dir'?: string; 'database-url'?: string }): Promise<SqlEventStore> {
  const url = options['database-url'];
  if (url) return openPostgresEventStore({ connectionString: url, migrate: false, appRole: null });
  return openPgliteEventStore({ dataDir: resolve(options['data-dir'] ?? 'data/event-store') });
}

function printReport(report: IntegrityReport): void {
  const line = (label: string, value: string | number) => {
    console.log(`  ${label.padEnd(18)} ${value}`);
  };
  console.log(report.ok ? 'Integrity: OK' : 'Integrity: PROBLEMS FOUND');
  line('events checked', report.eventsChecked);
  line('streams checked', report.streamsChecked);
  line('seals checked', report.sealsChecked);
  line('unsealed events', report.unsealedEvents);
  for (const [kind, count] of Object.entries(report.problemCounts)) line(kind, count);
  for (const problem of report.problems) {
    const where =
      problem.sealNumber !== undefined
        ? `seal ${problem.sealNumber}`
        : `${problem.streamId ?? ''} v${problem.streamVersion ?? '?'}`;
    console.log(`  - ${problem.kind} (${problem.check}) at ${where}: ${problem.detail}`);
  }
}

async function demo(store: SqlEventStore): Promise<void> {
  // A fictional Link Worker in a fictional organization: no real person's data.
  const organizationId = 'org-demo-health-authority';
  const meta = (): EventMetadata => ({
    organizationId,
    actor: { subject: 'demo-link-worker', organizationId, roles: ['link-worker'] },
    purposeOfUse: 'care',
    correlationId: randomUUID(),
  });
  const streamId = `client-${randomUUID()}`;
  const appended = await store.append(streamId, 0, [
    {
      type: 'clients.ClientReferred',
      data: { referrer: 'demo-family-physician', needs: ['food', 'social'] },
      metadata: meta(),
    },
    {
      type: 'clients.ConsentRecorded',
      data: { purpose: 'care', recipient: organizationId },
      metadata: meta(),
    },
  ]);
  await store.append(streamId, appended.nextExpectedVersion, [
    { type: 'clients.ClientContacted', data: { channel: 'phone' }, metadata: meta() },
  ]);
  const read = await store.readStream(streamId);
  console.log(`Appended and read back ${read.length} events of ${streamId}:`);
  for (const event of read) {
    console.log(
      `  v${event.streamVersion} ${event.type.padEnd(26)} position ${event.globalPosition}  hash ${event.hash.slice(0, 12)}…`,
    );
  }
  const seals = await store.integrity.sealAll();
  console.log(`Sealed the log (${seals} new seal${seals === 1 ? '' : 's'}).`);
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (command !== 'demo' && command !== 'seal' && command !== 'verify') {
    console.error(USAGE);
    return 2;
  }
  const store = await openStore(values);
  try {
    if (command === 'demo') await demo(store);
    if (command === 'seal') console.log(`Wrote ${await store.integrity.sealAll()} seal(s).`);
    const report = await store.integrity.verify();
    if (values.out) await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report);
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`event-store: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
