/**
 * The platform end to end, as `npm start` runs it, in both modes: embedded (PGlite, the store's log as
 * transport) and distributed (PostgreSQL, Kafka). Everything goes through the gateway, as a user's
 * request would; the store is opened only once the platform has stopped, to see what was written.
 */
import { demoUser } from '@spn/auth';
import {
  createTestDatabase,
  eventually,
  freePort,
  startTsProcess,
  testKafkaBrokers,
  type TsProcess,
} from '@spn/testing';
import { openPgliteFolder, PostgresSqlClient } from '@spn/event-store';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_POPULATION } from './demo/population';
import { DEMO_CLIENT_ID, DEMO_LINK_WORKER } from './seed';
import { freeServicePorts, SERVICES } from './services';
import { kafkaRecords, openedStreams, readModelDump, storedEvents } from './test/stored-events';

interface Mode {
  readonly name: 'embedded' | 'distributed';
  /** The mode's settings, and what to clean up after. */
  readonly setUp: (
    dataDir: string,
  ) => Promise<{ env: Record<string, string>; tearDown: () => Promise<void> }>;
}

const MODES: Mode[] = [
  {
    name: 'embedded',
    setUp: (dataDir) =>
      Promise.resolve({ env: { SPN_DATA_DIR: dataDir }, tearDown: () => Promise.resolve() }),
  },
  {
    name: 'distributed',
    setUp: async (dataDir) => {
      const db = await createTestDatabase('spn_platform');
      return {
        env: {
          SPN_MODE: 'distributed',
          SPN_DATA_DIR: dataDir,
          // The development issuer beside the distributed mode: a test run's explicit opt-in, which
          // production configuration refuses (docs/identity.md).
          NODE_ENV: 'test',
          AUTH_DEV_ISSUER_DIR: join(dataDir, 'dev-issuer'),
          // Required in the distributed mode: npm start makes the file, the test's readers use it too.
          SPN_KEK_FILE: join(dataDir, 'kek', 'kek.txt'),
          DATABASE_URL: db.url,
          KAFKA_BROKERS: testKafkaBrokers().join(','),
        },
        tearDown: () => db.drop(),
      };
    },
  },
];

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** `npm start` as a user runs it; resolves once it is ready. */
/** Every platform process the tests started: their logs are scanned for personal data. */
const platformRuns: TsProcess[] = [];

async function startPlatform(env: NodeJS.ProcessEnv): Promise<TsProcess> {
  const platform = startTsProcess('apps/platform/src/main.ts', env, 'platform ready');
  platformRuns.push(platform);
  await platform.ready;
  return platform;
}

/** `npm run token -- <user>` as a developer runs it: the token alone on stdout. */
async function mintWithCli(env: Record<string, string>, username: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['tools/run-ts.cjs', 'apps/platform/src/token.ts', username],
    { cwd: resolve(__dirname, '../../..'), env: { ...process.env, ...env } },
  );
  return stdout.trim();
}

describe.each(MODES)('the platform end to end through the gateway ($name)', (mode) => {
  let dataDir: string;
  let env: Record<string, string>;
  let tearDown: () => Promise<void>;
  let platform: TsProcess | undefined;
  let url: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `spn-platform-${mode.name}-`));
    const setUp = await mode.setUp(dataDir);
    tearDown = setUp.tearDown;
    env = {
      ...setUp.env,
      PORT: String(await freePort()),
      ...(await freeServicePorts(freePort)),
    };
    url = `http://127.0.0.1:${env['PORT']}/graphql`;
  });
  afterAll(async () => {
    await platform?.kill('SIGTERM');
    await tearDown();
    await rm(dataDir, { recursive: true, force: true });
  });

  let token: string;
  const gql = async (query: string, variables: Record<string, unknown> = {}, as = token) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${as}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  const refer = (input: Record<string, unknown>) =>
    gql('mutation ($input: ReferClientInput!) { referClient(input: $input) { clientId version } }', {
      input,
    });
  const register = (input: Record<string, unknown>) =>
    gql(
      'mutation ($input: RegisterClientDetailsInput!) { registerClientDetails(input: $input) { version } }',
      {
        input,
      },
    );
  /** A mutation as `as`, which must succeed; answers its client id. */
  const command = async (as: string, mutation: string, type: string, input: Record<string, unknown>) => {
    const answer = await gql(
      `mutation ($input: ${type}!) { ${mutation}(input: $input) { clientId } }`,
      { input },
      as,
    );
    expect({ mutation, errors: answer.errors }).toEqual({ mutation, errors: undefined });
    return (answer.data?.[mutation] as { clientId: string }).clientId;
  };
  /** Opens the client's care plan once care-plans has learned of the referral from the clients context's events. */
  const openPlanOnceKnown = (as: string, clientId: string) =>
    eventually(
      () =>
        gql(
          'mutation ($input: OpenCarePlanInput!) { openCarePlan(input: $input) { clientId } }',
          { input: { clientId } },
          as,
        ),
      (answer) => !answer.errors,
      60_000,
    );
  const refusals = (response: GraphQLResponse) =>
    (response.errors ?? []).map((error) => [error.extensions?.code, error.extensions?.field]);
  const referral = () => ({
    referralId: randomUUID(),
    referrerOrganizationId: 'org-clinic',
    reason: 'Fictional: lives alone, asks for company.',
    needs: ['social-connection'],
    urgency: 'urgent',
  });

  it('starts, seeds the demo once, and refers a client whose file the gateway then answers', async () => {
    platform = await startPlatform(env);
    expect(platform.output()).toContain(`(${mode.name} mode`);
    expect(platform.output()).toContain(url);
    expect(platform.output()).toContain('Demo network seeded');
    expect(platform.output()).toContain('npm run --silent token -- linkworker.fraser');
    token = await mintWithCli(env, 'linkworker.fraser');

    const referred = await refer(referral());
    const { clientId, version } = referred.data?.['referClient'] as { clientId: string; version: number };
    expect(version).toBe(2);
    const answer = await eventually(
      () => gql('query ($id: ID!) { client(clientId: $id) { clientId urgency needs } }', { id: clientId }),
      (response) => response.data?.['client'] !== null,
      60_000,
    );
    expect(answer).toEqual({
      data: { client: { clientId, urgency: 'urgent', needs: ['social-connection'] } },
    });

    // Bad input: each refusal is typed and names its field; nothing of it is written (checked below).
    expect(refusals(await refer({ ...referral(), reason: undefined }))).toEqual([
      ['BAD_USER_INPUT', 'reason'],
    ]);
    expect(refusals(await refer({ ...referral(), needs: ['food', 7] }))).toEqual([
      ['BAD_USER_INPUT', 'needs[1]'],
    ]);
    expect(refusals(await refer({ ...referral(), urgency: 'whenever' }))).toEqual([
      ['BAD_USER_INPUT', 'urgency'],
    ]);
    expect(refusals(await refer({ ...referral(), needs: ['food', 'dragons'] }))).toEqual([
      ['UNKNOWN_NEED', 'needs[1]'],
    ]);
    expect(refusals(await refer({ ...referral(), reason: 'x'.repeat(2001) }))).toEqual([
      ['TOO_LONG', 'reason'],
    ]);
    const unknownClient = randomUUID();
    expect(refusals(await register({ clientId: unknownClient, givenName: 'Ada', familyName: 'T' }))).toEqual([
      ['CLIENT_NOT_FOUND', 'clientId'],
    ]);
    const oversized = await register({ clientId, givenName: 'A'.repeat(10_000), familyName: 'Tremblay' });
    expect(refusals(oversized)).toEqual([['TOO_LONG', 'givenName']]);
    // No refusal echoes what was sent.
    expect(JSON.stringify(oversized)).not.toContain('Tremblay');

    await platform.kill('SIGTERM');
    platform = undefined;

    const events = await storedEvents(env);
    const streams = new Set(
      events.filter((event) => event.streamId.startsWith('client-')).map((event) => event.streamId),
    );
    // The demo's three clients, its population and the one referred here: the refused commands opened no stream.
    expect(streams).toEqual(
      new Set([
        'client-0193a0de-0000-7000-8000-000000000001',
        'client-0193a0de-0000-7000-8000-000000000002',
        'client-0193a0de-0000-7000-8000-000000000003',
        ...DEMO_POPULATION.map((person) => `client-${person.id}`),
        `client-${clientId}`,
      ]),
    );
    // The referred client's stream holds its referral and nothing from the refused details.
    const referredEvents = events.filter((event) => event.streamId === `client-${clientId}`);
    expect(referredEvents.map((event) => event.type)).toEqual([
      'clients.ClientReferred',
      'clients.ReferralReasonRecorded',
    ]);
    expect(referredEvents[0]?.metadata.actor.subject).toBe(DEMO_LINK_WORKER.subject);
    // Each read of the client's file through the gateway left an access record in the store.
    const reads = events.filter(
      (event) =>
        event.type === 'clients.PersonalDataAccessed' &&
        (event.data['resourceIds'] as string[]).includes(clientId) &&
        event.data['operation'] === 'Query.client',
    );
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.every((event) => event.metadata.actor.subject === DEMO_LINK_WORKER.subject)).toBe(true);
  }, 600_000); // npm start in the distributed mode starts six services one after another, then seeds

  it('keeps its data across a restart, and does not seed the demo twice', async () => {
    platform = await startPlatform(env);
    expect(platform.output()).toContain('Demo network already seeded');
    token = await mintWithCli(env, 'linkworker.fraser');
    const caseload = await eventually(
      () => gql('{ caseload { items { givenName consents { purpose } } nextCursor } }'),
      (response) => (response.data?.['caseload'] as { items: unknown[] } | undefined)?.items.length === 3,
      60_000,
    );
    expect((caseload.data?.['caseload'] as { nextCursor: unknown }).nextCursor).toBeNull();
    const rows = (
      caseload.data?.['caseload'] as { items: { givenName: string; consents: { purpose: string }[] }[] }
    ).items;
    const purposes = rows
      .map((row) => [row.givenName, row.consents.map((consent) => consent.purpose)] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    // Ada also agreed to share with the food bank.
    expect(purposes).toEqual([
      ['Ada', ['care', 'sharing']],
      ['Bao', ['care']],
      ['Chidi', ['care']],
    ]);
    // Her care plan tells the journey, seeded once.
    const plan = await gql(
      'query ($id: ID!) { carePlan(clientId: $id) { status goals { readiness { stage } } prescriptions { resourceName followUps { attended } referral { status } } changes { measure name direction } } }',
      { id: DEMO_CLIENT_ID },
    );
    expect(plan.data?.['carePlan']).toMatchObject({
      status: 'open',
      goals: [{ readiness: [{ stage: 'preparation' }, { stage: 'action' }] }],
      prescriptions: [
        // The food bank took her referral (as seeded from its side): the plan shows it in progress.
        {
          resourceName: 'Harbour food bank, Thursday hampers',
          followUps: [],
          referral: { status: 'in-progress' },
        },
        {
          resourceName: 'Greenway seniors centre, Tuesday walking group',
          followUps: [{ attended: true }],
          // She has not consented to share with the seniors centre: a draft until she does.
          referral: { status: 'draft' },
        },
      ],
    });
    expect((plan.data?.['carePlan'] as { changes: unknown[] }).changes).toContainEqual({
      measure: 'UCLA3',
      name: 'total',
      direction: 'improved',
    });
  }, 600_000); // a second start, as long as the first

  it("runs a Link Worker's journey across clients and care-plans; a withdrawal stops sharing at once", async () => {
    // The platform still runs from the test before (restarted, seeded).
    const [worker, partner, outsider, supervisor] = await Promise.all([
      mintWithCli(env, 'linkworker.fraser'),
      mintWithCli(env, 'partner.harbour'),
      mintWithCli(env, 'linkworker.island'),
      mintWithCli(env, 'supervisor.fraser'),
    ]);
    const step = (mutation: string, type: string, input: Record<string, unknown>) =>
      command(worker, mutation, type, input);
    // Referral received, details, consents (care; sharing with the food bank), first contact by its Link Worker.
    const clientId = await step('referClient', 'ReferClientInput', {
      ...referral(),
      needs: ['food', 'social-connection'],
    });
    await step('registerClientDetails', 'RegisterClientDetailsInput', {
      clientId,
      givenName: 'Marguerite',
      familyName: 'Oyelaran',
    });
    await step('recordConsent', 'RecordConsentInput', { clientId, consentId: randomUUID(), purpose: 'care' });
    const sharing = randomUUID();
    await step('recordConsent', 'RecordConsentInput', {
      clientId,
      consentId: sharing,
      purpose: 'sharing',
      recipientOrganizationId: 'harbour-food-bank',
    });
    await step('assignLinkWorker', 'AssignLinkWorkerInput', {
      clientId,
      linkWorker: DEMO_LINK_WORKER.subject,
    });
    // care-plans learns of the referral through the clients context's events only: wait until it has.
    await openPlanOnceKnown(worker, clientId);
    await step('assessNeeds', 'AssessNeedsInput', {
      clientId,
      assessmentId: randomUUID(),
      needs: [
        { need: 'food', priority: 'high' },
        { need: 'social-connection', priority: 'medium' },
      ],
      whatMattersToMe: 'Cooking for my family again.',
      strengths: ['A good cook'],
    });
    await step('setGoal', 'SetGoalInput', {
      clientId,
      goalId: 'g-1',
      inClientsWords: 'Have a full fridge every week',
    });
    await step('rateReadiness', 'RateReadinessInput', {
      clientId,
      goalId: 'g-1',
      stage: 'preparation',
      importance: 9,
      confidence: 5,
    });
    await step('planAction', 'PlanActionInput', {
      clientId,
      actionId: 'a-1',
      goalId: 'g-1',
      description: 'Register with the food bank together',
      owner: 'link-worker',
      due: '2026-12-01',
    });
    await step('recordPlanAgreement', 'ClientRefInput', { clientId });
    await step('recordOutcome', 'RecordOutcomeInput', {
      clientId,
      measurementId: 'm-1',
      timepoint: 'baseline',
      measure: 'ONS4',
      ons4: { lifeSatisfaction: 4, worthwhile: 5, happy: 4, anxious: 7 },
    });
    await step('prescribeResource', 'PrescribeInput', {
      clientId,
      prescriptionId: 'rx-1',
      goalId: 'g-1',
      need: 'food',
      resourceName: 'Harbour food bank, Thursday hampers',
      partnerOrganizationId: 'harbour-food-bank',
      followUpOn: '2026-12-10',
    });
    // The food bank receives the referral, because she agreed to share with it (under its agreement).
    const shared = () =>
      gql('{ referralsForMe(first: 200) { items { clientId need resourceName status } } }', {}, partner);
    const hers = (answer: GraphQLResponse) =>
      (
        ((answer.data?.['referralsForMe'] as { items: unknown[] } | null | undefined)?.items ?? []) as {
          clientId: string;
        }[]
      ).filter((p) => p.clientId === clientId);
    const seen = await eventually(shared, (answer) => hers(answer).length === 1, 60_000);
    expect(hers(seen)).toEqual([
      { clientId, need: 'food', resourceName: 'Harbour food bank, Thursday hampers', status: 'requested' },
    ]);
    // The food bank closes the loop on its side; the Link Worker sees each status in the plan.
    for (const status of ['accepted', 'in-progress', 'completed']) {
      const moved = await eventually(
        () =>
          gql(
            'mutation ($input: UpdateReferralStatusInput!) { updateReferralStatus(input: $input) { version } }',
            { input: { clientId, referralId: 'rx-1', status } },
            partner,
          ),
        (answer) => answer.errors === undefined,
        60_000,
      );
      expect(moved.errors).toBeUndefined();
    }
    const loop = await eventually(
      () =>
        gql(
          'query ($id: ID!) { carePlan(clientId: $id) { prescriptions { prescriptionId referral { status history { status by } } } } }',
          { id: clientId },
          worker,
        ),
      (answer) => JSON.stringify(answer).includes('"status":"completed"'),
      60_000,
    );
    expect((loop.data?.['carePlan'] as { prescriptions: unknown[] }).prescriptions).toEqual([
      {
        prescriptionId: 'rx-1',
        referral: {
          status: 'completed',
          history: [
            { status: 'requested', by: 'requester' },
            { status: 'accepted', by: 'receiver' },
            { status: 'in-progress', by: 'receiver' },
            { status: 'completed', by: 'receiver' },
          ],
        },
      },
    ]);
    // The directory, through the gateway, as HSDS: the seeded 26 services (24 in the regional file, the
    // food bank's and the seniors centre's own 2), paged.
    const hsds = await fetch(url.replace('/graphql', '/hsds/services?per_page=10'), {
      headers: { authorization: `Bearer ${partner}` },
    });
    expect(hsds.status).toBe(200);
    expect(await hsds.json()).toMatchObject({ total_items: 26, total_pages: 3, page_number: 1, size: 10 });
    expect((await fetch(url.replace('/graphql', '/hsds/services'))).status).toBe(401);
    await step('recordFollowUp', 'FollowUpInput', {
      clientId,
      prescriptionId: 'rx-1',
      attended: true,
      note: 'Collected two hampers.',
    });
    await step('recordOutcome', 'RecordOutcomeInput', {
      clientId,
      measurementId: 'm-2',
      timepoint: 'followUp',
      measure: 'ONS4',
      ons4: { lifeSatisfaction: 6, worthwhile: 6, happy: 6, anxious: 4 },
    });
    await step('reviewPlan', 'ReviewPlanInput', {
      clientId,
      reviewId: randomUUID(),
      summary: 'Fridge full; cooking again.',
    });
    await step('closePlan', 'ClosePlanInput', { clientId, reason: 'goals-met' });
    const plan = await eventually(
      () =>
        gql(
          'query ($id: ID!) { carePlan(clientId: $id) { status changes { name change direction } } }',
          { id: clientId },
          worker,
        ),
      (answer) => (answer.data?.['carePlan'] as { status?: string } | null)?.status === 'closed',
      60_000,
    );
    expect((plan.data?.['carePlan'] as { changes: unknown[] }).changes).toEqual([
      { name: 'lifeSatisfaction', change: 2, direction: 'improved' },
      { name: 'worthwhile', change: 1, direction: 'improved' },
      { name: 'happy', change: 2, direction: 'improved' },
      { name: 'anxious', change: -3, direction: 'improved' },
    ]);
    // A Link Worker of another organization sees none of it; the supervisor sees the team's caseload.
    expect(
      (await gql('query ($id: ID!) { carePlan(clientId: $id) { status } }', { id: clientId }, outsider)).data,
    ).toEqual({ carePlan: null });
    expect(
      (await gql('query ($id: ID!) { client(clientId: $id) { givenName } }', { id: clientId }, outsider))
        .data,
    ).toEqual({ client: null });
    const team = await gql(
      'query ($lw: String) { caseload(linkWorker: $lw, first: 200) { items { clientId } } }',
      { lw: DEMO_LINK_WORKER.subject },
      supervisor,
    );
    expect(
      (team.data?.['caseload'] as { items: { clientId: string }[] }).items.map((c) => c.clientId),
    ).toContain(clientId);
    const caseloads = await gql(
      '{ teamCaseloads { items { linkWorker clients { clientId } } } }',
      {},
      supervisor,
    );
    expect((caseloads.data?.['teamCaseloads'] as { items: unknown[] }).items).toEqual([
      { linkWorker: DEMO_LINK_WORKER.subject, clients: expect.arrayContaining([{ clientId }]) as unknown },
    ]);

    // She withdraws her consent to share: from then on the food bank sees nothing of her.
    const withdrawn = performance.now();
    await step('withdrawConsent', 'WithdrawConsentInput', { clientId, consentId: sharing });
    const gone = await eventually(shared, (answer) => hers(answer).length === 0, 60_000, 5);
    const effectMs = performance.now() - withdrawn;
    expect(hers(gone)).toEqual([]);
    for (let i = 0; i < 5; i += 1) expect(hers(await shared())).toEqual([]);
    console.log(`${mode.name}: consent withdrawal answered to no longer shared: ${effectMs.toFixed(1)} ms`);
  });

  it('runs quality and safety duties through the gateway: Link Worker, supervisor, org-admin; the journal stays private', async () => {
    const [worker, supervisor, admin, peer] = await Promise.all([
      mintWithCli(env, 'linkworker.fraser'),
      mintWithCli(env, 'supervisor.fraser'),
      mintWithCli(env, 'orgadmin.fraser'),
      mintWithCli(env, 'auditor.fraser'),
    ]);
    // The seeded supervision: the Link Worker sees the session and the action agreed for them.
    const sessions = await gql(
      '{ supervisionSessions { items { status actions { description owner } } } }',
      {},
      worker,
    );
    expect((sessions.data?.['supervisionSessions'] as { items: unknown[] }).items).toEqual([
      {
        status: 'held',
        actions: [{ description: 'Book the safeguarding refresher', owner: DEMO_LINK_WORKER.subject }],
      },
    ]);
    // The journal entry shared with the supervisor: text for them, never for the admin or an auditor.
    const journal = 'query ($a: String) { journalEntries(author: $a) { items { shared text } } }';
    const read = async (as: string) =>
      (
        (await gql(journal, { a: DEMO_LINK_WORKER.subject }, as)).data?.['journalEntries'] as
          { items: { shared: boolean; text: string | null }[] } | undefined
      )?.items ?? [];
    expect((await read(supervisor))[0]?.text).toContain('let the silence sit');
    expect(await read(admin)).toEqual([{ shared: true, text: null }]);
    expect(await read(peer)).toEqual([{ shared: true, text: null }]);
    // The concern reported about Ada was acknowledged by the supervisor; the admin's compliance view
    // shows the team: supervision met, the safeguarding training about to expire counted as current.
    const incidents = await gql(
      '{ incidentReports { items { severity escalatedTo acknowledgedBy } nextCursor } }',
      {},
      admin,
    );
    expect((incidents.data?.['incidentReports'] as { items: unknown[] }).items).toEqual([
      {
        severity: 'moderate',
        escalatedTo: 'supervisor',
        acknowledgedBy: demoUser('supervisor.fraser')?.subject,
      },
    ]);
    const compliance = await gql(
      '{ complianceView { linkWorkers { linkWorker supervisionMet trainingCurrent unacknowledgedPolicies } incidents { open overdue } } }',
      {},
      admin,
    );
    expect(compliance.data?.['complianceView']).toMatchObject({
      linkWorkers: expect.arrayContaining([
        {
          linkWorker: DEMO_LINK_WORKER.subject,
          supervisionMet: true,
          trainingCurrent: true,
          unacknowledgedPolicies: 0,
        },
      ]) as unknown,
    });
    // Reminders before expiry, once: the safeguarding record expires within 30 days.
    const reminders = await gql('mutation { issueTrainingReminders { recordIds } }', {}, admin);
    expect(reminders.errors).toBeUndefined();
    const again = await gql('mutation { issueTrainingReminders { recordIds } }', {}, admin);
    expect(again.data).toEqual({ issueTrainingReminders: { recordIds: [] } });
  });

  it('answers an analyst which needs in which areas go unmet, and for whom; hands over an export that passes k = 5', async () => {
    const analyst = await mintWithCli(env, 'analyst.fraser');
    // The seeded population: six clients of V3B whose food referrals the food bank could not take.
    type Cell = {
      need: string;
      area: string;
      stratum: string;
      count: number | null;
      suppressed: string | null;
    };
    const unmet = async () =>
      ((
        await gql(
          '{ populationUnmetNeeds(stratifyBy: GENDER) { need area stratum count suppressed } }',
          {},
          analyst,
        )
      ).data?.['populationUnmetNeeds'] ?? []) as Cell[];
    const cells = await eventually(
      unmet,
      (answer) =>
        answer.some(
          (cell) => cell.need === 'food' && cell.area === 'V3B' && cell.stratum === '*' && cell.count === 6,
        ),
      60_000,
    );
    expect(cells).toContainEqual({ need: 'food', area: 'V3B', stratum: '*', count: 6, suppressed: null });
    // For whom: the unmet food referrals by gender split into groups under five, so those are
    // hidden, never shown.
    const byGender = cells.filter(
      (cell) => cell.need === 'food' && cell.area === '*' && cell.stratum !== '*',
    );
    expect(byGender.length).toBeGreaterThan(0);
    for (const cell of byGender)
      expect(cell.count === null ? cell.suppressed : cell.count >= 5 || cell.count === 0).toBeTruthy();
    // Population health: the consented clients by area; a Link Worker may not ask.
    const referred = await gql(
      '{ populationHealth(measure: CLIENTS_REFERRED, stratifyBy: AGE_BAND) { period area stratum count suppressed } }',
      {},
      analyst,
    );
    expect(referred.errors).toBeUndefined();
    expect(
      refusals(await gql('{ populationHealth(measure: CLIENTS_REFERRED) { count } }', {}, token)),
    ).toEqual([['FORBIDDEN', undefined]]);
    // The export: de-identified, every group of quasi-identifiers at least five, downloaded once
    // through the gateway (streamed from the analytics service).
    const released = await gql(
      'mutation { releaseEvaluatorExport(input: { format: JSON, purpose: "Tri-Cities pilot evaluation" }) { records k smallestClass columns download } }',
      {},
      analyst,
    );
    expect(released.errors).toBeUndefined();
    const exported = released.data?.['releaseEvaluatorExport'] as {
      records: number;
      smallestClass: number;
      columns: string[];
      download: string;
    };
    expect(exported.records).toBeGreaterThan(0);
    expect(exported.smallestClass).toBeGreaterThanOrEqual(5);
    const download = () =>
      fetch(new URL(exported.download, url), { headers: { authorization: `Bearer ${analyst}` } });
    const answer = await download();
    expect(answer.status).toBe(200);
    const content = await answer.text();
    const rows = JSON.parse(content) as Record<string, unknown>[];
    expect(rows).toHaveLength(exported.records);
    expect(content).not.toMatch(/Demo \d|Tremblay|0193a0de/);
    expect((await download()).status).toBe(410);
    const quasi = ['ageBand', 'gender', 'area', 'language', 'incomeBand', 'ethnicity'];
    const groups = new Map<string, number>();
    for (const row of rows) {
      const key = JSON.stringify(quasi.map((column) => row[column]));
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    expect(Math.min(...groups.values())).toBeGreaterThanOrEqual(5);
  });

  it('erases a client: 0 plaintext of theirs in events, read models, Kafka topics and logs; other replays unchanged', async () => {
    // The platform still runs from the tests before.
    const [worker, admin] = await Promise.all([
      mintWithCli(env, 'linkworker.fraser'),
      mintWithCli(env, 'orgadmin.fraser'),
    ]);
    const step = (mutation: string, type: string, input: Record<string, unknown>, as = worker) =>
      command(as, mutation, type, input);
    // Fictional, and distinctive, so a scan finds any copy.
    const personal = [
      'Isolde',
      'Quorvath-Brennan',
      '1944-04-04',
      'Quorvath lake',
      'lonely since Quorvath',
      'Quorvath Acadian roots',
      'Brennan-cousin',
      'Quorvath visit summary',
    ];
    const clientId = await step('referClient', 'ReferClientInput', {
      ...referral(),
      reason: 'Fictional: lonely since Quorvath moved.',
    });
    await step('registerClientDetails', 'RegisterClientDetailsInput', {
      clientId,
      givenName: 'Isolde',
      familyName: 'Quorvath-Brennan',
      dateOfBirth: '1944-04-04',
    });
    await step('describeCulturalIdentity', 'DescribeCulturalIdentityInput', {
      clientId,
      inClientsWords: 'Quorvath Acadian roots',
    });
    await step('addSupportPerson', 'AddSupportPersonInput', {
      clientId,
      personId: 'p-1',
      name: 'Brennan-cousin',
      relationship: 'cousin',
      mayKnow: ['appointments'],
    });
    await step('logInteraction', 'LogInteractionInput', {
      clientId,
      interactionId: randomUUID(),
      party: 'client',
      channel: 'phone',
      purpose: 'First contact',
      summary: 'Quorvath visit summary',
      followUpNeeded: false,
    });
    await openPlanOnceKnown(worker, clientId);
    await step('setGoal', 'SetGoalInput', {
      clientId,
      goalId: 'g-1',
      inClientsWords: 'Walk to Quorvath lake again',
    });
    await eventually(
      () =>
        gql(
          'query ($id: ID!) { carePlan(clientId: $id) { goals { inClientsWords } } }',
          { id: clientId },
          worker,
        ),
      (answer) => JSON.stringify(answer).includes('Quorvath lake'),
      60_000,
    );
    // A Link Worker may not erase; the organization's admin does, with a reason.
    const refused = await gql(
      'mutation ($input: EraseClientInput!) { eraseClient(input: $input) { clientId } }',
      {
        input: { clientId, reason: 'CLIENT_REQUEST' },
      },
      worker,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await step('eraseClient', 'EraseClientInput', { clientId, reason: 'CLIENT_REQUEST' }, admin);
    const file = await eventually(
      () =>
        gql(
          'query ($id: ID!) { client(clientId: $id) { givenName erasedAt } carePlan(clientId: $id) { planId } }',
          { id: clientId },
          worker,
        ),
      (answer) =>
        (answer.data?.['client'] as { erasedAt: string | null } | null)?.erasedAt != null &&
        answer.data?.['carePlan'] === null,
      60_000,
    );
    expect((file.data?.['client'] as { givenName: string | null }).givenName).toBeNull();
    const after = await gql(
      'mutation ($input: SetGoalInput!) { setGoal(input: $input) { clientId } }',
      {
        input: { clientId, goalId: 'g-2', inClientsWords: 'Anything' },
      },
      worker,
    );
    expect(after.errors?.[0]?.extensions?.code).toBe('CLIENT_ERASED');

    await platform?.kill('SIGTERM');
    platform = undefined;
    const found = (text: string) => personal.filter((value) => text.includes(value));
    const events = JSON.stringify(await storedEvents(env));
    const readModels = await readModelDump(env);
    const kafka =
      mode.name === 'distributed'
        ? await kafkaRecords(testKafkaBrokers(), [
            'clients.events',
            'clients.access',
            'care-plans.events',
            'care-plans.access',
          ])
        : '';
    const logs = platformRuns.flatMap((run) => [...run.stdoutLines(), run.output()]).join('\n');
    expect({
      events: found(events),
      readModels: found(readModels),
      kafka: found(kafka),
      logs: found(logs),
    }).toEqual({
      events: [],
      readModels: [],
      kafka: [],
      logs: [],
    });
    // Replays: the erased client's events read with nothing personal; the others' as before.
    const streams = await openedStreams(env, [
      `client-${clientId}`,
      `careplan-${clientId}`,
      `client-${DEMO_CLIENT_ID}`,
    ]);
    expect(
      streams.get(`client-${clientId}`)?.find((e) => e.type === 'clients.ClientDetailsRegistered')?.data,
    ).toMatchObject({
      givenName: null,
      familyName: null,
      dateOfBirth: null,
    });
    expect(
      streams.get(`careplan-${clientId}`)?.find((e) => e.type === 'care-plans.GoalSet')?.data,
    ).toMatchObject({ inClientsWords: null });
    expect(
      streams.get(`client-${DEMO_CLIENT_ID}`)?.find((e) => e.type === 'clients.ClientDetailsRegistered')
        ?.data,
    ).toMatchObject({
      givenName: 'Ada',
      familyName: 'Tremblay',
    });
  });

  it("rebuilds every service's read model from the log, equal to the live one (the platform stopped)", async () => {
    // The test before stopped the platform right after its last reads, whose access records some
    // consumers may not have projected yet: a start lets every consumer catch up (the seed appends
    // nothing the second time, and nothing reads), then a stop. The rebuild then reads the log and
    // compares with the live read models.
    platform = await startPlatform(env);
    await new Promise((settle) => setTimeout(settle, 8_000));
    await platform.kill('SIGTERM');
    const where = env['DATABASE_URL'] ? ['--database-url', env['DATABASE_URL']] : ['--data-dir', dataDir];
    for (const { service } of SERVICES) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['tools/run-ts.cjs', 'apps/platform/src/rebuild.ts', service, '--actor', 'auditor-e2e', ...where],
        { cwd: resolve(__dirname, '../../..'), env: { ...process.env, ...env } },
      );
      expect({ service, equal: stdout.includes('rebuilt read model equals the live one') }).toEqual({
        service,
        equal: true,
      });
    }

    // A live read model gone wrong (a client's row lost): found, then replaced by the rebuilt one.
    const live = env['DATABASE_URL']
      ? new PostgresSqlClient(env['DATABASE_URL'], null, 1)
      : await openPgliteFolder(join(dataDir, 'read-models', 'clients'));
    try {
      await live.exec('DELETE FROM clients_client WHERE ctid IN (SELECT ctid FROM clients_client LIMIT 1)');
    } finally {
      await live.close();
    }
    const rebuildClients = (...extra: string[]) =>
      promisify(execFile)(
        process.execPath,
        [
          'tools/run-ts.cjs',
          'apps/platform/src/rebuild.ts',
          'clients',
          '--actor',
          'auditor-e2e',
          ...where,
          ...extra,
        ],
        { cwd: resolve(__dirname, '../../..'), env: { ...process.env, ...env } },
      );
    await expect(rebuildClients()).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringMatching(
        /clients_client: \d+ rows, DIFFERENT from the live read model/,
      ) as unknown,
    });
    const replaced = await rebuildClients('--replace');
    expect(replaced.stdout).toContain('clients_client: ');
    expect(replaced.stdout).toContain('live read model replaced by the rebuilt one');
    expect((await rebuildClients()).stdout).toContain('rebuilt read model equals the live one');
  }, 400_000);
});
