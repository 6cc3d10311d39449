/**
 * The transactions of one store that take the event log lock, one at a time: the others of the
 * process wait here, in order, rather than as database connections queued on the lock. Queued on the
 * lock, each held a pooled connection (leaving none for the relay's reads), and together they
 * appended more slowly than taking turns here (docs/benchmarks.md, "Event store"). The lock still
 * orders appends across processes; this only keeps a process from racing itself for it.
 *
 * A wait here is bounded as the lock's own is: a turn that has not come within `timeoutMs` (0: no
 * bound) is given up with the caller's error, and nothing of it reaches the database.
 */
export class LogTurns {
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly timeoutMs: number) {}

  async run<T>(work: () => Promise<T>, timedOut: () => Error): Promise<T> {
    const previous = this.last;
    let done!: () => void;
    this.last = new Promise<void>((resolve) => {
      done = resolve;
    });
    try {
      await this.turnOf(previous);
    } catch (error) {
      // Given up: the next in line still waits for the one before this.
      void previous.then(done);
      throw error instanceof TurnTimedOut ? timedOut() : error;
    }
    try {
      return await work();
    } finally {
      done();
    }
  }

  private turnOf(previous: Promise<void>): Promise<void> {
    if (this.timeoutMs <= 0) return previous;
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      previous,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new TurnTimedOut());
        }, this.timeoutMs);
      }),
    ]).finally(() => {
      clearTimeout(timer);
    });
  }
}

class TurnTimedOut extends Error {}
