import { PGlite } from '@electric-sql/pglite';
import {
  LocalKeyEncryptionKeys,
  openPgliteEventStore,
  type EventMetadata,
  type SqlEventStore,
} from '@spn/event-store';
import { randomUUID } from 'node:crypto';
import { tally, TallyError } from '../../test/tally';
import { subjectOfStream } from '../privacy/personal-data';
import { handleCommand } from './handle-command';

const metadata: EventMetadata = {
  organizationId: 'org-north-health',
  actor: { subject: 'user-link-worker-1', organizationId: 'org-north-health', roles: ['link-worker'] },
  purposeOfUse: 'care',
  correlationId: randomUUID(),
};

describe('handling a command: load, decide, append (on PGlite)', () => {
  let store: SqlEventStore;
  let streamId: string;
  beforeEach(async () => {
    store = await openPgliteEventStore();
    streamId = `tally-${randomUUID()}`;
    await handleCommand(store, tally, streamId, { kind: 'open', limit: 10 }, { metadata });
  });
  afterEach(async () => {
    await store.close();
  });

  it('appends what the decider decided, with the envelope, at the version it loaded', async () => {
    const result = await handleCommand(store, tally, streamId, { kind: 'add', amount: 3 }, { metadata });
    expect(result).toMatchObject({ nextExpectedVersion: 2, replayed: false, state: { total: 3 } });
    const stored = await store.readStream(streamId);
    expect(stored.map((e) => [e.streamVersion, e.type, e.data])).toEqual([
      [1, 'tests.TallyOpened', { limit: 10 }],
      [2, 'tests.TallyAdded', { amount: 3 }],
    ]);
    expect(stored[1]?.metadata).toEqual(metadata);
  });

  it('writes nothing when the domain refuses, and says which field', async () => {
    const refusal = handleCommand(store, tally, streamId, { kind: 'add', amount: 11 }, { metadata });
    await expect(refusal).rejects.toBeInstanceOf(TallyError);
    await expect(refusal).rejects.toMatchObject({ code: 'OVER_LIMIT', field: 'amount' });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('refuses a stream of another organization as if it did not exist, and decides nothing', async () => {
    const other = { ...metadata, organizationId: 'org-south-health' };
    const refusal = handleCommand(store, tally, streamId, { kind: 'add', amount: 1 }, { metadata: other });
    await expect(refusal).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const custom = handleCommand(
      store,
      tally,
      streamId,
      { kind: 'add', amount: 1 },
      { metadata: other, notFound: () => new TallyError('NO_TALLY', 'no such tally', 'tallyId') },
    );
    await expect(custom).rejects.toMatchObject({ code: 'NO_TALLY', field: 'tallyId' });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('decides again when another writer got there first: 10 concurrent commands, no gap, none lost', async () => {
    await Promise.all(
      Array.from({ length: 10 }, () =>
        handleCommand(store, tally, streamId, { kind: 'add', amount: 1 }, { metadata, maxAttempts: 20 }),
      ),
    );
    const stored = await store.readStream(streamId);
    expect(stored.map((e) => e.streamVersion)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it('answers a retried command (same command id) with what it stored, and appends nothing', async () => {
    const commandId = randomUUID();
    const first = await handleCommand(
      store,
      tally,
      streamId,
      { kind: 'add', amount: 6 },
      { metadata, commandId },
    );
    // Deciding again would be refused (6 + 6 > 10): the retry must not decide at all.
    const retry = await handleCommand(
      store,
      tally,
      streamId,
      { kind: 'add', amount: 6 },
      { metadata, commandId },
    );
    expect(retry).toMatchObject({ replayed: true, nextExpectedVersion: 2, events: first.events });
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('keeps one command id apart on two streams: each stream stores its own events, neither refused', async () => {
    const commandId = 'command-1';
    const other = `${streamId}-other`;
    await handleCommand(store, tally, other, { kind: 'open', limit: 10 }, { metadata });
    const mine = await handleCommand(
      store,
      tally,
      streamId,
      { kind: 'add', amount: 2 },
      { metadata, commandId },
    );
    const theirs = await handleCommand(
      store,
      tally,
      other,
      { kind: 'add', amount: 3 },
      { metadata, commandId },
    );
    expect([mine.replayed, theirs.replayed]).toEqual([false, false]);
    const [stored, storedOther] = [await store.readStream(streamId), await store.readStream(other)];
    expect(stored).toHaveLength(2);
    expect(storedOther).toHaveLength(2);
    expect(storedOther[1]?.data).toEqual({ amount: 3 });
    expect(storedOther[1]?.eventId).not.toBe(stored[1]?.eventId);
  });
});

describe('a command that erases its subject: the key destroyed with its events, both or neither', () => {
  let db: PGlite;
  let store: SqlEventStore;
  let streamId: string;
  let subject: string;
  beforeEach(async () => {
    db = await PGlite.create();
    store = await openPgliteEventStore({ pglite: db, keyEncryptionKeys: LocalKeyEncryptionKeys.generate() });
    streamId = `tally-${randomUUID()}`;
    subject = subjectOfStream(streamId);
    await handleCommand(store, tally, streamId, { kind: 'open', limit: 10 }, { metadata });
    await store.keys.encrypt(subject, metadata.organizationId, ['a personal value']);
  });
  afterEach(async () => {
    await store.close();
    await db.close();
  });
  const keyState = async () =>
    (
      await db.query<{ live: boolean; destroyed_reason: string | null }>(
        'SELECT data_key IS NOT NULL AS live, destroyed_reason FROM personal_data_keys WHERE subject_id = $1',
        [subject],
      )
    ).rows;

  it('a fault in the append, after the key was destroyed in its transaction, leaves both undone; the retry does both once', async () => {
    await db.exec(`RESET ROLE;
      CREATE FUNCTION refuse_tally() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected fault'; END $$;
      CREATE TRIGGER refuse_tally BEFORE INSERT ON events FOR EACH ROW
        WHEN (NEW.event_type = 'tests.TallyAdded') EXECUTE FUNCTION refuse_tally();
      SET ROLE spn_store;`);
    const commandId = randomUUID();
    const erase = () =>
      handleCommand(
        store,
        tally,
        streamId,
        { kind: 'add', amount: 1 },
        { metadata, commandId, erasure: { reason: 'asked by the client' } },
      );
    await expect(erase()).rejects.toThrow('injected fault');
    expect(await keyState()).toEqual([{ live: true, destroyed_reason: null }]);
    expect(await store.readStream(streamId)).toHaveLength(1);

    await db.exec('RESET ROLE; DROP TRIGGER refuse_tally ON events; SET ROLE spn_store;');
    expect(await erase()).toMatchObject({ replayed: false, nextExpectedVersion: 2 });
    expect(await erase()).toMatchObject({ replayed: true, nextExpectedVersion: 2 });
    expect(await keyState()).toEqual([{ live: false, destroyed_reason: 'asked by the client' }]);
    expect((await store.readStream(streamId)).map((event) => event.type)).toEqual([
      'tests.TallyOpened',
      'tests.TallyAdded',
    ]);
  });

  it('a refused command destroys nothing', async () => {
    const refusal = handleCommand(
      store,
      tally,
      streamId,
      { kind: 'add', amount: 11 },
      { metadata, erasure: { reason: 'asked by the client' } },
    );
    await expect(refusal).rejects.toMatchObject({ code: 'OVER_LIMIT' });
    expect(await keyState()).toEqual([{ live: true, destroyed_reason: null }]);
  });
});
