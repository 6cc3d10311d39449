import { PGlite } from '@electric-sql/pglite';
import { demoUser, openDevIssuer } from '@spn/auth';
import { LocalKeyEncryptionKeys, openPgliteEventStore, type SqlEventStore } from '@spn/event-store';
import type { SubgraphServer } from '@spn/service-kit';
import { eventually, freePort, postGraphQL, type GraphQLResponse } from '@spn/testing';
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
  let colleague: Headers;
  const colleagueSubject = randomUUID();
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
    // A Link Worker of the organization, on no team with the client's: outside her need to know.
    colleague = {
      authorization: `Bearer ${await issuer.mint({
        username: 'linkworker2.fraser',
        subject: colleagueSubject,
        roles: ['link-worker'],
        organizationId: 'fraser-north-health',
      })}`,
    };
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

  it('a break-the-glass reason naming the client: sealed with her key, blanked on her erasure', async () => {
    // Fictional, and distinctive, so a scan finds any copy.
    const reason = 'Zephyrine Quillfeather called the duty phone in distress';
    const clientId = randomUUID();
    const referred = await gql(
      'mutation ($input: ReferClientInput!) { referClient(input: $input) { clientId } }',
      {
        input: {
          clientId,
          referralId: randomUUID(),
          referrerOrganizationId: 'org-clinic',
          reason: 'Fictional: asks for company.',
          needs: ['social-connection'],
          urgency: 'routine',
        },
      },
      linkWorker,
    );
    expect(referred.errors).toBeUndefined();
    const assigned = await gql(
      'mutation ($input: AssignLinkWorkerInput!) { assignLinkWorker(input: $input) { version } }',
      { input: { clientId, linkWorker: demoUser('linkworker.fraser')!.subject } },
      linkWorker,
    );
    expect(assigned.errors).toBeUndefined();
    const file = 'query ($id: ID!) { client(clientId: $id) { clientId } }';
    const opened = await eventually(
      () => gql(file, { id: clientId }, { ...colleague, 'x-spn-access-reason': reason }),
      (answer) => answer.errors === undefined && answer.data?.['client'] !== null,
    );
    expect(opened.data?.['client']).toEqual({ clientId });

    const accesses = '{ breakTheGlassAccesses { items { resourceIds reason justification } } }';
    const ofClient = (answer: GraphQLResponse) =>
      (answer.data?.['breakTheGlassAccesses'] as { items: { resourceIds: string[] }[] }).items.filter(
        (item) => item.resourceIds.includes(clientId),
      );
    const before = await eventually(
      () => gql(accesses, {}, orgAdmin),
      (answer) => ofClient(answer).length > 0,
    );
    expect(ofClient(before)).toEqual([
      { resourceIds: [clientId], reason: 'break-the-glass', justification: reason },
    ]);
    // The log and the read models hold it sealed: never in clear, before as after.
    expect(await inClear(reason)).toEqual({ events: 0, readModels: [] });

    const erased = await gql(
      'mutation ($input: EraseClientInput!) { eraseClient(input: $input) { version } }',
      { input: { clientId, reason: 'CLIENT_REQUEST' } },
      orgAdmin,
    );
    expect(erased.errors).toBeUndefined();
    const after = await eventually(
      () => gql(accesses, {}, orgAdmin),
      (answer) => ofClient(answer).every((item) => !JSON.stringify(item).includes(reason)),
    );
    // The record stays: which file, that it was a break-the-glass access; the reason is gone.
    expect(ofClient(after)).toEqual([
      { resourceIds: [clientId], reason: 'break-the-glass', justification: null },
    ]);
    expect(await inClear(reason)).toEqual({ events: 0, readModels: [] });
    // Replayed, the access event's reason reads as erased.
    const [access] = (await store.readStream(`audit-${colleagueSubject}`)).filter(
      (event) => event.data['clientId'] === clientId,
    );
    expect(access?.data['justification']).toMatch(/^pd1:/);
    expect((await server.runtime.personalData.open('', [access!]))[0]?.data['justification']).toBeNull();
  });

  /** Where a value is in clear: events of the log that hold it, read-model tables that do. */
  const inClear = async (value: string) => {
    const events = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE data::text LIKE '%' || $1 || '%'",
      [value],
    );
    const tables = await server.runtime.readModels.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const readModels: string[] = [];
    for (const { table_name: table } of tables) {
      const rows = await server.runtime.readModels.query(`SELECT * FROM "${table}"`);
      if (JSON.stringify(rows).includes(value)) readModels.push(table);
    }
    return { events: events.rows[0]?.n, readModels };
  };
});
