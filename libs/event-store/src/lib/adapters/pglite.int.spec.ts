import { PGlite } from '@electric-sql/pglite';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events, newStreamId } from '../../test/builders';
import { eventStoreContract } from '../../test/event-store.contract';
import { DEFAULT_APP_ROLE } from '../sql/schema';
import type { SqlQueryable } from '../sql/sql-client';
import { openPgliteEventStore } from './pglite';

/** PGlite has one session: owner access is the superuser role, taken and given back around each call. */
function asRole(db: PGlite, role: string | null): SqlQueryable {
  const within = async <T>(work: () => Promise<T>): Promise<T> => {
    await db.exec(role ? `SET ROLE ${role}` : 'RESET ROLE');
    try {
      return await work();
    } finally {
      await db.exec(`SET ROLE ${DEFAULT_APP_ROLE}`);
    }
  };
  return {
    query: (sql, params) => within(async () => (await db.query(sql, params as unknown[])).rows as never),
    exec: (sql) =>
      within(async () => {
        await db.exec(sql);
      }),
  };
}

eventStoreContract(
  'PGlite',
  async (options) => {
    const db = await PGlite.create();
    const store = await openPgliteEventStore({ ...options, pglite: db });
    return {
      store,
      owner: asRole(db, null),
      asAppRole: asRole(db, DEFAULT_APP_ROLE),
      close: async () => {
        await store.close();
        await db.close();
      },
    };
  },
  { concurrentTransactions: false },
);

describe('PGlite on local disk', () => {
  it('keeps events across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-pglite-'));
    try {
      const streamId = newStreamId();
      const first = await openPgliteEventStore({ dataDir });
      await first.append(streamId, 0, events(3));
      await first.close();

      const second = await openPgliteEventStore({ dataDir });
      const read = await second.readStream(streamId);
      await second.close();
      expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
