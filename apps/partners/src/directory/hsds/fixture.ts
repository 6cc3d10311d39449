import { NEEDS, type Need } from '@spn/contracts';
import { ACCESSIBILITY_FEATURES, type CulturalAttribute } from '@spn/vocabularies';
import { v5 as uuidv5 } from 'uuid';
import type {
  HsdsAttribute,
  HsdsDocument,
  HsdsLanguage,
  HsdsLocation,
  HsdsOrganization,
  HsdsService,
  HsdsServiceAtLocation,
} from './hsds.model';
import { needTermId, sharedTaxonomies, vocabularyTermId } from './taxonomies';

/**
 * A deterministic, realistic (fictional) British Columbia directory: the same seed and size always
 * give the same document, byte for byte. Tests compute their expectations from it; the benchmark
 * scales it to 10,000 services. No person's data: contacts are desks, not people.
 */
export interface FixtureOptions {
  readonly services?: number;
  readonly seed?: number;
}

const FIXTURE_NAMESPACE = '3f0e9a5c-1d2b-4c7e-8a90-5b6c7d8e9f01';

/** BC cities, with real-ish centres and their postal code's first letters. */
export const BC_CITIES = [
  { city: 'Vancouver', lat: 49.2827, lon: -123.1207, postal: 'V6B', region: 'Metro Vancouver' },
  { city: 'Surrey', lat: 49.1913, lon: -122.849, postal: 'V3T', region: 'Metro Vancouver' },
  { city: 'Burnaby', lat: 49.2488, lon: -122.9805, postal: 'V5H', region: 'Metro Vancouver' },
  { city: 'Richmond', lat: 49.1666, lon: -123.1336, postal: 'V6X', region: 'Metro Vancouver' },
  { city: 'Coquitlam', lat: 49.2838, lon: -122.7932, postal: 'V3B', region: 'Metro Vancouver' },
  { city: 'New Westminster', lat: 49.2057, lon: -122.911, postal: 'V3M', region: 'Metro Vancouver' },
  { city: 'North Vancouver', lat: 49.32, lon: -123.0724, postal: 'V7M', region: 'Metro Vancouver' },
  { city: 'Langley', lat: 49.1044, lon: -122.6604, postal: 'V3A', region: 'Metro Vancouver' },
  { city: 'Abbotsford', lat: 49.0504, lon: -122.3045, postal: 'V2S', region: 'Fraser Valley' },
  { city: 'Chilliwack', lat: 49.1579, lon: -121.9515, postal: 'V2P', region: 'Fraser Valley' },
  { city: 'Victoria', lat: 48.4284, lon: -123.3656, postal: 'V8W', region: 'Capital' },
  { city: 'Nanaimo', lat: 49.1659, lon: -123.9401, postal: 'V9R', region: 'Nanaimo' },
  { city: 'Courtenay', lat: 49.6841, lon: -124.9904, postal: 'V9N', region: 'Comox Valley' },
  { city: 'Campbell River', lat: 50.0244, lon: -125.2475, postal: 'V9W', region: 'Strathcona' },
  { city: 'Kelowna', lat: 49.888, lon: -119.496, postal: 'V1Y', region: 'Central Okanagan' },
  { city: 'Kamloops', lat: 50.6745, lon: -120.3273, postal: 'V2C', region: 'Thompson-Nicola' },
  { city: 'Vernon', lat: 50.267, lon: -119.272, postal: 'V1T', region: 'North Okanagan' },
  { city: 'Penticton', lat: 49.4991, lon: -119.5937, postal: 'V2A', region: 'Okanagan-Similkameen' },
  { city: 'Prince George', lat: 53.9171, lon: -122.7497, postal: 'V2L', region: 'Fraser-Fort George' },
  { city: 'Prince Rupert', lat: 54.315, lon: -130.3208, postal: 'V8J', region: 'North Coast' },
  { city: 'Terrace', lat: 54.5182, lon: -128.6032, postal: 'V8G', region: 'Kitimat-Stikine' },
  { city: 'Cranbrook', lat: 49.512, lon: -115.7694, postal: 'V1C', region: 'East Kootenay' },
  { city: 'Nelson', lat: 49.4928, lon: -117.2948, postal: 'V1L', region: 'Central Kootenay' },
  { city: 'Fort St. John', lat: 56.2524, lon: -120.8466, postal: 'V1J', region: 'Peace River' },
] as const;

/** Languages offered, ISO 639-1 where it exists, else ISO 639-3 (Mandarin, Cantonese, Halq'eméylem). */
export const FIXTURE_LANGUAGES = [
  { code: 'fr', name: 'French' },
  { code: 'pa', name: 'Punjabi' },
  { code: 'cmn', name: 'Mandarin' },
  { code: 'yue', name: 'Cantonese' },
  { code: 'tl', name: 'Tagalog' },
  { code: 'ar', name: 'Arabic' },
  { code: 'es', name: 'Spanish' },
  { code: 'fa', name: 'Farsi' },
  { code: 'ko', name: 'Korean' },
  { code: 'vi', name: 'Vietnamese' },
  { code: 'hi', name: 'Hindi' },
  { code: 'hur', name: "Halq'eméylem" },
  { code: 'cr', name: 'Cree' },
] as const;

const ORGANIZATION_KINDS = [
  'Community Services Society',
  'Neighbourhood House',
  'Food Bank',
  'Friendship Centre',
  'Immigrant Services',
  'Seniors Centre',
  'Pride Society',
  'Family Place',
  'Legal Clinic',
  'Housing Society',
] as const;

/** What each need's services are called. */
const SERVICE_NAMES: Record<Need, readonly string[]> = {
  food: ['Community Food Hamper', 'Free Community Meal', 'Good Food Box', 'Community Kitchen'],
  housing: ['Housing Outreach', 'Rent Bank', 'Tenant Support', 'Emergency Shelter Referral'],
  income: ['Tax Clinic', 'Benefits Navigation', 'Financial Literacy Workshop'],
  employment: ['Job Search Club', 'Employment Skills Program', 'Resume Drop-in'],
  'social-connection': ["Seniors' Coffee Circle", 'Walking Group', 'Conversation Café', 'Men’s Shed'],
  transport: ['Volunteer Driver Program', 'Transit Pass Assistance', 'Medical Ride Service'],
  safety: ['Safe Home Referral', 'Elder Abuse Prevention', 'Violence Prevention Counselling'],
  'health-literacy': ['Health Navigation Session', 'Medication Review Drop-in', 'Diabetes Education'],
  legal: ['Free Legal Advice Clinic', 'Immigration Law Clinic', 'Tenancy Law Advice'],
  'physical-activity': ['Chair Yoga', 'Community Swim', 'Gentle Fitness', 'Pickleball Drop-in'],
  'mental-wellbeing': ['Peer Support Group', 'Grief Circle', 'Mindfulness Group', 'Art for Wellbeing'],
};

const STREETS = [
  'Main St',
  'King George Blvd',
  'Kingsway',
  '1st Ave',
  'Fraser Hwy',
  'Douglas St',
  'Victoria Dr',
  'Columbia St',
  'Lougheed Hwy',
  'Bernard Ave',
];

/** mulberry32: a small seeded PRNG, enough for a fixture (not for anything secret). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The item at `index`, wrapping around: lists here are never empty. */
const at = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;
const byId = <T extends { readonly id: string }>(items: T[]): T[] =>
  items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const round5 = (value: number) => Math.round(value * 1e5) / 1e5;
const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Generates the directory: `services` services (default 240) over about 0.3 organizations each. */
export function generateDirectory(options: FixtureOptions = {}): HsdsDocument {
  const serviceCount = options.services ?? 240;
  const seed = options.seed ?? 20260101;
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => at(items, Math.floor(rand() * items.length));
  const chance = (p: number) => rand() < p;
  const idOf = (kind: string, ...parts: (string | number)[]) =>
    uuidv5(`${seed}:${kind}:${parts.join(':')}`, FIXTURE_NAMESPACE);
  const attribute = (
    owner: string,
    entity: string,
    termId: string,
    linkType: string,
    n: number,
  ): HsdsAttribute => ({
    id: idOf('attribute', owner, n),
    link_id: owner,
    taxonomy_term_id: termId,
    link_type: linkType,
    link_entity: entity,
  });
  const language = (
    owner: string,
    key: 'service_id' | 'location_id',
    code: string,
    name: string,
  ): HsdsLanguage => ({
    id: idOf('language', owner, code),
    [key]: owner,
    name,
    code,
  });

  const { taxonomies, terms } = sharedTaxonomies();
  const organizationCount = Math.max(1, Math.round(serviceCount * 0.3));
  const organizations: HsdsOrganization[] = [];
  const locations: HsdsLocation[] = [];
  const services: HsdsService[] = [];
  const links: HsdsServiceAtLocation[] = [];
  const orgLocations = new Map<string, HsdsLocation[]>();
  const orgCulture = new Map<string, CulturalAttribute[]>();

  for (let o = 0; o < organizationCount; o += 1) {
    const id = idOf('organization', o);
    const home = at(BC_CITIES, o);
    const kind = pick(ORGANIZATION_KINDS);
    const name = `${home.city} ${kind}${o >= BC_CITIES.length * ORGANIZATION_KINDS.length ? ` ${o}` : ''}`;
    const slug = `${home.city}-${kind}-${o}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    // Some kinds carry their culture; others may have it by chance.
    const culture: CulturalAttribute[] = [];
    if (kind === 'Friendship Centre' || chance(0.08)) culture.push('indigenous-led');
    if (kind === 'Immigrant Services' || chance(0.15)) culture.push('newcomer-serving');
    if (kind === 'Pride Society' || chance(0.1)) culture.push('2slgbtqia-affirming');
    if (chance(0.1)) culture.push('faith-based');
    if (chance(0.15)) culture.push('trauma-informed');
    orgCulture.set(id, culture);
    organizations.push({
      id,
      name,
      description: `Fictional ${kind.toLowerCase()} serving ${home.city} and the ${home.region} region.`,
      email: `info@${slug}.example.org`,
      website: `https://${slug}.example.org`,
      year_incorporated: 1950 + Math.floor(rand() * 70),
      legal_status: 'Registered charity',
      phones: [
        {
          id: idOf('phone', id),
          organization_id: id,
          number: `+1-604-555-${pad(o % 10000, 4)}`,
          type: 'voice',
        },
      ],
      contacts: [
        {
          id: idOf('contact', id),
          organization_id: id,
          title: 'Intake desk',
          email: `intake@${slug}.example.org`,
        },
      ],
      organization_identifiers: [
        {
          id: idOf('identifier', id),
          organization_id: id,
          identifier_scheme: 'CA-CRA_ACR',
          identifier_type: 'Canada Revenue Agency charity number',
          identifier: `${pad(800000000 + o, 9)}RR0001`,
        },
      ],
      attributes: culture.map((code, n) =>
        attribute(id, 'organization', vocabularyTermId('cultural', code), 'cultural-safety', n),
      ),
      metadata: [
        {
          id: idOf('metadata', id),
          resource_id: id,
          resource_type: 'organization',
          last_action_date: '2025-01-15',
          last_action_type: 'create',
          field_name: 'name',
          previous_value: '',
          replacement_value: name,
          updated_by: 'fixture',
        },
      ],
    });

    const sites: HsdsLocation[] = [];
    const siteCount = chance(0.35) ? 2 : 1;
    for (let l = 0; l < siteCount; l += 1) {
      const city = l === 0 ? home : pick(BC_CITIES);
      const locationId = idOf('location', o, l);
      // Within ~4 km of the centre: near enough to be "in" the city, far enough to order by distance.
      const latitude = round5(city.lat + (rand() - 0.5) * 0.07);
      const longitude = round5(city.lon + (rand() - 0.5) * 0.1);
      const access = ACCESSIBILITY_FEATURES.filter((feature) =>
        feature === 'wheelchair-accessible' ? chance(0.65) : chance(0.2),
      );
      const site: HsdsLocation = {
        id: locationId,
        location_type: 'physical',
        organization_id: id,
        name: `${name} — ${city.city}${l > 0 ? ' satellite' : ''}`,
        transportation: chance(0.7) ? 'Near a transit stop.' : null,
        latitude,
        longitude,
        addresses: [
          {
            id: idOf('address', locationId),
            location_id: locationId,
            address_1: `${100 + Math.floor(rand() * 9800)} ${pick(STREETS)}`,
            city: city.city,
            region: city.region,
            state_province: 'BC',
            postal_code: `${city.postal} ${Math.floor(rand() * 10)}${String.fromCharCode(65 + Math.floor(rand() * 26))}${Math.floor(rand() * 10)}`,
            country: 'CA',
            address_type: 'physical',
          },
        ],
        accessibility: access.map((feature) => ({
          id: idOf('accessibility', locationId, feature),
          location_id: locationId,
          description: feature.replace(/-/g, ' '),
        })),
        languages: [language(locationId, 'location_id', 'en', 'English')],
        schedules: [
          {
            id: idOf('schedule', locationId),
            location_id: locationId,
            freq: 'WEEKLY',
            byday: 'MO,TU,WE,TH,FR',
            opens_at: '09:00-08:00',
            closes_at: '17:00-08:00',
            description: 'Weekdays, 9 to 5.',
          },
        ],
        attributes: access.map((feature, n) =>
          attribute(locationId, 'location', vocabularyTermId('accessibility', feature), 'accessibility', n),
        ),
      };
      sites.push(site);
      locations.push(site);
    }
    if (chance(0.15)) {
      const virtualId = idOf('location', o, 'virtual');
      const online: HsdsLocation = {
        id: virtualId,
        location_type: 'virtual',
        url: `https://${slug}.example.org/online`,
        organization_id: id,
        name: `${name} — online`,
      };
      sites.push(online);
      locations.push(online);
    }
    orgLocations.set(id, sites);
  }

  for (let s = 0; s < serviceCount; s += 1) {
    const organization = at(organizations, s);
    const id = idOf('service', s);
    const primary = pick(NEEDS);
    const needs: Need[] = [primary];
    if (chance(0.3)) {
      const second = pick(NEEDS);
      if (second !== primary) needs.push(second);
    }
    const culture = [...(orgCulture.get(organization.id) ?? [])];
    if (chance(0.05) && !culture.includes('women-only')) culture.push('women-only');
    if (chance(0.05) && !culture.includes('youth-led')) culture.push('youth-led');
    const eligibility = pick(['all', 'all', 'all', 'adults', 'seniors', 'youth', 'children'] as const);
    const ages = {
      all: [null, null],
      adults: [19, null],
      seniors: [55, null],
      youth: [12, 24],
      children: [0, 12],
    }[eligibility];
    const spoken = [{ code: 'en', name: 'English' }];
    if (chance(0.25)) spoken.push({ code: 'fr', name: 'French' });
    const extra = Math.floor(rand() * 3);
    for (let k = 0; k < extra; k += 1) {
      const other = pick(FIXTURE_LANGUAGES);
      if (!spoken.some((lang) => lang.code === other.code)) spoken.push(other);
    }
    const name = `${pick(SERVICE_NAMES[primary])}${serviceCount > 300 ? ` #${s}` : ''}`;
    const modified = new Date(
      Date.UTC(2025, 0, 1) + Math.floor(rand() * 364) * 86_400_000 + Math.floor(rand() * 86_400) * 1000,
    );
    const sites = orgLocations.get(organization.id) ?? [];
    const city = sites[0]?.addresses?.[0]?.city ?? 'British Columbia';
    const service: HsdsService = {
      id,
      organization_id: organization.id,
      name,
      description: `${name} offered by ${organization.name} (fictional).`,
      email: organization.email ?? null,
      status: chance(0.04) ? 'temporarily closed' : 'active',
      application_process: pick([
        'Drop in.',
        'Call to register.',
        'Referral from a Link Worker or clinician.',
      ]),
      fees_description: chance(0.85) ? 'Free.' : 'Sliding scale.',
      eligibility_description: {
        all: 'Everyone welcome.',
        adults: 'Adults 19 and over.',
        seniors: 'Older adults 55 and over.',
        youth: 'Youth 12 to 24.',
        children: 'Children up to 12, with a caregiver.',
      }[eligibility],
      ...(ages[0] !== null ? { minimum_age: ages[0] } : {}),
      ...(ages[1] !== null ? { maximum_age: ages[1] } : {}),
      ...(chance(0.5) ? { assured_date: modified.toISOString().slice(0, 10) } : {}),
      last_modified: modified.toISOString(),
      interpretation_services: chance(0.3) ? 'Telephone interpretation on request.' : null,
      languages: spoken.map((lang) => language(id, 'service_id', lang.code, lang.name)),
      phones: [
        { id: idOf('phone', id), service_id: id, number: `+1-250-555-${pad(s % 10000, 4)}`, type: 'voice' },
      ],
      schedules: [
        {
          id: idOf('schedule', id),
          service_id: id,
          freq: 'WEEKLY',
          byday: pick(['MO', 'TU,TH', 'WE', 'FR', 'SA']),
          opens_at: '10:00-08:00',
          closes_at: '13:00-08:00',
        },
      ],
      service_areas: [
        { id: idOf('area', id), service_id: id, name: city, extent_type: 'text', extent: city },
      ],
      attributes: [
        ...needs.map((need, n) => attribute(id, 'service', needTermId(need), 'need', n)),
        ...culture.map((code, n) =>
          attribute(id, 'service', vocabularyTermId('cultural', code), 'cultural-safety', 10 + n),
        ),
      ],
      metadata: [
        {
          id: idOf('metadata', id),
          resource_id: id,
          resource_type: 'service',
          last_action_date: modified.toISOString().slice(0, 10),
          last_action_type: 'update',
          field_name: 'description',
          previous_value: '',
          replacement_value: 'Updated description.',
          updated_by: 'fixture',
        },
      ],
    };
    services.push(service);
    // Most services are delivered at one site of their organization, a few at two, some online.
    const delivered = sites.filter((site, i) => i === 0 || chance(0.4));
    for (const site of delivered)
      links.push({ id: idOf('service-at-location', id, site.id), service_id: id, location_id: site.id });
  }

  return {
    taxonomies: byId(taxonomies),
    taxonomy_terms: byId(terms),
    organizations: byId(organizations),
    locations: byId(locations),
    services: byId(services),
    service_at_locations: byId(links),
  };
}
