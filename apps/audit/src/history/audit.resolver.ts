import { Inject } from '@nestjs/common';
import { Args, Context, Resolver } from '@nestjs/graphql';
import {
  compareMoments,
  mergeData,
  queryHistory,
  streamAt,
  type HistoryEntry,
  type RecordedEvent,
} from '@spn/event-store';
import {
  AccessAudit,
  AllowedQuery,
  DomainError,
  PageRequestError,
  callerOf,
  operationRunner,
  PageArgs,
  pageFrom,
  pageRequest,
  type Caller,
  type RequestContext,
  type ServiceRuntime,
} from '@spn/service-kit';
import {
  AuditComparison,
  AuditEvent,
  AuditHistoryFilter,
  AuditEventPage,
  AuditStreamMoment,
  IntegrityReport,
} from './audit.types';

const run = operationRunner('audit');
const AUDITOR = ['auditor'] as const;

/** The runtime the audit subgraph reads the log through (provided by its server). */
export const AUDIT_RUNTIME = Symbol('AUDIT_RUNTIME');

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

const fromEntry = (entry: HistoryEntry): AuditEvent => ({
  globalPosition: entry.globalPosition,
  streamId: entry.streamId,
  streamVersion: entry.streamVersion,
  eventId: entry.eventId,
  type: entry.type,
  organizationId: entry.organizationId,
  occurredAt: entry.occurredAt,
  recordedAt: entry.recordedAt,
  actorSubject: entry.actor.subject,
  actorOrganizationId: entry.actor.organizationId,
  actorRoles: [...entry.actor.roles],
  onBehalfOf: entry.onBehalfOf ?? null,
  purposeOfUse: entry.purposeOfUse,
  correlationId: entry.correlationId,
  causationId: entry.causationId ?? null,
  data: JSON.stringify(entry.data),
  hash: entry.hash,
  erasedAt: entry.erasedAt ?? null,
});

const fromRecorded = (event: RecordedEvent): AuditEvent => ({
  globalPosition: event.globalPosition,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  eventId: event.eventId,
  type: event.type,
  organizationId: event.organizationId,
  occurredAt: event.occurredAt.toISOString(),
  recordedAt: event.recordedAt.toISOString(),
  actorSubject: event.metadata.actor.subject,
  actorOrganizationId: event.metadata.actor.organizationId,
  actorRoles: [...event.metadata.actor.roles],
  onBehalfOf: event.metadata.onBehalfOf ?? null,
  purposeOfUse: event.metadata.purposeOfUse,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId ?? null,
  data: JSON.stringify(event.data),
  hash: event.hash,
  erasedAt: null,
});

/**
 * The auditors' read-only view of the log (docs/auditors.md): history, a stream at a moment, two
 * moments compared, integrity. Within the auditor's organization unless the deployment's scope is
 * `deployment`; every call is itself recorded (`audit.PersonalDataAccessed`) before it answers.
 */
@Resolver()
export class AuditResolver {
  constructor(
    @Inject(AUDIT_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
  ) {}

  /**
   * Whether the caller reads the whole log: only with the `deployment` scope, and only an auditor of
   * the hosting organization (`SPN_HOSTING_ORGANIZATION`); a partner's or another authority's auditor
   * keeps to their own organization whatever the scope.
   */
  private deploymentWide(caller: Caller): boolean {
    const { SPN_AUDIT_SCOPE, SPN_HOSTING_ORGANIZATION } = this.runtime.config;
    return SPN_AUDIT_SCOPE === 'deployment' && caller.organizationId === SPN_HOSTING_ORGANIZATION;
  }

  /** The organization the caller may read: their own, or (deployment scope) the one asked for. */
  private scopeOf(caller: Caller, asked?: string): string | undefined {
    if (this.deploymentWide(caller)) return asked;
    if (asked !== undefined && asked !== caller.organizationId)
      throw new DomainError(
        'OUT_OF_SCOPE',
        "Only the auditor's own organization may be read",
        'organizationId',
      );
    return caller.organizationId;
  }

  /** A stream the caller may read: none of another organization's (unless deployment scope). */
  private async readable(caller: Caller, streamId: string): Promise<boolean> {
    if (this.deploymentWide(caller)) return true;
    const [first] = await this.runtime.store.readStream(streamId);
    return first === undefined || first.organizationId === caller.organizationId;
  }

  /** An organization's events and streams in a verified range, and its events after the last seal. */
  private async countsOf(
    organizationId: string,
    range: { readonly firstPosition: number | null; readonly lastPosition: number | null },
  ): Promise<{ eventsChecked: number; streamsChecked: number; unsealedEvents: number }> {
    if (range.firstPosition === null || range.lastPosition === null)
      return { eventsChecked: 0, streamsChecked: 0, unsealedEvents: 0 };
    const [row] = await this.runtime.integrity.auditReader().query<{
      events: string;
      streams: string;
      unsealed: string;
    }>(
      `SELECT count(*)::text AS events, count(DISTINCT stream_id)::text AS streams,
              count(*) FILTER (WHERE global_position >
                (SELECT coalesce(max(to_global_position), 0) FROM seals))::text AS unsealed
       FROM events
       WHERE organization_id = $1 AND global_position BETWEEN $2 AND $3`,
      [organizationId, range.firstPosition, range.lastPosition],
    );
    return {
      eventsChecked: Number(row?.events ?? 0),
      streamsChecked: Number(row?.streams ?? 0),
      unsealedEvents: Number(row?.unsealed ?? 0),
    };
  }

  private async recorded(caller: Caller, operation: string, ids: readonly string[]): Promise<void> {
    await this.audit.record(caller, {
      operation,
      resourceType: 'event-log',
      resourceIds: ids,
      outcome: 'permitted',
    });
  }

  @AllowedQuery(() => AuditEventPage, AUDITOR, {
    description:
      'Events by stream, organization, actor, type and time, with their metadata; by position, a page at a time.',
  })
  auditHistory(
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => AuditHistoryFilter, nullable: true }) filter?: AuditHistoryFilter,
  ) {
    return run(async () => {
      const request = pageRequest(page, 1);
      const [afterPosition] = request.after ?? [];
      if (afterPosition !== undefined && typeof afterPosition !== 'number')
        throw new PageRequestError('after', 'is not a cursor of this list');
      const caller = callerOf(ctx.req);
      const ids = filter?.streamId ? [filter.streamId] : [];
      let organizationId: string | undefined;
      try {
        organizationId = this.scopeOf(caller, filter?.organizationId);
      } catch (error) {
        // A read refused for its scope is an attempt on personal data too: recorded before the refusal.
        await this.audit.record(caller, {
          operation: 'Query.auditHistory',
          resourceType: 'event-log',
          resourceIds: ids,
          outcome: 'denied',
          reason: 'organization',
        });
        throw error;
      }
      await this.recorded(caller, 'Query.auditHistory', ids);
      // One more than asked: it only says whether a next page exists.
      const history = await queryHistory(this.runtime.integrity.auditReader(), {
        ...(filter?.streamId ? { streamId: filter.streamId } : {}),
        ...(organizationId ? { organizationId } : {}),
        ...(filter?.actorSubject ? { actorSubject: filter.actorSubject } : {}),
        ...(filter?.type ? { type: filter.type } : {}),
        ...(filter?.from ? { from: filter.from } : {}),
        ...(filter?.to ? { to: filter.to } : {}),
        ...(afterPosition !== undefined ? { afterPosition } : {}),
        limit: request.limit + 1,
      });
      const entries = pageFrom(history.entries, request, (entry) => [entry.globalPosition]);
      return { items: entries.items.map(fromEntry), nextCursor: entries.nextCursor };
    });
  }

  @AllowedQuery(() => AuditStreamMoment, AUDITOR, {
    nullable: true,
    description: 'A stream (a care plan: careplan-<clientId>) as it stood at a moment.',
  })
  auditStreamAt(
    @Args('streamId') streamId: string,
    @Args('asOf') asOf: Date,
    @Context() ctx: RequestContext,
  ) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      await this.recorded(caller, 'Query.auditStreamAt', [streamId]);
      if (!(await this.readable(caller, streamId))) return null;
      const moment = await streamAt(this.runtime.store, streamId, asOf, mergeData);
      return { ...moment, events: moment.events.map(fromRecorded), state: JSON.stringify(moment.state) };
    });
  }

  @AllowedQuery(() => AuditComparison, AUDITOR, {
    nullable: true,
    description: 'A stream at two moments: the events between, who appended them, and what changed.',
  })
  auditCompare(
    @Args('streamId') streamId: string,
    @Args('from') from: Date,
    @Args('to') to: Date,
    @Context() ctx: RequestContext,
  ) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      if (to < from) throw new DomainError('INVALID_RANGE', 'to is before from', 'to');
      await this.recorded(caller, 'Query.auditCompare', [streamId]);
      if (!(await this.readable(caller, streamId))) return null;
      const comparison = await compareMoments(this.runtime.store, streamId, from, to, mergeData);
      const events = await this.runtime.store.readStream(streamId, { asOf: to });
      const between = new Set(comparison.between.map((event) => event.eventId));
      return {
        streamId,
        fromVersion: comparison.from.version,
        toVersion: comparison.to.version,
        between: events.filter((event) => between.has(event.eventId)).map(fromRecorded),
        appendedBy: [...comparison.appendedBy],
        changes: comparison.changes.map((change) => ({
          path: change.path,
          kind: change.kind,
          before: json(change.before),
          after: json(change.after),
        })),
      };
    });
  }

  @AllowedQuery(() => IntegrityReport, AUDITOR, {
    description: 'Verifies the hash chains and seals of a range (recorded-at), or of the whole log.',
  })
  auditIntegrity(
    @Context() ctx: RequestContext,
    @Args('from', { type: () => Date, nullable: true }) from?: Date,
    @Args('to', { type: () => Date, nullable: true }) to?: Date,
  ) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      await this.recorded(caller, 'Query.auditIntegrity', []);
      const report = await this.runtime.integrity.report({
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      // Another organization's streams stay out of an organization auditor's view of the problems: the
      // kind and position show that something is wrong, not whose record it is.
      const problems = await Promise.all(
        report.problems.map(async (problem) => {
          const visible = problem.streamId === undefined || (await this.readable(caller, problem.streamId));
          return {
            kind: problem.kind,
            globalPosition: problem.globalPosition ?? problem.positions?.from ?? null,
            streamId: visible ? (problem.streamId ?? null) : null,
            detail: visible ? problem.detail : `${problem.kind}: a record of another organization`,
          };
        }),
      );
      if (this.deploymentWide(caller))
        return {
          ok: report.ok,
          verifiedAt: report.verifiedAt,
          eventsChecked: report.eventsChecked,
          streamsChecked: report.streamsChecked,
          sealsChecked: report.sealsChecked,
          unsealedEvents: report.unsealedEvents,
          problems,
          report: JSON.stringify({ ...report, problems }),
        };
      // An organization's auditor: the whole log was verified (a chain is only whole end to end), but
      // the counts are of their organization's events and streams, never the deployment's volume.
      const counts = await this.countsOf(caller.organizationId, report.range);
      const scoped = {
        format: report.format,
        ok: report.ok,
        verifiedAt: report.verifiedAt,
        range: report.range,
        organizationId: caller.organizationId,
        ...counts,
        sealsChecked: report.sealsChecked,
        problems,
      };
      return {
        ok: report.ok,
        verifiedAt: report.verifiedAt,
        sealsChecked: report.sealsChecked,
        ...counts,
        problems,
        report: JSON.stringify(scoped),
      };
    });
  }
}
