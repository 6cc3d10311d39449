import { LOG_START, type LogCheckpoint, type ReadLogResult } from '../event-store.port';
import { SharedLogReads } from './subscription';

/** A log whose reads are counted, and whose head moves when the test appends. */
function countedLog() {
  const log = { reads: 0, head: 0 };
  const readLog = (from: LogCheckpoint): Promise<ReadLogResult> => {
    log.reads += 1;
    const seen = log.head;
    return Promise.resolve({
      events: [],
      checkpoint: { transactionId: String(seen), globalPosition: Math.max(seen, from.globalPosition) },
    });
  };
  return { log, readLog };
}

describe('SharedLogReads', () => {
  it('sends one read for the subscribers that ask for the same page in the same turn', async () => {
    // Given thirty subscribers at the log's head, woken by one append
    const { log, readLog } = countedLog();
    const shared = new SharedLogReads(readLog);

    // When each asks for the next page
    const pages = await Promise.all(Array.from({ length: 30 }, () => shared.read(LOG_START, 500)));

    // Then one read answers them all
    expect(log.reads).toBe(1);
    expect(new Set(pages).size).toBe(1);
  });

  it('sends another read for a subscriber that asks once the first was sent, which sees what came since', async () => {
    const { log, readLog } = countedLog();
    const shared = new SharedLogReads(readLog);
    const first = shared.read(LOG_START, 500);
    await first;

    log.head = 7; // an append committed after the first read went out
    const second = await shared.read(LOG_START, 500);

    expect(log.reads).toBe(2);
    expect(second.checkpoint.globalPosition).toBe(7);
  });

  it('does not share reads of other pages or other sizes', async () => {
    const { log, readLog } = countedLog();
    const shared = new SharedLogReads(readLog);
    await Promise.all([
      shared.read(LOG_START, 500),
      shared.read(LOG_START, 100),
      shared.read({ transactionId: '5', globalPosition: 5 }, 500),
    ]);
    expect(log.reads).toBe(3);
  });
});
