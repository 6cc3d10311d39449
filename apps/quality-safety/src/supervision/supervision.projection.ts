import { topicOfContext } from '@spn/contracts';
import type { Projection } from '@spn/service-kit';

/** Supervision sessions, their participants and their agreed actions; compliance reads the held ones. */
export const SUPERVISION_SCHEMA = `
CREATE TABLE IF NOT EXISTS quality_safety_session (
  session_id text PRIMARY KEY,
  organization_id text NOT NULL,
  facilitator text NOT NULL,
  kind text NOT NULL,
  scheduled_for timestamptz NOT NULL,
  status text NOT NULL,
  notes text,
  held_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text
);
CREATE INDEX IF NOT EXISTS quality_safety_session_org ON quality_safety_session (organization_id, scheduled_for);
CREATE TABLE IF NOT EXISTS quality_safety_session_participant (
  session_id text NOT NULL,
  subject text NOT NULL,
  PRIMARY KEY (session_id, subject)
);
CREATE INDEX IF NOT EXISTS quality_safety_session_participant_subject ON quality_safety_session_participant (subject);
CREATE TABLE IF NOT EXISTS quality_safety_session_action (
  session_id text NOT NULL,
  action_id text NOT NULL,
  description text NOT NULL,
  owner text NOT NULL,
  due_on date NOT NULL,
  done_on date,
  done_by text,
  PRIMARY KEY (session_id, action_id)
);`;

export const supervisionProjection: Projection = {
  name: 'supervision',
  topics: [topicOfContext('quality-safety')],
  schema: SUPERVISION_SCHEMA,
  handle: async (message, tx) => {
    if (!message.streamId.startsWith('supervision-')) return;
    const sessionId = message.streamId.slice('supervision-'.length);
    const data = message.data;
    switch (message.type) {
      case 'quality-safety.SupervisionScheduled':
        await tx.query(
          `INSERT INTO quality_safety_session (session_id, organization_id, facilitator, kind, scheduled_for, status)
           VALUES ($1, $2, $3, $4, $5, 'scheduled') ON CONFLICT (session_id) DO NOTHING`,
          [sessionId, message.organizationId, data['facilitator'], data['kind'], data['scheduledFor']],
        );
        await tx.query(
          `INSERT INTO quality_safety_session_participant (session_id, subject)
           SELECT $1, jsonb_array_elements_text($2::jsonb) ON CONFLICT DO NOTHING`,
          [sessionId, JSON.stringify(data['linkWorkers'])],
        );
        return;
      case 'quality-safety.SupervisionHeld':
        await tx.query(
          `UPDATE quality_safety_session SET status = 'held', notes = $2, held_at = $3 WHERE session_id = $1`,
          [sessionId, data['notes'], data['heldAt']],
        );
        await tx.query(
          `INSERT INTO quality_safety_session_action (session_id, action_id, description, owner, due_on)
           SELECT $1, a->>'actionId', a->>'description', a->>'owner', (a->>'dueOn')::date
           FROM jsonb_array_elements($2::jsonb) a ON CONFLICT DO NOTHING`,
          [sessionId, JSON.stringify(data['actions'])],
        );
        return;
      case 'quality-safety.SupervisionActionDone':
        await tx.query(
          `UPDATE quality_safety_session_action SET done_on = $3, done_by = $4 WHERE session_id = $1 AND action_id = $2`,
          [sessionId, data['actionId'], data['doneOn'], data['by']],
        );
        return;
      case 'quality-safety.SupervisionCancelled':
        await tx.query(
          `UPDATE quality_safety_session SET status = 'cancelled', cancelled_at = $2, cancel_reason = $3
           WHERE session_id = $1`,
          [sessionId, data['cancelledAt'], data['reason']],
        );
        return;
      default:
        return;
    }
  },
};
