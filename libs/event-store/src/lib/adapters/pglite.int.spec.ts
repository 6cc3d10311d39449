import { PGlite } from '@electric-sql/pglite';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
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
  it('keeps events, and the seal key beside the data, across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-pglite-'));
    const keyFolder = `${dataDir}-seal-key`;
    try {
      const streamId = newStreamId();
      const first = await openPgliteEventStore({ dataDir });
      await first.append(streamId, 0, events(3));
      expect(await first.integrity.sealAll()).toBe(1);
      const keyId = first.integrity.sealPublicKeyId;
      await first.close();
      // Made on first start, outside the data folder; the private key readable by its owner only.
      expect((await stat(join(keyFolder, 'seal-signing.pem'))).mode & 0o777).toBe(0o600);
      expect(await readdir(keyFolder)).toEqual(['seal-signing.pem', 'seal-signing.pub.pem']);

      const second = await openPgliteEventStore({ dataDir });
      const read = await second.readStream(streamId);
      const report = await second.integrity.verify();
      await second.close();
      expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(report).toMatchObject({ ok: true, sealsChecked: 1, sealPublicKeyId: keyId });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      await rm(keyFolder, { recursive: true, force: true });
    }
  });
});
