import {
  canonicalJson,
  WrongExpectedVersionError,
  type EventMetadata,
  type NewEvent,
} from '@spn/event-store';
import { codePoints, fold, type ServiceRuntime } from '@spn/service-kit';
import { CAPACITY_STATUSES } from '@spn/vocabularies';
import { createHash, randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { changeReportDecider, DirectoryError, MAX_SUMMARY, type ChangeReportEvent } from './change-report';
import {
  DIRECTORY_RECORDS_IMPORTED,
  SERVICE_CAPACITY_REPORTED,
  SERVICE_CHANGE_REPORTED,
  SERVICE_VERIFIED,
  STREAMS,
  type DirectoryRecordsImported,
} from './directory-events';
import { COLLECTIONS, type HsdsDocument } from './hsds/hsds.model';
import { HsdsValidationError, validateHsdsDocument } from './hsds/hsds.validation';
import { namedSteward } from './hsds/stewardship';
import { sharedTaxonomies } from './hsds/taxonomies';
import { directoryProjection } from './directory.projection';
import { DirectoryQueries } from './directory.queries';

// Import events' ids derive from the document's content: a retried import appends nothing new.
const IMPORT_NAMESPACE = '0c5d7e1a-93b4-4f2e-8d61-2a7b9c4e5f30';
// A change report's id is the server's: derived from the reporter's organization and the caller's id.
const REPORT_NAMESPACE = '5f0f8f6e-6a43-4c1b-9b7e-2d4c8a1e7b52';

/**
 * The id of a change report (and its streams), chosen by the server (docs/read-models.md, "Ids and
 * keys"): with the caller's own id, that id is only an idempotency key within the caller's
 * organization (the same organization and id give the same report, another organization's same id
 * another report); without one, a new id.
 */
export const changeReportId = (organizationId: string, callerId?: string): string =>
  callerId === undefined ? randomUUID() : uuidv5(`${organizationId}\u0000${callerId}`, REPORT_NAMESPACE);

/** Under the store's 256 KiB per event, with room for the envelope. */
export const MAX_BATCH_BYTES = 192 * 1024;

export interface ImportReceipt {
  readonly contentId: string;
  /** True when this very document was imported before: nothing was appended. */
  readonly replayed: boolean;
  readonly batches: number;
  readonly counts: Readonly<Record<keyof HsdsDocument, number>>;
}

/** Splits a document into batches of whole objects, each under {@link MAX_BATCH_BYTES} of JSON. */
export function batchesOf(document: HsdsDocument): DirectoryRecordsImported['data']['records'][] {
  const batches: Record<string, unknown[]>[] = [];
  let current: Record<string, unknown[]> = {};
  let bytes = 0;
  for (const collection of COLLECTIONS) {
    document[collection].forEach((record, index) => {
      const size = Buffer.byteLength(JSON.stringify(record)) + 1;
      if (size > MAX_BATCH_BYTES)
        throw new HsdsValidationError([
          {
            path: `${collection}[${index}]`,
            code: 'INVALID_VALUE',
            message: `is ${size} bytes; at most ${MAX_BATCH_BYTES}`,
          },
        ]);
      if (bytes + size > MAX_BATCH_BYTES) {
        batches.push(current);
        current = {};
        bytes = 0;
      }
      (current[collection] ??= []).push(record);
      bytes += size;
    });
  }
  if (bytes > 0 || batches.length === 0) batches.push(current);
  return batches;
}

export interface CapacityReport {
  readonly serviceId: string;
  readonly status: string;
  readonly available?: number | null;
  readonly maximum?: number | null;
  readonly waitlistWeeks?: number | null;
}

const wholeOrNull = (value: number | null | undefined, field: string): number | null => {
  if (value === undefined || value === null) return null;
  if (!Number.isInteger(value) || value < 0 || value > 100_000)
    throw new DirectoryError('INVALID_VALUE', `${field} must be a whole number from 0`, field);
  return value;
};

/**
 * The directory's writes: each goes through the event store as `partners.*` events (the read model
 * follows through the projection), stamped with the caller's metadata and the runtime's clock.
 */
export class DirectoryService {
  readonly queries: DirectoryQueries;

  private constructor(private readonly runtime: ServiceRuntime) {
    this.queries = new DirectoryQueries(runtime.readModels);
  }

  static async start(runtime: ServiceRuntime): Promise<DirectoryService> {
    await runtime.project(directoryProjection);
    return new DirectoryService(runtime);
  }

  /**
   * Imports an HSDS document: validated whole first (a bad document writes nothing), then appended in
   * one append (atomic) to the stream of its content id: the same document again appends nothing.
   */
  async importDocument(input: unknown, metadata: EventMetadata): Promise<ImportReceipt> {
    const document = validateHsdsDocument(input);
    const contentId = createHash('sha256').update(canonicalJson(document)).digest('hex');
    const counts = Object.fromEntries(COLLECTIONS.map((c) => [c, document[c].length])) as Record<
      keyof HsdsDocument,
      number
    >;
    const streamId = STREAMS.import(contentId);
    const batches = batchesOf(document);
    const existing = await this.runtime.store.readStream(streamId);
    if (existing.length > 0) return { contentId, replayed: true, batches: existing.length, counts };
    await this.requireImportStewardship(document, metadata);
    await this.requireVocabularyStewardship(document, metadata);
    const importId = uuidv5(contentId, IMPORT_NAMESPACE);
    const events: NewEvent[] = batches.map((records, i) => ({
      eventId: uuidv5(`${contentId}:${i + 1}`, IMPORT_NAMESPACE),
      type: DIRECTORY_RECORDS_IMPORTED,
      data: { importId, contentId, batch: i + 1, batches: batches.length, records } as never,
      metadata,
    }));
    try {
      const result = await this.runtime.store.append(streamId, 0, events);
      return { contentId, replayed: result.idempotentReplay, batches: batches.length, counts };
    } catch (error) {
      // Another steward imported the same document at the same moment: it is imported.
      if (error instanceof WrongExpectedVersionError)
        return { contentId, replayed: true, batches: batches.length, counts };
      throw error;
    }
  }

  async verifyService(
    serviceId: string,
    note: string | undefined,
    metadata: EventMetadata,
  ): Promise<{ verifiedAt: string }> {
    await this.requireService(serviceId);
    await this.requireSteward(serviceId, metadata, 'serviceId');
    const trimmed = note?.trim();
    if (trimmed && codePoints(trimmed) > MAX_SUMMARY)
      throw new DirectoryError('TOO_LONG', `note must be at most ${MAX_SUMMARY} characters`, 'note');
    const verifiedAt = this.runtime.clock.timestamp();
    await this.runtime.store.append(STREAMS.verification(serviceId, metadata.organizationId), 'any', [
      {
        type: SERVICE_VERIFIED,
        data: { serviceId, verifiedAt, verifiedBy: metadata.actor.subject, note: trimmed || null },
        metadata,
      },
    ]);
    return { verifiedAt };
  }

  async reportChange(
    input: { reportId: string; serviceId: string; kind: string; summary: string },
    metadata: EventMetadata,
  ): Promise<ChangeReportEvent[]> {
    await this.requireService(input.serviceId);
    const streamId = STREAMS.report(input.reportId);
    const history = await this.history(streamId);
    const events = changeReportDecider.decide(
      {
        kind: 'report',
        reportId: input.reportId,
        serviceId: input.serviceId,
        changeKind: input.kind,
        summary: input.summary,
        by: metadata.actor.subject,
        at: this.runtime.clock.timestamp(),
      },
      fold(changeReportDecider, history),
    );
    await this.appendOnce(streamId, events, metadata, 'ALREADY_REPORTED');
    return [...events];
  }

  /** A steward's decision: the review stream is created once, so a report is reviewed once, network-wide. */
  async reviewChange(
    input: { reportId: string; decision: 'confirmed' | 'rejected'; note?: string },
    metadata: EventMetadata,
  ): Promise<ChangeReportEvent[]> {
    const history = [
      ...(await this.history(STREAMS.report(input.reportId))),
      ...(await this.history(STREAMS.review(input.reportId))),
    ];
    // Only a steward of the service's organization decides (a report of no service is the decider's).
    const reported = history.find((event) => event.type === SERVICE_CHANGE_REPORTED);
    if (reported) await this.requireSteward(reported.data.serviceId, metadata, 'reportId');
    const events = changeReportDecider.decide(
      {
        kind: 'review',
        decision: input.decision,
        ...(input.note ? { note: input.note } : {}),
        by: metadata.actor.subject,
        at: this.runtime.clock.timestamp(),
      },
      fold(changeReportDecider, history),
    );
    await this.appendOnce(STREAMS.review(input.reportId), events, metadata, 'ALREADY_REVIEWED');
    return [...events];
  }

  async reportCapacity(report: CapacityReport, metadata: EventMetadata): Promise<{ reportedAt: string }> {
    await this.requireService(report.serviceId);
    // Capacity of the reporter's own organization's services only (a steward's, network-wide: all).
    await this.requireSteward(report.serviceId, metadata, 'serviceId');
    if (!(CAPACITY_STATUSES as readonly string[]).includes(report.status))
      throw new DirectoryError(
        'INVALID_VALUE',
        `status must be one of ${CAPACITY_STATUSES.join(', ')}`,
        'status',
      );
    const available = wholeOrNull(report.available, 'available');
    const maximum = wholeOrNull(report.maximum, 'maximum');
    if (available !== null && maximum !== null && available > maximum)
      throw new DirectoryError('INVALID_VALUE', 'available must not exceed maximum', 'available');
    const reportedAt = this.runtime.clock.timestamp();
    await this.runtime.store.append(STREAMS.capacity(report.serviceId, metadata.organizationId), 'any', [
      {
        type: SERVICE_CAPACITY_REPORTED,
        data: {
          serviceId: report.serviceId,
          status: report.status,
          available,
          maximum,
          waitlistWeeks: wholeOrNull(report.waitlistWeeks, 'waitlistWeeks'),
          reportedAt,
          reportedBy: metadata.actor.subject,
        },
        metadata,
      },
    ]);
    return { reportedAt };
  }

  /** The hosting authority's platform-admin (`SPN_HOSTING_ORGANIZATION`): stewards the whole network. */
  private stewardsNetwork(metadata: EventMetadata): boolean {
    const hosting = this.runtime.config.SPN_HOSTING_ORGANIZATION;
    return (
      hosting !== undefined &&
      metadata.organizationId === hosting &&
      metadata.actor.roles.includes('platform-admin')
    );
  }

  /** The caller's organization stewards the service's HSDS organization (or the whole network). */
  private async requireSteward(serviceId: string, metadata: EventMetadata, field: string): Promise<void> {
    if (this.stewardsNetwork(metadata)) return;
    const organizationId = (await this.queries.organizationsOf('services', [serviceId])).get(
      serviceId.toLowerCase(),
    );
    const steward = organizationId
      ? (await this.queries.stewardsOf([organizationId])).get(organizationId)
      : undefined;
    if (steward !== metadata.organizationId)
      throw new DirectoryError(
        'NOT_STEWARD',
        "The service belongs to an organization the caller's organization does not steward",
        field,
      );
  }

  /**
   * Taxonomies and their terms are the network's: only its steward creates or changes one. Anyone
   * else's document may carry them (its attributes reference them) only as they stand: as stored, or,
   * not yet stored, as the platform ships its own vocabulary (`sharedTaxonomies`). The first other is
   * named (`taxonomies[0].id`, `taxonomy_terms[3].id`).
   */
  private async requireVocabularyStewardship(document: HsdsDocument, metadata: EventMetadata): Promise<void> {
    if (this.stewardsNetwork(metadata)) return;
    const shipped = sharedTaxonomies();
    const lists = [
      ['taxonomies', document.taxonomies, shipped.taxonomies],
      ['taxonomy_terms', document.taxonomy_terms, shipped.terms],
    ] as const;
    for (const [collection, records, builtIn] of lists) {
      if (records.length === 0) continue;
      const stored = await this.queries.documentsOf(
        collection,
        records.map((record) => record.id),
      );
      const shippedById = new Map<string, unknown>(
        builtIn.map((record) => [record.id.toLowerCase(), record]),
      );
      records.forEach((record, i) => {
        const id = record.id.toLowerCase();
        const standing = stored.has(id) ? stored.get(id) : shippedById.get(id);
        if (standing === undefined || canonicalJson(standing) !== canonicalJson(record))
          throw new DirectoryError(
            'NOT_STEWARD',
            "Taxonomies are the network's: only its steward creates or changes one",
            `${collection}[${i}].id`,
          );
      });
    }
  }

  /**
   * An import writes only records of HSDS organizations the caller's organization stewards (new ones
   * become its own), unless the caller stewards the network. The first record refused is named.
   */
  private async requireImportStewardship(document: HsdsDocument, metadata: EventMetadata): Promise<void> {
    if (this.stewardsNetwork(metadata)) return;
    const own = metadata.organizationId;
    const lower = (id: string) => id.toLowerCase();
    const services = await this.queries.organizationsOf('services', [
      ...document.services.map((service) => service.id),
      ...document.service_at_locations.map((link) => link.service_id),
    ]);
    const locations = await this.queries.organizationsOf(
      'locations',
      document.locations.map((location) => location.id),
    );
    const named = new Map(document.organizations.map((org) => [lower(org.id), namedSteward(org)]));
    const existing = await this.queries.stewardsOf([
      ...named.keys(),
      ...document.services.map((service) => service.organization_id),
      ...document.locations.flatMap((location) =>
        location.organization_id ? [location.organization_id] : [],
      ),
      ...[...services.values(), ...locations.values()].flatMap((id) => (id ? [id] : [])),
    ]);
    // The steward the HSDS organization would have once imported (as the projection decides).
    const stewardOf = (id: string): string | null => {
      const key = lower(id);
      if (named.has(key)) return named.get(key) ?? existing.get(key) ?? own;
      return existing.get(key) ?? null;
    };
    const refuse = (field: string) => {
      throw new DirectoryError(
        'NOT_STEWARD',
        "The record belongs to an organization the caller's organization does not steward",
        field,
      );
    };
    document.organizations.forEach((org, i) => {
      if (existing.has(lower(org.id)) && existing.get(lower(org.id)) !== own)
        refuse(`organizations[${i}].id`);
      const steward = named.get(lower(org.id));
      if (steward && steward !== own) refuse(`organizations[${i}].organization_identifiers`);
    });
    document.services.forEach((service, i) => {
      const before = services.get(lower(service.id));
      if (before && stewardOf(before) !== own) refuse(`services[${i}].id`);
      if (stewardOf(service.organization_id) !== own) refuse(`services[${i}].organization_id`);
    });
    document.locations.forEach((location, i) => {
      const before = locations.get(lower(location.id));
      if (before && stewardOf(before) !== own) refuse(`locations[${i}].id`);
      if (location.organization_id && stewardOf(location.organization_id) !== own)
        refuse(`locations[${i}].organization_id`);
    });
    const inDocument = new Map(
      document.services.map((service) => [lower(service.id), service.organization_id]),
    );
    document.service_at_locations.forEach((link, i) => {
      const organizationId = inDocument.get(lower(link.service_id)) ?? services.get(lower(link.service_id));
      if (!organizationId || stewardOf(organizationId) !== own)
        refuse(`service_at_locations[${i}].service_id`);
    });
  }

  private async requireService(serviceId: string): Promise<void> {
    if (!(await this.queries.serviceExists(serviceId)))
      throw new DirectoryError('SERVICE_NOT_FOUND', 'No service with this id in the directory', 'serviceId');
  }

  private async history(streamId: string): Promise<ChangeReportEvent[]> {
    const recorded = await this.runtime.store.readStream(streamId);
    return recorded.map((event) => ({ type: event.type, data: event.data }) as unknown as ChangeReportEvent);
  }

  private async appendOnce(
    streamId: string,
    events: readonly ChangeReportEvent[],
    metadata: EventMetadata,
    code: string,
  ) {
    try {
      await this.runtime.store.append(
        streamId,
        0,
        events.map((event) => ({ type: event.type, data: event.data, metadata })),
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError)
        throw new DirectoryError(code, 'Someone else recorded this first: reload and check', 'reportId');
      throw error;
    }
  }
}
