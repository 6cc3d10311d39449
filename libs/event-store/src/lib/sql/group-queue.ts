interface Queued<I, O> {
  readonly item: I;
  readonly resolve: (result: O) => void;
  readonly reject: (error: unknown) => void;
}

/** How many items went through a {@link GroupQueue}, and in how many flushes. */
export interface GroupQueueStats {
  readonly items: number;
  readonly flushes: number;
}

/**
 * Shares one piece of work among concurrent callers (a group commit, a round trip): the first caller
 * flushes what is queued; callers that come while a flush runs wait for the next one, which takes
 * all of them (never one that started before they came). Each caller's promise settles with its own
 * outcome of the flush; a flush that throws rejects every caller in it.
 */
export class GroupQueue<I, O> {
  private queued: Queued<I, O>[] = [];
  private flushing = false;
  private items = 0;
  private flushes = 0;

  constructor(
    private readonly flush: (items: readonly I[]) => Promise<readonly PromiseSettledResult<O>[]>,
    private readonly maxGroup = Number.POSITIVE_INFINITY,
  ) {}

  push(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      if (!this.flushing) void this.drain();
    });
  }

  stats(): GroupQueueStats {
    return { items: this.items, flushes: this.flushes };
  }

  private async drain(): Promise<void> {
    this.flushing = true;
    // Callers of the same tick join the first flush.
    await Promise.resolve();
    while (this.queued.length > 0) {
      const group = this.queued.splice(0, this.maxGroup);
      this.items += group.length;
      this.flushes += 1;
      try {
        const outcomes = await this.flush(group.map((queued) => queued.item));
        group.forEach((queued, index) => {
          const outcome = outcomes[index];
          if (outcome?.status === 'fulfilled') queued.resolve(outcome.value);
          else queued.reject(outcome?.reason ?? new Error('The flush gave this item no outcome'));
        });
      } catch (error) {
        for (const queued of group) queued.reject(error);
      }
    }
    this.flushing = false;
  }
}
