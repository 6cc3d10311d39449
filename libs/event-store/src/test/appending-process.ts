/**
 * A process that owns a PGlite store (STORE_DIR) and appends one event at a time until SIGTERM, saying
 * `accepted <event id>` once each append resolved: the folder-lock test counts these across a restart.
 * A store it cannot open ends it with exit code 3 and the reason on stderr.
 */
import { openPgliteEventStore } from '../lib/adapters/pglite';
import type { SqlEventStore } from '../lib/sql/sql-event-store';
import { event } from './builders';

async function main(): Promise<void> {
  const dataDir = process.env['STORE_DIR'];
  const streamId = process.env['STREAM_ID'];
  if (!dataDir || !streamId) throw new Error('STORE_DIR and STREAM_ID are required');
  let store: SqlEventStore;
  try {
    store = await openPgliteEventStore({ dataDir });
  } catch (error) {
    console.error(`refused: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exit(3);
  }
  const stop = new AbortController();
  process.once('SIGTERM', () => {
    stop.abort();
  });
  console.log(`appender ready ${process.pid}`);
  for (let n = 1; !stop.signal.aborted; n += 1) {
    const next = event(n);
    await store.append(streamId, 'any', [next]);
    console.log(`accepted ${next.eventId ?? ''}`);
    await new Promise((pause) => setTimeout(pause, 20));
  }
  await store.close();
  console.log('appender stopped');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
