import { PGlite } from '@electric-sql/pglite';
import { demoUser, openDevIssuer } from '@spn/auth';
import { LocalKeyEncryptionKeys, openPgliteEventStore, type SqlEventStore } from '@spn/event-store';
import type { SubgraphServer } from '@spn/service-kit';
import { eventually, freePort, postGraphQL } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClientsServer } from './server';

type Headers = Record<string, string>;

describe('erasing a client: the key destroyed and ClientErased recorded in one transaction', () => {
  let dataDir: string;
  let db: PGlite;
  let store: SqlEventStore;
  let server: SubgraphServer;
  let linkWorker: Headers;
  let orgAdmin: Headers;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-clients-erasure-'));
    // The store on a database this test also reaches as its owner, to inject a fault.
    db = await PGlite.create();
    store = await openPgliteEventStore({ pglite: db, keyEncryptionKeys: LocalKeyEncryptionKeys.generate() });
    server = await startClientsServer(
      { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) },
      { signals: false, sharedStore: store },
    );
    const issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    linkWorker = { authorization: `Bearer ${await issuer.mint(demoUser('linkworker.fraser')!)}` };
    orgAdmin = { authorization: `Bearer ${await issuer.mint(demoUser('orgadmin.fraser')!)}` };
  });
  afterAll(async () => {
    await server.stop();
    await store.close();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const gql = (query: string, variables: Record<string, unknown>, headers: Headers) =>
    postGraphQL(server.url, query, variables, headers);
  const keyOf = async (clientId: string) =>
    (
      await db.query<{ live: boolean; destroyed_reason: string | null }>(
        'SELECT data_key IS NOT NULL AS live, destroyed_reason FROM personal_data_keys WHERE subject_id = $1',
        [clientId],
      )
    ).rows;
  const typesOf = async (clientId: string) =>
    (await store.readStream(`client-${clientId}`)).map((event) => event.type);

  it('a fault in the append leaves neither done; the retry does both, once', async () => {
    const clientId = randomUUID();
    const referred = await gql(
      'mutation ($input: ReferClientInput!) { referClient(input: $input) { clientId } }',
      {
        input: {
          clientId,
          referralId: randomUUID(),
          referrerOrganizationId: 'org-clinic',
          reason: 'Fictional: lives alone, asks for company.',
          needs: ['social-connection'],
          urgency: 'routine',
        },
      },
      linkWorker,
    );
    expect(referred.errors).toBeUndefined();
    const registered = await gql(
      'mutation ($input: RegisterClientDetailsInput!) { registerClientDetails(input: $input) { version } }',
      { input: { clientId, givenName: 'Wilhelmina', familyName: 'Ostrovsky' } },
      linkWorker,
    );
    expect(registered.errors).toBeUndefined();
    expect(await keyOf(clientId)).toEqual([{ live: true, destroyed_reason: null }]);
    const before = await typesOf(clientId);

    await db.exec(`RESET ROLE;
      CREATE FUNCTION refuse_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected fault'; END $$;
      CREATE TRIGGER refuse_erasure BEFORE INSERT ON events FOR EACH ROW
        WHEN (NEW.event_type = 'clients.ClientErased') EXECUTE FUNCTION refuse_erasure();
      SET ROLE spn_store;`);
    const commandId = randomUUID();
    const erase = () =>
      gql(
        'mutation ($input: EraseClientInput!) { eraseClient(input: $input) { version } }',
        { input: { clientId, reason: 'CLIENT_REQUEST', commandId } },
        orgAdmin,
      );
    const failed = await erase();
    expect(failed.errors).toHaveLength(1);
    expect(await keyOf(clientId)).toEqual([{ live: true, destroyed_reason: null }]);
    expect(await typesOf(clientId)).toEqual(before);
    // Nothing was erased: her file still opens.
    const file = await gql(
      'query ($id: ID!) { client(clientId: $id) { givenName } }',
      { id: clientId },
      linkWorker,
    );
    expect(file.data?.['client']).toEqual({ givenName: 'Wilhelmina' });

    await db.exec('RESET ROLE; DROP TRIGGER refuse_erasure ON events; SET ROLE spn_store;');
    expect((await erase()).errors).toBeUndefined();
    expect((await erase()).errors).toBeUndefined(); // the same command again: nothing more
    expect(await keyOf(clientId)).toEqual([{ live: false, destroyed_reason: 'CLIENT_REQUEST' }]);
    expect(await typesOf(clientId)).toEqual([...before, 'clients.ClientErased']);
    const erased = await eventually(
      () =>
        gql(
          'query ($id: ID!) { client(clientId: $id) { givenName erasedAt } }',
          { id: clientId },
          linkWorker,
        ),
      (answer) => Boolean((answer.data?.['client'] as { erasedAt: unknown } | null)?.erasedAt),
    );
    expect(erased.data?.['client']).toMatchObject({ givenName: null });
  });
});
