import {
  DataKeyMissingError,
  LocalKeyEncryptionKeys,
  openPgliteEventStore,
  SubjectErasedError,
  type SqlEventStore,
} from '@spn/event-store';
import type { IntegrationMessage } from '@spn/messaging';
import { PersonalData, subjectOfEvent, subjectOfStream } from './personal-data';

const FIELDS = { 'tests.DetailsGiven': ['name', 'notes'] };
const details = (name: string) => ({
  type: 'tests.DetailsGiven',
  data: { name, notes: ['likes gardening'], needs: ['food'] },
});

describe('personal data sealed per subject (crypto-shredding), on PGlite', () => {
  let store: SqlEventStore;
  let personal: PersonalData;
  beforeEach(async () => {
    store = await openPgliteEventStore({ keyEncryptionKeys: LocalKeyEncryptionKeys.generate() });
    personal = new PersonalData(store.keys, FIELDS);
  });
  afterEach(async () => {
    await store.close();
  });

  it('encrypts only the personal fields, and opens them again', async () => {
    const [sealed] = await personal.seal('c-1', 'org-a', [details('Wilhelmina Ostrovsky')]);
    expect(JSON.stringify(sealed)).not.toMatch(/Wilhelmina|Ostrovsky|gardening/);
    expect(sealed?.data['needs']).toEqual(['food']); // not personal: in clear
    expect(sealed?.data['name']).toMatch(/^pd1:/);
    expect(await personal.open('c-1', [sealed!])).toEqual([details('Wilhelmina Ostrovsky')]);
    // The same value twice gives two ciphertexts (a fresh IV each time).
    const [again] = await personal.seal('c-1', 'org-a', [details('Wilhelmina Ostrovsky')]);
    expect(again?.data['name']).not.toBe(sealed?.data['name']);
  });

  it("binds a ciphertext to its subject: another subject's key cannot open it", async () => {
    const [sealed] = await personal.seal('c-1', 'org-a', [details('Ada')]);
    await personal.seal('c-2', 'org-a', [details('Bao')]);
    await expect(personal.open('c-2', [sealed!])).rejects.toThrow();
  });

  it('once the key is destroyed: the fields read as null, other subjects unchanged, nothing new is written', async () => {
    const [ada] = await personal.seal('c-1', 'org-a', [details('Ada')]);
    const [bao] = await personal.seal('c-2', 'org-a', [details('Bao')]);
    await store.keys.destroy('c-1', 'org-a', 'right to erasure');
    expect(await personal.open('c-1', [ada!])).toEqual([
      { type: 'tests.DetailsGiven', data: { name: null, notes: null, needs: ['food'] } },
    ]);
    expect(await personal.open('c-2', [bao!])).toEqual([details('Bao')]);
    await expect(personal.seal('c-1', 'org-a', [details('Ada again')])).rejects.toBeInstanceOf(
      SubjectErasedError,
    );
    // Destroying twice keeps the first reason.
    await store.keys.destroy('c-1', 'org-a', 'again');
    expect(await store.keys.keysOf(['c-1', 'c-2', 'c-3'])).toEqual(
      new Map([
        ['c-1', null],
        ['c-2', expect.any(Buffer)],
      ]),
    );
  });

  it('a sealed value whose key is missing (not destroyed) is an error, never read as erased', async () => {
    const [ada] = await personal.seal('c-1', 'org-a', [details('Ada')]);
    // Another store, as one restored without its keys: the row is not there at all.
    const restored = await openPgliteEventStore({ keyEncryptionKeys: LocalKeyEncryptionKeys.generate() });
    try {
      const withoutKeys = new PersonalData(restored.keys, FIELDS);
      const refused = await withoutKeys.open('c-1', [ada!]).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DataKeyMissingError);
      expect((refused as DataKeyMissingError).subjectId).toBe('c-1');
      await expect(
        withoutKeys.openMessages([
          { streamId: 'client-c-1', type: ada!.type, data: ada!.data } as unknown as IntegrationMessage,
        ]),
      ).rejects.toBeInstanceOf(DataKeyMissingError);
    } finally {
      await restored.close();
    }
  });

  it('opens only the declared fields: a stored value that merely looks like a ciphertext stays text', async () => {
    // An old log may hold one (before the boundary refused them): e.g. an organization id `pd1:AAAA`.
    const [sealed] = await personal.seal('c-1', 'org-a', [details('Ada')]);
    const poisoned = {
      type: 'tests.DetailsGiven',
      data: { ...sealed!.data, referrerOrganizationId: 'pd1:AAAA' },
    };
    const unknownType = { type: 'tests.Referred', data: { referrerOrganizationId: 'pd1:AAAA' } };
    expect(await personal.open('c-1', [poisoned, unknownType])).toEqual([
      { type: 'tests.DetailsGiven', data: { ...details('Ada').data, referrerOrganizationId: 'pd1:AAAA' } },
      unknownType,
    ]);
    const message: IntegrationMessage = {
      eventId: 'e-1',
      schemaVersion: 1,
      streamId: 'client-c-1',
      streamVersion: 1,
      globalPosition: 1,
      organizationId: 'org-a',
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      metadata: {
        organizationId: 'org-a',
        actor: { subject: 'user-1', organizationId: 'org-a', roles: ['link-worker'] },
        purposeOfUse: 'care',
        correlationId: 'c-1',
      },
      ...poisoned,
    };
    const [opened] = await personal.openMessages([message]);
    expect(opened?.data).toEqual({ ...details('Ada').data, referrerOrganizationId: 'pd1:AAAA' });
  });

  it("seals an event about a client with the client's key: erasing the client shreds it, not the rest", async () => {
    const about = new PersonalData(store.keys, FIELDS, { 'tests.DetailsGiven': 'clientId' });
    const noted = (clientId: string | null, name: string) => ({
      type: 'tests.DetailsGiven',
      data: { clientId, name, notes: ['seen'], needs: ['food'] },
    });
    // Stream `incident-i-1`: one event names client c-1, one names no client.
    const [aboutClient, aboutNoOne] = await about.seal('i-1', 'org-a', [
      noted('c-1', 'Wilhelmina'),
      noted(null, 'Bao'),
    ]);
    // The stream's subject cannot open the client's ciphertext; the client's can.
    await expect(personal.open('i-1', [aboutClient!])).rejects.toThrow();
    expect(await about.open('i-1', [aboutClient!, aboutNoOne!])).toEqual([
      noted('c-1', 'Wilhelmina'),
      noted(null, 'Bao'),
    ]);
    await store.keys.destroy('c-1', 'org-a', 'CLIENT_REQUEST');
    expect(await about.open('i-1', [aboutClient!, aboutNoOne!])).toEqual([
      { type: 'tests.DetailsGiven', data: { clientId: 'c-1', name: null, notes: null, needs: ['food'] } },
      noted(null, 'Bao'),
    ]);
    const message = (data: IntegrationMessage['data'], eventId: string): IntegrationMessage => ({
      eventId,
      schemaVersion: 1,
      streamId: 'incident-i-1',
      streamVersion: 1,
      globalPosition: 1,
      organizationId: 'org-a',
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      metadata: {
        organizationId: 'org-a',
        actor: { subject: 'user-1', organizationId: 'org-a', roles: ['link-worker'] },
        purposeOfUse: 'care',
        correlationId: 'c-1',
      },
      type: 'tests.DetailsGiven',
      data,
    });
    const opened = await about.openMessages([
      message(aboutClient!.data, 'e-1'),
      message(aboutNoOne!.data, 'e-2'),
    ]);
    expect(opened.map((m) => m.data['name'])).toEqual([null, 'Bao']);
    // Nothing new about the erased client can be written, under any stream.
    await expect(about.seal('i-2', 'org-a', [noted('c-1', 'again')])).rejects.toBeInstanceOf(
      SubjectErasedError,
    );
    expect(subjectOfEvent(noted('c-1', 'x'), 'i-1', { 'tests.DetailsGiven': 'clientId' })).toBe('c-1');
    expect(subjectOfEvent(noted(null, 'x'), 'i-1', { 'tests.DetailsGiven': 'clientId' })).toBe('i-1');
  });

  it("opens a read model's sealed columns for an answer: nested JSON too, null once erased", async () => {
    const [ada] = await personal.seal('c-1', 'org-a', [details('Ada')]);
    const [bao] = await personal.seal('c-2', 'org-a', [details('Bao')]);
    // Rows as a sealed projection keeps them: the events' ciphertexts, as a column and inside JSON.
    const rows = [
      { client_id: 'c-1', name: ada!.data['name'], file: { notes: ada!.data['notes'], code: 'x' } },
      { client_id: 'c-2', name: bao!.data['name'], file: { notes: bao!.data['notes'], code: 'y' } },
      { client_id: 'c-3', name: 'in clear, from before', file: null },
    ];
    expect(JSON.stringify(rows)).not.toMatch(/Ada|Bao|gardening/);
    const opened = await personal.openRows(rows, (row) => row.client_id, ['name', 'file']);
    expect(opened).toEqual([
      { client_id: 'c-1', name: 'Ada', file: { notes: ['likes gardening'], code: 'x' } },
      { client_id: 'c-2', name: 'Bao', file: { notes: ['likes gardening'], code: 'y' } },
      rows[2],
    ]);
    await store.keys.destroy('c-1', 'org-a', 'right to erasure');
    expect((await personal.openRows(rows, (row) => row.client_id, ['name', 'file']))[0]).toEqual({
      client_id: 'c-1',
      name: null,
      file: { notes: null, code: 'x' },
    });
    // A column not named stays as it is; a key missing altogether is an error, not an erasure.
    expect((await personal.openRows(rows, (row) => row.client_id, ['file']))[1]?.name).toBe(
      bao!.data['name'],
    );
    await expect(
      personal.openRows([{ client_id: 'c-9', name: ada!.data['name'] }], (row) => row.client_id, ['name']),
    ).rejects.toBeInstanceOf(DataKeyMissingError);
    // A projection that keeps sealed values is handed messages unopened.
    const message = {
      streamId: 'client-c-2',
      type: bao!.type,
      data: bao!.data,
    } as unknown as IntegrationMessage;
    expect(await personal.forProjection({ sealed: true }, [message])).toEqual([message]);
    expect((await personal.forProjection({}, [message]))[0]?.data['name']).toBe('Bao');
  });

  it('names the subject of a stream', () => {
    expect(subjectOfStream('client-0193a0de-0000-7000-8000-000000000001')).toBe(
      '0193a0de-0000-7000-8000-000000000001',
    );
    expect(subjectOfStream('careplan-c-1')).toBe('c-1');
  });
});
