import { CLIENT_REFERRED } from '@spn/contracts';
import type { NewEvent, SqlClient, SqlEventStore } from '@spn/event-store';
import { randomUUID } from 'node:crypto';
import type { ProjectionHandler } from '../lib/inbox/inbox-consumer';

/** The fault tests' projection: one row per effect, no unique key, so a duplicate effect would show. */
export const PROJECTION_SCHEMA = `CREATE TABLE IF NOT EXISTS applied (
  event_id uuid NOT NULL, stream_id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;

export const POISON_CLIENT = 'client-poison';
export const GROUP = 'fault-test-projection';

export function projectionHandler(delayMs = 0): ProjectionHandler {
  return async (message, tx) => {
    if (message.data['clientId'] === POISON_CLIENT) throw new Error('this referral cannot be projected');
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    await tx.query('INSERT INTO applied (event_id, stream_id) VALUES ($1, $2)', [
      message.eventId,
      message.streamId,
    ]);
  };
}

export async function countApplied(sql: SqlClient): Promise<{ rows: number; distinct: number }> {
  const [row] = await sql.query<{ rows: string; distinct: string }>(
    'SELECT count(*)::text AS rows, count(DISTINCT event_id)::text AS distinct FROM applied',
  );
  return { rows: Number(row?.rows), distinct: Number(row?.distinct) };
}

/** A fictional referral (contract clients.ClientReferred v2). */
export function referral(clientId = `client-${randomUUID()}`): NewEvent {
  return {
    eventId: randomUUID(),
    type: CLIENT_REFERRED,
    schemaVersion: 2,
    data: { clientId, referrerOrganizationId: 'org-clinic', needs: ['food'], urgency: 'routine' },
    metadata: {
      organizationId: 'org-north-health',
      actor: { subject: 'user-physician-1', organizationId: 'org-clinic', roles: ['referrer'] },
      purposeOfUse: 'care',
      correlationId: randomUUID(),
    },
  };
}

/** Appends `total` referrals in appends of `perAppend`, over `streams` streams; returns the event ids. */
export async function appendReferrals(
  store: SqlEventStore,
  total: number,
  options: { perAppend?: number; streams?: number; onProgress?: (appended: number) => Promise<void> } = {},
): Promise<string[]> {
  const perAppend = options.perAppend ?? 10;
  const streams = Array.from({ length: options.streams ?? 50 }, () => ({
    id: `client-${randomUUID()}`,
    version: 0,
  }));
  const ids: string[] = [];
  for (let appended = 0; appended < total; appended += perAppend) {
    const stream = streams[(appended / perAppend) % streams.length]!;
    const batch = Array.from({ length: Math.min(perAppend, total - appended) }, () => referral());
    const result = await store.append(stream.id, stream.version, batch);
    stream.version = result.nextExpectedVersion;
    ids.push(...batch.map((event) => event.eventId!));
    await options.onProgress?.(appended + batch.length);
  }
  return ids;
}
