import { DomainError, isCalendarDay } from '@spn/service-kit';
import {
  COLLECTIONS,
  LOCATION_TYPES,
  SERVICE_STATUSES,
  type Collection,
  type HsdsAttribute,
  type HsdsDocument,
} from './hsds.model';

/** One thing wrong in a document: where (`services[3].organization_id`), a stable code, and why. */
export interface HsdsIssue {
  readonly path: string;
  readonly code: 'REQUIRED' | 'INVALID_TYPE' | 'INVALID_VALUE' | 'DUPLICATE_ID' | 'UNKNOWN_REFERENCE';
  readonly message: string;
}

/** A document refused: every issue found (up to {@link MAX_ISSUES}); nothing of it was written. */
export class HsdsValidationError extends DomainError {
  constructor(readonly issues: readonly HsdsIssue[]) {
    const first = issues[0];
    super(
      'INVALID_HSDS',
      first
        ? `${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`
        : 'invalid HSDS document',
      first?.path,
    );
  }
}

export const MAX_ISSUES = 100;

// A field's rule. Declarative, so each HSDS object's rules read as its schema does.
type Rule =
  | { readonly kind: 'string' | 'uuid' | 'uri' | 'email' | 'date' | 'date-time' | 'time' }
  | { readonly kind: 'number' | 'integer'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'array'; readonly of: Shape }
  | { readonly kind: 'object'; readonly of: Shape };
type Field = Rule & { readonly required?: boolean };
type Shape = Readonly<Record<string, Field>>;

const str: Field = { kind: 'string' };
const reqStr: Field = { kind: 'string', required: true };
const uuid: Field = { kind: 'uuid' };
const reqUuid: Field = { kind: 'uuid', required: true };
const uri: Field = { kind: 'uri' };
const email: Field = { kind: 'email' };
const arrayOf = (of: Shape): Field => ({ kind: 'array', of });

const METADATA: Shape = {
  id: reqUuid,
  resource_id: reqUuid,
  resource_type: reqStr,
  last_action_date: reqStr,
  last_action_type: reqStr,
  field_name: reqStr,
  previous_value: reqStr,
  replacement_value: reqStr,
  updated_by: reqStr,
};
const meta = { metadata: arrayOf(METADATA) };
const ATTRIBUTE: Shape = {
  id: reqUuid,
  link_id: uuid,
  taxonomy_term_id: reqUuid,
  link_type: str,
  link_entity: str,
  value: str,
  label: str,
  ...meta,
};
const tagged = { attributes: arrayOf(ATTRIBUTE), ...meta };
const LANGUAGE: Shape = {
  id: reqUuid,
  service_id: uuid,
  location_id: uuid,
  phone_id: uuid,
  name: str,
  code: str,
  note: str,
  ...tagged,
};
const PHONE: Shape = {
  id: reqUuid,
  location_id: uuid,
  service_id: uuid,
  organization_id: uuid,
  contact_id: uuid,
  service_at_location_id: uuid,
  number: reqStr,
  extension: { kind: 'integer', min: 0 },
  type: { kind: 'enum', values: ['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone'] },
  description: str,
  languages: arrayOf(LANGUAGE),
  ...tagged,
};
const CONTACT: Shape = {
  id: reqUuid,
  organization_id: uuid,
  service_id: uuid,
  service_at_location_id: uuid,
  location_id: uuid,
  name: str,
  title: str,
  department: str,
  email,
  phones: arrayOf(PHONE),
  ...tagged,
};
const SCHEDULE: Shape = {
  id: reqUuid,
  service_id: uuid,
  location_id: uuid,
  service_at_location_id: uuid,
  valid_from: { kind: 'date' },
  valid_to: { kind: 'date' },
  dtstart: str,
  timezone: { kind: 'number', min: -14, max: 14 },
  until: str,
  count: { kind: 'integer', min: 0 },
  wkst: { kind: 'enum', values: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] },
  freq: { kind: 'enum', values: ['WEEKLY', 'MONTHLY'] },
  interval: { kind: 'integer', min: 1 },
  byday: str,
  byweekno: str,
  bymonthday: str,
  byyearday: str,
  description: str,
  opens_at: { kind: 'time' },
  closes_at: { kind: 'time' },
  schedule_link: uri,
  attending_type: str,
  notes: str,
  ...tagged,
};
const SERVICE_AREA: Shape = {
  id: reqUuid,
  service_id: uuid,
  service_at_location_id: uuid,
  name: str,
  description: str,
  extent: str,
  extent_type: { kind: 'enum', values: ['geojson', 'topojson', 'kml', 'text'] },
  uri,
  ...tagged,
};
const ADDRESS: Shape = {
  id: reqUuid,
  location_id: uuid,
  attention: str,
  address_1: reqStr,
  address_2: str,
  city: reqStr,
  region: str,
  state_province: reqStr,
  postal_code: reqStr,
  country: reqStr,
  address_type: { kind: 'enum', values: ['physical', 'postal', 'virtual'], required: true },
  ...tagged,
};
const ACCESSIBILITY: Shape = {
  id: reqUuid,
  location_id: uuid,
  description: str,
  details: str,
  url: uri,
  ...tagged,
};
const URL_SHAPE: Shape = {
  id: reqUuid,
  label: str,
  url: { kind: 'uri', required: true },
  organization_id: uuid,
  service_id: uuid,
  ...tagged,
};

/** The rules of each top-level collection's objects (HSDS 3.0 schema, the fields this model names). */
export const SHAPES: Readonly<Record<Collection, Shape>> = {
  taxonomies: { id: reqUuid, name: reqStr, description: reqStr, uri, version: str, ...meta },
  taxonomy_terms: {
    id: reqUuid,
    code: str,
    name: reqStr,
    description: reqStr,
    parent_id: uuid,
    taxonomy: str,
    language: str,
    taxonomy_id: uuid,
    term_uri: uri,
    ...meta,
  },
  organizations: {
    id: reqUuid,
    name: reqStr,
    alternate_name: str,
    description: reqStr,
    email,
    website: uri,
    additional_websites: arrayOf(URL_SHAPE),
    year_incorporated: { kind: 'integer', min: 1600, max: 2200 },
    legal_status: str,
    logo: uri,
    uri,
    parent_organization_id: uuid,
    contacts: arrayOf(CONTACT),
    phones: arrayOf(PHONE),
    organization_identifiers: arrayOf({
      id: reqUuid,
      organization_id: uuid,
      identifier_scheme: str,
      identifier_type: reqStr,
      identifier: reqStr,
      ...tagged,
    }),
    ...tagged,
  },
  locations: {
    id: reqUuid,
    location_type: { kind: 'enum', values: LOCATION_TYPES, required: true },
    url: uri,
    organization_id: uuid,
    name: str,
    alternate_name: str,
    description: str,
    transportation: str,
    latitude: { kind: 'number', min: -90, max: 90 },
    longitude: { kind: 'number', min: -180, max: 180 },
    external_identifier: str,
    external_identifier_type: str,
    languages: arrayOf(LANGUAGE),
    addresses: arrayOf(ADDRESS),
    contacts: arrayOf(CONTACT),
    accessibility: arrayOf(ACCESSIBILITY),
    phones: arrayOf(PHONE),
    schedules: arrayOf(SCHEDULE),
    ...tagged,
  },
  services: {
    id: reqUuid,
    // Optional in HSDS's nested form, but a directory's service always belongs to an organization.
    organization_id: reqUuid,
    program_id: uuid,
    name: reqStr,
    alternate_name: str,
    description: str,
    url: uri,
    additional_urls: arrayOf(URL_SHAPE),
    email,
    status: { kind: 'enum', values: SERVICE_STATUSES, required: true },
    interpretation_services: str,
    application_process: str,
    fees_description: str,
    accreditations: str,
    eligibility_description: str,
    minimum_age: { kind: 'number', min: 0, max: 150 },
    maximum_age: { kind: 'number', min: 0, max: 150 },
    assured_date: { kind: 'date' },
    assurer_email: email,
    alert: str,
    last_modified: { kind: 'date-time' },
    phones: arrayOf(PHONE),
    schedules: arrayOf(SCHEDULE),
    service_areas: arrayOf(SERVICE_AREA),
    languages: arrayOf(LANGUAGE),
    contacts: arrayOf(CONTACT),
    ...tagged,
  },
  service_at_locations: {
    id: reqUuid,
    service_id: reqUuid,
    location_id: reqUuid,
    description: str,
    service_areas: arrayOf(SERVICE_AREA),
    contacts: arrayOf(CONTACT),
    phones: arrayOf(PHONE),
    schedules: arrayOf(SCHEDULE),
    ...tagged,
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

class Issues {
  readonly list: HsdsIssue[] = [];
  add(path: string, code: HsdsIssue['code'], message: string): void {
    if (this.list.length < MAX_ISSUES) this.list.push({ path, code, message });
  }
}

function checkValue(value: unknown, rule: Rule, path: string, issues: Issues): void {
  const wrongType = (what: string) => {
    issues.add(path, 'INVALID_TYPE', `must be ${what}`);
  };
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') wrongType('a string');
      // PostgreSQL stores no NUL, in text or jsonb: refused here rather than failing the import.
      else if (value.includes('\u0000'))
        issues.add(path, 'INVALID_VALUE', 'must not contain a NUL character');
      return;
    case 'uuid':
      if (typeof value !== 'string' || !UUID.test(value)) wrongType('a UUID');
      return;
    case 'uri':
      if (typeof value !== 'string' || !URL.canParse(value)) wrongType('an absolute URI');
      return;
    case 'email':
      if (typeof value !== 'string' || !EMAIL.test(value)) wrongType('an e-mail address');
      return;
    case 'date':
      if (typeof value !== 'string' || !isCalendarDay(value)) wrongType('a date (YYYY-MM-DD)');
      return;
    case 'date-time':
      if (typeof value !== 'string' || !DATE_TIME.test(value) || isNaN(Date.parse(value)))
        wrongType('an ISO 8601 date-time with a time zone');
      return;
    case 'time':
      if (typeof value !== 'string' || !TIME.test(value))
        wrongType('a time (HH:MM, with an optional offset)');
      return;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        wrongType('a number');
        return;
      }
      if (rule.kind === 'integer' && !Number.isInteger(value)) {
        wrongType('a whole number');
        return;
      }
      if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max))
        issues.add(path, 'INVALID_VALUE', `must be between ${rule.min ?? '-∞'} and ${rule.max ?? '∞'}`);
      return;
    case 'enum':
      if (typeof value !== 'string' || !rule.values.includes(value))
        issues.add(path, 'INVALID_VALUE', `must be one of ${rule.values.join(', ')}`);
      return;
    case 'array':
      if (!Array.isArray(value)) {
        wrongType('an array');
        return;
      }
      value.forEach((item, i) => {
        checkObject(item, rule.of, `${path}[${i}]`, issues);
      });
      return;
    case 'object':
      checkObject(value, rule.of, path, issues);
      return;
  }
}

function checkObject(value: unknown, shape: Shape, path: string, issues: Issues): void {
  if (!isObject(value)) {
    issues.add(path, 'INVALID_TYPE', 'must be an object');
    return;
  }
  for (const [name, field] of Object.entries(shape)) {
    const fieldValue = value[name];
    if (fieldValue === undefined || fieldValue === null) {
      if (field.required) issues.add(`${path}.${name}`, 'REQUIRED', 'is required');
      continue;
    }
    // A name is what people see: empty is as good as missing (other required text may be empty, e.g. previous_value).
    if (field.required && name === 'name' && typeof fieldValue === 'string' && fieldValue.trim() === '') {
      issues.add(`${path}.${name}`, 'REQUIRED', 'must not be empty');
      continue;
    }
    checkValue(fieldValue, field, `${path}.${name}`, issues);
  }
}

/** Every attribute of an object, wherever HSDS nests them, with its path (for the term references). */
function* attributesOf(value: unknown, path: string): Generator<[HsdsAttribute, string]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* attributesOf(item, `${path}[${i}]`);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'attributes' && Array.isArray(child)) {
      for (const [i, attribute] of child.entries())
        if (isObject(attribute)) yield [attribute as unknown as HsdsAttribute, `${path}.attributes[${i}]`];
    } else if (typeof child === 'object' && child !== null) {
      yield* attributesOf(child, `${path}.${key}`);
    }
  }
}

/**
 * Checks a whole document before anything is written: every field's type and format, required
 * fields, duplicate ids, and every reference (organization, service, location, taxonomy, term).
 * Answers the document typed, or throws an {@link HsdsValidationError} naming each path.
 */
export function validateHsdsDocument(input: unknown): HsdsDocument {
  const issues = new Issues();
  if (!isObject(input))
    throw new HsdsValidationError([
      { path: '(document)', code: 'INVALID_TYPE', message: 'must be a JSON object' },
    ]);
  for (const collection of COLLECTIONS) {
    const items = input[collection];
    if (items === undefined) continue;
    if (!Array.isArray(items)) {
      issues.add(collection, 'INVALID_TYPE', 'must be an array');
      continue;
    }
    items.forEach((item, i) => {
      checkObject(item, SHAPES[collection], `${collection}[${i}]`, issues);
    });
  }
  for (const key of Object.keys(input))
    if (!(COLLECTIONS as readonly string[]).includes(key))
      issues.add(key, 'INVALID_VALUE', `is not a collection of this document (${COLLECTIONS.join(', ')})`);
  if (issues.list.length > 0) throw new HsdsValidationError(issues.list);

  const document = { ...emptyCollections(), ...input } as unknown as HsdsDocument;
  const ids = new Map<Collection, Set<string>>();
  for (const collection of COLLECTIONS) {
    const seen = new Map<string, number>();
    document[collection].forEach((item, i) => {
      const id = item.id.toLowerCase();
      const first = seen.get(id);
      if (first !== undefined)
        issues.add(`${collection}[${i}].id`, 'DUPLICATE_ID', `is also the id of ${collection}[${first}]`);
      else seen.set(id, i);
    });
    ids.set(collection, new Set(seen.keys()));
  }
  const refer = (path: string, id: string | null | undefined, collection: Collection, what: string) => {
    if (id && !ids.get(collection)?.has(id.toLowerCase()))
      issues.add(path, 'UNKNOWN_REFERENCE', `no ${what} with this id`);
  };
  document.taxonomy_terms.forEach((term, i) => {
    refer(`taxonomy_terms[${i}].taxonomy_id`, term.taxonomy_id, 'taxonomies', 'taxonomy');
    refer(`taxonomy_terms[${i}].parent_id`, term.parent_id, 'taxonomy_terms', 'taxonomy term');
  });
  document.organizations.forEach((organization, i) => {
    refer(
      `organizations[${i}].parent_organization_id`,
      organization.parent_organization_id,
      'organizations',
      'organization',
    );
  });
  document.locations.forEach((location, i) => {
    refer(`locations[${i}].organization_id`, location.organization_id, 'organizations', 'organization');
    if (location.location_type === 'physical' && (location.latitude == null) !== (location.longitude == null))
      issues.add(`locations[${i}]`, 'INVALID_VALUE', 'latitude and longitude go together');
    if (location.location_type === 'virtual' && !location.url)
      issues.add(`locations[${i}].url`, 'REQUIRED', 'is required for a virtual location');
  });
  document.services.forEach((service, i) => {
    refer(`services[${i}].organization_id`, service.organization_id, 'organizations', 'organization');
    if (
      service.minimum_age != null &&
      service.maximum_age != null &&
      service.minimum_age > service.maximum_age
    )
      issues.add(`services[${i}].maximum_age`, 'INVALID_VALUE', 'must not be below minimum_age');
  });
  document.service_at_locations.forEach((link, i) => {
    refer(`service_at_locations[${i}].service_id`, link.service_id, 'services', 'service');
    refer(`service_at_locations[${i}].location_id`, link.location_id, 'locations', 'location');
  });
  for (const collection of COLLECTIONS)
    for (const [attribute, path] of attributesOf(document[collection], collection))
      refer(`${path}.taxonomy_term_id`, attribute.taxonomy_term_id, 'taxonomy_terms', 'taxonomy term');
  if (issues.list.length > 0) throw new HsdsValidationError(issues.list);
  return document;
}

const emptyCollections = (): Record<Collection, []> => ({
  taxonomies: [],
  taxonomy_terms: [],
  organizations: [],
  locations: [],
  services: [],
  service_at_locations: [],
});
