/**
 * Rebuilding the clients read models from the log gives the live ones, row for row: the service runs
 * on the embedded runtime with a shared store (as `npm start` does), takes commands over GraphQL (an
 * erasure among them), then stops; each projection is replayed into a fresh PGlite and the checksums
 * of the tables compared with the live read model's.
 */
import { PGlite } from '@electric-sql/pglite';
import { demoUser, openDevIssuer } from '@spn/auth';
import { PgliteSqlClient, type SqlEventStore } from '@spn/event-store';
import {
  accessAuditProjection,
  consumersCaughtUp,
  knownPartnersProjection,
  loadConfig,
  openEventStore,
  PersonalData,
  readModelChecksum,
  readModelTables,
  rebuildProjection,
  type RebuildProgress,
  type SubgraphServer,
} from '@spn/service-kit';
import { freePort, postGraphQL } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_PERSONAL_FIELDS } from './clients/client';
import { startClientsServer } from './server';
import { clientsProjection } from './clients/clients.projection';
import { teamsProjection } from './teams/teams.projection';

type Headers = Record<string, string>;
const PROJECTIONS = [
  clientsProjection,
  teamsProjection,
  knownPartnersProjection('clients'),
  accessAuditProjection('clients'),
];

describe('clients read models rebuilt from the log', () => {
  let dataDir: string;
  let store: SqlEventStore;
  let server: SubgraphServer;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-clients-rebuild-'));
    const env = { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) };
    store = await openEventStore(loadConfig(env));
    server = await startClientsServer(env, { signals: false, sharedStore: store });
  });
  afterAll(async () => {
    await server.stop();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('replays every projection into a fresh database with the same checksum as the live one', async () => {
    const issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    const as = async (username: string): Promise<Headers> => ({
      authorization: `Bearer ${await issuer.mint(demoUser(username)!)}`,
    });
    const worker = await as('linkworker.fraser');
    const admin = await as('orgadmin.fraser');
    const mutate = async (name: string, type: string, input: Record<string, unknown>, headers = worker) => {
      const answer = await postGraphQL(
        server.url,
        `mutation ($input: ${type}!) { ${name}(input: $input) { __typename } }`,
        { input },
        headers,
      );
      expect({ name, errors: answer.errors }).toEqual({ name, errors: undefined });
      return answer;
    };
    const refer = async () => {
      const answer = await postGraphQL(
        server.url,
        'mutation ($input: ReferClientInput!) { referClient(input: $input) { clientId } }',
        {
          input: {
            referralId: randomUUID(),
            referrerOrganizationId: 'org-clinic',
            reason: 'Fictional: lives alone, asks for company.',
            needs: ['social-connection', 'food'],
            urgency: 'routine',
          },
        },
        worker,
      );
      return (answer.data?.['referClient'] as { clientId: string }).clientId;
    };
    const clients = [await refer(), await refer(), await refer()];
    for (const [index, clientId] of clients.entries()) {
      await mutate('registerClientDetails', 'RegisterClientDetailsInput', {
        clientId,
        givenName: `Fictional${index}`,
        familyName: 'Tremblay',
        dateOfBirth: '1950-04-0' + String(index + 1),
      });
      await mutate('assignLinkWorker', 'AssignLinkWorkerInput', {
        clientId,
        linkWorker: demoUser('linkworker.fraser')!.subject,
      });
      await mutate('recordConsent', 'RecordConsentInput', {
        clientId,
        consentId: randomUUID(),
        purpose: 'care',
      });
    }
    await mutate('logInteraction', 'LogInteractionInput', {
      clientId: clients[0],
      interactionId: randomUUID(),
      party: 'client',
      channel: 'phone',
      purpose: 'First call',
      summary: 'Fictional: spoke about the food bank.',
      followUpNeeded: false,
    });
    await mutate('formTeam', 'FormTeamInput', { name: 'Tri-Cities' }, admin);
    await mutate(
      'eraseClient',
      'EraseClientInput',
      { clientId: clients[2], reason: 'CLIENT_REQUEST' },
      admin,
    );
    await postGraphQL(
      server.url,
      'query ($id: ID!) { client(clientId: $id) { clientId } }',
      { id: clients[0] },
      worker,
    );

    // The partners context registers a partner (clients learns of it by its events).
    await store.append(`partner-${randomUUID()}`, 0, [
      {
        type: 'partners.PartnerRegistered',
        data: {
          partnerId: randomUUID(),
          alias: 'harbour-food-bank',
          name: 'Harbour Food Bank',
          kind: 'community-organization',
          registeredAt: new Date().toISOString(),
        },
        metadata: {
          organizationId: 'fraser-north-health',
          actor: { subject: 'admin', organizationId: 'fraser-north-health', roles: ['org-admin'] },
          purposeOfUse: 'administration',
          correlationId: randomUUID(),
        },
      },
    ]);
    await consumersCaughtUp(
      store,
      PROJECTIONS.map((projection) => `clients.${projection.name}`),
    );
    await server.stop();

    const live = new PgliteSqlClient(await PGlite.create(join(dataDir, 'read-models', 'clients')), true);
    const rebuilt = new PgliteSqlClient(await PGlite.create(), true);
    try {
      const personalData = new PersonalData(store.keys, CLIENT_PERSONAL_FIELDS);
      const progress: RebuildProgress[] = [];
      for (const projection of PROJECTIONS) {
        const done = await rebuildProjection(projection, {
          store,
          personalData,
          into: rebuilt,
          batchSize: 7,
          onProgress: (step) => progress.push(step),
        });
        expect(done).toMatchObject({ finished: true, eventsDone: done.eventsTotal });
        expect(done.applied).toBeGreaterThan(0);
      }
      expect(progress.some((step) => !step.finished && step.eventsDone < step.eventsTotal)).toBe(true);

      const tables = await readModelTables(live, 'clients_');
      expect(tables).toEqual(
        expect.arrayContaining(['clients_client', 'clients_consent', 'clients_team', 'clients_access_audit']),
      );
      expect(await readModelTables(rebuilt, 'clients_')).toEqual(tables);
      const [expected, actual] = [
        await readModelChecksum(live, tables),
        await readModelChecksum(rebuilt, tables),
      ];
      expect(actual.tables).toEqual(expected.tables);
      expect(actual.checksum).toBe(expected.checksum);
      expect(expected.tables['clients_client']?.rows).toBe(3);
    } finally {
      await live.close();
      await rebuilt.close();
    }
  });
});
