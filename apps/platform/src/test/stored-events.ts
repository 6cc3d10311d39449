import { LOG_START, type RecordedEvent } from '@spn/event-store';
import { loadConfig, openEventStore } from '@spn/service-kit';

/**
 * Every event in a stopped platform's store, in log order: the end-to-end tests read what was written
 * once the services have stopped (PGlite admits one process at a time).
 */
export async function storedEvents(env: Readonly<Record<string, string>>): Promise<RecordedEvent[]> {
  const store = await openEventStore(loadConfig({ ...env, SPN_SEALER: 'off' }));
  try {
    const events: RecordedEvent[] = [];
    for (let checkpoint = LOG_START; ;) {
      const page = await store.readLog(checkpoint, 1000);
      if (page.events.length === 0) return events;
      events.push(...page.events);
      checkpoint = page.checkpoint;
    }
  } finally {
    await store.close();
  }
}
