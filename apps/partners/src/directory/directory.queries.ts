import { querySql, sql, Sql, type SqlQueryable } from '@spn/event-store';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  PageRequestError,
  pageFrom,
  type CursorKey,
  type Page,
  type PageRequest as KeysetRequest,
} from '@spn/service-kit';
import type { CapacityStatus } from '@spn/vocabularies';
import type { ChangeKind } from './directory-events';
import {
  COLLECTIONS,
  type HsdsLocation,
  type HsdsOrganization,
  type HsdsService,
  type HsdsServiceAtLocation,
  type HsdsTaxonomy,
  type HsdsTaxonomyTerm,
} from './hsds/hsds.model';
import { TABLES } from './directory.schema';

/** An HSDS list page: the fields HSDS's API gives every list response. */
export interface HsdsPage<T> {
  readonly total_items: number;
  readonly total_pages: number;
  readonly page_number: number;
  /** The number of items in this page. */
  readonly size: number;
  readonly first_page: boolean;
  readonly last_page: boolean;
  readonly empty: boolean;
  readonly contents: readonly T[];
}

export interface PageRequest {
  /** From 1; default 1. */
  readonly page?: number;
  /** Default 50, at most 500. */
  readonly perPage?: number;
}

/** HSDS list filters; those given combine with AND. */
export interface ServiceFilter {
  readonly search?: string;
  readonly taxonomyId?: string;
  readonly taxonomyTermId?: string;
  readonly organizationId?: string;
  /** Services of the HSDS organizations this platform organization stewards (the caller's own, never asked for). */
  readonly stewardOrganizationId?: string;
  /** Services modified on or after this instant. */
  readonly modifiedAfter?: Date;
}

/** A point and a radius: where a client is, and how far they can go. */
export interface Area {
  readonly latitude: number;
  readonly longitude: number;
  /** Default 25 km. */
  readonly radiusKm?: number;
}

/** What a Link Worker looks for: every criterion given must hold (AND). */
export interface MatchCriteria {
  /** A need's code (the `NEEDS` taxonomy): services tagged with it. */
  readonly need?: string;
  /** The client's age: services whose minimum/maximum age admit it (no bound: no limit). */
  readonly age?: number;
  /** Languages the client speaks (ISO codes): services offered in at least one. */
  readonly languages?: readonly string[];
  /** Accessibility features the client needs: a location with every one. */
  readonly accessibility?: readonly string[];
  /** Cultural attributes the client asked for: services with every one. */
  readonly cultural?: readonly string[];
  /** Only services with a physical location in the area, nearest first. */
  readonly near?: Area;
  /** Include services that are not `active` (default false). */
  readonly includeInactive?: boolean;
  /** Default 20, at most 201 (a page of 200 and the row that says there is more). */
  readonly limit?: number;
  /**
   * The key of the last match already seen, in the list's order: with a point the distance, the name
   * and the id; without one the name and the id.
   */
  readonly after?: CursorKey;
}

/** One service matched: its nearest qualifying location, and how far (km, when a point was given). */
export interface DirectoryMatch {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly locationId: string | null;
  readonly locationName: string | null;
  readonly distanceKm: number | null;
}

/** What the directory knows about a service beside its HSDS record: freshness and capacity. */
export interface ServiceFreshness {
  readonly lastVerifiedAt: string | null;
  readonly lastVerifiedBy: string | null;
  readonly openChangeReports: number;
  readonly capacity: {
    readonly status: CapacityStatus;
    readonly available: number | null;
    readonly maximum: number | null;
    readonly waitlistWeeks: number | null;
    readonly reportedAt: string;
  } | null;
}

export interface ServiceRecord extends ServiceFreshness {
  readonly service: HsdsService;
  readonly organizationName: string;
  /** The codes of the service's taxonomy terms (needs, cultural attributes...). */
  readonly termCodes: readonly string[];
}

export interface ChangeReportView {
  readonly reportId: string;
  readonly serviceId: string;
  readonly serviceName: string | null;
  readonly kind: ChangeKind;
  readonly summary: string;
  readonly status: 'reported' | 'confirmed' | 'rejected';
  readonly reportedAt: string;
  readonly reportedBy: string;
  readonly reviewedAt: string | null;
  readonly reviewedBy: string | null;
  readonly reviewNote: string | null;
}

/** Rows per read of an export: about 1 MB of services' JSON at most in memory at once. */
export const EXPORT_BATCH_SIZE = 500;

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = 111.045;
const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();

function pageOf(request: PageRequest): { page: number; perPage: number; offset: number } {
  const page = Math.max(1, Math.floor(request.page ?? 1));
  const perPage = Math.min(500, Math.max(1, Math.floor(request.perPage ?? 50)));
  return { page, perPage, offset: (page - 1) * perPage };
}

function toPage<T>(contents: readonly T[], total: number, page: number, perPage: number): HsdsPage<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/**
 * The directory's reads: HSDS lists and records, the whole document, matching, change reports.
 * The directory holds no client's data, so every authenticated caller may read it.
 */
export class DirectoryQueries {
  constructor(private readonly db: SqlQueryable) {}

  /** A list of one table's documents, with a WHERE built by the caller, paged HSDS's way. */
  private async paged<T>(
    table: string,
    where: Sql,
    request: PageRequest,
    order = 'id',
  ): Promise<HsdsPage<T>> {
    const { page, perPage, offset } = pageOf(request);
    const from = sql`FROM ${Sql.raw(table)} s WHERE ${where}`;
    // One statement: the total rides along with each row (a window over the filtered set).
    const rows = await querySql<{ doc: T; total: string }>(
      this.db,
      sql`SELECT doc, count(*) OVER () AS total ${from} ORDER BY ${Sql.raw(order)} LIMIT ${perPage} OFFSET ${offset}`,
    );
    const total = rows[0]
      ? Number(rows[0].total)
      : Number(
          (await querySql<{ total: string }>(this.db, sql`SELECT count(*) AS total ${from}`))[0]?.total ?? 0,
        );
    return toPage(
      rows.map((row) => row.doc),
      total,
      page,
      perPage,
    );
  }

  /** `GET /services`: HSDS services, filtered (AND), by name. */
  services(filter: ServiceFilter, request: PageRequest): Promise<HsdsPage<HsdsService>> {
    return this.paged(TABLES.services, serviceWhere(filter), request, 's.name, s.id');
  }

  organizations(filter: { search?: string }, request: PageRequest): Promise<HsdsPage<HsdsOrganization>> {
    const search = likeOf(filter.search);
    return this.paged(
      TABLES.organizations,
      sql`(${search}::text IS NULL OR s.search_text LIKE ${search})`,
      request,
      's.name, s.id',
    );
  }

  serviceAtLocations(filter: ServiceFilter, request: PageRequest): Promise<HsdsPage<HsdsServiceAtLocation>> {
    return this.paged(
      TABLES.service_at_locations,
      sql`EXISTS (SELECT 1 FROM ${Sql.raw(TABLES.services)} sv WHERE sv.id = s.service_id AND ${serviceWhere(filter, 'sv')})`,
      request,
    );
  }

  taxonomies(filter: { search?: string }, request: PageRequest): Promise<HsdsPage<HsdsTaxonomy>> {
    const search = likeOf(filter.search);
    return this.paged(
      TABLES.taxonomies,
      sql`(${search}::text IS NULL OR lower(s.name) LIKE ${search})`,
      request,
    );
  }

  taxonomyTerms(
    filter: { search?: string; taxonomyId?: string },
    request: PageRequest,
  ): Promise<HsdsPage<HsdsTaxonomyTerm>> {
    const search = likeOf(filter.search);
    const taxonomy = filter.taxonomyId?.toLowerCase() ?? null;
    return this.paged(
      TABLES.taxonomy_terms,
      sql`(${search}::text IS NULL OR lower(s.name) LIKE ${search} OR lower(s.code) LIKE ${search})
        AND (${taxonomy}::text IS NULL OR s.taxonomy_id = ${taxonomy})`,
      request,
      's.taxonomy_id, s.code, s.id',
    );
  }

  /** `GET /services/{id}`: the service fully nested (organization, locations, terms), or null. */
  async fullService(id: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.db.query<{ doc: HsdsService; organization: HsdsOrganization | null }>(
      `SELECT s.doc, o.doc AS organization FROM ${TABLES.services} s
       LEFT JOIN ${TABLES.organizations} o ON o.id = s.organization_id WHERE s.id = $1`,
      [id.toLowerCase()],
    );
    if (!row) return null;
    const links = await this.db.query<{ doc: HsdsServiceAtLocation; location: HsdsLocation | null }>(
      `SELECT a.doc, l.doc AS location FROM ${TABLES.service_at_locations} a
       LEFT JOIN ${TABLES.locations} l ON l.id = a.location_id WHERE a.service_id = $1 ORDER BY a.id`,
      [id.toLowerCase()],
    );
    const terms = await this.termsById();
    return {
      ...row.doc,
      organization: row.organization,
      service_at_locations: links.map((link) => ({ ...link.doc, location: link.location })),
      attributes: (row.doc.attributes ?? []).map((attribute) => ({
        ...attribute,
        taxonomy_term: terms.get(attribute.taxonomy_term_id.toLowerCase()) ?? null,
      })),
    };
  }

  /** `GET /organizations/{id}`: the organization with its services and locations, or null. */
  async organization(id: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.db.query<{ doc: HsdsOrganization }>(
      `SELECT doc FROM ${TABLES.organizations} WHERE id = $1`,
      [id.toLowerCase()],
    );
    if (!row) return null;
    const services = await this.db.query<{ doc: HsdsService }>(
      `SELECT doc FROM ${TABLES.services} WHERE organization_id = $1 ORDER BY name, id`,
      [id.toLowerCase()],
    );
    const locations = await this.db.query<{ doc: HsdsLocation }>(
      `SELECT doc FROM ${TABLES.locations} WHERE organization_id = $1 ORDER BY id`,
      [id.toLowerCase()],
    );
    return { ...row.doc, services: services.map((s) => s.doc), locations: locations.map((l) => l.doc) };
  }

  /**
   * The whole directory as one HSDS document (what `GET /hsds/export` answers), in pieces of JSON
   * text: `{"taxonomies":[...],...}`, each list by id. Rows are read `batchSize` at a time by keyset
   * (`id > last`), one batch per piece and only when the consumer asks for the next, so neither the
   * document nor a whole table is ever held: a slow reader slows the reads (backpressure).
   */
  async *exportDocumentChunks(batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<string> {
    let separator = '{';
    for (const collection of COLLECTIONS) {
      yield `${separator}${JSON.stringify(collection)}:[`;
      separator = ',';
      let after = '';
      let first = true;
      for (;;) {
        const rows = await this.db.query<{ id: string; doc: unknown }>(
          `SELECT id, doc FROM ${TABLES[collection]} WHERE id > $1 ORDER BY id LIMIT $2`,
          [after, batchSize],
        );
        if (rows.length > 0) {
          yield `${first ? '' : ','}${rows.map((row) => JSON.stringify(row.doc)).join(',')}`;
          first = false;
          after = rows[rows.length - 1]?.id ?? after;
        }
        // A short batch is the last: no query only to learn that nothing follows.
        if (rows.length < batchSize) break;
      }
      yield ']';
    }
    yield '}';
  }

  /** Whether this document (by content id) was fully projected. */
  async imported(contentId: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM partners_directory_import WHERE content_id = $1', [
      contentId,
    ]);
    return rows.length > 0;
  }

  /** The stored HSDS record of each id asked for that exists, by lower-case id. */
  async documentsOf(
    collection: 'taxonomies' | 'taxonomy_terms',
    ids: readonly string[],
  ): Promise<Map<string, unknown>> {
    const rows = await this.db.query<{ id: string; doc: unknown }>(
      `SELECT id, doc FROM ${TABLES[collection]} WHERE id = ANY($1::text[])`,
      [ids.map((id) => id.toLowerCase())],
    );
    return new Map(rows.map((row) => [row.id, row.doc]));
  }

  /** The steward (platform organization) of each existing HSDS organization asked for; null: none. */
  async stewardsOf(organizationIds: readonly string[]): Promise<Map<string, string | null>> {
    if (organizationIds.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; steward: string | null }>(
      `SELECT id, steward_organization_id AS steward FROM ${TABLES.organizations}
       WHERE id = ANY($1::text[])`,
      [organizationIds.map((id) => id.toLowerCase())],
    );
    return new Map(rows.map((row) => [row.id, row.steward]));
  }

  /** The HSDS organization of each existing service or location asked for (null: a location of none). */
  async organizationsOf(
    collection: 'services' | 'locations',
    ids: readonly string[],
  ): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; organization_id: string | null }>(
      `SELECT id, organization_id FROM ${TABLES[collection]} WHERE id = ANY($1::text[])`,
      [ids.map((id) => id.toLowerCase())],
    );
    return new Map(rows.map((row) => [row.id, row.organization_id]));
  }

  async serviceExists(id: string): Promise<boolean> {
    return (
      (await this.db.query(`SELECT 1 FROM ${TABLES.services} WHERE id = $1`, [id.toLowerCase()])).length > 0
    );
  }

  /** Services with what the directory knows beside HSDS, for GraphQL: a page, filtered like `/services`. */
  async serviceRecords(filter: ServiceFilter, request: PageRequest): Promise<HsdsPage<ServiceRecord>> {
    const page = await this.services(filter, request);
    return { ...page, contents: await this.recordsOf(page.contents.map((service) => service.id)) };
  }

  /**
   * A page of the services (filtered, AND) as records, by name then id, keyset: the cursor is the
   * last one's name and id (the GraphQL list; the HSDS REST API keeps its numbered pages).
   */
  async serviceRecordsAfter(filter: ServiceFilter, request: KeysetRequest): Promise<Page<ServiceRecord>> {
    const [name, id] = request.after ?? [null, null];
    const rows = await querySql<{ id: string; name: string }>(
      this.db,
      sql`SELECT s.id, s.name FROM ${Sql.raw(TABLES.services)} s WHERE ${serviceWhere(filter)}
         AND (${name}::text IS NULL OR (s.name, s.id) > (${name}::text, ${id}::text))
       ORDER BY s.name, s.id LIMIT ${request.limit + 1}`,
    );
    const page = pageFrom(rows, request, (row) => [row.name, row.id]);
    return { items: await this.recordsOf(page.items.map((row) => row.id)), nextCursor: page.nextCursor };
  }

  async serviceRecord(id: string): Promise<ServiceRecord | null> {
    const [record] = await this.recordsOf([id]);
    return record ?? null;
  }

  /** The records of these services, in the order given. */
  async recordsOf(ids: readonly string[]): Promise<ServiceRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{
      id: string;
      doc: HsdsService;
      organization_name: string | null;
      term_codes: string[];
      last_verified_at: string | null;
      last_verified_by: string | null;
      open_reports: string;
      capacity_status: CapacityStatus | null;
      available: number | null;
      maximum: number | null;
      waitlist_weeks: number | null;
      capacity_reported_at: string | null;
    }>(
      `SELECT s.id, s.doc, o.name AS organization_name,
              ARRAY(SELECT t.code FROM ${TABLES.taxonomy_terms} t WHERE t.id = ANY(s.term_ids) AND t.code IS NOT NULL ORDER BY t.code) AS term_codes,
              s.last_verified_at, s.last_verified_by,
              (SELECT count(*) FROM partners_directory_change_report r WHERE r.service_id = s.id AND r.status = 'reported') AS open_reports,
              c.status AS capacity_status, c.available, c.maximum, c.waitlist_weeks, c.reported_at AS capacity_reported_at
       FROM ${TABLES.services} s
       LEFT JOIN ${TABLES.organizations} o ON o.id = s.organization_id
       LEFT JOIN partners_directory_capacity c ON c.service_id = s.id
       WHERE s.id = ANY($1::text[])`,
      [ids.map((id) => id.toLowerCase())],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id.toLowerCase());
      if (!row) return [];
      return [
        {
          service: row.doc,
          organizationName: row.organization_name ?? '',
          termCodes: row.term_codes,
          lastVerifiedAt: iso(row.last_verified_at),
          lastVerifiedBy: row.last_verified_by,
          openChangeReports: Number(row.open_reports),
          capacity:
            row.capacity_status && row.capacity_reported_at
              ? {
                  status: row.capacity_status,
                  available: row.available,
                  maximum: row.maximum,
                  waitlistWeeks: row.waitlist_weeks,
                  reportedAt: iso(row.capacity_reported_at) ?? '',
                }
              : null,
        },
      ];
    });
  }

  /**
   * Matching: every criterion given must hold. With a point, only services at a physical location in
   * the radius, nearest first: a bounding box on the indexed latitude/longitude narrows the rows,
   * then the haversine distance (plain SQL) decides and orders. Without a point, by name.
   */
  async match(criteria: MatchCriteria): Promise<DirectoryMatch[]> {
    return (await this.matchRows(criteria)).map(toMatch);
  }

  /** A page of the matches, in the same order: the cursor is the last one's key (see `after`). */
  async matchPage(criteria: MatchCriteria, request: KeysetRequest): Promise<Page<DirectoryMatch>> {
    const rows = await this.matchRows({
      ...criteria,
      limit: request.limit + 1,
      ...(request.after ? { after: request.after } : {}),
    });
    const page = pageFrom(rows, request, (row) =>
      criteria.near
        ? [row.distance_km ?? 0, row.service_name, row.service_id]
        : [row.service_name, row.service_id],
    );
    return { items: page.items.map(toMatch), nextCursor: page.nextCursor };
  }

  private matchRows(criteria: MatchCriteria) {
    return querySql<{
      service_id: string;
      service_name: string;
      organization_id: string;
      organization_name: string | null;
      location_id: string | null;
      location_name: string | null;
      distance_km: number | null;
    }>(this.db, matchQuery(criteria));
  }

  /**
   * The resources that could meet a need (in an area, if given): for the "unmet needs" of community
   * development, a need referred with an empty answer here has no suitable resource.
   */
  servicesMatchingNeed(need: string, area?: Area): Promise<DirectoryMatch[]> {
    return this.match({ need, ...(area ? { near: area } : {}), limit: 200 });
  }

  /**
   * A page of the change reports (of a status, or all), newest first: the cursor is the report time
   * (PostgreSQL's text) and the report id.
   */
  async changeReports(
    status?: 'reported' | 'confirmed' | 'rejected',
    request: KeysetRequest = { limit: DEFAULT_PAGE_SIZE, after: undefined },
  ): Promise<Page<ChangeReportView>> {
    const [at, id] = request.after ?? [null, null];
    const rows = await this.db.query<{
      report_id: string;
      service_id: string;
      service_name: string | null;
      kind: ChangeKind;
      summary: string;
      status: 'reported' | 'confirmed' | 'rejected';
      reported_at: string;
      reported_by: string;
      reviewed_at: string | null;
      reviewed_by: string | null;
      review_note: string | null;
      page_at: string;
    }>(
      `SELECT r.*, s.name AS service_name, r.reported_at::text AS page_at FROM partners_directory_change_report r
       LEFT JOIN ${TABLES.services} s ON s.id = r.service_id
       WHERE ($1::text IS NULL OR r.status = $1)
         AND ($3::timestamptz IS NULL OR r.reported_at < $3::timestamptz
              OR (r.reported_at = $3::timestamptz AND r.report_id > $4::text))
       ORDER BY r.reported_at DESC, r.report_id LIMIT $2`,
      [status ?? null, request.limit + 1, at, id],
    );
    const page = pageFrom(rows, request, (row) => [row.page_at, row.report_id]);
    const items = page.items.map((row) => ({
      reportId: row.report_id,
      serviceId: row.service_id,
      serviceName: row.service_name,
      kind: row.kind,
      summary: row.summary,
      status: row.status,
      reportedAt: iso(row.reported_at) ?? '',
      reportedBy: row.reported_by,
      reviewedAt: iso(row.reviewed_at),
      reviewedBy: row.reviewed_by,
      reviewNote: row.review_note,
    }));
    return { items, nextCursor: page.nextCursor };
  }

  private async termsById(): Promise<Map<string, HsdsTaxonomyTerm>> {
    const rows = await this.db.query<{ id: string; doc: HsdsTaxonomyTerm }>(
      `SELECT id, doc FROM ${TABLES.taxonomy_terms}`,
    );
    return new Map(rows.map((row) => [row.id, row.doc]));
  }
}

const likeOf = (search: string | undefined): string | null => {
  const text = search?.trim().toLowerCase();
  return text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
};

/** The WHERE of the HSDS service filters, on alias `s` (or another). Every filter given must hold. */
export function serviceWhere(filter: ServiceFilter, alias: 's' | 'sv' = 's'): Sql {
  const service = Sql.raw(alias);
  const search = likeOf(filter.search);
  const taxonomy = filter.taxonomyId?.toLowerCase() ?? null;
  const term = filter.taxonomyTermId?.toLowerCase() ?? null;
  const organization = filter.organizationId?.toLowerCase() ?? null;
  const steward = filter.stewardOrganizationId ?? null;
  const modifiedAfter = filter.modifiedAfter?.toISOString() ?? null;
  return sql`(${search}::text IS NULL OR ${service}.search_text LIKE ${search})
      AND (${taxonomy}::text IS NULL OR ${service}.term_ids && ARRAY(SELECT t.id FROM ${Sql.raw(TABLES.taxonomy_terms)} t WHERE t.taxonomy_id = ${taxonomy}))
      AND (${term}::text IS NULL OR ${term}::text = ANY(${service}.term_ids))
      AND (${organization}::text IS NULL OR ${service}.organization_id = ${organization})
      AND (${steward}::text IS NULL OR ${service}.organization_id IN (SELECT o.id FROM ${Sql.raw(TABLES.organizations)} o WHERE o.steward_organization_id = ${steward}))
      AND (${modifiedAfter}::timestamptz IS NULL OR ${service}.last_modified >= ${modifiedAfter}::timestamptz)`;
}

interface MatchRow {
  service_id: string;
  service_name: string;
  organization_id: string;
  organization_name: string | null;
  location_id: string | null;
  location_name: string | null;
  distance_km: number | null;
}

const toMatch = (row: MatchRow): DirectoryMatch => ({
  serviceId: row.service_id,
  serviceName: row.service_name,
  organizationId: row.organization_id,
  organizationName: row.organization_name ?? '',
  locationId: row.location_id,
  locationName: row.location_name,
  distanceKm: row.distance_km === null ? null : Math.round(row.distance_km * 100) / 100,
});

/** The keyset condition of a page of matches after `criteria.after` (none: the first page). */
function afterCondition(criteria: MatchCriteria): Sql {
  const after = criteria.after;
  if (!after) return Sql.raw('');
  if (criteria.near) {
    const [distance, name, id] = after;
    if (typeof distance !== 'number' || typeof name !== 'string' || typeof id !== 'string')
      throw new PageRequestError('after', 'is not a cursor of this list');
    return sql`WHERE (ranked.distance_km, ranked.service_name, ranked.service_id) > (${distance}::float8, ${name}::text, ${id}::text)`;
  }
  const [name, id] = after;
  if (typeof name !== 'string' || typeof id !== 'string' || after.length !== 2)
    throw new PageRequestError('after', 'is not a cursor of this list');
  return sql`WHERE (ranked.service_name, ranked.service_id) > (${name}::text, ${id}::text)`;
}

/** The matching SQL. */
function matchQuery(criteria: MatchCriteria): Sql {
  const terms = Sql.raw(TABLES.taxonomy_terms);
  /** The service (`s`) or location (`l`) carries the term of this code. */
  const hasTerm = (alias: 's' | 'l', code: string) =>
    sql`${Sql.raw(alias)}.term_ids && ARRAY(SELECT t.id FROM ${terms} t WHERE t.code = ${code})`;
  const serviceConditions: Sql[] = [];
  if (!criteria.includeInactive) serviceConditions.push(sql`s.status = 'active'`);
  if (criteria.need) serviceConditions.push(hasTerm('s', criteria.need));
  const age = criteria.age;
  if (age !== undefined)
    serviceConditions.push(
      sql`(s.minimum_age IS NULL OR s.minimum_age <= ${age}) AND (s.maximum_age IS NULL OR s.maximum_age >= ${age})`,
    );
  if (criteria.languages?.length)
    serviceConditions.push(
      sql`s.languages && ${criteria.languages.map((code) => code.toLowerCase())}::text[]`,
    );
  for (const code of criteria.cultural ?? []) serviceConditions.push(hasTerm('s', code));
  const locationConditions: Sql[] = [];
  for (const code of criteria.accessibility ?? []) locationConditions.push(hasTerm('l', code));
  const limit = Math.min(Math.max(Math.floor(criteria.limit ?? 20), 1), MAX_PAGE_SIZE + 1);
  const near = criteria.near;
  let distance = Sql.raw('NULL::float8');
  if (near) {
    const radius = near.radiusKm ?? 25;
    const { latitude, longitude } = near;
    const latDelta = radius / KM_PER_DEGREE;
    const lonDelta = radius / (KM_PER_DEGREE * Math.max(Math.cos((latitude * Math.PI) / 180), 0.01));
    locationConditions.push(
      sql`l.location_type = 'physical'`,
      sql`l.latitude BETWEEN ${latitude - latDelta} AND ${latitude + latDelta}`,
      sql`l.longitude BETWEEN ${longitude - lonDelta} AND ${longitude + lonDelta}`,
    );
    // The radius is the code's constant, text like the rest of the formula.
    distance = sql`(2 * ${Sql.raw(String(EARTH_RADIUS_KM))} * asin(sqrt(
        power(sin(radians(l.latitude - ${latitude}::float8) / 2), 2)
        + cos(radians(${latitude}::float8)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${longitude}::float8) / 2), 2))))`;
    // The distance itself decides (the box is only a prefilter).
    locationConditions.push(sql`${distance} <= ${radius}`);
  }
  const needsLocation = locationConditions.length > 0;
  const join = Sql.raw(needsLocation ? 'JOIN' : 'LEFT JOIN');
  return sql`
    SELECT * FROM (
      SELECT DISTINCT ON (s.id) s.id AS service_id, s.name AS service_name, s.organization_id,
             o.name AS organization_name, l.id AS location_id, l.doc->>'name' AS location_name,
             ${distance} AS distance_km
      FROM partners_directory_service s
      LEFT JOIN partners_directory_organization o ON o.id = s.organization_id
      ${join} partners_directory_service_at_location a ON a.service_id = s.id
      ${join} partners_directory_location l ON l.id = a.location_id
        ${needsLocation ? sql`AND ${Sql.join(locationConditions, ' AND ')}` : Sql.raw('')}
      WHERE ${Sql.join(serviceConditions, ' AND ', sql`TRUE`)}
      ORDER BY s.id, distance_km NULLS LAST, l.id
    ) ranked
    ${afterCondition(criteria)}
    ORDER BY ranked.distance_km NULLS LAST, ranked.service_name, ranked.service_id
    LIMIT ${limit}`;
}
