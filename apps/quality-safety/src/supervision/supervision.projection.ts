import { topicOfContext } from '@spn/contracts';
import {
  type Projection,
  recordIdOfStream,
  sealedOwnEvent,
  subjectOfEvent,
  subjectOfStream,
} from '@spn/service-kit';
import { supervisionDecider } from './supervision';

/**
 * Supervision sessions, their participants and their agreed actions; compliance reads the held ones.
 * The notes, the action descriptions and the cancellation reason of a session about a client are
 * blanked when the client is erased (`clients` topic). They are kept sealed, as the events hold them,
 * with the subject whose key seals them (the client the session was about, or the session's own); the
 * action descriptions as the one sealed value the event holds: the queries open them.
 */
export const SUPERVISION_MIGRATIONS: readonly string[] = [
  // 1: Sessions, their participants and actions.
  `CREATE TABLE IF NOT EXISTS quality_safety_session (
    session_id text NOT NULL,
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
    subject text NOT NULL
  );
  CREATE INDEX IF NOT EXISTS quality_safety_session_participant_subject ON quality_safety_session_participant (subject);
  CREATE TABLE IF NOT EXISTS quality_safety_session_action (
    session_id text NOT NULL,
    action_id text NOT NULL,
    description text NOT NULL,
    owner text NOT NULL,
    due_on date NOT NULL,
    done_on date,
    done_by text
  )`,
  // 2: A session's id is its organization's own (stream supervision-<organizationId>-<sessionId>): every key
  // starts with the organization (docs/read-models.md, "Ids and keys").
  `ALTER TABLE quality_safety_session DROP CONSTRAINT IF EXISTS quality_safety_session_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS quality_safety_session_key ON quality_safety_session (organization_id, session_id)`,
  // 3: A participant's key starts with the organization too.
  `ALTER TABLE quality_safety_session_participant ADD COLUMN IF NOT EXISTS organization_id text NOT NULL DEFAULT '';
  ALTER TABLE quality_safety_session_participant DROP CONSTRAINT IF EXISTS quality_safety_session_participant_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS quality_safety_session_participant_key
    ON quality_safety_session_participant (organization_id, session_id, subject)`,
  // 4: An action's key starts with the organization too.
  `ALTER TABLE quality_safety_session_action ADD COLUMN IF NOT EXISTS organization_id text NOT NULL DEFAULT '';
  ALTER TABLE quality_safety_session_action DROP CONSTRAINT IF EXISTS quality_safety_session_action_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS quality_safety_session_action_key
    ON quality_safety_session_action (organization_id, session_id, action_id)`,
  // 5: The client a session is about.
  `ALTER TABLE quality_safety_session ADD COLUMN IF NOT EXISTS client_id text`,
  // 6: An action's description is blanked at its client's erasure.
  `ALTER TABLE quality_safety_session_action ALTER COLUMN description DROP NOT NULL`,
  // 7: Whose key seals the session's personal values.
  `ALTER TABLE quality_safety_session ADD COLUMN IF NOT EXISTS sealed_for text`,
  // 8: The actions' descriptions, kept with the session.
  `ALTER TABLE quality_safety_session ADD COLUMN IF NOT EXISTS action_descriptions jsonb`,
];

export const supervisionProjection: Projection = {
  name: 'supervision',
  topics: [topicOfContext('quality-safety'), topicOfContext('clients')],
  migrations: SUPERVISION_MIGRATIONS,
  sealed: true,
  handle: async (message, tx) => {
    if (message.type === 'clients.ClientErased') {
      const about = [message.organizationId, subjectOfStream(message.streamId)];
      await tx.query(
        `UPDATE quality_safety_session_action a SET description = NULL FROM quality_safety_session s
         WHERE s.organization_id = $1 AND s.client_id = $2
           AND a.organization_id = s.organization_id AND a.session_id = s.session_id`,
        about,
      );
      await tx.query(
        `UPDATE quality_safety_session SET notes = NULL, cancel_reason = NULL, action_descriptions = NULL
         WHERE organization_id = $1 AND client_id = $2`,
        about,
      );
      return;
    }
    const sessionId = recordIdOfStream(message.streamId, 'supervision', message.organizationId);
    if (sessionId === null) return;
    const organizationId = message.organizationId;
    const event = sealedOwnEvent([supervisionDecider], message);
    // Whose key seals the event's personal fields.
    const sealedFor = subjectOfEvent(message, subjectOfStream(message.streamId));
    switch (event.type) {
      case 'quality-safety.SupervisionScheduled':
        await tx.query(
          `INSERT INTO quality_safety_session (session_id, organization_id, facilitator, kind, scheduled_for, status)
           VALUES ($1, $2, $3, $4, $5, 'scheduled') ON CONFLICT (organization_id, session_id) DO NOTHING`,
          [sessionId, organizationId, event.data.facilitator, event.data.kind, event.data.scheduledFor],
        );
        await tx.query(
          `INSERT INTO quality_safety_session_participant (organization_id, session_id, subject)
           SELECT $1, $2, jsonb_array_elements_text($3::jsonb) ON CONFLICT DO NOTHING`,
          [organizationId, sessionId, JSON.stringify(event.data.linkWorkers)],
        );
        return;
      case 'quality-safety.SupervisionHeld':
        await tx.query(
          `UPDATE quality_safety_session SET status = 'held', notes = $3, held_at = $4, client_id = $5,
             sealed_for = $6, action_descriptions = $7
           WHERE organization_id = $1 AND session_id = $2`,
          [
            organizationId,
            sessionId,
            event.data.notes,
            event.data.heldAt,
            event.data.clientId ?? null,
            sealedFor,
            JSON.stringify(event.data.actionDescriptions ?? null),
          ],
        );
        await tx.query(
          // The descriptions apart (sealed: kept on the session, opened when read), or, held before,
          // in the actions.
          `INSERT INTO quality_safety_session_action (organization_id, session_id, action_id, description, owner, due_on)
           SELECT $1, $2, a->>'actionId', COALESCE($4::jsonb ->> (a->>'actionId'), a->>'description'),
             a->>'owner', (a->>'dueOn')::date
           FROM jsonb_array_elements($3::jsonb) a ON CONFLICT DO NOTHING`,
          [
            organizationId,
            sessionId,
            JSON.stringify(event.data.actions),
            JSON.stringify(event.data.actionDescriptions ?? null),
          ],
        );
        return;
      case 'quality-safety.SupervisionActionDone':
        await tx.query(
          `UPDATE quality_safety_session_action SET done_on = $4, done_by = $5
           WHERE organization_id = $1 AND session_id = $2 AND action_id = $3`,
          [organizationId, sessionId, event.data.actionId, event.data.doneOn, event.data.by],
        );
        return;
      case 'quality-safety.SupervisionCancelled':
        await tx.query(
          `UPDATE quality_safety_session SET status = 'cancelled', cancelled_at = $3, cancel_reason = $4,
             client_id = COALESCE($5, client_id), sealed_for = $6
           WHERE organization_id = $1 AND session_id = $2`,
          [
            organizationId,
            sessionId,
            event.data.cancelledAt,
            event.data.reason,
            event.data.clientId ?? null,
            sealedFor,
          ],
        );
        return;
      default:
        return;
    }
  },
};
