import { topicOfContext } from '@spn/contracts';
import {
  type Projection,
  recordIdOfStream,
  sealedOwnEvent,
  subjectOfEvent,
  subjectOfStream,
} from '@spn/service-kit';
import { incidentDecider } from './incident';

/**
 * Incidents with their escalation, acknowledgement (and its time) and resolution. The account and the
 * resolution of an incident about a client are blanked when the client is erased (`clients` topic): the
 * incident stays, with its kind, severity, dates and lessons learned. The account and the resolution
 * are kept sealed, as the events hold them, with the subject whose key seals each (the client the
 * incident names, or the incident's own): the queries open them.
 */
export const INCIDENTS_MIGRATIONS: readonly string[] = [
  // 1: Incidents.
  `CREATE TABLE IF NOT EXISTS quality_safety_incident (
    incident_id text NOT NULL,
    organization_id text NOT NULL,
    kind text NOT NULL,
    severity text NOT NULL,
    summary text,
    client_id text,
    occurred_on date NOT NULL,
    reported_by text NOT NULL,
    reported_at timestamptz NOT NULL,
    escalated_to text,
    flagged boolean NOT NULL DEFAULT false,
    acknowledge_by timestamptz,
    acknowledged_at timestamptz,
    acknowledged_by text,
    seconds_to_acknowledge integer,
    resolved_at timestamptz,
    resolution text,
    lessons_learned text
  );
  CREATE INDEX IF NOT EXISTS quality_safety_incident_org ON quality_safety_incident (organization_id, reported_at)`,
  // 2: An incident's id is its organization's own (docs/read-models.md, "Ids and keys").
  `ALTER TABLE quality_safety_incident DROP CONSTRAINT IF EXISTS quality_safety_incident_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS quality_safety_incident_key ON quality_safety_incident (organization_id, incident_id)`,
  // 3: Whose key seals the summary.
  `ALTER TABLE quality_safety_incident ADD COLUMN IF NOT EXISTS summary_sealed_for text`,
  // 4: Whose key seals the resolution.
  `ALTER TABLE quality_safety_incident ADD COLUMN IF NOT EXISTS resolution_sealed_for text`,
];

export const incidentsProjection: Projection = {
  name: 'incidents',
  topics: [topicOfContext('quality-safety'), topicOfContext('clients')],
  migrations: INCIDENTS_MIGRATIONS,
  sealed: true,
  handle: async (message, tx) => {
    if (message.type === 'clients.ClientErased') {
      await tx.query(
        `UPDATE quality_safety_incident SET summary = NULL, resolution = NULL
         WHERE organization_id = $1 AND client_id = $2`,
        [message.organizationId, subjectOfStream(message.streamId)],
      );
      return;
    }
    const incidentId = recordIdOfStream(message.streamId, 'incident', message.organizationId);
    if (incidentId === null) return;
    const organizationId = message.organizationId;
    const event = sealedOwnEvent([incidentDecider], message);
    // Whose key seals the event's personal fields.
    const sealedFor = subjectOfEvent(message, subjectOfStream(message.streamId));
    switch (event.type) {
      case 'quality-safety.IncidentReported':
        await tx.query(
          `INSERT INTO quality_safety_incident (incident_id, organization_id, kind, severity, summary, client_id,
             occurred_on, reported_by, reported_at, summary_sealed_for)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
          [
            incidentId,
            organizationId,
            event.data.kind,
            event.data.severity,
            event.data.summary,
            event.data.clientId,
            event.data.occurredOn,
            event.data.reportedBy,
            event.data.reportedAt,
            sealedFor,
          ],
        );
        return;
      case 'quality-safety.IncidentEscalated':
        await tx.query(
          `UPDATE quality_safety_incident SET escalated_to = $3, flagged = $4, acknowledge_by = $5
           WHERE organization_id = $1 AND incident_id = $2`,
          [organizationId, incidentId, event.data.to, event.data.flagged, event.data.acknowledgeBy],
        );
        return;
      case 'quality-safety.IncidentAcknowledged':
        await tx.query(
          `UPDATE quality_safety_incident SET acknowledged_at = $3, acknowledged_by = $4, seconds_to_acknowledge = $5
           WHERE organization_id = $1 AND incident_id = $2`,
          [
            organizationId,
            incidentId,
            event.data.acknowledgedAt,
            event.data.by,
            event.data.secondsToAcknowledge,
          ],
        );
        return;
      case 'quality-safety.IncidentResolved':
        await tx.query(
          `UPDATE quality_safety_incident SET resolved_at = $3, resolution = $4, lessons_learned = $5,
             resolution_sealed_for = $6
           WHERE organization_id = $1 AND incident_id = $2`,
          [
            organizationId,
            incidentId,
            event.data.resolvedAt,
            event.data.resolution,
            event.data.lessonsLearned,
            sealedFor,
          ],
        );
        return;
      default:
        return;
    }
  },
};
