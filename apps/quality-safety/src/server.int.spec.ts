/**
 * The quality-safety subgraph over HTTP on the embedded runtime, sharing its event store as `npm start`
 * does. The test plays the clients context (teams: supervisor.fraser supervises linkworker.fraser; a
 * client referral) and the care-plans context (plans opened and closed) by appending their events:
 * quality-safety learns of them only through its projections of their topics.
 */
import { demoUser, openDevIssuer, type DevIssuer, type Role } from '@spn/auth';
import { CLIENT_REFERRED } from '@spn/contracts';
import type { EventMetadata, SqlEventStore } from '@spn/event-store';
import {
  Clock,
  loadConfig,
  openEventStore,
  type SubgraphServer,
  organizationStreamId,
} from '@spn/service-kit';
import {
  eventually,
  freePort,
  postGraphQL,
  refusalCodes,
  walkPages,
  type GraphQLResponse,
} from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startQualitySafetyServer } from './server';

const SCHEMA_FILE = resolve(__dirname, '../schema.graphql');
const ORG = 'fraser-north-health';
const ISLAND = 'island-coast-health';
type Headers = Record<string, string>;
const sub = (username: string) => demoUser(username)!.subject;
const LW = sub('linkworker.fraser');
const SUPERVISOR = sub('supervisor.fraser');
/** The system's time, until a test pins it: the other tests keep their commands' real order. */
class PinnableClock extends Clock {
  pinned: Date | undefined;
  now(): Date {
    return new Date(this.pinned ?? Date.now());
  }
}
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('quality-safety subgraph over HTTP (embedded runtime, shared store)', () => {
  let dataDir: string;
  let store: SqlEventStore;
  let server: SubgraphServer;
  let issuer: DevIssuer;
  let as: (username: string) => Promise<Headers>;
  let mint: (subject: string, role: Role, organizationId?: string) => Promise<Headers>;
  let worker: Headers;
  let supervisor: Headers;
  let admin: Headers;
  let auditor: Headers;
  let islandAdmin: Headers;
  const teamId = randomUUID();
  /** A second Link Worker of the same team (a peer), and a supervisor of no team of theirs. */
  const PEER = randomUUID();
  const OTHER_SUPERVISOR = randomUUID();
  const clock = new PinnableClock();

  const metadata = (organizationId = ORG): EventMetadata => ({
    organizationId,
    actor: { subject: sub('orgadmin.fraser'), organizationId, roles: ['org-admin'] },
    purposeOfUse: 'care',
    correlationId: randomUUID(),
  });
  /** The clients and care-plans contexts' events, as their services would append them. */
  const otherContexts = {
    teamMember: (subject: string, role: 'link-worker' | 'supervisor') =>
      store.append(organizationStreamId('team', ORG, teamId), 'any', [
        {
          type: 'clients.TeamMemberAdded',
          data: { subject, role, addedAt: new Date().toISOString() },
          metadata: metadata(),
        },
      ]),
    refer: (clientId: string, organizationId: string) =>
      store.append(`client-${clientId}`, 0, [
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
          metadata: metadata(organizationId),
        },
      ]),
    openPlan: (clientId: string, linkWorker: string) =>
      store.append(`careplan-${clientId}`, 'any', [
        {
          type: 'care-plans.PlanOpened',
          data: { planId: randomUUID(), clientId, linkWorker, openedAt: new Date().toISOString() },
          metadata: metadata(),
        },
      ]),
    closePlan: (clientId: string) =>
      store.append(`careplan-${clientId}`, 'any', [
        {
          type: 'care-plans.PlanClosed',
          data: { reason: 'goals-met', note: null, closedAt: new Date().toISOString() },
          metadata: metadata(),
        },
      ]),
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-quality-safety-http-'));
    const env = { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) };
    store = await openEventStore(loadConfig(env));
    server = await startQualitySafetyServer(env, { signals: false, sharedStore: store, clock });
    issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    as = async (username) => ({ authorization: `Bearer ${await issuer.mint(demoUser(username)!)}` });
    mint = async (subject, role, organizationId = ORG) => ({
      authorization: `Bearer ${await issuer.mint({ username: `test.${subject}`, subject, roles: [role], organizationId })}`,
    });
    worker = await as('linkworker.fraser');
    supervisor = await as('supervisor.fraser');
    admin = await as('orgadmin.fraser');
    auditor = await as('auditor.fraser');
    islandAdmin = await as('orgadmin.island');
    await store.append(organizationStreamId('team', ORG, teamId), 0, [
      {
        type: 'clients.TeamFormed',
        data: { teamId, name: 'North shore', formedAt: new Date().toISOString() },
        metadata: metadata(),
      },
    ]);
    await otherContexts.teamMember(SUPERVISOR, 'supervisor');
    await otherContexts.teamMember(LW, 'link-worker');
    await otherContexts.teamMember(PEER, 'link-worker');
    // The team is known once the supervisor's caseload monitor lists both Link Workers.
    await eventually(
      () => gql('{ caseloadMonitor { items { linkWorker } } }', {}, supervisor),
      (answer) => list(answer, 'caseloadMonitor').length === 2,
    );
  });
  afterAll(async () => {
    await server.stop();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Headers = worker) =>
    postGraphQL(server.url, query, variables, headers);
  const mutate = (
    name: string,
    type: string,
    input: Record<string, unknown>,
    headers: Headers,
    select = 'id version',
  ) => gql(`mutation ($input: ${type}!) { ${name}(input: $input) { ${select} } }`, { input }, headers);
  const ok = async (answer: Promise<GraphQLResponse>) => {
    const response = await answer;
    expect(response.errors).toBeUndefined();
    return response;
  };
  /** A list field's items, whether the list is paged (`{ items }`) or not. */
  const list = <T>(answer: GraphQLResponse, field: string): T[] => {
    const value = answer.data?.[field];
    return (
      Array.isArray(value) ? value : ((value as { items?: T[] } | null | undefined)?.items ?? [])
    ) as T[];
  };
  const forbidden = async (answer: Promise<GraphQLResponse>) => {
    const response = await answer;
    expect(refusalCodes(response)).toEqual([['FORBIDDEN', undefined]]);
    expect(response.data ?? null).toBeNull();
  };

  it('supervision: a supervisor schedules and holds for their Link Worker, who marks the action done', async () => {
    const sessionId = randomUUID();
    const schedule = (headers: Headers, linkWorkers: string[], kind = 'one-to-one', id = sessionId) =>
      mutate(
        'scheduleSupervision',
        'ScheduleSupervisionInput',
        { sessionId: id, linkWorkers, kind, scheduledFor: new Date().toISOString() },
        headers,
      );
    await ok(schedule(supervisor, [LW]));
    expect(
      refusalCodes(await schedule(supervisor, [sub('linkworker.island')], 'one-to-one', randomUUID())),
    ).toEqual([['NOT_IN_TEAM', 'linkWorkers[0]']]);
    expect(
      refusalCodes(
        await schedule(await mint(OTHER_SUPERVISOR, 'supervisor'), [LW], 'one-to-one', randomUUID()),
      ),
    ).toEqual([['NOT_IN_TEAM', 'linkWorkers[0]']]);
    expect(refusalCodes(await schedule(worker, [PEER], 'one-to-one', randomUUID()))).toEqual([
      ['NOT_ALLOWED', 'kind'],
    ]);
    await forbidden(schedule(admin, [LW], 'one-to-one', randomUUID()));
    const hold = (headers: Headers) =>
      mutate(
        'holdSupervision',
        'HoldSupervisionInput',
        {
          sessionId,
          notes: 'Boundaries with a client who calls after hours',
          actions: [
            { actionId: 'a-1', description: 'Set an out-of-hours message', owner: LW, dueOn: day(7) },
          ],
        },
        headers,
      );
    expect(refusalCodes(await hold(worker))).toEqual([['NOT_FACILITATOR', 'sessionId']]);
    await ok(hold(supervisor));
    await ok(
      mutate(
        'markSupervisionActionDone',
        'MarkSupervisionActionDoneInput',
        { sessionId, actionId: 'a-1' },
        worker,
      ),
    );
    const query =
      '{ supervisionSessions { items { sessionId facilitator linkWorkers kind status notes actions { owner doneOn } } } }';
    const mine = await eventually(
      () => gql(query),
      (answer) =>
        list<{ sessionId: string; actions: { doneOn: string | null }[] }>(answer, 'supervisionSessions').some(
          (s) => s.sessionId === sessionId && s.actions[0]?.doneOn !== null && s.actions.length === 1,
        ),
    );
    expect(
      list(mine, 'supervisionSessions').find((s) => (s as { sessionId: string }).sessionId === sessionId),
    ).toEqual({
      sessionId,
      facilitator: SUPERVISOR,
      linkWorkers: [LW],
      kind: 'one-to-one',
      status: 'held',
      notes: 'Boundaries with a client who calls after hours',
      actions: [{ owner: LW, doneOn: day(0) }],
    });
    const ids = (answer: GraphQLResponse) =>
      list<{ sessionId: string }>(answer, 'supervisionSessions').map((s) => s.sessionId);
    expect(ids(await gql(query, {}, admin))).toContain(sessionId);
    expect(ids(await gql(query, {}, supervisor))).toContain(sessionId);
    expect(ids(await gql(query, {}, await mint(PEER, 'link-worker')))).not.toContain(sessionId);
    expect(ids(await gql(query, {}, islandAdmin))).toEqual([]);
    await forbidden(gql(query, {}, auditor));
    // Peer support: a Link Worker with a peer of their team, not with someone outside it.
    await ok(schedule(worker, [PEER], 'peer-support', randomUUID()));
    expect(
      refusalCodes(await schedule(worker, [sub('linkworker.island')], 'peer-support', randomUUID())),
    ).toEqual([['NOT_IN_TEAM', 'linkWorkers[0]']]);
  });

  it("stamps commands with the subgraph's clock, not the machine's", async () => {
    const entryId = randomUUID();
    clock.pinned = new Date('2025-03-04T05:06:07.089Z');
    try {
      await ok(mutate('writeJournalEntry', 'WriteJournalEntryInput', { entryId, text: 'Pinned' }, worker));
    } finally {
      clock.pinned = undefined;
    }
    const stored = (await store.readStream(`journal-${LW}`)).find((e) => e.data['entryId'] === entryId);
    expect(stored?.data['writtenAt']).toBe('2025-03-04T05:06:07.089Z');
  });

  it('journal: the text is sealed, and only its author (or a supervisor of the team, once shared) reads it', async () => {
    const TEXT = 'I felt out of my depth at the Tuesday visit';
    const entryId = randomUUID();
    await ok(mutate('writeJournalEntry', 'WriteJournalEntryInput', { entryId, text: TEXT }, worker));
    // The log (and so Kafka and exports) holds ciphertext only.
    const stored = (await store.readStream(`journal-${LW}`)).find((e) => e.data['entryId'] === entryId);
    expect(stored?.data['text']).toMatch(/^pd1:/);
    expect(JSON.stringify(stored)).not.toContain('out of my depth');
    const read = (headers: Headers, author: string | null = LW) =>
      gql(
        'query ($author: String) { journalEntries(author: $author) { items { author entryId writtenAt shared text } } }',
        { author },
        headers,
      );
    const entry = async (headers: Headers, author: string | null = LW) =>
      list<{ entryId: string; text: string | null; shared: boolean }>(
        await read(headers, author),
        'journalEntries',
      ).find((e) => e.entryId === entryId);
    const own = await eventually(
      () => entry(worker, null),
      (found) => found !== undefined,
    );
    expect(own).toMatchObject({ entryId, shared: false, text: TEXT });
    const peer = await mint(PEER, 'link-worker');
    const otherSupervisor = await mint(OTHER_SUPERVISOR, 'supervisor');
    // Unshared: the supervisor, an org-admin, another Link Worker and an auditor see that it exists, not its text.
    for (const headers of [supervisor, admin, peer, auditor, otherSupervisor])
      expect(await entry(headers)).toMatchObject({ entryId, shared: false, text: null });
    expect(list(await read(islandAdmin), 'journalEntries')).toEqual([]);
    // Shared: the supervisor of the team reads it; nobody else does.
    await ok(mutate('shareJournalEntry', 'JournalEntryInput', { entryId }, worker));
    expect(
      await eventually(
        () => entry(supervisor),
        (found) => found?.shared === true,
      ),
    ).toMatchObject({ shared: true, text: TEXT });
    expect((await entry(supervisor, null))?.text).toBe(TEXT);
    for (const headers of [admin, peer, auditor, otherSupervisor])
      expect(await entry(headers)).toMatchObject({ shared: true, text: null });
    // Only the author shares their own entries; others have no such entry in their journal.
    expect(refusalCodes(await mutate('shareJournalEntry', 'JournalEntryInput', { entryId }, peer))).toEqual([
      ['ENTRY_NOT_FOUND', 'entryId'],
    ]);
    await forbidden(mutate('writeJournalEntry', 'WriteJournalEntryInput', { text: 'x' }, supervisor));
    // Unshared again: private again.
    await ok(mutate('unshareJournalEntry', 'JournalEntryInput', { entryId }, worker));
    expect(
      await eventually(
        () => entry(supervisor),
        (found) => found?.shared === false,
      ),
    ).toMatchObject({ text: null });
    // The read model never held the text.
    const rows = await server.runtime.readModels.query('SELECT * FROM quality_safety_journal_entry');
    expect(JSON.stringify(rows)).not.toContain('out of my depth');
  });

  it('training: records, reminders once per record before expiry, policies acknowledged', async () => {
    const subject = randomUUID();
    await otherContexts.teamMember(subject, 'link-worker');
    const linkWorker = await mint(subject, 'link-worker');
    const soon = randomUUID();
    await ok(
      mutate(
        'recordTraining',
        'RecordTrainingInput',
        { recordId: soon, topic: 'cultural-safety', completedOn: day(-355), expiresOn: day(10) },
        linkWorker,
      ),
    );
    const record = (headers: Headers, forWhom: string) =>
      mutate(
        'recordTraining',
        'RecordTrainingInput',
        { subject: forWhom, topic: 'safeguarding', completedOn: day(-1), expiresOn: day(100) },
        headers,
      );
    await eventually(
      () => record(admin, subject),
      (answer) => answer.errors === undefined,
    );
    expect(refusalCodes(await record(admin, sub('linkworker.island')))).toEqual([
      ['LINK_WORKER_NOT_FOUND', 'subject'],
    ]);
    expect(refusalCodes(await record(linkWorker, LW))).toEqual([['LINK_WORKER_NOT_FOUND', 'subject']]);
    await forbidden(record(supervisor, subject));
    const records = await eventually(
      () =>
        gql('{ trainingRecords { items { recordId subject topic expiresOn remindedOn } } }', {}, linkWorker),
      (answer) => list(answer, 'trainingRecords').length === 2,
    );
    expect(list(records, 'trainingRecords')).toHaveLength(2);
    const remind = (headers: Headers) =>
      gql(
        'mutation ($asOf: String) { issueTrainingReminders(asOf: $asOf) { asOf recordIds } }',
        { asOf: day(0) },
        headers,
      );
    expect((await remind(admin)).data?.['issueTrainingReminders']).toEqual({
      asOf: day(0),
      recordIds: [soon],
    });
    await forbidden(remind(linkWorker));
    const reminded = await eventually(
      () => gql('{ trainingRecords { items { recordId remindedOn } } }', {}, admin),
      (answer) =>
        list<{ recordId: string; remindedOn: string | null }>(answer, 'trainingRecords').some(
          (r) => r.recordId === soon && r.remindedOn !== null,
        ),
    );
    expect(list(reminded, 'trainingRecords')).toContainEqual({ recordId: soon, remindedOn: day(0) });
    expect((await remind(admin)).data?.['issueTrainingReminders']).toEqual({ asOf: day(0), recordIds: [] });
    const reminders = (await store.readStream(`training-${subject}`)).filter(
      (e) => e.type === 'quality-safety.TrainingExpiryReminderIssued',
    );
    expect(reminders).toHaveLength(1);
    // Policies: published in versions by the admin, acknowledged by the Link Worker.
    const policy = await ok(
      mutate('publishPolicyVersion', 'PublishPolicyVersionInput', { title: 'Home visits' }, admin),
    );
    const policyId = (policy.data?.['publishPolicyVersion'] as { id: string }).id;
    await ok(
      mutate(
        'publishPolicyVersion',
        'PublishPolicyVersionInput',
        { policyId, title: 'Home visits', summary: 'In pairs after dark' },
        admin,
      ),
    );
    await forbidden(
      mutate('publishPolicyVersion', 'PublishPolicyVersionInput', { title: 'Mine' }, linkWorker),
    );
    await eventually(
      () => mutate('acknowledgePolicy', 'AcknowledgePolicyInput', { policyId, version: 2 }, linkWorker),
      (answer) => answer.errors === undefined,
    );
    expect(
      refusalCodes(
        await mutate('acknowledgePolicy', 'AcknowledgePolicyInput', { policyId, version: 9 }, linkWorker),
      ),
    ).toEqual([['POLICY_VERSION_NOT_FOUND', 'version']]);
    const policies = await eventually(
      () =>
        gql(
          '{ policies { items { policyId title latestVersion summary acknowledgedVersion } } }',
          {},
          linkWorker,
        ),
      (answer) =>
        list<{ acknowledgedVersion: number | null }>(answer, 'policies').some(
          (p) => p.acknowledgedVersion === 2,
        ),
    );
    expect(list(policies, 'policies')).toContainEqual({
      policyId,
      title: 'Home visits',
      latestVersion: 2,
      summary: 'In pairs after dark',
      acknowledgedVersion: 2,
    });
    const acknowledgements = await gql(
      'query ($id: ID!) { policyAcknowledgements(policyId: $id) { items { subject version } } }',
      { id: policyId },
      admin,
    );
    expect(list(acknowledgements, 'policyAcknowledgements')).toEqual([{ subject, version: 2 }]);
    expect(list(await gql('{ policies { items { policyId } } }', {}, islandAdmin), 'policies')).toEqual([]);
  });

  it('incidents: escalated by severity, acknowledged by that role with the time measured, resolved', async () => {
    const clientId = randomUUID();
    const islandClient = randomUUID();
    await otherContexts.refer(clientId, ORG);
    await otherContexts.refer(islandClient, ISLAND);
    const report = (severity: string, client: string | null, incidentId = randomUUID()) =>
      mutate(
        'reportIncident',
        'ReportIncidentInput',
        {
          incidentId,
          kind: 'safeguarding-concern',
          severity,
          summary: 'Signs of neglect at a home visit',
          ...(client ? { clientId: client } : {}),
          occurredOn: day(0),
        },
        worker,
      );
    const moderate = randomUUID();
    await eventually(
      () => report('moderate', clientId, moderate),
      (answer) => answer.errors === undefined,
    );
    expect(refusalCodes(await report('low', islandClient))).toEqual([['CLIENT_NOT_FOUND', 'clientId']]);
    const critical = randomUUID();
    await ok(report('critical', null, critical));
    const stored = await store.readStream(organizationStreamId('incident', ORG, moderate));
    expect(stored.map((e) => e.type)).toEqual([
      'quality-safety.IncidentReported',
      'quality-safety.IncidentEscalated',
    ]);
    expect(stored[0]?.data['summary']).toMatch(/^pd1:/);
    expect(stored[0]?.data['clientId']).toBe(clientId);
    const acknowledge = (incidentId: string, headers: Headers) =>
      mutate('acknowledgeIncident', 'AcknowledgeIncidentInput', { incidentId }, headers);
    await ok(acknowledge(moderate, supervisor));
    expect(refusalCodes(await acknowledge(critical, supervisor))).toEqual([
      ['NOT_ESCALATED_TO_YOU', 'incidentId'],
    ]);
    await forbidden(acknowledge(critical, worker));
    expect(refusalCodes(await acknowledge(critical, islandAdmin))).toEqual([
      ['INCIDENT_NOT_FOUND', 'incidentId'],
    ]);
    await ok(acknowledge(critical, admin));
    await ok(
      mutate(
        'resolveIncident',
        'ResolveIncidentInput',
        {
          incidentId: moderate,
          resolution: 'Referred to the safeguarding lead',
          lessonsLearned: 'Visit in pairs',
        },
        supervisor,
      ),
    );
    const query =
      '{ incidentReports(first: 200) { items { incidentId severity summary clientId escalatedTo flagged secondsToAcknowledge resolvedAt lessonsLearned } } }';
    const all = await eventually(
      () => gql(query, {}, admin),
      (answer) =>
        list<{ incidentId: string; resolvedAt: string | null; secondsToAcknowledge: number | null }>(
          answer,
          'incidentReports',
        ).filter(
          (i) =>
            (i.incidentId === moderate && i.resolvedAt !== null) ||
            (i.incidentId === critical && i.secondsToAcknowledge !== null),
        ).length === 2,
    );
    const incidents = list<Record<string, unknown>>(all, 'incidentReports');
    expect(incidents.find((i) => i['incidentId'] === critical)).toMatchObject({
      severity: 'critical',
      escalatedTo: 'org-admin',
      flagged: true,
      clientId: null,
    });
    expect(incidents.find((i) => i['incidentId'] === moderate)).toMatchObject({
      escalatedTo: 'supervisor',
      flagged: false,
      clientId,
      summary: 'Signs of neglect at a home visit',
      lessonsLearned: 'Visit in pairs',
    });
    expect(typeof incidents.find((i) => i['incidentId'] === moderate)?.['secondsToAcknowledge']).toBe(
      'number',
    );
    expect(list(await gql(query, {}, worker), 'incidentReports').length).toBeGreaterThanOrEqual(2);
    expect(list(await gql(query, {}, await mint(PEER, 'link-worker')), 'incidentReports')).toEqual([]);
    expect(list(await gql(query, {}, islandAdmin), 'incidentReports')).toEqual([]);
    // A page at a time: every incident once, in the order of one 200-item page.
    const page = (first: number, after: string | null) =>
      gql(
        'query ($first: Int, $after: String) { incidentReports(first: $first, after: $after) { items { incidentId } nextCursor } }',
        { first, after },
        admin,
      );
    const walk = await walkPages('incidentReports', (after) => page(1, after));
    const walked = walk.items.map((incident) => incident['incidentId']);
    expect(walk.pages).toBe(walked.length);
    expect(walked).toEqual(incidents.map((i) => i['incidentId']));
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked.length).toBeGreaterThanOrEqual(2);
    expect(refusalCodes(await page(201, null))).toEqual([['PAGE_SIZE', 'first']]);
    expect(refusalCodes(await page(1, 'bm90IGEgY3Vyc29y'))).toEqual([['INVALID_CURSOR', 'after']]);
    const times = await gql(
      '{ incidentAcknowledgementTimes { severity count meanSeconds medianSeconds } }',
      {},
      admin,
    );
    const bySeverity = list<{ severity: string; count: number; meanSeconds: number | null }>(
      times,
      'incidentAcknowledgementTimes',
    );
    expect(bySeverity.map((t) => t.severity)).toEqual(['low', 'moderate', 'high', 'critical']);
    expect(bySeverity.find((t) => t.severity === 'critical')).toMatchObject({ count: 1 });
    expect(bySeverity.find((t) => t.severity === 'moderate')?.meanSeconds).toEqual(expect.any(Number));
    await forbidden(gql('{ incidentAcknowledgementTimes { severity } }', {}, worker));
  });

  it("caseloads: kept from care-plans' events; one alert when an opening goes over the threshold", async () => {
    await forbidden(
      mutate('setCaseloadThreshold', 'SetCaseloadThresholdInput', { maxActiveCases: 2 }, supervisor),
    );
    await ok(mutate('setCaseloadThreshold', 'SetCaseloadThresholdInput', { maxActiveCases: 2 }, admin));
    await eventually(
      () => gql('{ caseloadThreshold }', {}, worker),
      (answer) => answer.data?.['caseloadThreshold'] === 2,
    );
    const busy = randomUUID();
    const clients = [randomUUID(), randomUUID(), randomUUID()];
    for (const clientId of clients) await otherContexts.openPlan(clientId, busy);
    await otherContexts.closePlan(clients[0]!);
    const query = '{ caseloadMonitor { items { linkWorker activeCases threshold overThreshold } } }';
    const monitor = await eventually(
      () => gql(query, {}, admin),
      (answer) =>
        list<{ linkWorker: string; activeCases: number }>(answer, 'caseloadMonitor').some(
          (c) => c.linkWorker === busy && c.activeCases === 2,
        ),
    );
    expect(list(monitor, 'caseloadMonitor')).toContainEqual({
      linkWorker: busy,
      activeCases: 2,
      threshold: 2,
      overThreshold: false,
    });
    const alerts = await eventually(
      () => gql('{ caseloadAlerts { items { linkWorker activeCases threshold } } }', {}, admin),
      (answer) => list<{ linkWorker: string }>(answer, 'caseloadAlerts').some((a) => a.linkWorker === busy),
    );
    expect(
      list<{ linkWorker: string }>(alerts, 'caseloadAlerts').filter((a) => a.linkWorker === busy),
    ).toEqual([{ linkWorker: busy, activeCases: 3, threshold: 2 }]);
    const caused = await store.readStream(`caseload-${busy}`);
    expect(caused.map((e) => e.type)).toEqual(['quality-safety.CaseloadThresholdExceeded']);
    // A Link Worker sees their own caseload only; another organization sees none of these.
    expect(
      list<{ linkWorker: string }>(await gql(query, {}, worker), 'caseloadMonitor').map((c) => c.linkWorker),
    ).toEqual([LW]);
    expect(
      list<{ linkWorker: string }>(await gql(query, {}, islandAdmin), 'caseloadMonitor').map(
        (c) => c.linkWorker,
      ),
    ).not.toContain(busy);
    await forbidden(gql('{ caseloadAlerts { items { linkWorker } } }', {}, worker));
  });

  it('compliance: supervision, training and caseload per Link Worker, for the admin and the supervisor', async () => {
    const subject = randomUUID();
    await otherContexts.teamMember(subject, 'link-worker');
    const query =
      '{ complianceView { organizationId linkWorkers { linkWorker supervisionMet trainingCurrent expiredTopics missingTopics activeCases compliant } incidents { open overdue flagged } } }';
    const mine = (answer: GraphQLResponse) =>
      (answer.data?.['complianceView'] as { linkWorkers: { linkWorker: string }[] } | null)?.linkWorkers.find(
        (l) => l.linkWorker === subject,
      );
    const before = await eventually(
      () => gql(query, {}, supervisor),
      (answer) => mine(answer) !== undefined,
    );
    expect(mine(before)).toEqual({
      linkWorker: subject,
      supervisionMet: false,
      trainingCurrent: false,
      expiredTopics: [],
      missingTopics: ['cultural-safety', 'safeguarding', 'privacy'],
      activeCases: 0,
      compliant: false,
    });
    const sessionId = randomUUID();
    await ok(
      mutate(
        'scheduleSupervision',
        'ScheduleSupervisionInput',
        { sessionId, linkWorkers: [subject], kind: 'one-to-one', scheduledFor: new Date().toISOString() },
        supervisor,
      ),
    );
    await ok(mutate('holdSupervision', 'HoldSupervisionInput', { sessionId, notes: 'Check-in' }, supervisor));
    for (const [topic, expiresOn] of [
      ['cultural-safety', day(300)],
      ['safeguarding', day(300)],
      ['privacy', day(-1)],
    ] as const)
      await ok(
        mutate(
          'recordTraining',
          'RecordTrainingInput',
          { subject, topic, completedOn: day(-400), expiresOn },
          admin,
        ),
      );
    const after = await eventually(
      () => gql(query, {}, admin),
      (answer) =>
        (mine(answer) as { supervisionMet?: boolean; expiredTopics?: string[] } | undefined)?.expiredTopics
          ?.length === 1 && (mine(answer) as { supervisionMet?: boolean }).supervisionMet === true,
    );
    expect(mine(after)).toMatchObject({
      supervisionMet: true,
      trainingCurrent: false,
      expiredTopics: ['privacy'],
      missingTopics: [],
      compliant: false,
    });
    const view = after.data?.['complianceView'] as {
      organizationId: string;
      incidents: Record<string, number>;
    };
    expect(view.organizationId).toBe(ORG);
    expect(Object.keys(view.incidents).sort()).toEqual(['flagged', 'open', 'overdue']);
    expect(Object.values(view.incidents).every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
    await forbidden(gql(query, {}, worker));
    await forbidden(gql(query, {}, auditor));
    expect(mine(await gql(query, {}, islandAdmin))).toBeUndefined();
  });

  it('pages every list: a page size smaller than the data sees every item once, over 200 is refused', async () => {
    const paged = (field: string, selection: string, declare = '', pass = '') =>
      `query ($first: Int, $after: String${declare}) { ${field}(first: $first, after: $after${pass}) { items { ${selection} } nextCursor } }`;
    /** Walks a list `first` at a time, and checks it against one 200-item page: the same items, once each. */
    const walkAgainstOnePage = async (
      field: string,
      query: string,
      headers: Headers,
      first: number,
      variables: Record<string, unknown> = {},
    ) => {
      const whole = await gql(query, { ...variables, first: 200 }, headers);
      expect(whole.errors).toBeUndefined();
      const walk = await walkPages(field, (after) => gql(query, { ...variables, first, after }, headers));
      expect(walk.items).toEqual(list(whole, field));
      expect(new Set(walk.items.map((item) => JSON.stringify(item))).size).toBe(walk.items.length);
      expect(walk.pages).toBe(Math.max(1, Math.ceil(walk.items.length / first)));
      // Over the maximum, and a cursor this list did not make: refused, naming the argument.
      expect(refusalCodes(await gql(query, { ...variables, first: 201 }, headers))).toEqual([
        ['PAGE_SIZE', 'first'],
      ]);
      expect(
        refusalCodes(await gql(query, { ...variables, first, after: 'bm90IGEgY3Vyc29y' }, headers)),
      ).toEqual([['INVALID_CURSOR', 'after']]);
      return walk.items;
    };
    // A Link Worker of the team with three of each: sessions, journal entries, training records.
    const subject = randomUUID();
    await otherContexts.teamMember(subject, 'link-worker');
    const linkWorker = await mint(subject, 'link-worker');
    const sessionIds = [randomUUID(), randomUUID(), randomUUID()];
    for (const sessionId of sessionIds)
      await eventually(
        () =>
          mutate(
            'scheduleSupervision',
            'ScheduleSupervisionInput',
            { sessionId, linkWorkers: [subject], kind: 'one-to-one', scheduledFor: new Date().toISOString() },
            supervisor,
          ),
        (answer) => answer.errors === undefined,
      );
    for (let i = 0; i < 3; i += 1) {
      await ok(mutate('writeJournalEntry', 'WriteJournalEntryInput', { text: `Entry ${i}` }, linkWorker));
      await ok(
        mutate(
          'recordTraining',
          'RecordTrainingInput',
          { topic: 'safeguarding', completedOn: day(-10 - i), expiresOn: day(300) },
          linkWorker,
        ),
      );
    }
    const sessionsQuery = paged('supervisionSessions', 'sessionId');
    await eventually(
      () => gql(sessionsQuery, { first: 200 }, linkWorker),
      (answer) => list(answer, 'supervisionSessions').length === 3,
    );
    const sessions = await walkAgainstOnePage('supervisionSessions', sessionsQuery, linkWorker, 2);
    expect(sessions.map((session) => String(session['sessionId'])).sort()).toEqual([...sessionIds].sort());
    await walkAgainstOnePage('supervisionSessions', sessionsQuery, admin, 2);
    const journalQuery = paged('journalEntries', 'entryId text');
    await eventually(
      () => gql(journalQuery, { first: 200 }, linkWorker),
      (answer) => list(answer, 'journalEntries').length === 3,
    );
    const entries = await walkAgainstOnePage('journalEntries', journalQuery, linkWorker, 2);
    expect(entries.map((entry) => entry['text'])).toEqual(['Entry 2', 'Entry 1', 'Entry 0']);
    await walkAgainstOnePage('journalEntries', journalQuery, auditor, 2);
    const trainingQuery = paged('trainingRecords', 'recordId subject completedOn');
    await eventually(
      () => gql(trainingQuery, { first: 200 }, linkWorker),
      (answer) => list(answer, 'trainingRecords').length === 3,
    );
    const records = await walkAgainstOnePage('trainingRecords', trainingQuery, linkWorker, 2);
    expect(records.map((record) => record['completedOn'])).toEqual([day(-10), day(-11), day(-12)]);
    await walkAgainstOnePage('trainingRecords', trainingQuery, admin, 2);
    // Three policies, each acknowledged by the three Link Workers of the team.
    const policyIds: string[] = [];
    for (const title of ['Paging C', 'Paging A', 'Paging B']) {
      const published = await ok(
        mutate('publishPolicyVersion', 'PublishPolicyVersionInput', { title }, admin),
      );
      policyIds.push((published.data?.['publishPolicyVersion'] as { id: string }).id);
    }
    const [policyId] = policyIds as [string];
    for (const headers of [worker, await mint(PEER, 'link-worker'), linkWorker])
      await eventually(
        () => mutate('acknowledgePolicy', 'AcknowledgePolicyInput', { policyId, version: 1 }, headers),
        (answer) => answer.errors === undefined,
      );
    const policies = await walkAgainstOnePage('policies', paged('policies', 'policyId title'), admin, 2);
    expect(policies.filter((policy) => String(policy['title']).startsWith('Paging '))).toEqual([
      { policyId: policyIds[1], title: 'Paging A' },
      { policyId: policyIds[2], title: 'Paging B' },
      { policyId: policyIds[0], title: 'Paging C' },
    ]);
    const acknowledgementsQuery = paged(
      'policyAcknowledgements',
      'subject version',
      ', $id: ID!',
      ', policyId: $id',
    );
    await eventually(
      () => gql(acknowledgementsQuery, { first: 200, id: policyId }, admin),
      (answer) => list(answer, 'policyAcknowledgements').length === 3,
    );
    const acknowledged = await walkAgainstOnePage('policyAcknowledgements', acknowledgementsQuery, admin, 2, {
      id: policyId,
    });
    expect(acknowledged.map((ack) => String(ack['subject'])).sort()).toEqual([LW, PEER, subject].sort());
    // Caseloads one Link Worker a page; the alerts of the earlier test, one a page.
    const monitorQuery = paged('caseloadMonitor', 'linkWorker activeCases');
    await eventually(
      () => gql(monitorQuery, { first: 200 }, supervisor),
      (answer) => JSON.stringify(answer.data ?? {}).includes(subject),
    );
    const monitored = await walkAgainstOnePage('caseloadMonitor', monitorQuery, supervisor, 1);
    expect(monitored.map((caseload) => caseload['linkWorker'])).toEqual(
      expect.arrayContaining([LW, PEER, subject]),
    );
    await walkAgainstOnePage('caseloadMonitor', monitorQuery, admin, 2);
    await walkAgainstOnePage('caseloadAlerts', paged('caseloadAlerts', 'linkWorker exceededAt'), admin, 1);
  });

  it('answers liveness and readiness', async () => {
    const base = server.url.replace('/graphql', '');
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });

  it('serves the committed subgraph schema (UPDATE_SCHEMA=1 rewrites it)', async () => {
    const served = ((await gql('{ _service { sdl } }')).data?.['_service'] as { sdl: string }).sdl;
    if (process.env['UPDATE_SCHEMA'] === '1') await writeFile(SCHEMA_FILE, served.trimEnd() + '\n');
    expect(served.trimEnd() + '\n').toBe(await readFile(SCHEMA_FILE, 'utf8'));
  });
});
