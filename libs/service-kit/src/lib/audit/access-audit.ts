import { accessEventType, accessTopicOfContext, topicOfContext } from '@spn/contracts';
import { SubjectErasedError, type EventStore, type JsonObject, type SqlClient } from '@spn/event-store';
import type { Principal } from '@spn/auth';
import type { Projection } from '../runtime/runtime';
import { metadataOf, type Caller } from '../auth/caller';
import { noteRecorded } from './disclosure-ledger';
import { pageFrom, type Page, type PageRequest } from '../pagination/pagination';
import { subjectOfEvent, subjectOfStream, type PersonalData } from '../privacy/personal-data';

/**
 * The access audit (PHIPA s.10.1): every read or disclosure of personal data, and every refused
 * attempt, is an event in the store (so the hash chains and seals cover it): who, their organization and
 * roles, the purpose they declared, what (operation, resource type and ids), when, and the outcome.
 * A read whose audit cannot be written fails: nothing is disclosed unaudited.
 */
export interface AccessEntry {
  /** The GraphQL operation field, e.g. `Query.client`. */
  readonly operation: string;
  readonly resourceType: string;
  /** The records disclosed (permitted) or asked for (denied). */
  readonly resourceIds: readonly string[];
  readonly outcome: 'permitted' | 'denied';
  /**
   * Why it was denied (`role`, `organization`, `consent`, `team`, `need-to-know`), or, permitted,
   * `break-the-glass`: a file opened outside the need to know, with a stated justification.
   */
  readonly reason?: string;
  /**
   * The reason the caller gave for a break-the-glass access (`x-spn-access-reason`): free text that may
   * speak of the client, so sealed with the key of `clientId` (erasing the client shreds it).
   */
  readonly justification?: string;
  /** The one client whose file a break-the-glass access opened: whose key seals the justification. */
  readonly clientId?: string;
}

const CLIENT_ERASED = 'clients.ClientErased';

export interface AccessAuditOptions {
  /**
   * Records of concurrent reads share one transaction (the store's group commit); each read still
   * waits for the commit that holds its record, and a failed one fails every read in it. Default off.
   */
  readonly groupCommit?: boolean;
}

export class AccessAudit {
  constructor(
    private readonly store: EventStore,
    private readonly service: string,
    private readonly personalData: PersonalData,
    private readonly options: AccessAuditOptions = {},
  ) {}

  /**
   * Records a disclosure: the records of `resourceType` a read is about to answer with. Call it before
   * answering (a read whose audit cannot be written fails).
   */
  disclosed(
    caller: Caller,
    operation: string,
    resourceType: string,
    resourceIds: readonly string[],
  ): Promise<void> {
    return this.record(caller, { operation, resourceType, resourceIds, outcome: 'permitted' });
  }

  /** Appends the record; resolves once it is stored. */
  async record(caller: Caller, entry: AccessEntry): Promise<void> {
    const streamId = `audit-${caller.subject}`;
    const data: JsonObject = {
      operation: entry.operation,
      resourceType: entry.resourceType,
      resourceIds: [...entry.resourceIds],
      outcome: entry.outcome,
      ...(entry.reason ? { reason: entry.reason } : {}),
      ...(entry.clientId ? { clientId: entry.clientId } : {}),
      ...(entry.justification ? { justification: entry.justification } : {}),
      // The caller's own correlation id, beside the gateway's (the metadata's).
      ...(caller.callerCorrelationId ? { callerCorrelationId: caller.callerCorrelationId } : {}),
    };
    const event = { type: accessEventType(this.service), data };
    await this.store.append(
      streamId,
      'any',
      [{ ...(await this.sealed(streamId, caller, event)), metadata: metadataOf(caller) }],
      { group: this.options.groupCommit ?? false },
    );
    noteRecorded(caller, entry.operation);
  }

  /**
   * The event with its justification sealed with the client's key. A client erased already leaves
   * nothing to seal it with: the access is recorded without it (nothing of an erased client is kept).
   */
  private async sealed(
    streamId: string,
    caller: Caller,
    event: { type: string; data: JsonObject },
  ): Promise<{ type: string; data: JsonObject }> {
    try {
      const [sealed] = await this.personalData.seal(subjectOfStream(streamId), caller.organizationId, [
        event,
      ]);
      return sealed ?? event;
    } catch (error) {
      if (!(error instanceof SubjectErasedError)) throw error;
      const data = { ...event.data };
      delete data['justification'];
      return { ...event, data };
    }
  }
}

/** The access audit's table, as numbered migrations (docs/read-models.md#migrations): append, never edit. */
const accessAuditMigrations = (table: string): readonly string[] => [
  // 1: The records, found by organization and time, and by resource.
  `CREATE TABLE IF NOT EXISTS ${table} (
    event_id text PRIMARY KEY,
    recorded_at timestamptz NOT NULL,
    subject text NOT NULL,
    organization_id text NOT NULL,
    roles text[] NOT NULL,
    purpose_of_use text NOT NULL,
    correlation_id text NOT NULL,
    operation text NOT NULL,
    resource_type text NOT NULL,
    resource_ids text[] NOT NULL,
    outcome text NOT NULL,
    reason text
  );
  CREATE INDEX IF NOT EXISTS ${table}_org_time ON ${table} (organization_id, recorded_at);
  CREATE INDEX IF NOT EXISTS ${table}_resources ON ${table} USING gin (resource_ids)`,
  // 2: The caller's own correlation id.
  `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS caller_correlation_id text`,
  // 3: The justification of a break-the-glass access.
  `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS justification text`,
  // 4: Whose key seals the justification (it is kept sealed, as the event holds it).
  `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS justification_subject text`,
];

/**
 * The service's audit log as a read model (`<service>_access_audit`), for auditors' queries. The
 * justification is kept sealed, with the subject whose key seals it, and opened when answering. A
 * client's erasure (`clients` topic) blanks the justifications of the accesses to their file; the
 * records stay.
 */
export function accessAuditProjection(service: string): Projection {
  const table = `${service.replace(/-/g, '_')}_access_audit`;
  return {
    name: 'access-audit',
    // Its own service's access records, and the clients' events for erasures.
    topics: [accessTopicOfContext(service), topicOfContext('clients')],
    migrations: accessAuditMigrations(table),
    sealed: true,
    handle: async (message, tx) => {
      if (message.type === CLIENT_ERASED) {
        await tx.query(
          `UPDATE ${table} SET justification = NULL, justification_subject = NULL
           WHERE organization_id = $1 AND $2 = ANY(resource_ids) AND justification IS NOT NULL`,
          [message.organizationId, subjectOfStream(message.streamId)],
        );
        return;
      }
      if (message.type !== accessEventType(service)) return;
      const data = message.data as unknown as AccessEntry & { callerCorrelationId?: string };
      const actor = message.metadata.actor;
      await tx.query(
        `INSERT INTO ${table} (event_id, recorded_at, subject, organization_id, roles, purpose_of_use,
           correlation_id, operation, resource_type, resource_ids, outcome, reason, caller_correlation_id,
           justification, justification_subject)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (event_id) DO NOTHING`,
        [
          message.eventId,
          message.occurredAt,
          actor.subject,
          message.organizationId,
          actor.roles,
          message.metadata.purposeOfUse,
          message.metadata.correlationId,
          data.operation,
          data.resourceType,
          data.resourceIds,
          data.outcome,
          data.reason ?? null,
          data.callerCorrelationId ?? null,
          data.justification ?? null,
          data.justification ? subjectOfEvent(message, subjectOfStream(message.streamId)) : null,
        ],
      );
    },
  };
}

export interface AccessRecord {
  readonly eventId: string;
  readonly recordedAt: Date;
  readonly subject: string;
  readonly organizationId: string;
  readonly roles: readonly string[];
  readonly purposeOfUse: string;
  readonly correlationId: string;
  readonly operation: string;
  readonly resourceType: string;
  readonly resourceIds: readonly string[];
  readonly outcome: string;
  readonly reason: string | null;
  readonly callerCorrelationId: string | null;
  readonly justification: string | null;
}

export interface AccessAuditFilter {
  readonly subject?: string;
  readonly resourceId?: string;
  readonly outcome?: 'permitted' | 'denied';
  /** Only entries with this reason (e.g. `break-the-glass`). */
  readonly reason?: string;
  readonly from?: Date;
  readonly to?: Date;
}

/** Auditors' questions of one organization's audit log, newest first. */
export class AccessAuditQueries {
  private readonly table: string;
  constructor(
    private readonly db: SqlClient,
    service: string,
    private readonly personalData: PersonalData,
  ) {
    this.table = `${service.replace(/-/g, '_')}_access_audit`;
  }

  /**
   * One page of the organization's records, newest first: the cursor is the last one's record time
   * (PostgreSQL's own text, exact to the microsecond) and event id (unique).
   */
  async find(
    auditor: Principal,
    filter: AccessAuditFilter,
    request: PageRequest,
  ): Promise<Page<AccessRecord>> {
    const [at, id] = request.after ?? [null, null];
    const found = await this.db.query(
      `SELECT *, recorded_at::text AS page_at FROM ${this.table}
       WHERE organization_id = $1 AND ($2::text IS NULL OR subject = $2)
         AND ($3::text IS NULL OR $3 = ANY(resource_ids)) AND ($4::text IS NULL OR outcome = $4)
         AND ($5::timestamptz IS NULL OR recorded_at >= $5) AND ($6::timestamptz IS NULL OR recorded_at < $6)
         AND ($8::text IS NULL OR reason = $8)
         AND ($9::timestamptz IS NULL OR recorded_at < $9::timestamptz
              OR (recorded_at = $9::timestamptz AND event_id > $10::text))
       ORDER BY recorded_at DESC, event_id LIMIT $7`,
      [
        auditor.organizationId,
        filter.subject ?? null,
        filter.resourceId ?? null,
        filter.outcome ?? null,
        filter.from ?? null,
        filter.to ?? null,
        request.limit + 1,
        filter.reason ?? null,
        at,
        id,
      ],
    );
    const page = pageFrom(found, request, (row) => [String(row['page_at']), String(row['event_id'])]);
    // The justifications are sealed: opened for the answer (null where the client was erased).
    const rows = await this.personalData.openRows(
      page.items,
      (row) => (row['justification_subject'] as string | null) ?? null,
      ['justification'],
    );
    const items = rows.map((row) => ({
      eventId: String(row['event_id']),
      recordedAt: new Date(row['recorded_at'] as string),
      subject: String(row['subject']),
      organizationId: String(row['organization_id']),
      roles: row['roles'] as string[],
      purposeOfUse: String(row['purpose_of_use']),
      correlationId: String(row['correlation_id']),
      operation: String(row['operation']),
      resourceType: String(row['resource_type']),
      resourceIds: row['resource_ids'] as string[],
      outcome: String(row['outcome']),
      reason: (row['reason'] as string | null) ?? null,
      callerCorrelationId: (row['caller_correlation_id'] as string | null) ?? null,
      justification: (row['justification'] as string | null) ?? null,
    }));
    return { items, nextCursor: page.nextCursor };
  }
}
