/**
 * The audit subgraph over HTTP on the embedded runtime, reading a store the test fills as the services
 * would: two organizations' clients and a care plan changing over time.
 */
import { demoUser, openDevIssuer, type DevIssuer } from '@spn/auth';
import { LOG_START, type EventMetadata, type SqlEventStore } from '@spn/event-store';
import { loadConfig, openEventStore, type SubgraphServer } from '@spn/service-kit';
import { freePort, postGraphQL, refusalCodes, walkPages } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startAuditServer } from './server';

const SCHEMA_FILE = resolve(__dirname, '../schema.graphql');
type Headers = Record<string, string>;

const metadata = (organizationId: string, subject = 'lw-1'): EventMetadata => ({
  organizationId,
  actor: { subject, organizationId, roles: ['link-worker'] },
  purposeOfUse: 'care',
  correlationId: randomUUID(),
});
const pause = () => new Promise((wait) => setTimeout(wait, 30));

describe('audit subgraph over HTTP (embedded runtime)', () => {
  let dataDir: string;
  let store: SqlEventStore;
  let server: SubgraphServer;
  let wide: SubgraphServer;
  let issuer: DevIssuer;
  let auditor: Headers;
  const clientId = randomUUID();
  const planStream = `careplan-${clientId}`;
  let firstMoment: Date;
  let secondMoment: Date;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-audit-http-'));
    const env = { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) };
    store = await openEventStore(loadConfig(env));
    server = await startAuditServer(env, { signals: false, sharedStore: store });
    // A deployment that grants its auditors the whole log (another read-model folder, the same store).
    wide = await startAuditServer(
      {
        ...env,
        SPN_DATA_DIR: join(dataDir, 'wide'),
        AUTH_DEV_ISSUER_DIR: join(dataDir, 'dev-issuer'),
        PORT: String(await freePort()),
        SPN_AUDIT_SCOPE: 'deployment',
        SPN_HOSTING_ORGANIZATION: 'fraser-north-health',
      },
      { signals: false, sharedStore: store },
    );
    issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    auditor = { authorization: `Bearer ${await issuer.mint(demoUser('auditor.fraser')!)}` };

    await store.append(`client-${clientId}`, 0, [
      {
        type: 'clients.ClientReferred',
        schemaVersion: 2,
        data: {
          clientId,
          referralId: 'r-1',
          referrerOrganizationId: 'org-clinic',
          needs: ['food'],
          urgency: 'routine',
        },
        metadata: metadata('fraser-north-health'),
      },
    ]);
    await store.append(`client-${randomUUID()}`, 0, [
      {
        type: 'clients.ClientReferred',
        schemaVersion: 2,
        data: {
          clientId: 'x',
          referralId: 'r-9',
          referrerOrganizationId: 'org-clinic',
          needs: ['housing'],
          urgency: 'urgent',
        },
        metadata: metadata('island-coast-health', 'lw-9'),
      },
    ]);
    await store.append(planStream, 0, [
      {
        type: 'care-plans.PlanOpened',
        data: { planId: 'p-1', clientId, linkWorker: 'lw-1', openedAt: '2026-03-01T10:00:00.000Z' },
        metadata: metadata('fraser-north-health'),
      },
      {
        type: 'care-plans.GoalSet',
        data: { goalId: 'g-1', inClientsWords: 'pd1:ciphertext' },
        metadata: metadata('fraser-north-health'),
      },
    ]);
    await pause();
    firstMoment = new Date();
    await pause();
    await store.append(planStream, 2, [
      {
        type: 'care-plans.PlanClosed',
        data: { reason: 'goals-met', closedAt: '2026-04-01T10:00:00.000Z' },
        metadata: metadata('fraser-north-health', 'lw-2'),
      },
    ]);
    await pause();
    secondMoment = new Date();
  });
  afterAll(async () => {
    await wide.stop();
    await server.stop();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const gql = (
    query: string,
    variables: Record<string, unknown> = {},
    headers: Headers = auditor,
    url = server.url,
  ) => postGraphQL(url, query, variables, headers);
  const HISTORY =
    'query ($f: AuditHistoryFilter, $first: Int, $after: String) { auditHistory(filter: $f, first: $first, after: $after) { nextCursor items { streamId type organizationId actorSubject purposeOfUse data } } }';
  type Entry = { streamId: string; type: string; organizationId: string; actorSubject: string; data: string };
  const entries = (answer: Awaited<ReturnType<typeof gql>>) =>
    ((answer.data?.['auditHistory'] as { items: Entry[] } | undefined)?.items ?? []).filter(
      (e) => !e.type.startsWith('audit.'),
    );

  it("replays the history of the auditor's organization, by stream, type and actor, with who and why", async () => {
    const all = entries(await gql(HISTORY, { first: 200 }));
    expect(all.map((e) => e.type)).toEqual([
      'clients.ClientReferred',
      'care-plans.PlanOpened',
      'care-plans.GoalSet',
      'care-plans.PlanClosed',
    ]);
    expect(all.every((e) => e.organizationId === 'fraser-north-health')).toBe(true);
    const plan = entries(
      await gql(HISTORY, { f: { streamId: planStream, type: 'care-plans.*', actorSubject: 'lw-2' } }),
    );
    expect(plan).toEqual([
      {
        streamId: planStream,
        type: 'care-plans.PlanClosed',
        organizationId: 'fraser-north-health',
        actorSubject: 'lw-2',
        purposeOfUse: 'care',
        data: '{"reason":"goals-met","closedAt":"2026-04-01T10:00:00.000Z"}',
      },
    ]);
    // Personal fields as stored: encrypted.
    expect(all.find((e) => e.type === 'care-plans.GoalSet')?.data).toContain('pd1:');
    // Another organization's log is out of scope, unless the deployment grants it.
    expect(refusalCodes(await gql(HISTORY, { f: { organizationId: 'island-coast-health' } }))).toEqual([
      ['OUT_OF_SCOPE', 'organizationId'],
    ]);
    const wideAnswer = await gql(
      HISTORY,
      { f: { organizationId: 'island-coast-health' } },
      auditor,
      wide.url,
    );
    expect(wideAnswer.errors).toBeUndefined();
    const island = entries(wideAnswer);
    expect(island.map((e) => e.actorSubject)).toEqual(['lw-9']);
    // A page at a time, by position: every event once, in the order of one 200-item page.
    const whole = await gql(HISTORY, { first: 200 });
    expect((whole.data?.['auditHistory'] as { nextCursor: string | null }).nextCursor).toBeNull();
    // Each read is itself recorded (audit.*, at the end of the log): compared without them.
    const walked = await walkPages('auditHistory', (after) => gql(HISTORY, { first: 2, after }));
    const ofData = (items: Record<string, unknown>[]) =>
      items.filter((item) => !String(item['type']).startsWith('audit.'));
    expect(ofData(walked.items)).toEqual(entries(whole));
    expect(ofData(walked.items)).toHaveLength(4);
    expect(walked.pages).toBeGreaterThanOrEqual(2);
    expect(refusalCodes(await gql(HISTORY, { first: 201 }))).toEqual([['PAGE_SIZE', 'first']]);
    expect(refusalCodes(await gql(HISTORY, { first: 2, after: 'bm90IGEgY3Vyc29y' }))).toEqual([
      ['INVALID_CURSOR', 'after'],
    ]);
  });

  it('reconstructs a care plan at a past moment, and compares two moments', async () => {
    const at = await gql(
      'query ($s: String!, $t: DateTime!) { auditStreamAt(streamId: $s, asOf: $t) { version state events { type } } }',
      { s: planStream, t: firstMoment.toISOString() },
    );
    expect(at.data?.['auditStreamAt']).toMatchObject({
      version: 2,
      events: [{ type: 'care-plans.PlanOpened' }, { type: 'care-plans.GoalSet' }],
    });
    expect(JSON.parse((at.data?.['auditStreamAt'] as { state: string }).state)).toMatchObject({
      planId: 'p-1',
      goalId: 'g-1',
    });
    const diff = await gql(
      'query ($s: String!, $a: DateTime!, $b: DateTime!) { auditCompare(streamId: $s, from: $a, to: $b) { fromVersion toVersion appendedBy between { type actorSubject } changes { path kind after } } }',
      { s: planStream, a: firstMoment.toISOString(), b: secondMoment.toISOString() },
    );
    expect(diff.data?.['auditCompare']).toEqual({
      fromVersion: 2,
      toVersion: 3,
      appendedBy: ['lw-2'],
      between: [{ type: 'care-plans.PlanClosed', actorSubject: 'lw-2' }],
      changes: expect.arrayContaining([{ path: '/reason', kind: 'added', after: '"goals-met"' }]) as unknown,
    });
    // Another organization's stream: nothing.
    const [other] = (await store.readLog(LOG_START, 10)).events.filter(
      (e) => e.organizationId === 'island-coast-health',
    );
    const outside = await gql(
      'query ($s: String!, $t: DateTime!) { auditStreamAt(streamId: $s, asOf: $t) { version } }',
      {
        s: other?.streamId ?? 'client-x',
        t: secondMoment.toISOString(),
      },
    );
    expect(outside.data).toEqual({ auditStreamAt: null });
    // A moment that is no instant: a typed refusal naming the argument (it answered INTERNAL).
    const nonsense = await gql(
      'query ($s: String!, $t: DateTime!) { auditStreamAt(streamId: $s, asOf: $t) { version } }',
      { s: other?.streamId ?? 'client-x', t: 'the day before yesterday' },
    );
    expect(refusalCodes(nonsense)).toEqual([['INVALID_DATE', 'asOf']]);
  });

  it('verifies the whole log, and records every auditor call in the log itself', async () => {
    const report = await gql('{ auditIntegrity { ok eventsChecked problems { kind } report } }');
    expect(report.data?.['auditIntegrity']).toMatchObject({ ok: true, problems: [] });
    expect(
      (report.data?.['auditIntegrity'] as { eventsChecked: number }).eventsChecked,
    ).toBeGreaterThanOrEqual(5);
    expect(JSON.parse((report.data?.['auditIntegrity'] as { report: string }).report)).toMatchObject({
      format: 'spn.integrity-report/1',
      ok: true,
    });
    const log = await store.readLog(LOG_START, 1000);
    const recorded = log.events
      .filter((e) => e.type === 'audit.PersonalDataAccessed')
      .map((e) => e.data['operation']);
    expect(recorded).toEqual(
      expect.arrayContaining([
        'Query.auditHistory',
        'Query.auditStreamAt',
        'Query.auditCompare',
        'Query.auditIntegrity',
      ]),
    );
  });

  it('grants the deployment scope to the hosting organization’s auditors only; counts are the caller’s organization’s', async () => {
    const mint = async (organizationId: string) => ({
      authorization: `Bearer ${await issuer.mint({ username: `auditor.${organizationId}`, subject: randomUUID(), roles: ['auditor'], organizationId })}`,
    });
    // The hosting authority's auditor reads another organization's log on the deployment-wide service …
    const hosted = await gql(HISTORY, { f: { organizationId: 'island-coast-health' } }, auditor, wide.url);
    expect(entries(hosted).map((e) => e.actorSubject)).toEqual(['lw-9']);
    // … another authority's and a partner's auditors do not, there either: their own organization only.
    for (const organizationId of ['island-coast-health', 'harbour-food-bank']) {
      const other = await mint(organizationId);
      expect(
        refusalCodes(await gql(HISTORY, { f: { organizationId: 'fraser-north-health' } }, other, wide.url)),
      ).toEqual([['OUT_OF_SCOPE', 'organizationId']]);
      const own = entries(await gql(HISTORY, {}, other, wide.url));
      expect(own.every((e) => e.organizationId === organizationId)).toBe(true);
      const stream = await gql(
        'query ($s: String!, $t: DateTime!) { auditStreamAt(streamId: $s, asOf: $t) { version } }',
        { s: planStream, t: secondMoment.toISOString() },
        other,
        wide.url,
      );
      expect(stream.data).toEqual({ auditStreamAt: null });
    }

    // Integrity counts: an organization's auditor sees its own organization's events and streams.
    const INTEGRITY = '{ auditIntegrity { ok eventsChecked streamsChecked unsealedEvents report } }';
    type Integrity = {
      eventsChecked: number;
      streamsChecked: number;
      unsealedEvents: number;
      report: string;
    };
    const countsIn = async (integrity: Integrity, organizationId?: string) => {
      const { range } = JSON.parse(integrity.report) as { range: { lastPosition: number } };
      const events = (await store.readLog(LOG_START, 10_000)).events.filter(
        (e) =>
          e.globalPosition <= range.lastPosition &&
          (organizationId === undefined || e.organizationId === organizationId),
      );
      return { events: events.length, streams: new Set(events.map((e) => e.streamId)).size };
    };
    for (const [headers, url, organizationId] of [
      [auditor, server.url, 'fraser-north-health'],
      [await mint('island-coast-health'), wide.url, 'island-coast-health'],
      [await mint('harbour-food-bank'), wide.url, 'harbour-food-bank'],
    ] as const) {
      const integrity = (await gql(INTEGRITY, {}, headers, url)).data?.['auditIntegrity'] as Integrity;
      const expected = await countsIn(integrity, organizationId);
      expect({ organizationId, events: integrity.eventsChecked, streams: integrity.streamsChecked }).toEqual({
        organizationId,
        ...{ events: expected.events, streams: expected.streams },
      });
      const report = JSON.parse(integrity.report) as Record<string, unknown>;
      expect(report).toMatchObject({ eventsChecked: expected.events, organizationId });
      expect(report['sealCoverage']).toBeUndefined();
    }
    // The hosting authority's auditor, deployment-wide: the whole log's counts.
    const whole = (await gql(INTEGRITY, {}, auditor, wide.url)).data?.['auditIntegrity'] as Integrity;
    const all = await countsIn(whole);
    expect({ events: whole.eventsChecked, streams: whole.streamsChecked }).toEqual(all);
    expect(all.events).toBeGreaterThan((await countsIn(whole, 'fraser-north-health')).events);
  });

  it('answers auditors only', async () => {
    for (const username of ['linkworker.fraser', 'orgadmin.fraser', 'analyst.fraser'])
      expect(
        refusalCodes(
          await gql(
            '{ auditIntegrity { ok } }',
            {},
            { authorization: `Bearer ${await issuer.mint(demoUser(username)!)}` },
          ),
        ),
      ).toEqual([['FORBIDDEN', undefined]]);
  });

  it('serves the committed subgraph schema (UPDATE_SCHEMA=1 rewrites it)', async () => {
    const served = ((await gql('{ _service { sdl } }')).data?.['_service'] as { sdl: string }).sdl;
    if (process.env['UPDATE_SCHEMA'] === '1') await writeFile(SCHEMA_FILE, served.trimEnd() + '\n');
    expect(served.trimEnd() + '\n').toBe(await readFile(SCHEMA_FILE, 'utf8'));
  });
});
