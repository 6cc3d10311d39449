import { topicOfContext } from '@spn/contracts';
import type { Projection } from '@spn/service-kit';

/** Incidents with their escalation, acknowledgement (and its time) and resolution. */
export const INCIDENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS quality_safety_incident (
  incident_id text PRIMARY KEY,
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
CREATE INDEX IF NOT EXISTS quality_safety_incident_org ON quality_safety_incident (organization_id, reported_at);`;

export const incidentsProjection: Projection = {
  name: 'incidents',
  topics: [topicOfContext('quality-safety')],
  schema: INCIDENTS_SCHEMA,
  handle: async (message, tx) => {
    if (!message.streamId.startsWith('incident-')) return;
    const incidentId = message.streamId.slice('incident-'.length);
    const data = message.data;
    switch (message.type) {
      case 'quality-safety.IncidentReported':
        await tx.query(
          `INSERT INTO quality_safety_incident (incident_id, organization_id, kind, severity, summary, client_id,
             occurred_on, reported_by, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
          [
            incidentId,
            message.organizationId,
            data['kind'],
            data['severity'],
            data['summary'],
            data['clientId'],
            data['occurredOn'],
            data['reportedBy'],
            data['reportedAt'],
          ],
        );
        return;
      case 'quality-safety.IncidentEscalated':
        await tx.query(
          `UPDATE quality_safety_incident SET escalated_to = $2, flagged = $3, acknowledge_by = $4 WHERE incident_id = $1`,
          [incidentId, data['to'], data['flagged'], data['acknowledgeBy']],
        );
        return;
      case 'quality-safety.IncidentAcknowledged':
        await tx.query(
          `UPDATE quality_safety_incident SET acknowledged_at = $2, acknowledged_by = $3, seconds_to_acknowledge = $4
           WHERE incident_id = $1`,
          [incidentId, data['acknowledgedAt'], data['by'], data['secondsToAcknowledge']],
        );
        return;
      case 'quality-safety.IncidentResolved':
        await tx.query(
          `UPDATE quality_safety_incident SET resolved_at = $2, resolution = $3, lessons_learned = $4 WHERE incident_id = $1`,
          [incidentId, data['resolvedAt'], data['resolution'], data['lessonsLearned']],
        );
        return;
      default:
        return;
    }
  },
};
