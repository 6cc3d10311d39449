/**
 * Rebuilding the care-plans read models from the log gives the live ones, row for row. The service runs
 * on the embedded runtime with a shared store (as `npm start` does); the test plays the clients context
 * by appending its referrals, drives plans through GraphQL, stops the service, replays each projection
 * into a fresh PGlite and compares the tables' checksums with the live read model's.
 */
import { PGlite } from '@electric-sql/pglite';
import { demoUser, openDevIssuer } from '@spn/auth';
import { CLIENT_REFERRED } from '@spn/contracts';
import { PgliteSqlClient, type EventMetadata, type SqlEventStore } from '@spn/event-store';
import {
  accessAuditProjection,
  consumersCaughtUp,
  knownPartnersProjection,
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
import { CARE_PLAN_PERSONAL_FIELDS } from './care-plans/care-plan';
import { startCarePlansServer } from './server';
import { carePlansProjection, clientsFeedProjection } from './care-plans/care-plans.projection';
import { partnersFeedProjection } from './care-plans/partners-feed.projection';
import { teamsFeedProjection } from './care-plans/teams-feed.projection';

const ORG = 'fraser-north-health';
const PROJECTIONS = [
  clientsFeedProjection,
  carePlansProjection,
  partnersFeedProjection,
  teamsFeedProjection,
  knownPartnersProjection('care-plans'),
  accessAuditProjection('care-plans'),
];

describe('care-plans read models rebuilt from the log', () => {
  let dataDir: string;
  let store: SqlEventStore;
  let server: SubgraphServer;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-care-plans-rebuild-'));
    const env = { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) };
    store = await openEventStore(loadConfig(env));
    server = await startCarePlansServer(env, { signals: false, sharedStore: store });
  });
  afterAll(async () => {
    await server.stop();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('replays every projection into a fresh database with the same checksum as the live one', async () => {
    const issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    const worker = { authorization: `Bearer ${await issuer.mint(demoUser('linkworker.fraser')!)}` };
    const mutate = (name: string, type: string, input: Record<string, unknown>) =>
      postGraphQL(
        server.url,
        `mutation ($input: ${type}!) { ${name}(input: $input) { clientId version } }`,
        { input },
        worker,
      );
    const metadata = (): EventMetadata => ({
      organizationId: ORG,
      actor: { subject: demoUser('linkworker.fraser')!.subject, organizationId: ORG, roles: ['link-worker'] },
      purposeOfUse: 'care',
      correlationId: randomUUID(),
    });
    // The partners context registers the partner prescribed to (care-plans learns of it by its events).
    await store.append(`partner-${randomUUID()}`, 0, [
      {
        type: 'partners.PartnerRegistered',
        data: {
          partnerId: randomUUID(),
          alias: 'greenway-seniors-centre',
          name: 'Greenway Seniors Centre',
          kind: 'community-organization',
          registeredAt: new Date().toISOString(),
        },
        metadata: metadata(),
      },
    ]);
    await eventually(
      () => server.runtime.readModels.query('SELECT alias FROM care_plans_known_partner'),
      (rows) => rows.length === 1,
    );
    const clientWithPlan = async () => {
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
      ]);
      await eventually(
        () => mutate('openCarePlan', 'OpenCarePlanInput', { clientId }),
        (response) => !response.errors,
      );
      return clientId;
    };
    const steps: [string, string, Record<string, unknown>][] = [
      [
        'assessNeeds',
        'AssessNeedsInput',
        {
          assessmentId: randomUUID(),
          needs: [{ need: 'social-connection', priority: 'high' }],
          whatMattersToMe: 'Fictional: my garden.',
          strengths: ['Knows her neighbours'],
        },
      ],
      ['setGoal', 'SetGoalInput', { goalId: 'g-1', inClientsWords: 'Get out of the house twice a week' }],
      [
        'rateReadiness',
        'RateReadinessInput',
        { goalId: 'g-1', stage: 'preparation', importance: 8, confidence: 4 },
      ],
      [
        'planAction',
        'PlanActionInput',
        {
          actionId: 'a-1',
          goalId: 'g-1',
          description: 'Call the walking group',
          owner: 'link-worker',
          due: '2026-03-05',
        },
      ],
      ['recordPlanAgreement', 'ClientRefInput', {}],
      [
        'recordOutcome',
        'RecordOutcomeInput',
        {
          measurementId: 'm-1',
          timepoint: 'baseline',
          measure: 'UCLA3',
          ucla3: { lackCompanionship: 3, leftOut: 3, isolated: 2 },
        },
      ],
      [
        'prescribeResource',
        'PrescribeInput',
        {
          prescriptionId: 'rx-1',
          goalId: 'g-1',
          need: 'social-connection',
          resourceName: 'Tuesday walking group',
          partnerOrganizationId: 'greenway-seniors-centre',
          followUpOn: '2026-03-15',
        },
      ],
      ['recordFollowUp', 'FollowUpInput', { prescriptionId: 'rx-1', attended: true, note: 'Went twice.' }],
      ['reviewPlan', 'ReviewPlanInput', { reviewId: randomUUID(), summary: 'Going well.' }],
    ];
    const clients = [await clientWithPlan(), await clientWithPlan()];
    for (const clientId of clients) {
      for (const [name, type, input] of steps) {
        const answer = await mutate(name, type, { clientId, ...input });
        expect({ name, errors: answer.errors }).toEqual({ name, errors: undefined });
      }
    }
    expect(
      (await mutate('closePlan', 'ClosePlanInput', { clientId: clients[1], reason: 'goals-met' })).errors,
    ).toBeUndefined();
    await postGraphQL(
      server.url,
      'query ($id: ID!) { carePlan(clientId: $id) { status } }',
      { id: clients[0] },
      worker,
    );

    await consumersCaughtUp(
      store,
      PROJECTIONS.map((projection) => `care-plans.${projection.name}`),
    );
    await server.stop();

    const live = new PgliteSqlClient(await PGlite.create(join(dataDir, 'read-models', 'care-plans')), true);
    const rebuilt = new PgliteSqlClient(await PGlite.create(), true);
    try {
      const results = await rebuildProjections(PROJECTIONS, {
        store,
        personalData: new PersonalData(store.keys, CARE_PLAN_PERSONAL_FIELDS),
        into: rebuilt,
      });
      expect(results.every((result) => result.finished && result.eventsDone === result.eventsTotal)).toBe(
        true,
      );
      const tables = await readModelTables(live, 'care_plans_');
      expect(tables).toEqual(
        expect.arrayContaining(['care_plans_plan', 'care_plans_prescription', 'care_plans_access_audit']),
      );
      expect(await readModelTables(rebuilt, 'care_plans_')).toEqual(tables);
      const [expected, actual] = [
        await readModelChecksum(live, tables),
        await readModelChecksum(rebuilt, tables),
      ];
      expect(actual.tables).toEqual(expected.tables);
      expect(actual.checksum).toBe(expected.checksum);
      expect(expected.tables['care_plans_plan']?.rows).toBe(2);
    } finally {
      await live.close();
      await rebuilt.close();
    }
  });
});
