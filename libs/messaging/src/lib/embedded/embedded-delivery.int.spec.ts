import { deliverySuite, openPipeline, type TransportFixture } from '../../test/delivery-suite';
import { until } from '@spn/testing';
import { appendReferrals } from '../../test/projection';
import { EmbeddedTransport } from './embedded-transport';

const embedded: TransportFixture = {
  name: 'embedded',
  open: async (store, database, groupId) => ({
    transport: new EmbeddedTransport(store, database, { pollIntervalMs: 50 }),
    childEnv: { TRANSPORT: 'embedded' },
    deadLetters: async () =>
      database.query<{ eventId: string; error: string }>(
        `SELECT event_id::text AS "eventId", attempts || ' attempts: ' || error AS error
         FROM dead_letters WHERE consumer_group = $1`,
        [groupId],
      ),
    close: () => Promise.resolve(),
  }),
};

deliverySuite(embedded);

describe('embedded transport: redelivery', () => {
  it('has no second effect when the whole log is delivered again', async () => {
    const p = await openPipeline(embedded);
    try {
      const ids = await appendReferrals(p.store, 500);
      const first = await p.consume();
      await until(async () => (await p.effects(ids)).distinct === 500, 'the first delivery');
      await first.stop();
      // As if the consumer crashed after its projection committed and before its checkpoint did.
      await p.database.query('DELETE FROM subscription_checkpoints WHERE subscription_id = $1', [
        `consumer:${p.groupId}`,
      ]);
      const checkpoint = async () => {
        const [row] = await p.database.query<{ position: string }>(
          'SELECT global_position::text AS position FROM subscription_checkpoints WHERE subscription_id = $1',
          [`consumer:${p.groupId}`],
        );
        return Number(row?.position ?? 0);
      };
      const [head] = await p.database.query<{ position: string }>(
        'SELECT max(global_position)::text AS position FROM events',
      );
      // consume() resolves at once: wait until the group is back at the log's head, the 500 delivered again.
      const second = await p.consume();
      await until(async () => (await checkpoint()) >= Number(head?.position), 'the log delivered again');
      await second.stop();
      expect(await checkpoint()).toBeGreaterThan(0);
      expect(await p.effects(ids)).toEqual({ rows: 500, distinct: 500 });
      const [inbox] = await p.database.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM inbox WHERE consumer_group = $1',
        [p.groupId],
      );
      expect(Number(inbox?.n)).toBe(500);
    } finally {
      await p.close();
    }
  });
});
