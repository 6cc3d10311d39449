import type { SqlClient } from '@spn/event-store';
import { migrateReadModel } from '../migrations/read-model-migrations';

/**
 * Tables in the consumer's own database: `inbox` remembers every event id a consumer group has
 * handled (applied or dead-lettered), in the same transaction as the projection change; `dead_letters`
 * keeps every message a consumer group could not apply (on both transports; Kafka also has a topic),
 * until it is replayed (`replayed_at`). Numbered migrations (`migrateReadModel`): append, never edit.
 */
export const INBOX_MIGRATIONS: readonly string[] = [
  // 1: The inbox and the dead letters.
  `CREATE TABLE IF NOT EXISTS inbox (
    consumer_group text NOT NULL,
    event_id uuid NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('applied', 'dead-lettered')),
    handled_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
  );
  CREATE TABLE IF NOT EXISTS dead_letters (
    consumer_group text NOT NULL,
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    stream_id text NOT NULL,
    attempts integer NOT NULL,
    error text NOT NULL,
    message jsonb NOT NULL,
    dead_lettered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
  )`,
  // 2: A dead letter says when it was replayed.
  'ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS replayed_at timestamptz',
];

export async function migrateInbox(sql: SqlClient): Promise<void> {
  await migrateReadModel(sql, 'inbox', INBOX_MIGRATIONS);
}
