/**
 * The care-plans subgraph over HTTP on the embedded runtime, sharing its event store as `npm start` does.
 * The test plays the clients and partners contexts by appending their events (a referral; a referral's
 * statuses, a service change) to that store: care-plans learns of them only through its projections
 * of their topics.
 */
import { demoUser, openDevIssuer, type DevIssuer } from '@spn/auth';
import { CLIENT_REFERRED } from '@spn/contracts';
import type { EventMetadata, SqlEventStore } from '@spn/event-store';
import { loadConfig, openEventStore, type SubgraphServer } from '@spn/service-kit';
import { eventually, freePort, postGraphQL, refusalCodes, walkPages } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCarePlansServer } from './server';

const SCHEMA_FILE = resolve(__dirname, '../schema.graphql');
const ORG = 'fraser-north-health';
type Headers = Record<string, string>;

describe('care-plans subgraph over HTTP (embedded runtime, shared store)', () => {
  let dataDir: string;
  let store: SqlEventStore;
  let server: SubgraphServer;
  let issuer: DevIssuer;
  let as: (username: string) => Promise<Headers>;
  let linkWorker: Headers;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-care-plans-http-'));
    const env = { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) };
    store = await openEventStore(loadConfig(env));
    server = await startCarePlansServer(env, { signals: false, sharedStore: store });
    issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    as = async (username) => ({ authorization: `Bearer ${await issuer.mint(demoUser(username)!)}` });
    linkWorker = await as('linkworker.fraser');
    // The partners context's registry: the organization's partners, as its service would append them.
    for (const [alias, organizationId] of [
      ['greenway-seniors-centre', ORG],
      ['harbour-food-bank', ORG],
      ['island-meals', 'island-coast-health'],
    ] as const)
      await store.append(`partner-${randomUUID()}`, 0, [
        {
          type: 'partners.PartnerRegistered',
          data: {
            partnerId: randomUUID(),
            alias,
            name: alias,
            kind: 'community-organization',
            registeredAt: new Date().toISOString(),
          },
          metadata: metadata(organizationId),
        },
      ]);
    await eventually(
      () => server.runtime.readModels.query('SELECT alias FROM care_plans_known_partner'),
      (rows) => rows.length === 3,
    );
  });
  afterAll(async () => {
    await server.stop();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Headers = linkWorker) =>
    postGraphQL(server.url, query, variables, headers);
  const mutate = (
    name: string,
    type: string,
    input: Record<string, unknown>,
    headers: Headers = linkWorker,
  ) => gql(`mutation ($input: ${type}!) { ${name}(input: $input) { clientId version } }`, { input }, headers);
  const codes = refusalCodes;

  const metadata = (organizationId = ORG): EventMetadata => ({
    organizationId,
    actor: { subject: demoUser('linkworker.fraser')!.subject, organizationId, roles: ['link-worker'] },
    purposeOfUse: 'care',
    correlationId: randomUUID(),
  });
  /** The clients context's events, as its service would append them. */
  const clientsContext = {
    refer: async (clientId: string) => {
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
    },
  };
  /** A referred client with an open plan, once care-plans has learned of the referral. */
  const clientWithPlan = async () => {
    const clientId = randomUUID();
    await clientsContext.refer(clientId);
    await eventually(
      () => mutate('openCarePlan', 'OpenCarePlanInput', { clientId }),
      (response) => !response.errors,
    );
    return clientId;
  };
  const plan = (clientId: string, headers: Headers = linkWorker) =>
    gql(
      `query ($id: ID!) { carePlan(clientId: $id) {
        status whatMattersToMe strengths agreedAt closeReason closeNote
        needs { need priority }
        goals { goalId inClientsWords readiness { stage importance confidence } }
        actions { description owner due }
        prescriptions { need resourceName partnerOrganizationId followUpOn followUps { attended note } }
        outcomes { measure timepoint scores { name value band } }
        changes { measure name baseline followUp change direction }
        reviews { summary }
        sessions { kind notes }
        navigationTasks { kind status barriers }
      } }`,
      { id: clientId },
      headers,
    );

  it("opens a plan on need to know: its Link Worker, their team's supervisor; anyone else only with a recorded reason", async () => {
    const clientId = await clientWithPlan();
    const colleagueSubject = randomUUID();
    const colleague = {
      authorization: `Bearer ${await issuer.mint({
        username: 'linkworker2.fraser',
        subject: colleagueSubject,
        roles: ['link-worker'],
        organizationId: ORG,
      })}`,
    };
    const status = 'query ($id: ID!) { carePlan(clientId: $id) { status } }';
    expect((await gql(status, { id: clientId })).data?.['carePlan']).toEqual({ status: 'open' });
    const refused = await gql(status, { id: clientId }, colleague);
    expect(refused.data?.['carePlan'] ?? null).toBeNull();
    expect(codes(refused)).toEqual([['NEED_TO_KNOW', 'x-spn-access-reason']]);
    // The supervisor too, until the clients context tells that they supervise the plan's Link Worker.
    const supervisor = await as('supervisor.fraser');
    expect(codes(await gql(status, { id: clientId }, supervisor))).toEqual([
      ['NEED_TO_KNOW', 'x-spn-access-reason'],
    ]);
    const teamId = randomUUID();
    await store.append(`team-${teamId}`, 0, [
      {
        type: 'clients.TeamMemberAdded',
        data: {
          subject: demoUser('supervisor.fraser')!.subject,
          role: 'supervisor',
          addedAt: new Date().toISOString(),
        },
        metadata: metadata(),
      },
      {
        type: 'clients.TeamMemberAdded',
        data: {
          subject: demoUser('linkworker.fraser')!.subject,
          role: 'link-worker',
          addedAt: new Date().toISOString(),
        },
        metadata: metadata(),
      },
    ]);
    const supervised = await eventually(
      () => gql(status, { id: clientId }, supervisor),
      (answer) => answer.errors === undefined,
    );
    expect(supervised.data?.['carePlan']).toEqual({ status: 'open' });
    // With a stated reason, the colleague opens it: recorded as break-the-glass, with the reason.
    const reason = 'Covering the duty phone: the client called about their food bank referral';
    const opened = await gql(status, { id: clientId }, { ...colleague, 'x-spn-access-reason': reason });
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.['carePlan']).toEqual({ status: 'open' });
    // The colleague's access records: the refusal, then the break-the-glass access with its reason,
    // stored sealed with the client's key (the event names her) and opened with it.
    const stored = await store.readStream(`audit-${colleagueSubject}`);
    expect(stored[1]?.data['clientId']).toBe(clientId);
    expect(stored[1]?.data['justification']).toMatch(/^pd1:/);
    const records = (await server.runtime.personalData.open('', stored)).map((event) => event.data);
    expect(records).toEqual([
      expect.objectContaining({ operation: 'Query.carePlan', outcome: 'denied', reason: 'need-to-know' }),
      expect.objectContaining({
        operation: 'Query.carePlan',
        resourceIds: [clientId],
        outcome: 'permitted',
        reason: 'break-the-glass',
        justification: reason,
      }),
    ]);
  });

  it('runs the journey: assessment, goals with readiness, actions, agreement, prescription, follow-up, outcomes, review, closure', async () => {
    const clientId = await clientWithPlan();
    const steps: [string, string, Record<string, unknown>][] = [
      [
        'assessNeeds',
        'AssessNeedsInput',
        {
          assessmentId: randomUUID(),
          needs: [
            { need: 'social-connection', priority: 'high' },
            { need: 'transport', priority: 'medium' },
          ],
          whatMattersToMe: 'Seeing my grandchildren; my garden.',
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
          description: 'Call the walking group together',
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
        'recordOutcome',
        'RecordOutcomeInput',
        { measurementId: 'm-2', timepoint: 'baseline', measure: 'SWEMWBS', swemwbs: [2, 3, 2, 3, 2, 3, 2] },
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
      [
        'recordFollowUp',
        'FollowUpInput',
        { prescriptionId: 'rx-1', attended: true, note: 'Went twice; liked it.' },
      ],
      [
        'rateReadiness',
        'RateReadinessInput',
        { goalId: 'g-1', stage: 'action', importance: 9, confidence: 7 },
      ],
      [
        'recordOutcome',
        'RecordOutcomeInput',
        {
          measurementId: 'm-3',
          timepoint: 'followUp',
          measure: 'UCLA3',
          ucla3: { lackCompanionship: 2, leftOut: 1, isolated: 1 },
        },
      ],
      [
        'recordOutcome',
        'RecordOutcomeInput',
        { measurementId: 'm-4', timepoint: 'followUp', measure: 'SWEMWBS', swemwbs: [4, 4, 3, 4, 4, 3, 4] },
      ],
      [
        'recordSession',
        'RecordSessionInput',
        {
          sessionId: 's-1',
          kind: 'motivational-interviewing',
          goalId: 'g-1',
          notes: 'Talked through what walking would change.',
        },
      ],
      [
        'addNavigationTask',
        'AddNavigationTaskInput',
        { taskId: 't-1', kind: 'transport', description: 'Book the accessible bus', due: '2026-03-04' },
      ],
      [
        'updateNavigationTask',
        'UpdateNavigationTaskInput',
        { taskId: 't-1', status: 'done', barrier: 'The first line was closed' },
      ],
      ['reviewPlan', 'ReviewPlanInput', { reviewId: randomUUID(), summary: 'Walking group going well.' }],
      [
        'closePlan',
        'ClosePlanInput',
        { reason: 'goals-met', note: 'Walks on her own now; knows where to find us.' },
      ],
    ];
    for (const [name, type, input] of steps) {
      const answer = await mutate(name, type, { clientId, ...input });
      expect({ name, errors: answer.errors }).toEqual({ name, errors: undefined });
    }
    const seen = await eventually(
      () => plan(clientId),
      (response) => (response.data?.['carePlan'] as { status?: string } | null)?.status === 'closed',
    );
    const view = seen.data?.['carePlan'] as Record<string, unknown>;
    expect(view).toMatchObject({
      status: 'closed',
      closeReason: 'goals-met',
      closeNote: 'Walks on her own now; knows where to find us.',
      whatMattersToMe: 'Seeing my grandchildren; my garden.',
      needs: [
        { need: 'social-connection', priority: 'high' },
        { need: 'transport', priority: 'medium' },
      ],
      goals: [
        {
          goalId: 'g-1',
          inClientsWords: 'Get out of the house twice a week',
          readiness: [
            { stage: 'preparation', importance: 8, confidence: 4 },
            { stage: 'action', importance: 9, confidence: 7 },
          ],
        },
      ],
      prescriptions: [
        {
          resourceName: 'Tuesday walking group',
          followUps: [{ attended: true, note: 'Went twice; liked it.' }],
        },
      ],
      reviews: [{ summary: 'Walking group going well.' }],
      sessions: [{ kind: 'motivational-interviewing', notes: 'Talked through what walking would change.' }],
      navigationTasks: [{ kind: 'transport', status: 'done', barriers: ['The first line was closed'] }],
    });
    expect(view['agreedAt']).not.toBeNull();
    // SWEMWBS: raw 17 → metric 16.88 at baseline, raw 26 → 23.21 at follow-up (the official table).
    expect(view['changes']).toEqual(
      expect.arrayContaining([
        { measure: 'UCLA3', name: 'total', baseline: 8, followUp: 4, change: -4, direction: 'improved' },
        {
          measure: 'SWEMWBS',
          name: 'rawScore',
          baseline: 17,
          followUp: 26,
          change: 9,
          direction: 'improved',
        },
        {
          measure: 'SWEMWBS',
          name: 'metricScore',
          baseline: 16.88,
          followUp: 23.21,
          change: 6.33,
          direction: 'improved',
        },
      ]),
    );
  });

  it('refuses bad input with typed errors naming the field, and writes nothing', async () => {
    const clientId = await clientWithPlan();
    const before = (await store.readStream(`careplan-${clientId}`)).length;
    expect(
      codes(
        await mutate('rateReadiness', 'RateReadinessInput', {
          clientId,
          goalId: 'none',
          stage: 'action',
          importance: 5,
          confidence: 5,
        }),
      ),
    ).toEqual([['GOAL_NOT_FOUND', 'goalId']]);
    expect(
      codes(
        await mutate('setGoal', 'SetGoalInput', { clientId, goalId: 'g', inClientsWords: 'x'.repeat(2001) }),
      ),
    ).toEqual([['TOO_LONG', 'inClientsWords']]);
    expect(
      codes(
        await mutate('recordOutcome', 'RecordOutcomeInput', {
          clientId,
          measurementId: 'm',
          timepoint: 'baseline',
          measure: 'ONS4',
          ons4: { lifeSatisfaction: 11, worthwhile: 5, happy: 5, anxious: 5 },
        }),
      ),
    ).toEqual([['OUT_OF_RANGE', 'answers.items.lifeSatisfaction']]);
    expect(
      codes(
        await mutate('recordOutcome', 'RecordOutcomeInput', {
          clientId,
          measurementId: 'm',
          timepoint: 'baseline',
          measure: 'ONS4',
        }),
      ),
    ).toEqual([['REQUIRED', 'ons4']]);
    expect(codes(await mutate('setGoal', 'SetGoalInput', { clientId }))).toEqual([
      ['BAD_USER_INPUT', 'goalId'],
      ['BAD_USER_INPUT', 'inClientsWords'],
    ]);
    expect(codes(await mutate('openCarePlan', 'OpenCarePlanInput', { clientId: randomUUID() }))).toEqual([
      ['CLIENT_NOT_FOUND', 'clientId'],
    ]);
    expect((await store.readStream(`careplan-${clientId}`)).length).toBe(before);
  });

  it('refuses a prescription to a partner the organization never registered, naming the field', async () => {
    const clientId = await clientWithPlan();
    const before = (await store.readStream(`careplan-${clientId}`)).length;
    const prescribe = (partnerOrganizationId: string) =>
      mutate('prescribeResource', 'PrescribeInput', {
        clientId,
        prescriptionId: randomUUID(),
        need: 'food',
        resourceName: 'Thursday hampers',
        partnerOrganizationId,
        followUpOn: '2026-04-01',
      });
    // Misspelled, and another organization's partner: a referral to nobody.
    for (const partner of ['harbour-fod-bank', 'island-meals'])
      expect(codes(await prescribe(partner))).toEqual([['UNKNOWN_PARTNER', 'partnerOrganizationId']]);
    expect((await store.readStream(`careplan-${clientId}`)).length).toBe(before);
    expect((await prescribe('harbour-food-bank')).errors).toBeUndefined();
  });

  it("shows the partner's side of a prescription, and alerts its Link Worker when the service changes", async () => {
    const clientId = await clientWithPlan();
    const serviceId = randomUUID();
    await mutate('prescribeResource', 'PrescribeInput', {
      clientId,
      prescriptionId: 'rx-food',
      need: 'food',
      resourceName: 'Harbour food bank, Thursday hampers',
      partnerOrganizationId: 'harbour-food-bank',
      serviceId,
      followUpOn: '2026-04-01',
    });
    // The partners context's events, as its service would append them.
    const partnerMetadata = {
      ...metadata(),
      actor: { subject: 'p-1', organizationId: 'harbour-food-bank', roles: ['partner-staff'] },
    };
    await store.append(`referral-${clientId}`, 'any', [
      {
        type: 'partners.ReferralCreated',
        data: {
          referralId: 'rx-food',
          clientId,
          need: 'food',
          serviceId,
          resourceName: 'Harbour food bank, Thursday hampers',
          partnerOrganizationId: 'harbour-food-bank',
          status: 'requested',
          createdAt: '2026-03-01T10:00:00.000Z',
        },
        metadata: metadata(),
      },
      {
        type: 'partners.ReferralStatusChanged',
        data: {
          referralId: 'rx-food',
          partnerOrganizationId: 'harbour-food-bank',
          from: 'requested',
          to: 'accepted',
          by: 'receiver',
          reason: null,
          note: null,
          changedAt: '2026-03-02T10:00:00.000Z',
        },
        metadata: partnerMetadata,
      },
    ]);
    const referral = await eventually(
      () =>
        gql(
          'query ($id: ID!) { carePlan(clientId: $id) { prescriptions { serviceId referral { status history { status by } } } } }',
          {
            id: clientId,
          },
        ),
      (response) => JSON.stringify(response).includes('"accepted"'),
    );
    expect(referral.data?.['carePlan']).toEqual({
      prescriptions: [
        {
          serviceId,
          referral: {
            status: 'accepted',
            history: [
              { status: 'requested', by: 'requester' },
              { status: 'accepted', by: 'receiver' },
            ],
          },
        },
      ],
    });
    // A steward confirms the service closed: the Link Worker of the open plan is alerted; no one else.
    await store.append(`directoryChangeReview-${randomUUID()}`, 0, [
      {
        type: 'partners.ServiceChangeConfirmed',
        data: {
          reportId: 'r-1',
          serviceId,
          kind: 'closed',
          summary: 'Closed for renovation',
          confirmedAt: '2026-03-03T10:00:00.000Z',
        },
        metadata: metadata(),
      },
    ]);
    const alerts = await eventually(
      () => gql('{ serviceAlerts { items { clientId prescriptionId kind summary } nextCursor } }'),
      (response) => JSON.stringify(response.data ?? {}).includes('Closed for renovation'),
    );
    expect(alerts.data?.['serviceAlerts']).toEqual({
      items: [{ clientId, prescriptionId: 'rx-food', kind: 'closed', summary: 'Closed for renovation' }],
      nextCursor: null,
    });
    expect(
      (await gql('{ serviceAlerts { items { clientId } } }', {}, await as('linkworker.island'))).data,
    ).toEqual({ serviceAlerts: { items: [] } });
    // Four more changes, two at one moment: a page at a time, every alert once, newest first.
    const report = (n: number) => `r-${clientId}-${n}`;
    for (const [reportId, confirmedAt] of [
      [report(2), '2026-03-04T10:00:00.000Z'],
      [report(3), '2026-03-05T10:00:00.000Z'],
      [report(4), '2026-03-05T10:00:00.000Z'],
      [report(5), '2026-03-06T10:00:00.000Z'],
    ] as const)
      await store.append(`directoryChangeReview-${randomUUID()}`, 0, [
        {
          type: 'partners.ServiceChangeConfirmed',
          data: { reportId, serviceId, kind: 'hours-changed', summary: `Change ${reportId}`, confirmedAt },
          metadata: metadata(),
        },
      ]);
    const alertsPage = (first: number, after: string | null) =>
      gql(
        'query ($first: Int, $after: String) { serviceAlerts(first: $first, after: $after) { items { reportId } nextCursor } }',
        { first, after },
      );
    const walked = await eventually(
      () => walkPages('serviceAlerts', (after) => alertsPage(2, after)),
      (walk) => walk.items.length === 5,
    );
    expect(walked.items.map((alert) => alert['reportId'])).toEqual([
      report(5),
      report(3),
      report(4),
      report(2),
      'r-1',
    ]);
    expect(walked.pages).toBe(3);
    expect(codes(await alertsPage(201, null))).toEqual([['PAGE_SIZE', 'first']]);
    expect(codes(await alertsPage(2, 'bm90IGEgY3Vyc29y'))).toEqual([['INVALID_CURSOR', 'after']]);
  });

  it('shows another organization none of a plan, and lets it change nothing', async () => {
    const clientId = await clientWithPlan();
    const island = await as('linkworker.island');
    expect(await plan(clientId, island)).toEqual({ data: { carePlan: null } });
    expect(
      codes(
        await mutate(
          'setGoal',
          'SetGoalInput',
          { clientId, goalId: 'g-x', inClientsWords: 'Not theirs' },
          island,
        ),
      ),
    ).toEqual([['CLIENT_NOT_FOUND', 'clientId']]);
    expect(codes(await gql('{ myCarePlans { items { planId } } }', {}, await as('analyst.fraser')))).toEqual([
      ['FORBIDDEN', undefined],
    ]);
  });

  it('pages myCarePlans: every open plan once, in order, and a page size over the maximum refused', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i += 1) mine.push(await clientWithPlan());
    const page = (first: number, after: string | null) =>
      gql(
        'query ($first: Int, $after: String) { myCarePlans(first: $first, after: $after) { items { clientId } nextCursor } }',
        { first, after },
      );
    const clientsOf = (answer: Awaited<ReturnType<typeof page>>) =>
      (answer.data?.['myCarePlans'] as { items: { clientId: string }[] }).items.map((p) => p.clientId);
    const whole = await page(200, null);
    expect(clientsOf(whole)).toEqual(expect.arrayContaining(mine));
    const walk = await walkPages('myCarePlans', (after) => page(2, after));
    const walked = walk.items.map((plan) => plan['clientId']);
    expect(walked).toEqual(clientsOf(whole));
    expect(walk.pages).toBe(Math.ceil(walked.length / 2));
    expect(new Set(walked).size).toBe(walked.length);
    expect(codes(await page(201, null))).toEqual([['PAGE_SIZE', 'first']]);
    expect(codes(await page(2, 'bm90IGEgY3Vyc29y'))).toEqual([['INVALID_CURSOR', 'after']]);
  });

  it('serves the committed subgraph schema (UPDATE_SCHEMA=1 rewrites it)', async () => {
    const served = ((await gql('{ _service { sdl } }')).data?.['_service'] as { sdl: string }).sdl;
    if (process.env['UPDATE_SCHEMA'] === '1') await writeFile(SCHEMA_FILE, served.trimEnd() + '\n');
    expect(served.trimEnd() + '\n').toBe(await readFile(SCHEMA_FILE, 'utf8'));
  });
});
