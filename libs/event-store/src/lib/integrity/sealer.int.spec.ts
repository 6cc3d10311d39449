import { randomUUID } from 'node:crypto';
import { openPgliteEventStore } from '../adapters/pglite';
import { events } from '../../test/builders';
import { startSealer } from './sealer';

describe('background sealer', () => {
  it('seals what is appended while it runs, and the log then verifies with nothing unsealed', async () => {
    const store = await openPgliteEventStore();
    const sealer = startSealer(store.integrity, { intervalMs: 20, maxEventsPerSeal: 10 });
    try {
      for (let i = 0; i < 5; i += 1) await store.append(`client-${randomUUID()}`, 0, events(7));
      const deadline = Date.now() + 30_000;
      let report = await store.integrity.verify();
      while (report.unsealedEvents > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        report = await store.integrity.verify();
      }
      expect(report).toMatchObject({ ok: true, eventsChecked: 35, unsealedEvents: 0 });
      expect(report.sealsChecked).toBeGreaterThanOrEqual(4);
    } finally {
      await sealer.stop();
      await store.close();
    }
  });

  it('reports a failed round and tries again at the next tick', async () => {
    const store = await openPgliteEventStore();
    let calls = 0;
    const failing = {
      sealAll: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('database unavailable')) : store.integrity.sealAll();
      },
    } as unknown as typeof store.integrity;
    const errors: unknown[] = [];
    const sealer = startSealer(failing, { intervalMs: 10, onError: (error) => errors.push(error) });
    try {
      while (calls < 3) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(errors).toHaveLength(1);
    } finally {
      await sealer.stop();
      await store.close();
    }
  });
});
