/**
 * Erasure covers everything quality-safety keeps of a client: an incident naming them, its resolution,
 * supervision notes and agreed actions about them, a cancelled session's reason naming them, a dead
 * letter of theirs. The test plays the clients context as its
 * service does (the client's events sealed with the client's key; on erasure the key destroyed, then
 * `clients.ClientErased` recorded with a coded reason), then stops the service and scans every table
 * of the event store and of the read models, dead letters included, for the client's values.
 */
import { PGlite } from '@electric-sql/pglite';
import { demoUser, openDevIssuer } from '@spn/auth';
import { CLIENT_REFERRED } from '@spn/contracts';
import type { EventMetadata, SqlEventStore } from '@spn/event-store';
import {
  loadConfig,
  openEventStore,
  organizationStreamId,
  subjectOfStream,
  type SubgraphServer,
} from '@spn/service-kit';
import { eventually, freePort, postGraphQL, refusalCodes, type GraphQLResponse } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startQualitySafetyServer } from './server';

const ORG = 'fraser-north-health';
const sub = (username: string) => demoUser(username)!.subject;
const LW = sub('linkworker.fraser');
const SUPERVISOR = sub('supervisor.fraser');
type Headers = Record<string, string>;

// Fictional, and distinctive, so a scan finds any copy.
const GIVEN = 'Isolde';
const FAMILY = 'Quorvath-Brennan';
const BIRTH = '1944-04-04';
const REFERRAL_REASON = 'lonely since Quorvath moved';
const SUMMARY = 'Isolde fell at the Quorvath lake day centre';
const RESOLUTION = 'Falls clinic booked with the Quorvath-Brennan family';
const NOTES = 'Discussed Isolde: grief since Quorvath left';
const DEAD_LETTER_SUMMARY = 'Isolde missed the Quorvath bus';
const ACTION = 'Ask Isolde about the Quorvath grief group';
const CANCEL_REASON = 'Isolde taken to hospital from Quorvath';
const PERSONAL = [
  GIVEN,
  FAMILY,
  BIRTH,
  REFERRAL_REASON,
  SUMMARY,
  RESOLUTION,
  NOTES,
  DEAD_LETTER_SUMMARY,
  ACTION,
  CANCEL_REASON,
];
/** What is about no one client, and stays readable after the erasure. */
const NOBODY_SUMMARY = 'Fire door propped open at the hub';
const NOBODY_NOTES = 'Caseload pressure in December';
const NOBODY_ACTION = 'Share the December rota';

interface Scan {
  readonly database: string;
  readonly table: string;
  readonly rows: number;
  readonly found: string[];
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** Every row of every table of a database, searched for the values. */
async function scanTables(query: Query, database: string, values: readonly string[]): Promise<Scan[]> {
  const tables = await query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const scans: Scan[] = [];
  for (const { table_name: table } of tables) {
    const rows = await query(`SELECT * FROM "${String(table)}"`);
    // Binary columns (the keys) as hex: a value could not hide in them as text either.
    const text = JSON.stringify(rows, (_, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value,
    );
    scans.push({
      database,
      table: String(table),
      rows: rows.length,
      found: values.filter((v) => text.includes(v)),
    });
  }
  return scans;
}

/** A stopped service's PGlite database, scanned. */
async function scanDirectory(dir: string, database: string, values: readonly string[]): Promise<Scan[]> {
  const db = await PGlite.create(dir);
  try {
    return await scanTables(
      async (sql) => (await db.query<Record<string, unknown>>(sql)).rows,
      database,
      values,
    );
  } finally {
    await db.close();
  }
}

describe('erasing a client leaves no plaintext of theirs in quality-safety', () => {
  let dataDir: string;
  let store: SqlEventStore;
  let server: SubgraphServer | undefined;
  let storeOpen = false;
  let worker: Headers;
  let supervisor: Headers;
  const clientId = randomUUID();
  const teamId = randomUUID();

  const metadata = (): EventMetadata => ({
    organizationId: ORG,
    actor: { subject: sub('orgadmin.fraser'), organizationId: ORG, roles: ['org-admin'] },
    purposeOfUse: 'care',
    correlationId: randomUUID(),
  });
  const gql = (query: string, variables: Record<string, unknown>, headers: Headers) =>
    postGraphQL(server!.url, query, variables, headers);
  const mutate = (name: string, type: string, input: Record<string, unknown>, headers: Headers) =>
    gql(`mutation ($input: ${type}!) { ${name}(input: $input) { id } }`, { input }, headers);
  const ok = async (answer: Promise<GraphQLResponse>) => {
    const response = await answer;
    expect(response.errors).toBeUndefined();
    return response;
  };
  /** Every table of the event store and of each read model, the service stopped (one PGlite at a time). */
  const scanStopped = async (values: readonly string[]) => {
    const scans = await scanDirectory(join(dataDir, 'event-store'), 'event-store', values);
    for (const service of await readdir(join(dataDir, 'read-models')))
      scans.push(
        ...(await scanDirectory(join(dataDir, 'read-models', service), `read-models/${service}`, values)),
      );
    return scans;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-quality-safety-erasure-'));
    const env = { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) };
    store = await openEventStore(loadConfig(env));
    storeOpen = true;
    server = await startQualitySafetyServer(env, { signals: false, sharedStore: store });
    const issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    const as = async (username: string) => ({
      authorization: `Bearer ${await issuer.mint(demoUser(username)!)}`,
    });
    worker = await as('linkworker.fraser');
    supervisor = await as('supervisor.fraser');
    await store.append(organizationStreamId('team', ORG, teamId), 0, [
      {
        type: 'clients.TeamFormed',
        data: { teamId, name: 'North shore', formedAt: new Date().toISOString() },
        metadata: metadata(),
      },
      ...[
        { subject: SUPERVISOR, role: 'supervisor' },
        { subject: LW, role: 'link-worker' },
      ].map((member) => ({
        type: 'clients.TeamMemberAdded',
        data: { ...member, addedAt: new Date().toISOString() },
        metadata: metadata(),
      })),
    ]);
    // The clients service's events for the client: personal fields sealed with the client's key.
    const sealed = await server.runtime.personalData.seal(clientId, ORG, [
      {
        type: CLIENT_REFERRED,
        data: {
          clientId,
          referralId: randomUUID(),
          referrerOrganizationId: 'org-clinic',
          needs: ['food'],
          urgency: 'routine',
        },
      },
      { type: 'clients.ReferralReasonRecorded', data: { referralId: 'r-1', reason: REFERRAL_REASON } },
      {
        type: 'clients.ClientDetailsRegistered',
        data: { givenName: GIVEN, familyName: FAMILY, dateOfBirth: BIRTH, preferredLanguage: null },
      },
    ]);
    await store.append(
      `client-${clientId}`,
      0,
      sealed.map((event, index) => ({
        ...event,
        ...(index === 0 ? { schemaVersion: 2 } : {}),
        metadata: metadata(),
      })),
    );
  });
  afterAll(async () => {
    await server?.stop();
    if (storeOpen) await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finds the values before, and none after: events, every read-model table, dead letters', async () => {
    const report = (incidentId: string, summary: string, client: string | null) =>
      mutate(
        'reportIncident',
        'ReportIncidentInput',
        {
          incidentId,
          kind: 'incident',
          severity: 'moderate',
          summary,
          ...(client ? { clientId: client } : {}),
          occurredOn: new Date().toISOString().slice(0, 10),
        },
        worker,
      );
    // An incident naming the client, acknowledged and resolved; one about her resolved after; one about no one.
    const named: string = randomUUID();
    const laterResolved: string = randomUUID();
    const nobody: string = randomUUID();
    await eventually(
      () => report(named, SUMMARY, clientId),
      (answer) => answer.errors === undefined,
    );
    await ok(report(laterResolved, SUMMARY, clientId));
    await ok(report(nobody, NOBODY_SUMMARY, null));
    for (const incidentId of [named, laterResolved])
      await ok(mutate('acknowledgeIncident', 'AcknowledgeIncidentInput', { incidentId }, supervisor));
    const resolve = (incidentId: string, resolution: string) =>
      mutate(
        'resolveIncident',
        'ResolveIncidentInput',
        { incidentId, resolution, lessonsLearned: 'Check the ramp every morning' },
        supervisor,
      );
    await ok(resolve(named, RESOLUTION));
    // Supervision about the client, with an action naming her; one about no client; one cancelled
    // for a reason naming her.
    const schedule = async () => {
      const sessionId = randomUUID();
      await ok(
        mutate(
          'scheduleSupervision',
          'ScheduleSupervisionInput',
          { sessionId, linkWorkers: [LW], kind: 'one-to-one', scheduledFor: new Date().toISOString() },
          supervisor,
        ),
      );
      return sessionId;
    };
    const hold = async (notes: string, client: string | null, action = 'Anything') =>
      mutate(
        'holdSupervision',
        'HoldSupervisionInput',
        {
          sessionId: await schedule(),
          notes,
          actions: [{ description: action, owner: LW, dueOn: '2026-12-31' }],
          ...(client ? { clientId: client } : {}),
        },
        supervisor,
      );
    await ok(hold(NOTES, clientId, ACTION));
    await ok(hold(NOBODY_NOTES, null, NOBODY_ACTION));
    const cancelled = await schedule();
    await ok(
      mutate(
        'cancelSupervision',
        'CancelSupervisionInput',
        { sessionId: cancelled, reason: CANCEL_REASON, clientId },
        supervisor,
      ),
    );
    // A message about her no projection can apply (an impossible day): a dead letter, its account sealed.
    const poisoned = randomUUID();
    const [poison] = await server!.runtime.personalData.seal(
      subjectOfStream(organizationStreamId('incident', ORG, poisoned)),
      ORG,
      [
        {
          type: 'quality-safety.IncidentReported',
          data: {
            incidentId: poisoned,
            kind: 'incident',
            severity: 'low',
            summary: DEAD_LETTER_SUMMARY,
            clientId,
            occurredOn: '2026-02-30',
            reportedBy: LW,
            reportedAt: new Date().toISOString(),
          },
        },
      ],
    );
    await store.append(organizationStreamId('incident', ORG, poisoned), 0, [
      { ...poison!, metadata: metadata() },
    ]);

    const sessionsQuery =
      '{ supervisionSessions(first: 50) { items { clientId notes actions { description } } } }';
    const incidentsQuery =
      '{ incidentReports(first: 50) { items { incidentId clientId summary resolution } } }';
    const incidents = (answer: GraphQLResponse) =>
      (answer.data?.['incidentReports'] as { items: Record<string, unknown>[] }).items;
    await eventually(
      () => gql(incidentsQuery, {}, supervisor),
      (answer) => incidents(answer).some((i) => i['resolution'] === RESOLUTION),
    );
    await eventually(
      () => gql(sessionsQuery, {}, supervisor),
      (answer) => JSON.stringify(answer.data).includes(NOTES),
    );
    await eventually(
      () =>
        server!.runtime.readModels.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM quality_safety_session WHERE status = 'cancelled' AND cancel_reason IS NOT NULL",
        ),
      (rows) => rows[0]?.n === 1,
    );
    // Before: the read model holds them sealed, as the log does: none in clear.
    await eventually(
      async () =>
        server!.runtime.readModels.query<{ n: number }>('SELECT count(*)::int AS n FROM dead_letters'),
      (rows) => rows[0]?.n === 1,
    );
    const before = (
      await scanTables(
        (sql) => server!.runtime.readModels.query<Record<string, unknown>>(sql),
        'read-models/quality-safety',
        PERSONAL,
      )
    ).filter((scan) => scan.found.length > 0);
    expect(before).toEqual([]);
    // Opened with the keys, each is there (the scan after the erasure could find it): the action and
    // the cancellation's reason among them.
    const personalData = server!.runtime.personalData;
    const subject = (column: string) => (row: Record<string, unknown>) =>
      (row[column] as string | null) ?? null;
    const incidentRows = await server!.runtime.readModels.query<Record<string, unknown>>(
      'SELECT summary, resolution, summary_sealed_for, resolution_sealed_for FROM quality_safety_incident',
    );
    const sessionRows = await server!.runtime.readModels.query<Record<string, unknown>>(
      'SELECT notes, cancel_reason, action_descriptions, sealed_for FROM quality_safety_session',
    );
    const opened = JSON.stringify([
      await personalData.openRows(
        await personalData.openRows(incidentRows, subject('summary_sealed_for'), ['summary']),
        subject('resolution_sealed_for'),
        ['resolution'],
      ),
      await personalData.openRows(sessionRows, subject('sealed_for'), [
        'notes',
        'cancel_reason',
        'action_descriptions',
      ]),
    ]);
    expect(PERSONAL.filter((value) => opened.includes(value))).toEqual(
      expect.arrayContaining([SUMMARY, RESOLUTION, NOTES, CANCEL_REASON, ACTION]),
    );

    // Erased as the clients service does it: the key destroyed first, then the erasure recorded.
    await store.keys.destroy(clientId, ORG, 'CLIENT_REQUEST');
    await store.append(`client-${clientId}`, 3, [
      {
        type: 'clients.ClientErased',
        data: { reason: 'CLIENT_REQUEST', erasedAt: new Date().toISOString() },
        metadata: metadata(),
      },
    ]);
    const after = await eventually(
      () => gql(incidentsQuery, {}, supervisor),
      (answer) => incidents(answer).every((i) => i['clientId'] !== clientId || i['summary'] === null),
    );
    // The incidents stay, with their account and resolution read as erased; the others are unchanged.
    expect(
      incidents(after)
        .filter((i) => [named, laterResolved, nobody].includes(i['incidentId'] as string))
        .map(({ incidentId, ...rest }) => ({
          incident: [named, laterResolved, nobody].indexOf(incidentId as string),
          ...rest,
        }))
        .sort((a, b) => a.incident - b.incident),
    ).toEqual([
      { incident: 0, clientId, summary: null, resolution: null },
      { incident: 1, clientId, summary: null, resolution: null },
      { incident: 2, clientId: null, summary: NOBODY_SUMMARY, resolution: null },
    ]);
    const sessions = await eventually(
      () => gql(sessionsQuery, {}, supervisor),
      (answer) => !JSON.stringify(answer.data).includes(NOTES),
    );
    expect((sessions.data?.['supervisionSessions'] as { items: unknown[] }).items).toEqual(
      expect.arrayContaining([
        { clientId, notes: null, actions: [{ description: null }] },
        { clientId: null, notes: NOBODY_NOTES, actions: [{ description: NOBODY_ACTION }] },
        { clientId, notes: null, actions: [] },
      ]),
    );
    // Nothing new about her: not linked, not held about; an incident about her still resolves.
    expect(refusalCodes(await report(randomUUID(), 'Anything', clientId))).toEqual([
      ['CLIENT_NOT_FOUND', 'clientId'],
    ]);
    expect(refusalCodes(await hold('Anything', clientId))).toEqual([['CLIENT_NOT_FOUND', 'clientId']]);
    await ok(resolve(laterResolved, 'Closed after the erasure'));
    await eventually(
      () => gql(incidentsQuery, {}, supervisor),
      (answer) => incidents(answer).some((i) => i['resolution'] === 'Closed after the erasure'),
    );
    const [letter] = await server!.runtime.readModels.query<{ error: string; message: string }>(
      'SELECT error, message::text AS message FROM dead_letters',
    );
    expect(letter?.error).toMatch(/out of range/);
    expect(letter?.error).not.toContain('2026-02-30');

    await server!.stop();
    server = undefined;
    await store.close();
    storeOpen = false;
    const scans = await scanStopped(PERSONAL);
    expect(scans.filter((scan) => scan.found.length > 0)).toEqual([]);
    // The places scanned: every table of the two databases, these among them, with their rows.
    const tables = scans.map((scan) => `${scan.database}/${scan.table}`);
    expect(tables).toEqual(
      expect.arrayContaining([
        'event-store/events',
        'event-store/personal_data_keys',
        'read-models/quality-safety/quality_safety_incident',
        'read-models/quality-safety/quality_safety_session',
        'read-models/quality-safety/quality_safety_session_action',
        'read-models/quality-safety/dead_letters',
      ]),
    );
    const rows = scans.reduce((sum, scan) => sum + scan.rows, 0);
    expect(scans.find((scan) => scan.table === 'dead_letters')?.rows).toBe(1);
    expect(rows).toBeGreaterThan(scans.length);
    process.stdout.write(`erasure scan: ${scans.length} tables, ${rows} rows, 0 plaintext found\n`);
  });
});
