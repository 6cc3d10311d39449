import { LRUCache } from 'lru-cache';
import { GroupQueue, type GroupQueueStats } from '../sql/group-queue';
import { DATA_KEYS_CHANNEL } from '../sql/schema';
import type { ChannelListener, SqlClient } from '../sql/sql-client';

/** Default bound of the cache, in keys (32 bytes each, with the LRU's own bookkeeping). */
export const DEFAULT_DATA_KEY_CACHE_SIZE = 10_000;

/** What the cache did: keys served from it, read from the database, and read past it (not listening). */
export interface DataKeyCacheStats {
  readonly enabled: boolean;
  readonly hits: number;
  readonly misses: number;
  /** Keys read from the database while the listening connection was down (nothing cached). */
  readonly bypassed: number;
  /** Entries evicted by an erasure's notification, or the whole cache by an interruption. */
  readonly evictions: number;
  /** The round trips that made sure no erasure was still on its way, and the reads that shared them. */
  readonly syncs: GroupQueueStats;
}

/** Opened keys of subjects, as {@link KeyVault} reads them: `null` for a destroyed key. */
export type ReadKeys = (subjectIds: readonly string[]) => Promise<Map<string, Buffer | null>>;

/**
 * Opened data keys kept in memory (bounded, least recently used out first), never served after their
 * subject's erasure, from any process:
 *
 * - the erasure's transaction NOTIFYs {@link DATA_KEYS_CHANNEL} with the subject id; every store
 *   listens on it and evicts the subject's key;
 * - before serving from the cache, a read makes one round trip on that listening connection (shared
 *   by every read waiting for one): PostgreSQL answers it after the notifications it holds, so an
 *   erasure committed before the read began has been evicted by then, not merely sent;
 * - the listening connection down: the round trip fails and keys are read from the database; dropped
 *   and back, the whole cache is cleared (a notification sent meanwhile is lost);
 * - a key read from the database is kept only if nothing was evicted while it was read (an erasure
 *   between that read and its keeping would otherwise leave the destroyed key behind).
 *
 * Only live keys are kept: a destroyed or missing key is read from the database each time.
 */
export class DataKeyCache {
  private readonly entries: LRUCache<string, Buffer>;
  /** Moves on every eviction: a key read before it moved is not kept. */
  private epoch = 0;
  private listener: Promise<ChannelListener> | undefined;
  private closed = false;
  private readonly syncs = new GroupQueue<null, null>(async (reads) => {
    await (await this.listening()).sync();
    return reads.map(() => ({ status: 'fulfilled', value: null }));
  });
  private hits = 0;
  private misses = 0;
  private bypassed = 0;
  private evictions = 0;

  constructor(
    private readonly sql: SqlClient,
    size: number,
  ) {
    this.entries = new LRUCache<string, Buffer>({ max: size });
  }

  async keysOf(subjectIds: readonly string[], read: ReadKeys): Promise<Map<string, Buffer | null>> {
    const unique = [...new Set(subjectIds)];
    try {
      await this.syncs.push(null);
    } catch {
      this.bypassed += unique.length;
      return read(unique);
    }
    const epoch = this.epoch;
    const found = new Map<string, Buffer | null>();
    const missing: string[] = [];
    for (const subjectId of unique) {
      const key = this.entries.get(subjectId);
      if (key) found.set(subjectId, key);
      else missing.push(subjectId);
    }
    this.hits += found.size;
    this.misses += missing.length;
    if (missing.length === 0) return found;
    const keep = (subjectId: string, key: Buffer | null) => {
      if (key && this.epoch === epoch) this.entries.set(subjectId, key);
      found.set(subjectId, key);
    };
    for (const [subjectId, key] of await read(missing)) keep(subjectId, key);
    return found;
  }

  stats(): DataKeyCacheStats {
    return {
      enabled: true,
      hits: this.hits,
      misses: this.misses,
      bypassed: this.bypassed,
      evictions: this.evictions,
      syncs: this.syncs.stats(),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    this.entries.clear();
    await (await listener)?.close();
  }

  /** The listening connection, opened on first use. */
  private listening(): Promise<ChannelListener> {
    if (this.closed) return Promise.reject(new Error('The data key cache is closed'));
    this.listener ??= this.sql.follow(DATA_KEYS_CHANNEL, {
      notified: (subjectId) => {
        this.epoch += 1;
        if (this.entries.delete(subjectId)) this.evictions += 1;
      },
      interrupted: () => {
        this.epoch += 1;
        this.evictions += this.entries.size;
        this.entries.clear();
      },
    });
    return this.listener;
  }
}
