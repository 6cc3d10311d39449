import type { SqlEventStore } from '@spn/event-store';

/**
 * Embedded transport: resolves once each consumer group has read the log up to its end as it is now
 * (their durable checkpoints, `consumer:<group>`, reached its last position). Lets a test or an
 * operator compare a live read model with a rebuild without guessing how long to wait.
 */
export async function consumersCaughtUp(
  store: Pick<SqlEventStore, 'integrity'>,
  groupIds: readonly string[],
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<void> {
  const reader = store.integrity.auditReader();
  const [end] = await reader.query<{ p: string | null }>(
    'SELECT max(global_position)::text AS p FROM events',
  );
  const last = Number(end?.p ?? 0);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const rows = await reader.query<{ subscription_id: string; p: string }>(
      `SELECT subscription_id, global_position::text AS p FROM subscription_checkpoints
       WHERE subscription_id IN (SELECT 'consumer:' || jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify(groupIds)],
    );
    const behind = groupIds.filter(
      (group) => Number(rows.find((row) => row.subscription_id === `consumer:${group}`)?.p ?? 0) < last,
    );
    if (behind.length === 0) return;
    if (Date.now() > deadline) throw new Error(`Consumers behind position ${last}: ${behind.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
  }
}
