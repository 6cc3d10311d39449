/**
 * Open Referral HSDS 3.0, as plain TypeScript: the objects this directory imports, stores and exports.
 * Field names are HSDS's own (snake_case), so a document reads the same here as in the standard.
 * Optional fields may be absent or `null` (HSDS feeds use both); fields this model does not name (a
 * profile's extensions, `funding`, `programs`...) are kept as given, so nothing is lost on the way through.
 */

/** A UUID, as HSDS 3.0 requires of every id. */
export type Uuid = string;
type Opt<T> = T | null | undefined;

export interface HsdsMetadata {
  readonly id: Uuid;
  readonly resource_id: Uuid;
  readonly resource_type: string;
  readonly last_action_date: string;
  readonly last_action_type: string;
  readonly field_name: string;
  readonly previous_value: string;
  readonly replacement_value: string;
  readonly updated_by: string;
}

/** A link between an object and a taxonomy term: how needs and cultural attributes are tagged. */
export interface HsdsAttribute {
  readonly id: Uuid;
  readonly link_id?: Opt<Uuid>;
  readonly taxonomy_term_id: Uuid;
  readonly link_type?: Opt<string>;
  readonly link_entity?: Opt<string>;
  readonly value?: Opt<string>;
  readonly label?: Opt<string>;
  readonly metadata?: Opt<readonly HsdsMetadata[]>;
}

interface Tagged {
  readonly attributes?: Opt<readonly HsdsAttribute[]>;
  readonly metadata?: Opt<readonly HsdsMetadata[]>;
}

export interface HsdsLanguage extends Tagged {
  readonly id: Uuid;
  readonly service_id?: Opt<Uuid>;
  readonly location_id?: Opt<Uuid>;
  readonly phone_id?: Opt<Uuid>;
  readonly name?: Opt<string>;
  /** ISO 639-1 or ISO 639-3. */
  readonly code?: Opt<string>;
  readonly note?: Opt<string>;
}

export interface HsdsPhone extends Tagged {
  readonly id: Uuid;
  readonly location_id?: Opt<Uuid>;
  readonly service_id?: Opt<Uuid>;
  readonly organization_id?: Opt<Uuid>;
  readonly contact_id?: Opt<Uuid>;
  readonly service_at_location_id?: Opt<Uuid>;
  readonly number: string;
  readonly extension?: Opt<number>;
  /** RFC 6350 types: text, voice, fax, cell, video, pager, textphone. */
  readonly type?: Opt<string>;
  readonly description?: Opt<string>;
  readonly languages?: Opt<readonly HsdsLanguage[]>;
}

export interface HsdsContact extends Tagged {
  readonly id: Uuid;
  readonly organization_id?: Opt<Uuid>;
  readonly service_id?: Opt<Uuid>;
  readonly service_at_location_id?: Opt<Uuid>;
  readonly location_id?: Opt<Uuid>;
  readonly name?: Opt<string>;
  readonly title?: Opt<string>;
  readonly department?: Opt<string>;
  readonly email?: Opt<string>;
  readonly phones?: Opt<readonly HsdsPhone[]>;
}

export interface HsdsSchedule extends Tagged {
  readonly id: Uuid;
  readonly service_id?: Opt<Uuid>;
  readonly location_id?: Opt<Uuid>;
  readonly service_at_location_id?: Opt<Uuid>;
  readonly valid_from?: Opt<string>;
  readonly valid_to?: Opt<string>;
  readonly dtstart?: Opt<string>;
  readonly timezone?: Opt<number>;
  readonly until?: Opt<string>;
  readonly count?: Opt<number>;
  readonly wkst?: Opt<'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'>;
  readonly freq?: Opt<'WEEKLY' | 'MONTHLY'>;
  readonly interval?: Opt<number>;
  readonly byday?: Opt<string>;
  readonly byweekno?: Opt<string>;
  readonly bymonthday?: Opt<string>;
  readonly byyearday?: Opt<string>;
  readonly description?: Opt<string>;
  readonly opens_at?: Opt<string>;
  readonly closes_at?: Opt<string>;
  readonly schedule_link?: Opt<string>;
  readonly attending_type?: Opt<string>;
  readonly notes?: Opt<string>;
}

export interface HsdsServiceArea extends Tagged {
  readonly id: Uuid;
  readonly service_id?: Opt<Uuid>;
  readonly service_at_location_id?: Opt<Uuid>;
  readonly name?: Opt<string>;
  readonly description?: Opt<string>;
  readonly extent?: Opt<string>;
  readonly extent_type?: Opt<'geojson' | 'topojson' | 'kml' | 'text'>;
  readonly uri?: Opt<string>;
}

export interface HsdsAddress extends Tagged {
  readonly id: Uuid;
  readonly location_id?: Opt<Uuid>;
  readonly attention?: Opt<string>;
  readonly address_1: string;
  readonly address_2?: Opt<string>;
  readonly city: string;
  readonly region?: Opt<string>;
  readonly state_province: string;
  readonly postal_code: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly address_type: 'physical' | 'postal' | 'virtual';
}

export interface HsdsAccessibility extends Tagged {
  readonly id: Uuid;
  readonly location_id?: Opt<Uuid>;
  readonly description?: Opt<string>;
  readonly details?: Opt<string>;
  readonly url?: Opt<string>;
}

export interface HsdsUrl extends Tagged {
  readonly id: Uuid;
  readonly label?: Opt<string>;
  readonly url: string;
  readonly organization_id?: Opt<Uuid>;
  readonly service_id?: Opt<Uuid>;
}

export interface HsdsOrganizationIdentifier extends Tagged {
  readonly id: Uuid;
  readonly organization_id?: Opt<Uuid>;
  readonly identifier_scheme?: Opt<string>;
  readonly identifier_type: string;
  readonly identifier: string;
}

export interface HsdsOrganization extends Tagged {
  readonly id: Uuid;
  readonly name: string;
  readonly alternate_name?: Opt<string>;
  readonly description: string;
  readonly email?: Opt<string>;
  readonly website?: Opt<string>;
  readonly additional_websites?: Opt<readonly HsdsUrl[]>;
  readonly year_incorporated?: Opt<number>;
  readonly legal_status?: Opt<string>;
  readonly logo?: Opt<string>;
  readonly uri?: Opt<string>;
  readonly parent_organization_id?: Opt<Uuid>;
  readonly contacts?: Opt<readonly HsdsContact[]>;
  readonly phones?: Opt<readonly HsdsPhone[]>;
  readonly organization_identifiers?: Opt<readonly HsdsOrganizationIdentifier[]>;
}

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export interface HsdsService extends Tagged {
  readonly id: Uuid;
  readonly organization_id: Uuid;
  readonly program_id?: Opt<Uuid>;
  readonly name: string;
  readonly alternate_name?: Opt<string>;
  readonly description?: Opt<string>;
  readonly url?: Opt<string>;
  readonly additional_urls?: Opt<readonly HsdsUrl[]>;
  readonly email?: Opt<string>;
  readonly status: ServiceStatus;
  readonly interpretation_services?: Opt<string>;
  readonly application_process?: Opt<string>;
  readonly fees_description?: Opt<string>;
  readonly accreditations?: Opt<string>;
  readonly eligibility_description?: Opt<string>;
  readonly minimum_age?: Opt<number>;
  readonly maximum_age?: Opt<number>;
  /** YYYY-MM-DD: when the information was last checked. */
  readonly assured_date?: Opt<string>;
  readonly assurer_email?: Opt<string>;
  readonly alert?: Opt<string>;
  /** ISO 8601 date-time. */
  readonly last_modified?: Opt<string>;
  readonly phones?: Opt<readonly HsdsPhone[]>;
  readonly schedules?: Opt<readonly HsdsSchedule[]>;
  readonly service_areas?: Opt<readonly HsdsServiceArea[]>;
  readonly languages?: Opt<readonly HsdsLanguage[]>;
  readonly contacts?: Opt<readonly HsdsContact[]>;
}

export const LOCATION_TYPES = ['physical', 'postal', 'virtual'] as const;

export interface HsdsLocation extends Tagged {
  readonly id: Uuid;
  readonly location_type: (typeof LOCATION_TYPES)[number];
  /** For a virtual location: where it is. */
  readonly url?: Opt<string>;
  readonly organization_id?: Opt<Uuid>;
  readonly name?: Opt<string>;
  readonly alternate_name?: Opt<string>;
  readonly description?: Opt<string>;
  readonly transportation?: Opt<string>;
  /** WGS84 decimal degrees. */
  readonly latitude?: Opt<number>;
  readonly longitude?: Opt<number>;
  readonly external_identifier?: Opt<string>;
  readonly external_identifier_type?: Opt<string>;
  readonly languages?: Opt<readonly HsdsLanguage[]>;
  readonly addresses?: Opt<readonly HsdsAddress[]>;
  readonly contacts?: Opt<readonly HsdsContact[]>;
  readonly accessibility?: Opt<readonly HsdsAccessibility[]>;
  readonly phones?: Opt<readonly HsdsPhone[]>;
  readonly schedules?: Opt<readonly HsdsSchedule[]>;
}

export interface HsdsServiceAtLocation extends Tagged {
  readonly id: Uuid;
  readonly service_id: Uuid;
  readonly location_id: Uuid;
  readonly description?: Opt<string>;
  readonly service_areas?: Opt<readonly HsdsServiceArea[]>;
  readonly contacts?: Opt<readonly HsdsContact[]>;
  readonly phones?: Opt<readonly HsdsPhone[]>;
  readonly schedules?: Opt<readonly HsdsSchedule[]>;
}

export interface HsdsTaxonomy {
  readonly id: Uuid;
  readonly name: string;
  readonly description: string;
  readonly uri?: Opt<string>;
  readonly version?: Opt<string>;
  readonly metadata?: Opt<readonly HsdsMetadata[]>;
}

export interface HsdsTaxonomyTerm {
  readonly id: Uuid;
  /** With the taxonomy, defines the term: a need's code is exactly the platform's `Need`. */
  readonly code?: Opt<string>;
  readonly name: string;
  readonly description: string;
  readonly parent_id?: Opt<Uuid>;
  readonly taxonomy?: Opt<string>;
  readonly language?: Opt<string>;
  readonly taxonomy_id?: Opt<Uuid>;
  readonly term_uri?: Opt<string>;
  readonly metadata?: Opt<readonly HsdsMetadata[]>;
}

/**
 * A whole directory as one JSON document: each core object once, at the top level, in its HSDS 3.0
 * shape (one-to-many details nested, references by id). This is what `POST /hsds/import` takes and
 * `GET /hsds/export` gives, each list ordered by id.
 */
export interface HsdsDocument {
  readonly taxonomies: readonly HsdsTaxonomy[];
  readonly taxonomy_terms: readonly HsdsTaxonomyTerm[];
  readonly organizations: readonly HsdsOrganization[];
  readonly locations: readonly HsdsLocation[];
  readonly services: readonly HsdsService[];
  readonly service_at_locations: readonly HsdsServiceAtLocation[];
}

/** The document's collections, in the order an import applies them (what is referred to comes first). */
export const COLLECTIONS = [
  'taxonomies',
  'taxonomy_terms',
  'organizations',
  'locations',
  'services',
  'service_at_locations',
] as const satisfies readonly (keyof HsdsDocument)[];
export type Collection = (typeof COLLECTIONS)[number];

export const emptyDocument = (): HsdsDocument => ({
  taxonomies: [],
  taxonomy_terms: [],
  organizations: [],
  locations: [],
  services: [],
  service_at_locations: [],
});

/** The HSDS profile this API follows (the core 3.0 schema, no extensions required). */
export const HSDS_VERSION = '3.0';
export const HSDS_PROFILE = 'https://openreferral.org/imp/hsds-3-0/';
