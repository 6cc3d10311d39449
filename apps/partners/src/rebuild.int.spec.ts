/**
 * Rebuilding the partners read models from the log gives the live ones, row for row. The service runs
 * on the embedded runtime with a shared store (as `npm start` does); the test plays the clients and
 * care-plans contexts by appending their events, drives the registry, a referral and the community map
 * through GraphQL, stops the service, replays each projection into a fresh PGlite and compares the
 * tables' checksums with the live read model's. (`referral-requests` is a process manager: it appends
 * commands and keeps no tables of its own, so it is not rebuilt; the referrals it started are in the
 * log, and the consent rows it writes are clients-feed's, which the rebuild gives again.)
 */
import { PGlite } from '@electric-sql/pglite';
import { demoUser, openDevIssuer } from '@spn/auth';
import { CLIENT_REFERRED } from '@spn/contracts';
import { PgliteSqlClient, type EventMetadata, type SqlEventStore } from '@spn/event-store';
import {
  accessAuditProjection,
  consumersCaughtUp,
  loadConfig,
  openEventStore,
  PersonalData,
  readModelChecksum,
  readModelTables,
  rebuildProjections,
  type SubgraphServer,
} from '@spn/service-kit';
import { eventually, freePort, postGraphQL } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { communityProjection } from './community/community.projection';
import { directoryProjection } from './directory/directory.projection';
import { partnershipProjection } from './partnership/partnership.projection';
import { clientsFeedProjection } from './referrals/clients-feed.projection';
import { REFERRAL_PERSONAL_FIELDS } from './referrals/referral';
import { referralsProjection } from './referrals/referrals.projection';
import { startPartnersServer } from './server';

const ORG = 'fraser-north-health';
const FOOD_BANK = 'harbour-food-bank';
type Headers = Record<string, string>;
const PROJECTIONS = [
  communityProjection,
  clientsFeedProjection,
  referralsProjection,
  directoryProjection,
  partnershipProjection,
  accessAuditProjection('partners'),
];

describe('partners read models rebuilt from the log', () => {
  let dataDir: string;
  let store: SqlEventStore;
  let server: SubgraphServer;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-partners-rebuild-'));
    const env = { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) };
    store = await openEventStore(loadConfig(env));
    server = await startPartnersServer(env, { signals: false, sharedStore: store });
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
    const [admin, worker, foodBank] = [
      await as('orgadmin.fraser'),
      await as('linkworker.fraser'),
      await as('service-account-partner-harbour-food-bank'),
    ];
    const ok = async (
      name: string,
      type: string,
      input: Record<string, unknown>,
      headers: Headers,
      select = 'version',
    ) => {
      const answer = await postGraphQL(
        server.url,
        `mutation ($input: ${type}!) { ${name}(input: $input) { ${select} } }`,
        { input },
        headers,
      );
      expect({ name, errors: answer.errors }).toEqual({ name, errors: undefined });
    };
    const metadata = (): EventMetadata => ({
      organizationId: ORG,
      actor: { subject: demoUser('linkworker.fraser')!.subject, organizationId: ORG, roles: ['link-worker'] },
      purposeOfUse: 'care',
      correlationId: randomUUID(),
    });

    const partnerId = randomUUID();
    await ok(
      'registerPartner',
      'RegisterPartnerInput',
      { partnerId, alias: FOOD_BANK, name: 'Harbour Food Bank', kind: 'community-organization' },
      admin,
    );
    await ok(
      'signAgreement',
      'SignAgreementInput',
      {
        partnerId,
        agreementId: randomUUID(),
        kind: 'data-sharing',
        startsOn: '2026-01-01',
        expiresOn: '2099-12-31',
        scope: ['referrals'],
      },
      admin,
    );
    const clientId = randomUUID();
    await store.append(`client-${clientId}`, 0, [
      {
        type: CLIENT_REFERRED,
        schemaVersion: 2,
        data: {
          clientId,
          referralId: randomUUID(),
          referrerOrganizationId: 'org-clinic',
          needs: ['food'],
          urgency: 'routine',
        },
        metadata: metadata(),
      },
      {
        type: 'clients.ConsentRecorded',
        data: {
          consentId: randomUUID(),
          purpose: 'sharing',
          recipientOrganizationId: FOOD_BANK,
          recordedAt: new Date().toISOString(),
        },
        metadata: metadata(),
      },
    ]);
    await consumersCaughtUp(store, ['partners.clients-feed']);
    await store.append(`careplan-${clientId}`, 'any', [
      {
        type: 'care-plans.ResourcePrescribed',
        data: {
          prescriptionId: 'rx-1',
          goalId: null,
          need: 'food',
          resourceName: 'Thursday hampers',
          partnerOrganizationId: FOOD_BANK,
          followUpOn: '2026-12-10',
          prescribedAt: new Date().toISOString(),
        },
        metadata: metadata(),
      },
    ]);
    await eventually(
      () =>
        postGraphQL(server.url, '{ referralsForMe(first: 200) { items { clientId status } } }', {}, foodBank),
      (answer) => JSON.stringify(answer.data ?? {}).includes(clientId),
    );
    for (const status of ['accepted', 'in-progress'])
      await ok(
        'updateReferralStatus',
        'UpdateReferralStatusInput',
        { clientId, referralId: 'rx-1', status, note: 'Fictional note' },
        foodBank,
      );
    await ok(
      'mapAsset',
      'MapAssetInput',
      {
        category: 'physical-space',
        name: 'Riverside garden',
        description: 'Plots, tools; Saturdays.',
        area: 'Coquitlam',
        needs: ['food'],
      },
      worker,
      'id',
    );
    await ok('recordUnmetNeed', 'RecordUnmetNeedInput', { need: 'housing', area: 'Coquitlam' }, worker, 'id');

    const groups = [
      ...PROJECTIONS.map((projection) => `partners.${projection.name}`),
      'partners.referral-requests',
    ];
    await consumersCaughtUp(store, groups);
    await server.stop();

    const live = new PgliteSqlClient(await PGlite.create(join(dataDir, 'read-models', 'partners')), true);
    const rebuilt = new PgliteSqlClient(await PGlite.create(), true);
    try {
      const results = await rebuildProjections(PROJECTIONS, {
        store,
        personalData: new PersonalData(store.keys, REFERRAL_PERSONAL_FIELDS),
        into: rebuilt,
      });
      expect(results.every((result) => result.finished && result.eventsDone === result.eventsTotal)).toBe(
        true,
      );
      const tables = await readModelTables(live, 'partners_');
      expect(tables).toEqual(
        expect.arrayContaining([
          'partners_partner',
          'partners_referral',
          'partners_asset',
          'partners_access_audit',
        ]),
      );
      expect(await readModelTables(rebuilt, 'partners_')).toEqual(tables);
      const [expected, actual] = [
        await readModelChecksum(live, tables),
        await readModelChecksum(rebuilt, tables),
      ];
      expect(actual.tables).toEqual(expected.tables);
      expect(actual.checksum).toBe(expected.checksum);
      expect(expected.tables['partners_referral']?.rows).toBe(1);
    } finally {
      await live.close();
      await rebuilt.close();
    }
  });
});
