import { PGlite } from '@electric-sql/pglite';
import { PgliteSqlClient } from '@spn/event-store';
import { READ_MODEL_MIGRATIONS_TABLE } from '@spn/messaging';
import { migrateProjection } from '@spn/service-kit';
import { CLIENTS_MIGRATIONS, clientsProjection } from './clients.projection';

describe('clients read model: numbered migrations', () => {
  it('brings a store from before the numbering to the last migration, its rows kept', async () => {
    const db = new PgliteSqlClient(await PGlite.create(), true);
    try {
      // The tables as the first release made them (migration 1), with a client, and nothing recorded.
      await db.exec(CLIENTS_MIGRATIONS[0] ?? '');
      await db.query(
        `INSERT INTO clients_client (client_id, organization_id, first_referred_at, last_referred_at, referrals,
           needs, urgency, date_of_birth)
         VALUES ('client-1', 'org-1', '2026-01-01', '2026-01-01', 1, '{food}', 'routine', '1980-01-02')`,
      );

      const ran = await migrateProjection(db, 'clients', clientsProjection);

      expect(ran).toEqual(CLIENTS_MIGRATIONS.map((_, index) => index + 1));
      expect(
        await db.query(
          `SELECT client_id, needs, erased_at, communication, circle_of_support, date_of_birth
           FROM clients_client`,
        ),
      ).toEqual([
        {
          client_id: 'client-1',
          needs: ['food'],
          erased_at: null,
          communication: null,
          circle_of_support: [],
          // A date no more: personal values are kept sealed, as text.
          date_of_birth: '1980-01-02',
        },
      ]);
      const recorded = await db.query<{ version: number }>(
        `SELECT version FROM ${READ_MODEL_MIGRATIONS_TABLE} WHERE read_model = 'clients.read-model'
         ORDER BY version`,
      );
      expect(recorded.map((row) => row.version)).toEqual(CLIENTS_MIGRATIONS.map((_, index) => index + 1));
      // The next start runs nothing.
      expect(await migrateProjection(db, 'clients', clientsProjection)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
