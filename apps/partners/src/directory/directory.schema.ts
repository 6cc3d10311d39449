/**
 * The directory's read model, in the partners service's own database. Each HSDS object is kept whole
 * (`doc`, exactly as imported: export gives it back unchanged) beside the columns that queries filter
 * and sort on. Plain SQL on indexed columns, no extension (PostGIS, pg_trgm): the same on PGlite and
 * PostgreSQL.
 */
export const DIRECTORY_MIGRATIONS: readonly string[] = [
  // 1: The directory.
  `CREATE TABLE IF NOT EXISTS partners_directory_taxonomy (
    id text PRIMARY KEY,
    name text NOT NULL,
    doc jsonb NOT NULL
  );
  CREATE TABLE IF NOT EXISTS partners_directory_taxonomy_term (
    id text PRIMARY KEY,
    taxonomy_id text,
    code text,
    name text NOT NULL,
    parent_id text,
    doc jsonb NOT NULL
  );
  CREATE INDEX IF NOT EXISTS partners_directory_taxonomy_term_code ON partners_directory_taxonomy_term (code);
  CREATE INDEX IF NOT EXISTS partners_directory_taxonomy_term_taxonomy ON partners_directory_taxonomy_term (taxonomy_id);
  CREATE TABLE IF NOT EXISTS partners_directory_organization (
    id text PRIMARY KEY,
    name text NOT NULL,
    search_text text NOT NULL,
    last_modified timestamptz NOT NULL,
    doc jsonb NOT NULL,
    -- The platform organization that stewards the record (docs/directory.md, "Owners").
    steward_organization_id text
  );
  CREATE TABLE IF NOT EXISTS partners_directory_location (
    id text PRIMARY KEY,
    organization_id text,
    location_type text NOT NULL,
    latitude double precision,
    longitude double precision,
    term_ids text[] NOT NULL,
    doc jsonb NOT NULL
  );
  -- The bounding-box prefilter of a distance search reads this index.
  CREATE INDEX IF NOT EXISTS partners_directory_location_lat_lon ON partners_directory_location (latitude, longitude);
  CREATE TABLE IF NOT EXISTS partners_directory_service (
    id text PRIMARY KEY,
    organization_id text NOT NULL,
    name text NOT NULL,
    status text NOT NULL,
    minimum_age numeric,
    maximum_age numeric,
    languages text[] NOT NULL,
    term_ids text[] NOT NULL,
    search_text text NOT NULL,
    last_modified timestamptz NOT NULL,
    last_verified_at timestamptz,
    last_verified_by text,
    doc jsonb NOT NULL
  );
  CREATE INDEX IF NOT EXISTS partners_directory_service_terms ON partners_directory_service USING gin (term_ids);
  CREATE INDEX IF NOT EXISTS partners_directory_service_languages ON partners_directory_service USING gin (languages);
  CREATE INDEX IF NOT EXISTS partners_directory_service_modified ON partners_directory_service (last_modified, id);
  CREATE INDEX IF NOT EXISTS partners_directory_service_name ON partners_directory_service (name, id);
  CREATE INDEX IF NOT EXISTS partners_directory_service_organization ON partners_directory_service (organization_id);
  CREATE TABLE IF NOT EXISTS partners_directory_service_at_location (
    id text PRIMARY KEY,
    service_id text NOT NULL,
    location_id text NOT NULL,
    doc jsonb NOT NULL
  );
  CREATE INDEX IF NOT EXISTS partners_directory_sal_service ON partners_directory_service_at_location (service_id);
  CREATE INDEX IF NOT EXISTS partners_directory_sal_location ON partners_directory_service_at_location (location_id);
  CREATE TABLE IF NOT EXISTS partners_directory_change_report (
    report_id text PRIMARY KEY,
    service_id text NOT NULL,
    kind text NOT NULL,
    summary text NOT NULL,
    status text NOT NULL,
    reported_at timestamptz NOT NULL,
    reported_by text NOT NULL,
    reporter_organization_id text NOT NULL,
    reviewed_at timestamptz,
    reviewed_by text,
    review_note text
  );
  CREATE INDEX IF NOT EXISTS partners_directory_change_report_status ON partners_directory_change_report (status, reported_at);
  CREATE INDEX IF NOT EXISTS partners_directory_change_report_service ON partners_directory_change_report (service_id);
  CREATE TABLE IF NOT EXISTS partners_directory_capacity (
    service_id text PRIMARY KEY,
    status text NOT NULL,
    available integer,
    maximum integer,
    waitlist_weeks integer,
    reported_at timestamptz NOT NULL,
    reported_by text NOT NULL,
    organization_id text NOT NULL
  );
  CREATE TABLE IF NOT EXISTS partners_directory_import (
    content_id text PRIMARY KEY,
    imported_at timestamptz NOT NULL
  )`,
  // 2: An organization's steward, for a store made before migration 1 had it.
  `ALTER TABLE partners_directory_organization ADD COLUMN IF NOT EXISTS steward_organization_id text`,
];

export const TABLES = {
  taxonomies: 'partners_directory_taxonomy',
  taxonomy_terms: 'partners_directory_taxonomy_term',
  organizations: 'partners_directory_organization',
  locations: 'partners_directory_location',
  services: 'partners_directory_service',
  service_at_locations: 'partners_directory_service_at_location',
} as const;
