import { topicOfContext } from '@spn/contracts';
import { ownEvent, type Projection } from '@spn/service-kit';
import { policyDecider } from './policy';
import { trainingDecider } from './training';

/** Training records (with the reminder issued, if any), policy versions and acknowledgements. */
export const TRAINING_MIGRATIONS: readonly string[] = [
  // 1: Training records, policy versions and acknowledgements.
  `CREATE TABLE IF NOT EXISTS quality_safety_training_record (
    record_id text NOT NULL,
    subject text NOT NULL,
    organization_id text NOT NULL,
    topic text NOT NULL,
    title text,
    completed_on date NOT NULL,
    expires_on date,
    recorded_at timestamptz NOT NULL,
    reminded_on date
  );
  CREATE INDEX IF NOT EXISTS quality_safety_training_record_org ON quality_safety_training_record (organization_id, expires_on);
  CREATE TABLE IF NOT EXISTS quality_safety_policy_version (
    policy_id text NOT NULL,
    version integer NOT NULL,
    organization_id text NOT NULL,
    title text NOT NULL,
    summary text,
    published_at timestamptz NOT NULL
  );
  CREATE TABLE IF NOT EXISTS quality_safety_policy_ack (
    subject text NOT NULL,
    policy_id text NOT NULL,
    version integer NOT NULL,
    organization_id text NOT NULL,
    acknowledged_at timestamptz NOT NULL
  )`,
  // 2: A training record's id is the caller's, meaningful within its person's record in the organization; a
  // policy's id is its organization's own (stream policy-<organizationId>-<policyId>): every key starts with
  // the organization (docs/read-models.md, "Ids and keys").
  `ALTER TABLE quality_safety_training_record DROP CONSTRAINT IF EXISTS quality_safety_training_record_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS quality_safety_training_record_key
    ON quality_safety_training_record (organization_id, subject, record_id);
  ALTER TABLE quality_safety_policy_version DROP CONSTRAINT IF EXISTS quality_safety_policy_version_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS quality_safety_policy_version_key
    ON quality_safety_policy_version (organization_id, policy_id, version);
  ALTER TABLE quality_safety_policy_ack DROP CONSTRAINT IF EXISTS quality_safety_policy_ack_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS quality_safety_policy_ack_key
    ON quality_safety_policy_ack (organization_id, subject, policy_id, version)`,
];

export const trainingProjection: Projection = {
  name: 'training',
  topics: [topicOfContext('quality-safety')],
  migrations: TRAINING_MIGRATIONS,
  handle: async (message, tx) => {
    const event = ownEvent([trainingDecider, policyDecider], message);
    switch (event.type) {
      case 'quality-safety.TrainingRecorded':
        await tx.query(
          `INSERT INTO quality_safety_training_record (record_id, subject, organization_id, topic, title, completed_on,
             expires_on, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
          [
            event.data.recordId,
            event.data.subject,
            event.organizationId,
            event.data.topic,
            event.data.title,
            event.data.completedOn,
            event.data.expiresOn,
            event.data.recordedAt,
          ],
        );
        return;
      case 'quality-safety.TrainingExpiryReminderIssued':
        await tx.query(
          `UPDATE quality_safety_training_record SET reminded_on = $4
           WHERE organization_id = $1 AND subject = $2 AND record_id = $3`,
          [
            event.organizationId,
            event.streamId.slice('training-'.length),
            event.data.recordId,
            event.data.issuedOn,
          ],
        );
        return;
      case 'quality-safety.PolicyVersionPublished':
        await tx.query(
          `INSERT INTO quality_safety_policy_version (policy_id, version, organization_id, title, summary, published_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [
            event.data.policyId,
            event.data.version,
            event.organizationId,
            event.data.title,
            event.data.summary,
            event.data.publishedAt,
          ],
        );
        return;
      case 'quality-safety.PolicyAcknowledged':
        await tx.query(
          `INSERT INTO quality_safety_policy_ack (subject, policy_id, version, organization_id, acknowledged_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [
            event.streamId.slice('training-'.length),
            event.data.policyId,
            event.data.version,
            event.organizationId,
            event.data.acknowledgedAt,
          ],
        );
        return;
      default:
        return;
    }
  },
};
