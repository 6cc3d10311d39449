import { topicOfContext } from '@spn/contracts';
import type { SqlQueryable } from '@spn/event-store';
import type { Projection } from '@spn/service-kit';
import {
  DIRECTORY_RECORDS_IMPORTED,
  SERVICE_CAPACITY_REPORTED,
  SERVICE_CHANGE_CONFIRMED,
  SERVICE_CHANGE_REPORTED,
  SERVICE_CHANGE_REVIEWED,
  SERVICE_VERIFIED,
  type DirectoryEvent,
  type DirectoryRecordsImported,
} from './directory-events';
import type { HsdsAttribute } from './hsds/hsds.model';
import { namedSteward } from './hsds/stewardship';
import { DIRECTORY_MIGRATIONS } from './directory.schema';

const termIdsOf = (attributes: readonly HsdsAttribute[] | null | undefined): string[] => [
  ...new Set((attributes ?? []).map((attribute) => attribute.taxonomy_term_id.toLowerCase())),
];
const searchTextOf = (...parts: (string | null | undefined)[]) =>
  parts.filter(Boolean).join(' ').toLowerCase();

/**
 * Upserts one batch. Rows go to PostgreSQL as one JSON array per table (`jsonb_to_recordset`): one
 * statement per table and batch, whatever its size, so a 10,000-service import projects in seconds.
 */
async function applyImport(
  tx: SqlQueryable,
  data: DirectoryRecordsImported['data'],
  at: string,
  importer: string,
): Promise<void> {
  const { records } = data;
  const upsert = async (table: string, columns: string, rows: readonly object[], update: string) => {
    if (rows.length === 0) return;
    const names = columns.split(',').map((column) => column.trim().split(' ')[0]);
    await tx.query(
      `INSERT INTO ${table} (${names.join(', ')})
       SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${columns})
       ON CONFLICT (id) DO UPDATE SET ${update}`,
      [JSON.stringify(rows)],
    );
  };
  const set = (columns: string) =>
    columns
      .split(',')
      .map((column) => column.trim().split(' ')[0])
      .filter((name) => name !== 'id')
      .map((name) => `${name} = EXCLUDED.${name}`)
      .join(', ');
  const columns = {
    taxonomies: 'id text, name text, doc jsonb',
    terms: 'id text, taxonomy_id text, code text, name text, parent_id text, doc jsonb',
    organizations: 'id text, name text, search_text text, last_modified timestamptz, doc jsonb',
    locations:
      'id text, organization_id text, location_type text, latitude float8, longitude float8, term_ids text[], doc jsonb',
    services:
      'id text, organization_id text, name text, status text, minimum_age numeric, maximum_age numeric, languages text[], term_ids text[], search_text text, last_modified timestamptz, doc jsonb',
    links: 'id text, service_id text, location_id text, doc jsonb',
  };
  await upsert(
    'partners_directory_taxonomy',
    columns.taxonomies,
    (records.taxonomies ?? []).map((doc) => ({ id: doc.id.toLowerCase(), name: doc.name, doc })),
    set(columns.taxonomies),
  );
  await upsert(
    'partners_directory_taxonomy_term',
    columns.terms,
    (records.taxonomy_terms ?? []).map((doc) => ({
      id: doc.id.toLowerCase(),
      taxonomy_id: doc.taxonomy_id?.toLowerCase() ?? null,
      code: doc.code ?? null,
      name: doc.name,
      parent_id: doc.parent_id?.toLowerCase() ?? null,
      doc,
    })),
    set(columns.terms),
  );
  await upsert(
    'partners_directory_organization',
    columns.organizations,
    (records.organizations ?? []).map((doc) => ({
      id: doc.id.toLowerCase(),
      name: doc.name,
      search_text: searchTextOf(doc.name, doc.alternate_name, doc.description),
      last_modified: at,
      doc,
    })),
    set(columns.organizations),
  );
  // Stewards: the organization the record names (`spn-organization` identifier), else the one that
  // first imported it (a re-import by its steward keeps it; only a steward's import reaches here).
  const stewards = (records.organizations ?? []).map((doc) => ({
    id: doc.id.toLowerCase(),
    named: namedSteward(doc),
  }));
  if (stewards.length > 0)
    await tx.query(
      `UPDATE partners_directory_organization o
       SET steward_organization_id = coalesce(r.named, o.steward_organization_id, $2)
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, named text)
       WHERE o.id = r.id`,
      [JSON.stringify(stewards), importer],
    );
  await upsert(
    'partners_directory_location',
    columns.locations,
    (records.locations ?? []).map((doc) => ({
      id: doc.id.toLowerCase(),
      organization_id: doc.organization_id?.toLowerCase() ?? null,
      location_type: doc.location_type,
      latitude: doc.latitude ?? null,
      longitude: doc.longitude ?? null,
      term_ids: termIdsOf(doc.attributes),
      doc,
    })),
    set(columns.locations),
  );
  // Verification columns are not in the update: a re-import keeps who verified the service and when.
  await upsert(
    'partners_directory_service',
    columns.services,
    (records.services ?? []).map((doc) => ({
      id: doc.id.toLowerCase(),
      organization_id: doc.organization_id.toLowerCase(),
      name: doc.name,
      status: doc.status,
      minimum_age: doc.minimum_age ?? null,
      maximum_age: doc.maximum_age ?? null,
      languages: [
        ...new Set(
          (doc.languages ?? []).flatMap((language) => (language.code ? [language.code.toLowerCase()] : [])),
        ),
      ],
      term_ids: termIdsOf(doc.attributes),
      search_text: searchTextOf(doc.name, doc.alternate_name, doc.description),
      last_modified: doc.last_modified ?? at,
      doc,
    })),
    set(columns.services),
  );
  await upsert(
    'partners_directory_service_at_location',
    columns.links,
    (records.service_at_locations ?? []).map((doc) => ({
      id: doc.id.toLowerCase(),
      service_id: doc.service_id.toLowerCase(),
      location_id: doc.location_id.toLowerCase(),
      doc,
    })),
    set(columns.links),
  );
  if (data.batch === data.batches)
    await tx.query(
      'INSERT INTO partners_directory_import (content_id, imported_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [data.contentId, at],
    );
}

/** The directory read model, from the partners context's own `partners.*` events. */
export const directoryProjection: Projection = {
  name: 'directory',
  topics: [topicOfContext('partners')],
  migrations: DIRECTORY_MIGRATIONS,
  handle: async (message, tx) => {
    if (!message.type.startsWith('partners.') || !message.streamId.startsWith('directory')) return;
    const event = { type: message.type, data: message.data } as unknown as DirectoryEvent;
    switch (event.type) {
      case DIRECTORY_RECORDS_IMPORTED:
        await applyImport(tx, event.data, message.occurredAt, message.organizationId);
        return;
      case SERVICE_VERIFIED:
        // HSDS's own field for "last checked" follows the latest verification.
        await tx.query(
          `UPDATE partners_directory_service
           SET last_verified_at = $2, last_verified_by = $3,
               doc = jsonb_set(doc, '{assured_date}', to_jsonb(substr($4::text, 1, 10)))
           WHERE id = $1 AND (last_verified_at IS NULL OR last_verified_at <= $2)`,
          [event.data.serviceId, event.data.verifiedAt, event.data.verifiedBy, event.data.verifiedAt],
        );
        return;
      case SERVICE_CHANGE_REPORTED:
        await tx.query(
          `INSERT INTO partners_directory_change_report (report_id, service_id, kind, summary, status,
             reported_at, reported_by, reporter_organization_id)
           VALUES ($1, $2, $3, $4, 'reported', $5, $6, $7) ON CONFLICT (report_id) DO NOTHING`,
          [
            event.data.reportId,
            event.data.serviceId,
            event.data.kind,
            event.data.summary,
            event.data.reportedAt,
            event.data.reportedBy,
            message.organizationId,
          ],
        );
        return;
      case SERVICE_CHANGE_REVIEWED:
        await tx.query(
          `UPDATE partners_directory_change_report
           SET status = $2, reviewed_at = $3, reviewed_by = $4, review_note = $5 WHERE report_id = $1`,
          [
            event.data.reportId,
            event.data.decision,
            event.data.reviewedAt,
            event.data.reviewedBy,
            event.data.note,
          ],
        );
        return;
      case SERVICE_CHANGE_CONFIRMED: {
        // A confirmed change shows in the HSDS record itself: the alert, and a closure as its status.
        const closed = event.data.kind === 'closed';
        await tx.query(
          `UPDATE partners_directory_service
           SET last_modified = $3,
               status = CASE WHEN $4 THEN 'temporarily closed' ELSE status END,
               doc = jsonb_set(jsonb_set(
                       CASE WHEN $4 THEN jsonb_set(doc, '{status}', '"temporarily closed"') ELSE doc END,
                       '{alert}', to_jsonb($2::text)), '{last_modified}', to_jsonb($5::text))
           WHERE id = $1`,
          [event.data.serviceId, event.data.summary, event.data.confirmedAt, closed, event.data.confirmedAt],
        );
        return;
      }
      case SERVICE_CAPACITY_REPORTED:
        await tx.query(
          `INSERT INTO partners_directory_capacity (service_id, status, available, maximum, waitlist_weeks,
             reported_at, reported_by, organization_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (service_id) DO UPDATE SET status = EXCLUDED.status, available = EXCLUDED.available,
             maximum = EXCLUDED.maximum, waitlist_weeks = EXCLUDED.waitlist_weeks,
             reported_at = EXCLUDED.reported_at, reported_by = EXCLUDED.reported_by,
             organization_id = EXCLUDED.organization_id
           WHERE partners_directory_capacity.reported_at <= EXCLUDED.reported_at`,
          [
            event.data.serviceId,
            event.data.status,
            event.data.available,
            event.data.maximum,
            event.data.waitlistWeeks,
            event.data.reportedAt,
            event.data.reportedBy,
            message.organizationId,
          ],
        );
        return;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
