import { PGlite } from '@electric-sql/pglite';
import { PgliteSqlClient, type EventMetadata, type JsonObject, type SqlClient } from '@spn/event-store';
import { migrateReadModel, type IntegrationMessage } from '@spn/messaging';
import type { Projection } from './runtime';

/** What a test says of a message: its type, stream, organization and data; the rest is made up. */
export interface MessageSpec {
  readonly type: string;
  readonly streamId: string;
  readonly organizationId: string;
  readonly data: Record<string, unknown>;
  readonly subject?: string;
}

/**
 * Projections on a fresh in-memory PGlite (their migrations applied twice, as adopting a database
 * from before their numbering does), fed messages one at a time, each in its own transaction as the
 * consumer applies them: for tests of what
 * a projection's SQL keeps, with no service, broker or store around it. Like `deciderSpecification`, a
 * test aid that needs nothing but the projection.
 */
export async function projectionSpecification(...projections: readonly Projection[]) {
  const db = new PgliteSqlClient(await PGlite.create(), true);
  for (const projection of projections) {
    // As a database from before the migrations were numbered holds its tables (none recorded), then
    // adopted by the migrator, which runs them all again: each migration must allow that.
    for (const migration of projection.migrations ?? []) await db.exec(migration);
    await migrateReadModel(db, `spec.${projection.name}`, projection.migrations ?? []);
  }
  let position = 0;
  const versions = new Map<string, number>();
  const message = (spec: MessageSpec): IntegrationMessage => {
    position += 1;
    const streamVersion = (versions.get(spec.streamId) ?? 0) + 1;
    versions.set(spec.streamId, streamVersion);
    const at = new Date(Date.UTC(2026, 0, 1) + position * 60_000).toISOString();
    const actor = { subject: spec.subject ?? 'tester', organizationId: spec.organizationId, roles: [] };
    return {
      eventId: `event-${position}`,
      type: spec.type,
      schemaVersion: 1,
      streamId: spec.streamId,
      streamVersion,
      globalPosition: position,
      organizationId: spec.organizationId,
      occurredAt: at,
      recordedAt: at,
      data: spec.data as JsonObject,
      metadata: {
        organizationId: spec.organizationId,
        actor,
        purposeOfUse: 'care',
        correlationId: `correlation-${position}`,
      } satisfies EventMetadata,
    };
  };
  return {
    db: db as SqlClient,
    /** Applies each message to every projection, in order. */
    async given(...specs: readonly MessageSpec[]): Promise<void> {
      for (const spec of specs) {
        const built = message(spec);
        for (const projection of projections) await db.transaction((tx) => projection.handle(built, tx));
      }
    },
    close: () => db.close(),
  };
}
