/**
 * Ids and keys (docs/read-models.md): an incident's, session's, policy's or team's id is its
 * organization's own (streams `incident-<organizationId>-<incidentId>`...), a training record's id is
 * the caller's within its person's file in the organization. The finding: a reused training-record id
 * silently dropped the other's record.
 */
import { projectionSpecification, organizationStreamId } from '@spn/service-kit';
import { incidentsProjection } from './incidents/incidents.projection';
import { organizationProjection } from './organization/organization.projection';
import { OrganizationQueries } from './organization/organization.queries';
import { supervisionProjection } from './supervision/supervision.projection';
import { trainingProjection } from './training/training.projection';

const FRASER = 'fraser-north-health';
const ISLAND = 'island-coast-health';

describe('quality-safety read models: ids within their owner', () => {
  let spec: Awaited<ReturnType<typeof projectionSpecification>>;
  beforeAll(async () => {
    spec = await projectionSpecification(
      trainingProjection,
      incidentsProjection,
      supervisionProjection,
      organizationProjection,
    );
  });
  afterAll(() => spec.close());

  it("keeps both organizations' training records of the same id, and reminds only its own", async () => {
    const recorded = (organizationId: string, subject: string, topic: string) => ({
      type: 'quality-safety.TrainingRecorded',
      streamId: `training-${subject}`,
      organizationId,
      data: {
        recordId: 'r1',
        subject,
        topic,
        title: null,
        completedOn: '2026-01-10',
        expiresOn: '2026-03-01',
        recordedAt: '2026-01-10T00:00:00.000Z',
      },
    });
    await spec.given(
      recorded(FRASER, 'lw-fraser', 'first-aid'),
      recorded(ISLAND, 'lw-island', 'safeguarding'),
      {
        type: 'quality-safety.TrainingExpiryReminderIssued',
        streamId: 'training-lw-island',
        organizationId: ISLAND,
        data: { recordId: 'r1', issuedOn: '2026-02-10' },
      },
    );
    expect(
      await spec.db.query(
        `SELECT organization_id, subject, topic, reminded_on IS NOT NULL AS reminded
         FROM quality_safety_training_record ORDER BY organization_id`,
      ),
    ).toEqual([
      { organization_id: FRASER, subject: 'lw-fraser', topic: 'first-aid', reminded: false },
      { organization_id: ISLAND, subject: 'lw-island', topic: 'safeguarding', reminded: true },
    ]);
  });

  it("keeps two organizations' incidents and sessions of the same id apart, and changes only its own", async () => {
    const incident = (organizationId: string, summary: string) => ({
      type: 'quality-safety.IncidentReported',
      streamId: organizationStreamId('incident', organizationId, '1'),
      organizationId,
      data: {
        kind: 'safeguarding',
        severity: 'low',
        summary,
        clientId: null,
        occurredOn: '2026-02-01',
        reportedBy: 'lw',
        reportedAt: '2026-02-01T00:00:00.000Z',
      },
    });
    const session = (organizationId: string, facilitator: string) => ({
      type: 'quality-safety.SupervisionScheduled',
      streamId: organizationStreamId('supervision', organizationId, '1'),
      organizationId,
      data: {
        facilitator,
        kind: 'one-to-one',
        scheduledFor: '2026-02-10T00:00:00.000Z',
        linkWorkers: [facilitator],
      },
    });
    await spec.given(
      incident(FRASER, 'north'),
      incident(ISLAND, 'coast'),
      session(FRASER, 'sup-f'),
      session(ISLAND, 'sup-i'),
    );
    await spec.given(
      {
        type: 'quality-safety.IncidentResolved',
        streamId: organizationStreamId('incident', ISLAND, '1'),
        organizationId: ISLAND,
        data: { resolvedAt: '2026-02-03T00:00:00.000Z', resolution: 'done', lessonsLearned: 'x' },
      },
      {
        type: 'quality-safety.SupervisionCancelled',
        streamId: organizationStreamId('supervision', ISLAND, '1'),
        organizationId: ISLAND,
        data: { cancelledAt: '2026-02-04T00:00:00.000Z', reason: 'ill' },
      },
    );
    expect(
      await spec.db.query(
        `SELECT organization_id, incident_id, summary, resolved_at IS NOT NULL AS resolved
         FROM quality_safety_incident ORDER BY organization_id`,
      ),
    ).toEqual([
      { organization_id: FRASER, incident_id: '1', summary: 'north', resolved: false },
      { organization_id: ISLAND, incident_id: '1', summary: 'coast', resolved: true },
    ]);
    expect(
      await spec.db.query(
        `SELECT s.organization_id, s.status, p.subject FROM quality_safety_session s
         JOIN quality_safety_session_participant p ON p.organization_id = s.organization_id AND p.session_id = s.session_id
         ORDER BY s.organization_id`,
      ),
    ).toEqual([
      { organization_id: FRASER, status: 'scheduled', subject: 'sup-f' },
      { organization_id: ISLAND, status: 'cancelled', subject: 'sup-i' },
    ]);
  });

  it("does not let a supervisor of one organization's team 1 supervise another's team 1", async () => {
    const member = (organizationId: string, subject: string, role: string) => ({
      type: 'clients.TeamMemberAdded',
      streamId: organizationStreamId('team', organizationId, '1'),
      organizationId,
      data: { subject, role, addedAt: '2026-02-01' },
    });
    await spec.given(member(FRASER, 'sup-north', 'supervisor'), member(ISLAND, 'lw-coast', 'link-worker'));
    const organization = new OrganizationQueries(spec.db);
    expect(await organization.supervisedBy(FRASER, 'sup-north')).toEqual([]);
    expect(await organization.supervises(FRASER, 'sup-north', 'lw-coast')).toBe(false);
  });
});
