/**
 * A dump of the platform's databases alone reads no personal data (issue 20). Every service runs on one
 * embedded store; the clients, care-plans, partners and quality-safety contexts' events, with a unique
 * marker in every kind of personal field, are appended as their services seal them; once every read
 * model has them, the services stop and every table of every database (the event store's and each
 * service's read models', every schema, every column as text) is read as a dump would hold it.
 *
 * Without the key-encryption key (KEK): no marker anywhere. With it: the data keys in the dump are
 * unwrapped and every sealed value in it decrypted, and every marker is found, in the read models too:
 * the scan can find what it looks for, and the read models keep the data, sealed.
 */
import { PGlite } from '@electric-sql/pglite';
import { CLIENT_REFERRED } from '@spn/contracts';
import {
  decryptValue,
  type EventMetadata,
  type KeyEncryptionKeys,
  type NewEvent,
  type SqlEventStore,
} from '@spn/event-store';
import {
  keyEncryptionKeysOf,
  loadConfig,
  openEventStore,
  organizationStreamId,
  PersonalData,
  personalFieldsWith,
  startSubgraph,
  subjectOfStream,
  type SubgraphServer,
} from '@spn/service-kit';
import { eventually, freePort } from '@spn/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subgraphOf } from './service-projections';

const ORG = 'fraser-north-health';
const PARTNER = 'org-food-bank';
const LINK_WORKER = 'dump-scan-link-worker';

/** A marker per personal field kind: fictional, unique, and found by a plain text search. */
const marker = (field: string) => `Zq${field}${randomBytes(4).toString('hex')}`;
const M = {
  givenName: marker('Given'),
  familyName: marker('Family'),
  // A date of birth is a date: its marker is one no other value of the scenario holds.
  dateOfBirth: '1931-07-29',
  preferredLanguage: marker('Language'),
  accessibilityNeed: marker('Accessibility'),
  bestTimes: marker('BestTimes'),
  inClientsWords: marker('Identity'),
  indigenousIdentity: marker('Indigenous'),
  language: marker('Spoken'),
  practices: marker('Practices'),
  area: marker('Area'),
  gender: marker('Gender'),
  incomeBand: marker('Income'),
  ethnicity: marker('Ethnicity'),
  supportName: marker('SupportName'),
  relationship: marker('Relationship'),
  interactionPurpose: marker('Purpose'),
  interactionSummary: marker('Summary'),
  referralReason: marker('Reason'),
  whatMatters: marker('Matters'),
  strength: marker('Strength'),
  goal: marker('Goal'),
  action: marker('Action'),
  followUpNote: marker('FollowUp'),
  review: marker('Review'),
  sessionNotes: marker('Session'),
  task: marker('Task'),
  barrier: marker('Barrier'),
  partnerNote: marker('PartnerNote'),
  journal: marker('Journal'),
  incident: marker('Incident'),
  resolution: marker('Resolution'),
  supervisionNotes: marker('SupervisionNotes'),
  supervisionAction: marker('SupervisionAction'),
  cancelReason: marker('Cancel'),
  justification: marker('Justification'),
} as const;
const MARKERS = Object.values(M);

/**
 * Markers the log alone keeps: no read model holds a referral's reason or a journal entry's text.
 * Every other marker is kept, sealed, by a read model.
 */
const KEPT_BY_THE_LOG_ONLY: readonly string[] = [M.referralReason, M.journal];
const KEPT_BY_READ_MODELS = MARKERS.filter((value) => !KEPT_BY_THE_LOG_ONLY.includes(value));

/** One row of a dump: its database, table, and the row as text. */
interface DumpRow {
  readonly database: string;
  readonly table: string;
  readonly text: string;
}

/** Every row of every table of a stopped PGlite database, every column as text (JSON of the row). */
async function dumpDatabase(dir: string, database: string): Promise<DumpRow[]> {
  const db = await PGlite.create(dir);
  try {
    const tables = await db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
       ORDER BY 1, 2`,
    );
    const rows: DumpRow[] = [];
    for (const { schema, name } of tables.rows) {
      const found = await db.query<{ row: string }>(
        `SELECT to_jsonb(t)::text AS row FROM "${schema}"."${name}" t`,
      );
      const table = `${schema}.${name}`;
      // A table with no rows still counts as scanned.
      if (found.rows.length === 0) rows.push({ database, table, text: '' });
      for (const { row } of found.rows) rows.push({ database, table, text: row });
    }
    return rows;
  } finally {
    await db.close();
  }
}

/** The data keys a dump holds, unwrapped with the KEK: subject → key (destroyed ones left out). */
async function unwrapKeys(dump: readonly DumpRow[], keks: KeyEncryptionKeys): Promise<Map<string, Buffer>> {
  const keys = new Map<string, Buffer>();
  for (const row of dump.filter((candidate) => candidate.table === 'public.personal_data_keys')) {
    const key = JSON.parse(row.text) as {
      subject_id: string;
      data_key: string | null;
      kek_id: string | null;
    };
    if (key.data_key === null || key.kek_id === null) continue;
    // bytea as JSON: `\x` and hex.
    const wrapped = Buffer.from(key.data_key.slice(2), 'hex');
    keys.set(key.subject_id, await keks.unwrap({ kekId: key.kek_id, wrapped }, key.subject_id));
  }
  return keys;
}

const SEALED_VALUE = /pd1:[A-Za-z0-9+/=]+/g;

/** Each sealed value of the text opened with whichever key opens it (the subject is not in the value). */
function openAll(text: string, keys: ReadonlyMap<string, Buffer>): string[] {
  const opened: string[] = [];
  for (const [value] of text.matchAll(SEALED_VALUE)) {
    for (const [subjectId, key] of keys) {
      try {
        opened.push(JSON.stringify(decryptValue(subjectId, key, value)));
        break;
      } catch {
        // Another subject's key: the associated data (the subject) does not match.
      }
    }
  }
  return opened;
}

describe('a database dump alone reads no personal data', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let store: SqlEventStore | undefined;
  const servers: SubgraphServer[] = [];
  const clientId = randomUUID();
  const services = ['clients', 'care-plans', 'partners', 'quality-safety', 'analytics', 'audit'];

  const metadata = (): EventMetadata => ({
    organizationId: ORG,
    actor: { subject: LINK_WORKER, organizationId: ORG, roles: ['link-worker', 'supervisor'] },
    purposeOfUse: 'care',
    correlationId: randomUUID(),
  });
  /** Appends events as a service's command does: personal fields sealed with their subject's key. */
  const append = async (streamId: string, events: readonly Omit<NewEvent, 'metadata'>[]) => {
    const personalData = new PersonalData(store!.keys, personalFieldsWith());
    const sealed = await personalData.seal(subjectOfStream(streamId), ORG, events);
    await store!.append(
      streamId,
      'any',
      sealed.map((event) => ({ ...event, metadata: metadata() })),
    );
  };
  const stopAll = async () => {
    for (const server of servers.splice(0).reverse()) await server.stop();
    await store?.close();
    store = undefined;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-dump-scan-'));
    env = {
      SPN_DATA_DIR: dataDir,
      SPN_SEALER: 'off',
      // The KEK outside the data folder, as a deployment holds it.
      SPN_KEK: randomBytes(32).toString('base64'),
    };
    store = await openEventStore(loadConfig(env));
    for (const service of services)
      servers.push(
        await startSubgraph(
          await subgraphOf(service),
          { ...env, PORT: String(await freePort()) },
          { signals: false, sharedStore: store },
        ),
      );
    // Six services start on one machine, with the other suites beside them.
  }, 600_000);
  afterAll(async () => {
    await stopAll();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finds no marker without the KEK, and every marker with it', async () => {
    const now = new Date().toISOString();
    const today = now.slice(0, 10);
    // The clients context: every kind of personal field of a client's file.
    await append(`client-${clientId}`, [
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
      },
      { type: 'clients.ReferralReasonRecorded', data: { referralId: 'r-1', reason: M.referralReason } },
      {
        type: 'clients.ClientDetailsRegistered',
        data: {
          givenName: M.givenName,
          familyName: M.familyName,
          dateOfBirth: M.dateOfBirth,
          preferredLanguage: M.preferredLanguage,
        },
      },
      { type: 'clients.LinkWorkerAssigned', data: { linkWorker: LINK_WORKER, assignedAt: now } },
      {
        type: 'clients.CommunicationPreferencesSet',
        data: {
          channels: ['phone'],
          interpreterNeeded: true,
          accessibilityNeeds: [M.accessibilityNeed],
          bestTimes: M.bestTimes,
        },
      },
      {
        type: 'clients.CulturalIdentityDescribed',
        data: {
          inClientsWords: M.inClientsWords,
          indigenousIdentity: M.indigenousIdentity,
          languages: [M.language],
          practicesAndPreferences: M.practices,
        },
      },
      {
        type: 'clients.DemographicsDescribed',
        data: { area: M.area, gender: M.gender, incomeBand: M.incomeBand, ethnicity: M.ethnicity },
      },
      {
        type: 'clients.SupportPersonAdded',
        data: { personId: 'p-1', name: M.supportName, relationship: M.relationship, mayKnow: [] },
      },
      {
        type: 'clients.InteractionLogged',
        data: {
          interactionId: 'i-1',
          party: 'client',
          channel: 'phone',
          purpose: M.interactionPurpose,
          summary: M.interactionSummary,
          followUpNeeded: false,
          occurredAt: now,
        },
      },
      {
        type: 'clients.ConsentRecorded',
        data: { consentId: 'k-1', purpose: 'sharing', recipientOrganizationId: PARTNER, recordedAt: now },
      },
    ]);
    // A break-the-glass access to her file, its justification sealed with her key.
    await append(`audit-${LINK_WORKER}`, [
      {
        type: 'clients.PersonalDataAccessed',
        data: {
          operation: 'Query.client',
          resourceType: 'Client',
          resourceIds: [clientId],
          outcome: 'permitted',
          reason: 'break-the-glass',
          clientId,
          justification: M.justification,
        },
      },
    ]);
    // The care-plans context: her plan, with every kind of the client's words.
    await append(`careplan-${clientId}`, [
      {
        type: 'care-plans.PlanOpened',
        data: { planId: 'plan-1', clientId, linkWorker: LINK_WORKER, openedAt: now },
      },
      {
        type: 'care-plans.NeedsAssessed',
        data: {
          assessmentId: 'a-1',
          needs: [{ need: 'food', priority: 'high' }],
          whatMattersToMe: M.whatMatters,
          strengths: [M.strength],
          assessedAt: now,
        },
      },
      { type: 'care-plans.GoalSet', data: { goalId: 'g-1', inClientsWords: M.goal, setAt: now } },
      {
        type: 'care-plans.ActionPlanned',
        data: { actionId: 'x-1', goalId: 'g-1', description: M.action, owner: 'client', due: today },
      },
      {
        type: 'care-plans.ResourcePrescribed',
        data: {
          prescriptionId: 'rx-1',
          goalId: 'g-1',
          need: 'food',
          resourceName: 'Community pantry',
          partnerOrganizationId: PARTNER,
          followUpOn: today,
          prescribedAt: now,
        },
      },
      {
        type: 'care-plans.PrescriptionFollowedUp',
        data: { prescriptionId: 'rx-1', attended: true, note: M.followUpNote, followedUpAt: now },
      },
      { type: 'care-plans.PlanReviewed', data: { reviewId: 'rv-1', summary: M.review, reviewedAt: now } },
      {
        type: 'care-plans.SessionRecorded',
        data: { sessionId: 's-1', kind: 'one-to-one', goalId: null, notes: M.sessionNotes, heldAt: now },
      },
      {
        type: 'care-plans.NavigationTaskAdded',
        data: { taskId: 't-1', kind: 'housing', description: M.task, due: today, addedAt: now },
      },
      {
        type: 'care-plans.NavigationTaskUpdated',
        data: { taskId: 't-1', status: 'blocked', barrier: M.barrier, updatedAt: now },
      },
    ]);
    // The partners context: the referral, and a partner's note on it.
    await append(`referral-${clientId}`, [
      {
        type: 'partners.ReferralCreated',
        data: {
          referralId: 'rx-1',
          clientId,
          need: 'food',
          serviceId: null,
          resourceName: 'Community pantry',
          partnerOrganizationId: PARTNER,
          status: 'requested',
          createdAt: now,
        },
      },
      {
        type: 'partners.ReferralStatusChanged',
        data: {
          referralId: 'rx-1',
          partnerOrganizationId: PARTNER,
          from: 'requested',
          to: 'accepted',
          by: 'partner',
          reason: null,
          note: M.partnerNote,
          changedAt: now,
        },
      },
    ]);
    // The quality-safety context: a journal entry, an incident about her, supervision about her.
    await append(`journal-${LINK_WORKER}`, [
      {
        type: 'quality-safety.JournalEntryWritten',
        data: { entryId: 'j-1', text: M.journal, writtenAt: now },
      },
    ]);
    const incident = organizationStreamId('incident', ORG, 'inc-1');
    await append(incident, [
      {
        type: 'quality-safety.IncidentReported',
        data: {
          incidentId: 'inc-1',
          kind: 'incident',
          severity: 'moderate',
          summary: M.incident,
          clientId,
          occurredOn: today,
          reportedBy: LINK_WORKER,
          reportedAt: now,
        },
      },
      {
        type: 'quality-safety.IncidentResolved',
        data: {
          by: LINK_WORKER,
          resolution: M.resolution,
          lessonsLearned: 'Check the ramp',
          resolvedAt: now,
          clientId,
        },
      },
    ]);
    const session = (id: string) => organizationStreamId('supervision', ORG, id);
    const scheduled = (sessionId: string) => ({
      type: 'quality-safety.SupervisionScheduled',
      data: {
        sessionId,
        facilitator: LINK_WORKER,
        linkWorkers: [LINK_WORKER],
        kind: 'one-to-one',
        scheduledFor: now,
      },
    });
    await append(session('held-1'), [
      scheduled('held-1'),
      {
        type: 'quality-safety.SupervisionHeld',
        data: {
          notes: M.supervisionNotes,
          actions: [{ actionId: 'sa-1', owner: LINK_WORKER, dueOn: today }],
          actionDescriptions: { 'sa-1': M.supervisionAction },
          heldAt: now,
          clientId,
        },
      },
    ]);
    await append(session('cancelled-1'), [
      scheduled('cancelled-1'),
      {
        type: 'quality-safety.SupervisionCancelled',
        data: { reason: M.cancelReason, cancelledAt: now, clientId },
      },
    ]);

    // Every read model has applied what it follows: its tables hold the sealed values.
    const sealedIn = async (service: string, sql: string) => {
      const server = servers[services.indexOf(service)]!;
      const rows = await server.runtime.readModels.query<{ row: string }>(sql);
      return rows.filter((row) => row.row.includes('pd1:')).length;
    };
    const expected: readonly [string, string, number][] = [
      ['clients', 'SELECT to_jsonb(t)::text AS row FROM clients_client t', 1],
      ['clients', 'SELECT to_jsonb(t)::text AS row FROM clients_interaction t', 1],
      ['clients', 'SELECT to_jsonb(t)::text AS row FROM clients_access_audit t', 1],
      ['care-plans', "SELECT to_jsonb(t)::text AS row FROM care_plans_plan t WHERE status = 'open'", 1],
      ['partners', 'SELECT to_jsonb(t)::text AS row FROM partners_client t', 1],
      ['partners', 'SELECT to_jsonb(t)::text AS row FROM partners_referral_status t', 1],
      ['quality-safety', 'SELECT to_jsonb(t)::text AS row FROM quality_safety_incident t', 1],
      ['quality-safety', 'SELECT to_jsonb(t)::text AS row FROM quality_safety_session t', 2],
      ['analytics', 'SELECT to_jsonb(t)::text AS row FROM analytics_client t', 1],
    ];
    for (const [service, sql, rows] of expected)
      await eventually(
        async () => {
          const plan = await sealedIn(service, sql);
          // The plan's view is complete once its last event is in.
          const complete =
            service !== 'care-plans' ||
            (
              await servers[1]!.runtime.readModels.query<{ n: number }>(
                "SELECT count(*)::int AS n FROM care_plans_plan WHERE view::text LIKE '%blocked%'",
              )
            )[0]?.n === 1;
          return complete ? plan : 0;
        },
        (count) => count >= rows,
        60_000,
      );
    await stopAll();

    // The dump: the event store's database and each service's read models, every table.
    const dump = await dumpDatabase(join(dataDir, 'event-store'), 'event-store');
    for (const service of await readdir(join(dataDir, 'read-models')))
      dump.push(...(await dumpDatabase(join(dataDir, 'read-models', service), `read-models/${service}`)));
    const tables = new Set(dump.map((row) => `${row.database}/${row.table}`));
    const sealedValues = dump.reduce((n, row) => n + (row.text.match(SEALED_VALUE)?.length ?? 0), 0);
    console.log(
      `dump scan: ${tables.size} tables, ${dump.filter((row) => row.text !== '').length} rows, ${sealedValues} sealed values, ${MARKERS.length} markers`,
    );

    // Without the KEK: no marker in any row of any table.
    const inClear = dump.flatMap((row) =>
      MARKERS.filter((value) => row.text.includes(value)).map(
        (value) => `${row.database}/${row.table}: ${value}`,
      ),
    );
    expect(inClear).toEqual([]);

    // With the KEK: the keys unwrapped, every sealed value opened, and every marker found.
    const keks = await keyEncryptionKeysOf(loadConfig(env));
    const keys = await unwrapKeys(dump, keks);
    const openedIn = (rows: readonly DumpRow[]) => rows.flatMap((row) => openAll(row.text, keys)).join('\n');
    const everything = openedIn(dump);
    const readModels = openedIn(dump.filter((row) => row.database.startsWith('read-models/')));
    const recovered = MARKERS.filter((value) => everything.includes(value));
    const recoveredFromReadModels = KEPT_BY_READ_MODELS.filter((value) => readModels.includes(value));
    console.log(
      `with the KEK: ${keys.size} data keys unwrapped, ${recovered.length} of ${MARKERS.length} markers recovered (${recoveredFromReadModels.length} of ${KEPT_BY_READ_MODELS.length} from the read models)`,
    );
    expect(recovered).toEqual(MARKERS);
    expect(recoveredFromReadModels).toEqual(KEPT_BY_READ_MODELS);
  }, 600_000);
});
