import { PGlite } from '@electric-sql/pglite';
import { CLIENT_REFERRED, createContractRegistry } from '@spn/contracts';
import { PgliteSqlClient, type SqlClient } from '@spn/event-store';
import { randomUUID } from 'node:crypto';
import type { IntegrationMessage } from '../integration-message';
import type { DeadLetter } from '../transport.port';
import { InboxConsumer, type BatchProjectionHandler, type ProjectionHandler } from './inbox-consumer';
import { migrateInbox } from './inbox-schema';

function message(overrides: Partial<IntegrationMessage> = {}): IntegrationMessage {
  return {
    eventId: randomUUID(),
    type: CLIENT_REFERRED,
    schemaVersion: 1,
    streamId: `client-${randomUUID()}`,
    streamVersion: 1,
    globalPosition: 1,
    organizationId: 'org-north-health',
    occurredAt: new Date().toISOString(),
    recordedAt: new Date().toISOString(),
    data: { clientId: 'client-1', referrerOrganizationId: 'org-clinic', needs: ['food'] },
    metadata: {
      organizationId: 'org-north-health',
      actor: { subject: 'user-1', organizationId: 'org-north-health', roles: ['link-worker'] },
      purposeOfUse: 'care',
      correlationId: randomUUID(),
    },
    ...overrides,
  };
}

describe('inbox consumer (given a message, when processed, then one effect)', () => {
  let db: PGlite;
  let sql: SqlClient;
  let letters: DeadLetter[];
  const applied = async () =>
    (await sql.query<{ event_id: string }>('SELECT event_id::text AS event_id FROM applied')).map(
      (r) => r.event_id,
    );

  const consumer = (handle: ProjectionHandler, maxAttempts = 3, handleBatch?: BatchProjectionHandler) =>
    new InboxConsumer({
      groupId: 'test-projection',
      database: sql,
      handle,
      ...(handleBatch && { handleBatch }),
      maxAttempts,
      contracts: createContractRegistry(),
      deadLetters: { send: async (letter) => void letters.push(letter) },
      sleep: async () => undefined,
    });
  const record: ProjectionHandler = async (m, tx) => {
    await tx.query('INSERT INTO applied (event_id, urgency) VALUES ($1, $2)', [m.eventId, m.data['urgency']]);
  };

  beforeEach(async () => {
    db = await PGlite.create();
    sql = new PgliteSqlClient(db, true);
    await migrateInbox(sql);
    // No unique key on purpose: a duplicate effect would show as a second row.
    await sql.exec('CREATE TABLE applied (event_id uuid NOT NULL, urgency text)');
    letters = [];
  });
  afterEach(async () => {
    await sql.close();
  });

  it('applies a message once, however often it is delivered', async () => {
    const m = message();
    const inbox = consumer(record);
    expect(await inbox.process(m)).toBe('applied');
    expect(await inbox.process(m)).toBe('duplicate');
    expect(await inbox.process(m)).toBe('duplicate');
    expect(await applied()).toEqual([m.eventId]);
  });

  it('upcasts to the newest contract version before the projection sees it', async () => {
    const m = message();
    await consumer(record).process(m);
    expect(await sql.query('SELECT urgency FROM applied')).toEqual([{ urgency: 'routine' }]);
  });

  it('rolls back a failed attempt with its inbox row, and retries it', async () => {
    let calls = 0;
    const flaky: ProjectionHandler = async (m, tx) => {
      await record(m, tx);
      if (++calls < 3) throw new Error('transient');
    };
    const m = message();
    expect(await consumer(flaky, 5).process(m)).toBe('applied');
    expect(calls).toBe(3);
    expect(await applied()).toEqual([m.eventId]);
  });

  it('dead-letters after N failed tries, marks it handled, and never sends it twice', async () => {
    const poison = message();
    const inbox = consumer(async () => {
      throw new Error('cannot project this');
    }, 4);
    expect(await inbox.process(poison)).toBe('dead-lettered');
    expect(await inbox.process(poison)).toBe('duplicate');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      attempts: 4,
      groupId: 'test-projection',
      error: 'Error: cannot project this',
    });
    expect(await sql.query('SELECT outcome FROM inbox')).toEqual([{ outcome: 'dead-lettered' }]);
  });

  it('dead-letters a message that breaks its contract at once, naming the field', async () => {
    const broken = message({ data: { clientId: 'client-1', needs: 'food' } });
    expect(await consumer(record).process(broken)).toBe('dead-lettered');
    expect(letters[0]?.attempts).toBe(1);
    expect(letters[0]?.error).toContain('referrerOrganizationId');
    expect(await applied()).toEqual([]);
  });

  it("passes a context's internal event (no contract) to the projection as it was stored", async () => {
    const internal = message({ type: 'clients.SupportPersonRemoved', data: { personId: 'p-1' } });
    expect(await consumer(record).process(internal)).toBe('applied');
    expect(letters).toEqual([]);
    expect(await applied()).toEqual([internal.eventId]);
  });

  describe.each([
    { how: 'one message at a time', batched: false },
    { how: "by the projection's batch handler", batched: true },
  ])('a batch (one transaction for a run of messages), applied $how', ({ batched }) => {
    /** The runs the batch handler was given, by event id. */
    let runs: string[][];
    beforeEach(() => {
      runs = [];
    });
    const inboxOf = (handle: ProjectionHandler) =>
      consumer(
        handle,
        3,
        batched
          ? async (messages, tx) => {
              runs.push(messages.map((m) => m.eventId));
              for (const m of messages) await handle(m, tx);
            }
          : undefined,
      );

    it('applies each once: one applied before, one twice within the batch', async () => {
      const [a, b, c] = [message(), message(), message()];
      const inbox = inboxOf(record);
      await inbox.process(a);
      expect(await inbox.processBatch([a, b, b, c])).toEqual([
        'duplicate',
        'applied',
        'duplicate',
        'applied',
      ]);
      expect((await applied()).sort()).toEqual([a.eventId, b.eventId, c.eventId].sort());
      // The batch handler gets the run's new messages, in order, once each.
      expect(runs).toEqual(batched ? [[b.eventId, c.eventId]] : []);
    });

    it('falls back to one by one when a message fails: the rest applied, the poison dead-lettered', async () => {
      const [a, poison, c] = [message(), message(), message()];
      const inbox = inboxOf(async (m, tx) => {
        if (m.eventId === poison.eventId) throw new Error('cannot project this');
        await record(m, tx);
      });
      expect(await inbox.processBatch([a, poison, c])).toEqual(['applied', 'dead-lettered', 'applied']);
      expect((await applied()).sort()).toEqual([a.eventId, c.eventId].sort());
      expect(letters.map((l) => [l.message.eventId, l.attempts])).toEqual([[poison.eventId, 3]]);
    });

    it('dead-letters a message that breaks its contract and applies the others', async () => {
      const broken = message({ data: { clientId: 'client-1', needs: 'food' } });
      const fine = message();
      expect(await inboxOf(record).processBatch([broken, fine])).toEqual(['dead-lettered', 'applied']);
      expect(await applied()).toEqual([fine.eventId]);
      expect(letters).toHaveLength(1);
    });
  });
});
