import { PGlite } from '@electric-sql/pglite';
import { openPgliteEventStore, type SqlEventStore } from '@spn/event-store';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/caller';
import { PersonalData } from '../privacy/personal-data';
import { accessEventType } from '@spn/contracts';
import { AccessAudit } from './access-audit';
import { bindLedger, ledgerOfRequest } from './disclosure-ledger';

const SERVICE = 'clients';

/** A fictional link worker reading one client's file, with a request ledger of its own. */
function linkWorker(): { caller: Caller; ledger: string[] } {
  const caller: Caller = {
    subject: `user-${randomUUID()}`,
    organizationId: 'org-north-health',
    roles: ['link-worker'],
    kind: 'user',
    clientId: 'web-console',
    purposeOfUse: 'care',
    correlationId: randomUUID(),
  };
  const request = {};
  bindLedger(caller, request);
  return { caller, ledger: ledgerOfRequest(request) };
}

describe('access records of concurrent reads, in group commits (PGlite)', () => {
  let db: PGlite;
  let store: SqlEventStore;
  let audit: AccessAudit;
  beforeEach(async () => {
    db = await PGlite.create();
    store = await openPgliteEventStore({ pglite: db });
    audit = new AccessAudit(store, SERVICE, new PersonalData(store.keys, {}), { groupCommit: true });
  });
  afterEach(async () => {
    await store.close();
    await db.close();
  });

  /** The access records stored, and how many transactions stored them. */
  async function records(): Promise<{ records: number; transactions: number }> {
    const { rows } = await db.query<{ records: number; transactions: number }>(
      `SELECT count(*)::int AS records, count(DISTINCT transaction_id)::int AS transactions
       FROM events WHERE event_type = $1`,
      [accessEventType(SERVICE)],
    );
    return rows[0] ?? { records: 0, transactions: 0 };
  }

  it('stores N reads’ records in fewer transactions, each read noted only once its record is stored', async () => {
    const reads = Array.from({ length: 25 }, linkWorker);
    await Promise.all(
      reads.map(({ caller }) => audit.disclosed(caller, 'Query.client', 'Client', [randomUUID()])),
    );
    expect(reads.every(({ ledger }) => ledger.length === 1)).toBe(true);
    const stored = await records();
    expect(stored.records).toBe(25);
    expect(stored.transactions).toBeLessThan(25);
    expect(store.groupCommitStats()).toEqual({ items: 25, flushes: stored.transactions });
  });

  it('fails every read of a group whose commit fails, and notes none of them as recorded', async () => {
    // The fault: the commit itself refuses (a deferred trigger), when one record of it names this client.
    const refused = randomUUID();
    await db.exec(`RESET ROLE;
      CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected commit fault'; END $$;
      CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (NEW.data->'resourceIds' ? '${refused}') EXECUTE FUNCTION refuse_commit();
      SET ROLE spn_store;`);
    const reads = Array.from({ length: 8 }, linkWorker);
    const outcomes = await Promise.allSettled(
      reads.map(({ caller }, index) =>
        audit.disclosed(caller, 'Query.client', 'Client', [index === 3 ? refused : randomUUID()]),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(reads.map(() => 'rejected'));
    expect(reads.every(({ ledger }) => ledger.length === 0)).toBe(true);
    expect(await records()).toEqual({ records: 0, transactions: 0 });
    expect(store.groupCommitStats()).toEqual({ items: 8, flushes: 1 });
  });
});
