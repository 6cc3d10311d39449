/**
 * The directory through the real event store and projection (embedded runtime, PGlite): import,
 * export, lists, matching and the freshness workflow, each against expectations computed from the
 * fixture itself.
 */
import type { Role } from '@spn/auth';
import type { EventMetadata, SqlQueryable, SqlRow } from '@spn/event-store';
import { FixedClock, loadConfig, openRuntime, type ServiceRuntime } from '@spn/service-kit';
import { eventually } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryService } from './directory.service';
import { HsdsValidationError } from './hsds/hsds.validation';
import { STEWARD_IDENTIFIER_TYPE } from './hsds/stewardship';
import { generateDirectory, BC_CITIES } from './hsds/fixture';
import { COLLECTIONS, type HsdsDocument, type HsdsService } from './hsds/hsds.model';
import { DirectoryQueries } from './directory.queries';
import { needTermId, taxonomyIdOf, VOCABULARIES, vocabularyTermId } from './hsds/taxonomies';
import { SERVICE_CHANGE_CONFIRMED } from './directory-events';

const metadata = (
  organizationId = 'fraser-north-health',
  subject = 'steward-1',
  role: Role = 'org-admin',
): EventMetadata => ({
  organizationId,
  actor: { subject, organizationId, roles: [role] },
  purposeOfUse: 'administration',
  correlationId: randomUUID(),
});

const haversineKm = (lat1: number, lon1: number, lat2: number, lon2: number) => {
  const rad = (d: number) => (d * Math.PI) / 180;
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
};

describe('directory on the embedded runtime: HSDS in, events, read model, HSDS out', () => {
  const fixture = generateDirectory({ services: 240 });
  let dataDir: string;
  let runtime: ServiceRuntime;
  let directory: DirectoryService;
  const clock = new FixedClock('2026-03-01T10:00:00.000Z');
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-directory-'));
    runtime = await openRuntime(
      loadConfig({
        SPN_DATA_DIR: dataDir,
        SPN_SEALER: 'off',
        SPN_HOSTING_ORGANIZATION: 'fraser-north-health',
      }),
      { service: 'partners', clock },
    );
    directory = await DirectoryService.start(runtime);
    const receipt = await directory.importDocument(fixture, metadata());
    if (receipt.replayed) throw new Error('a fresh store took the fixture for a replay');
    await eventually(() => directory.queries.imported(receipt.contentId), Boolean, 60_000);
  });
  afterAll(async () => {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const servicesWithTerm = (termId: string) =>
    fixture.services.filter((s) => (s.attributes ?? []).some((a) => a.taxonomy_term_id === termId));
  const locationsOf = (service: HsdsService) => {
    const ids = fixture.service_at_locations
      .filter((l) => l.service_id === service.id)
      .map((l) => l.location_id);
    return fixture.locations.filter((l) => ids.includes(l.id));
  };

  it('exports exactly what it imported (≥ 200 services, through events and projection)', async () => {
    expect(fixture.services.length).toBeGreaterThanOrEqual(200);
    expect(fixture.organizations.length).toBeGreaterThanOrEqual(60);
    let exported = '';
    for await (const chunk of directory.queries.exportDocumentChunks()) exported += chunk;
    expect(JSON.parse(exported)).toEqual(fixture);
    const events = (await runtime.store.readLog({ transactionId: '0', globalPosition: 0 }, 10_000)).events;
    const imports = events.filter((e) => e.type === 'partners.DirectoryRecordsImported');
    expect(imports.length).toBeGreaterThan(1);
    for (const event of imports)
      expect(Buffer.byteLength(JSON.stringify(event.data))).toBeLessThan(256 * 1024);
  });

  it('streams the export in keyset batches: every row exactly once, each batch read only when asked', async () => {
    const batchSize = 7;
    const statements: string[] = [];
    const counted: SqlQueryable = {
      query: <R extends SqlRow>(sql: string, params?: readonly unknown[]) => {
        statements.push(sql);
        return runtime.readModels.query<R>(sql, params);
      },
      exec: (sql) => runtime.readModels.exec(sql),
    };
    const chunks = new DirectoryQueries(counted).exportDocumentChunks(batchSize);
    // Lazy: the opening and the first batch of taxonomies cost one read, whatever the directory's size.
    expect((await chunks.next()).value).toBe('{"taxonomies":[');
    expect(statements).toHaveLength(0);
    const firstBatch = (await chunks.next()).value as string;
    expect(statements).toHaveLength(1);
    expect(JSON.parse(`[${firstBatch}]`)).toHaveLength(Math.min(batchSize, fixture.taxonomies.length));
    let text = `{"taxonomies":[${firstBatch}`;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) text += next.value;
    const exported = JSON.parse(text) as HsdsDocument;
    expect(exported).toEqual(JSON.parse(JSON.stringify(fixture)));
    for (const collection of COLLECTIONS) {
      const ids = exported[collection].map((record) => record.id);
      expect(new Set(ids).size).toBe(fixture[collection].length);
    }
    // One read per full batch and one short (maybe empty) read that ends each table: no more.
    const reads = COLLECTIONS.reduce(
      (sum, collection) => sum + Math.floor(fixture[collection].length / batchSize) + 1,
      0,
    );
    expect(fixture.services.length).toBeGreaterThan(batchSize * 20);
    expect(statements).toHaveLength(reads);
  });

  it('importing the same document again appends nothing', async () => {
    const before = (await runtime.store.readLog({ transactionId: '0', globalPosition: 0 }, 10_000)).events
      .length;
    const again = await directory.importDocument(
      JSON.parse(JSON.stringify(fixture)),
      metadata('island-coast-health'),
    );
    expect(again.replayed).toBe(true);
    const after = (await runtime.store.readLog({ transactionId: '0', globalPosition: 0 }, 10_000)).events
      .length;
    expect(after).toBe(before);
  });

  it('refuses bad documents with the path of each problem, and writes nothing', async () => {
    const before = (await runtime.store.readLog({ transactionId: '0', globalPosition: 0 }, 10_000)).events
      .length;
    const bad = (change: (doc: { -readonly [K in keyof HsdsDocument]: unknown[] }) => void) => {
      const doc = JSON.parse(JSON.stringify(fixture)) as { -readonly [K in keyof HsdsDocument]: unknown[] };
      change(doc);
      return doc;
    };
    const issuesOf = async (doc: unknown) => {
      try {
        await directory.importDocument(doc, metadata());
      } catch (error) {
        if (error instanceof HsdsValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
        throw error;
      }
      throw new Error('accepted');
    };
    await expect(
      issuesOf(bad((d) => ((d.services[3] as Record<string, unknown>)['organization_id'] = randomUUID()))),
    ).resolves.toEqual(['services[3].organization_id: no organization with this id']);
    await expect(
      issuesOf(bad((d) => delete (d.services[0] as Record<string, unknown>)['name'])),
    ).resolves.toEqual(['services[0].name: is required']);
    await expect(
      issuesOf(bad((d) => ((d.locations[2] as Record<string, unknown>)['latitude'] = 123))),
    ).resolves.toEqual(['locations[2].latitude: must be between -90 and 90']);
    await expect(
      issuesOf(bad((d) => ((d.services[1] as Record<string, unknown>)['status'] = 'open'))),
    ).resolves.toEqual(['services[1].status: must be one of active, inactive, defunct, temporarily closed']);
    await expect(issuesOf(bad((d) => d.services.push(d.services[0])))).resolves.toEqual([
      `services[${fixture.services.length}].id: is also the id of services[0]`,
    ]);
    await expect(
      issuesOf(
        bad((d) => {
          const service = d.services[5] as { attributes: { taxonomy_term_id: string }[] };
          service.attributes[0]!.taxonomy_term_id = randomUUID();
        }),
      ),
    ).resolves.toEqual(['services[5].attributes[0].taxonomy_term_id: no taxonomy term with this id']);
    await expect(issuesOf({ services: 'none' })).resolves.toEqual(['services: must be an array']);
    const after = (await runtime.store.readLog({ transactionId: '0', globalPosition: 0 }, 10_000)).events
      .length;
    expect(after).toBe(before);
  });

  it('pages HSDS lists and combines modified_after and taxonomy_id with AND', async () => {
    const first = await directory.queries.services({}, { page: 1, perPage: 50 });
    expect(first).toMatchObject({
      total_items: fixture.services.length,
      total_pages: Math.ceil(fixture.services.length / 50),
      page_number: 1,
      size: 50,
      first_page: true,
      last_page: false,
      empty: false,
    });
    const last = await directory.queries.services({}, { page: 5, perPage: 50 });
    expect(last).toMatchObject({
      page_number: 5,
      size: fixture.services.length - 200,
      last_page: true,
      first_page: false,
    });
    const beyond = await directory.queries.services({}, { page: 9, perPage: 50 });
    expect(beyond).toMatchObject({ empty: true, size: 0, total_items: fixture.services.length });

    const since = new Date('2025-07-01T00:00:00Z');
    const culturalTaxonomy = taxonomyIdOf(VOCABULARIES.cultural.name);
    const culturalTerms = fixture.taxonomy_terms
      .filter((t) => t.taxonomy_id === culturalTaxonomy)
      .map((t) => t.id);
    const expected = fixture.services
      .filter((s) => new Date(s.last_modified!) >= since)
      .filter((s) => (s.attributes ?? []).some((a) => culturalTerms.includes(a.taxonomy_term_id)))
      .map((s) => s.id)
      .sort();
    const page = await directory.queries.services(
      { modifiedAfter: since, taxonomyId: culturalTaxonomy },
      { perPage: 500 },
    );
    expect(page.total_items).toBe(expected.length);
    expect(page.contents.map((s) => s.id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(fixture.services.length / 2);
  });

  it('matches on need, age, language, accessibility and cultural attributes, nearest first', async () => {
    const surrey = BC_CITIES.find((c) => c.city === 'Surrey')!;
    const area = { latitude: surrey.lat, longitude: surrey.lon, radiusKm: 30 };
    const age = 70;
    const wanted = fixture.services
      .filter((s) => s.status === 'active')
      .filter((s) => servicesWithTerm(needTermId('social-connection')).includes(s))
      .filter((s) => (s.minimum_age ?? 0) <= age && (s.maximum_age ?? 200) >= age)
      .flatMap((s) => {
        const distances = locationsOf(s)
          .filter((l) => l.location_type === 'physical')
          .map((l) => haversineKm(area.latitude, area.longitude, l.latitude!, l.longitude!))
          .filter((d) => d <= area.radiusKm);
        return distances.length ? [{ id: s.id, km: Math.min(...distances) }] : [];
      })
      .sort((a, b) => a.km - b.km);
    const matches = await directory.queries.match({ need: 'social-connection', age, near: area, limit: 200 });
    expect(matches.map((m) => m.serviceId)).toEqual(wanted.map((w) => w.id));
    matches.forEach((m, i) => {
      expect(m.distanceKm).toBeCloseTo(wanted[i]!.km, 1);
    });
    expect(wanted.length).toBeGreaterThan(1);

    const punjabi = await directory.queries.match({ languages: ['pa'], limit: 200 });
    const speaksPunjabi = fixture.services.filter(
      (s) => s.status === 'active' && (s.languages ?? []).some((l) => l.code === 'pa'),
    );
    expect(punjabi.map((m) => m.serviceId).sort()).toEqual(speaksPunjabi.map((s) => s.id).sort());

    const indigenous = await directory.queries.match({
      cultural: ['indigenous-led'],
      need: 'food',
      limit: 200,
    });
    const expectedIndigenous = servicesWithTerm(vocabularyTermId('cultural', 'indigenous-led')).filter(
      (s) => s.status === 'active' && servicesWithTerm(needTermId('food')).includes(s),
    );
    expect(indigenous.map((m) => m.serviceId).sort()).toEqual(expectedIndigenous.map((s) => s.id).sort());

    const wheelchair = await directory.queries.match({
      accessibility: ['wheelchair-accessible', 'hearing-loop'],
      limit: 200,
    });
    const accessible = fixture.services.filter(
      (s) =>
        s.status === 'active' &&
        locationsOf(s).some((l) =>
          ['wheelchair-accessible', 'hearing-loop'].every((code) =>
            (l.attributes ?? []).some((a) => a.taxonomy_term_id === vocabularyTermId('accessibility', code)),
          ),
        ),
    );
    expect(wheelchair.map((m) => m.serviceId).sort()).toEqual(accessible.map((s) => s.id).sort());

    const youth = await directory.queries.match({ age: 15, limit: 200 });
    expect(youth.length).toBe(
      fixture.services.filter(
        (s) => s.status === 'active' && (s.minimum_age ?? 0) <= 15 && (s.maximum_age ?? 200) >= 15,
      ).length,
    );
    const needAnywhere = await directory.queries.servicesMatchingNeed('legal');
    expect(needAnywhere.length).toBe(
      servicesWithTerm(needTermId('legal')).filter((s) => s.status === 'active').length,
    );
    await expect(
      directory.queries.servicesMatchingNeed('legal', { latitude: 59.5, longitude: -136.0, radiusKm: 10 }),
    ).resolves.toEqual([]);
  });

  it('verifies services, takes capacity signals, and runs a change report to a confirmation', async () => {
    const service = fixture.services.find((s) => s.status === 'active')!;
    clock.set('2026-03-02T09:30:00.000Z');
    await directory.verifyService(service.id, 'Called them.', metadata());
    await directory.reportCapacity(
      { serviceId: service.id, status: 'waitlist', available: 0, maximum: 30, waitlistWeeks: 3 },
      metadata('fraser-north-health', 'steward-1'),
    );
    const reportId = randomUUID();
    await directory.reportChange(
      { reportId, serviceId: service.id, kind: 'closed', summary: 'Closed for renovations until May.' },
      metadata('fraser-north-health', 'lw-1'),
    );
    await expect(
      directory.reportChange(
        { reportId, serviceId: service.id, kind: 'closed', summary: 'Again.' },
        metadata(),
      ),
    ).rejects.toMatchObject({ code: 'ALREADY_REPORTED' });
    await expect(
      directory.reportChange(
        { reportId: randomUUID(), serviceId: service.id, kind: 'moved', summary: 'x' },
        metadata(),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_KIND', field: 'kind' });
    const open = await eventually(
      () => directory.queries.changeReports('reported').then((page) => page.items),
      (r) => r.length === 1,
    );
    expect(open).toMatchObject([{ reportId, kind: 'closed', status: 'reported', reportedBy: 'lw-1' }]);

    clock.set('2026-03-03T12:00:00.000Z');
    // Only a steward of the service's organization decides: another organization's org-admin may not.
    await expect(
      directory.reviewChange(
        { reportId, decision: 'confirmed' },
        metadata('island-coast-health', 'steward-9'),
      ),
    ).rejects.toMatchObject({ code: 'NOT_STEWARD', field: 'reportId' });
    const decided = await directory.reviewChange(
      { reportId, decision: 'confirmed' },
      metadata('fraser-north-health', 'steward-2'),
    );
    expect(decided.find((e) => e.type === SERVICE_CHANGE_CONFIRMED)?.data).toEqual({
      reportId,
      serviceId: service.id,
      kind: 'closed',
      summary: 'Closed for renovations until May.',
      confirmedAt: '2026-03-03T12:00:00.000Z',
    });
    await expect(
      directory.reviewChange(
        { reportId, decision: 'rejected' },
        metadata('fraser-north-health', 'steward-1'),
      ),
    ).rejects.toMatchObject({ code: 'ALREADY_REVIEWED' });

    const record = await eventually(
      () => directory.queries.serviceRecord(service.id),
      (r) => r?.service.status === 'temporarily closed' && r.capacity !== null,
    );
    expect(record).toMatchObject({
      lastVerifiedAt: '2026-03-02T09:30:00.000Z',
      lastVerifiedBy: 'steward-1',
      openChangeReports: 0,
      capacity: { status: 'waitlist', available: 0, maximum: 30, waitlistWeeks: 3 },
      service: {
        status: 'temporarily closed',
        alert: 'Closed for renovations until May.',
        assured_date: '2026-03-02',
      },
    });
    await expect(
      directory.queries.changeReports('confirmed').then((page) => page.items),
    ).resolves.toMatchObject([{ reportId, reviewedBy: 'steward-2' }]);
    await expect(directory.verifyService(randomUUID(), undefined, metadata())).rejects.toMatchObject({
      code: 'SERVICE_NOT_FOUND',
    });
  });
  it('has owners: an org-admin writes only the records their organization stewards; capacity only for its own services', async () => {
    // The fixture was imported by fraser-north-health's org-admin: fraser stewards its organizations.
    const edited = JSON.parse(JSON.stringify(fixture)) as HsdsDocument & { services: { name: string }[] };
    edited.services[0]!.name = 'Taken over';
    await expect(directory.importDocument(edited, metadata('island-coast-health'))).rejects.toMatchObject({
      code: 'NOT_STEWARD',
      field: 'organizations[0].id',
    });
    // A partner's own record: a new organization, named for its platform organization by the network's
    // steward (the hosting authority's platform-admin), with one service.
    const own = (identifier?: string) => {
      const organizationId = randomUUID();
      const template = fixture.services[0]!;
      const document = {
        taxonomies: fixture.taxonomies,
        taxonomy_terms: fixture.taxonomy_terms,
        organizations: [
          {
            id: organizationId,
            name: `Fictional partner ${organizationId.slice(0, 8)}`,
            description: 'A fictional organization.',
            ...(identifier
              ? {
                  organization_identifiers: [
                    {
                      id: randomUUID(),
                      organization_id: organizationId,
                      identifier_type: STEWARD_IDENTIFIER_TYPE,
                      identifier,
                    },
                  ],
                }
              : {}),
          },
        ],
        locations: [],
        services: [
          {
            id: randomUUID(),
            organization_id: organizationId,
            name: 'Fictional pantry',
            status: 'active',
            attributes: template.attributes,
          },
        ],
        service_at_locations: [],
      } as unknown as HsdsDocument;
      return { document, serviceId: document.services[0]!.id };
    };
    // An org-admin may not give a new record to another organization; the network's steward may.
    await expect(
      directory.importDocument(own('harbour-food-bank').document, metadata('island-coast-health')),
    ).rejects.toMatchObject({ code: 'NOT_STEWARD', field: 'organizations[0].organization_identifiers' });
    const platformAdmin = metadata('fraser-north-health', 'admin-1', 'platform-admin');
    const harbour = own('harbour-food-bank');
    const imported = await directory.importDocument(harbour.document, platformAdmin);
    await eventually(() => directory.queries.imported(imported.contentId), Boolean);
    // Capacity: the partner's own service only.
    const capacity = { serviceId: harbour.serviceId, status: 'limited', available: 2, maximum: 10 };
    await directory.reportCapacity(capacity, metadata('harbour-food-bank', 'partner-1', 'partner-staff'));
    for (const [organizationId, role] of [
      ['greenway-seniors-centre', 'partner-staff'],
      ['island-coast-health', 'org-admin'],
      ['fraser-north-health', 'org-admin'],
    ] as const)
      await expect(
        directory.reportCapacity(capacity, metadata(organizationId, 'someone', role)),
      ).rejects.toMatchObject({ code: 'NOT_STEWARD', field: 'serviceId' });
    await expect(
      directory.reportCapacity(
        { ...capacity, serviceId: fixture.services[0]!.id },
        metadata('harbour-food-bank', 'partner-1', 'partner-staff'),
      ),
    ).rejects.toMatchObject({ code: 'NOT_STEWARD', field: 'serviceId' });
    // A new organization of one's own becomes one's own: another org-admin can neither import over it
    // nor verify its services; the network's steward can do both.
    const island = own();
    const islandImport = await directory.importDocument(island.document, metadata('island-coast-health'));
    await eventually(() => directory.queries.imported(islandImport.contentId), Boolean);
    const renamed = JSON.parse(JSON.stringify(island.document)) as HsdsDocument & {
      services: { name: string }[];
    };
    renamed.services[0]!.name = 'Renamed by another organization';
    await expect(directory.importDocument(renamed, metadata('fraser-north-health'))).rejects.toMatchObject({
      code: 'NOT_STEWARD',
      field: 'organizations[0].id',
    });
    await expect(
      directory.verifyService(island.serviceId, undefined, metadata('fraser-north-health')),
    ).rejects.toMatchObject({ code: 'NOT_STEWARD', field: 'serviceId' });
    await directory.verifyService(island.serviceId, undefined, metadata('island-coast-health'));
    await directory.verifyService(island.serviceId, undefined, platformAdmin);
    // Another organization's platform-admin is no network steward.
    await expect(
      directory.importDocument(renamed, metadata('island-coast-health', 'admin-2', 'platform-admin')),
    ).resolves.toMatchObject({ replayed: false });
    await expect(
      directory.importDocument(edited, metadata('island-coast-health', 'admin-2', 'platform-admin')),
    ).rejects.toMatchObject({ code: 'NOT_STEWARD', field: 'organizations[0].id' });
    const network = await directory.importDocument(edited, platformAdmin);
    expect(network.replayed).toBe(false);
  });

  it("has owners for taxonomies: only the network's steward creates or changes one; others may restate them", async () => {
    const events = async () =>
      (await runtime.store.readLog({ transactionId: '0', globalPosition: 0 }, 100_000)).events.length;
    const before = await events();
    const taxonomyId = randomUUID();
    const taxonomy = { id: taxonomyId, name: 'Fictional local needs', description: 'A test vocabulary.' };
    const term = {
      id: randomUUID(),
      code: 'fictional-need',
      name: 'Fictional need',
      description: 'A need only this test knows.',
      taxonomy_id: taxonomyId,
    };
    const vocabulary = { taxonomies: [taxonomy], taxonomy_terms: [term] } as unknown as HsdsDocument;
    const platformAdmin = metadata('fraser-north-health', 'admin-1', 'platform-admin');
    // Creating one: another organization's org-admin, the hosting organization's org-admin and another
    // organization's platform-admin are all refused.
    for (const caller of [
      metadata('island-coast-health'),
      metadata('fraser-north-health'),
      metadata('island-coast-health', 'admin-2', 'platform-admin'),
    ])
      await expect(directory.importDocument(vocabulary, caller)).rejects.toMatchObject({
        code: 'NOT_STEWARD',
        field: 'taxonomies[0].id',
      });
    // A new term in the network's own (shipped) taxonomy, and a changed shipped term.
    const needs = fixture.taxonomies.find((t) => t.id === taxonomyIdOf(VOCABULARIES.needs.name))!;
    const newTerm = { ...term, taxonomy_id: needs.id };
    await expect(
      directory.importDocument(
        { taxonomies: [needs], taxonomy_terms: [newTerm] },
        metadata('island-coast-health'),
      ),
    ).rejects.toMatchObject({ code: 'NOT_STEWARD', field: 'taxonomy_terms[0].id' });
    const food = fixture.taxonomy_terms.find((t) => t.id === needTermId('food'))!;
    await expect(
      directory.importDocument(
        {
          taxonomies: [needs],
          taxonomy_terms: [{ ...food, name: 'Groceries (renamed by a partner)' }],
        },
        metadata('island-coast-health'),
      ),
    ).rejects.toMatchObject({ code: 'NOT_STEWARD', field: 'taxonomy_terms[0].id' });
    expect(await events()).toBe(before);

    // The network's steward creates it; then anyone's document may carry it as it stands, not changed.
    const created = await directory.importDocument(vocabulary, platformAdmin);
    await eventually(() => directory.queries.imported(created.contentId), Boolean);
    const listed = await directory.queries.taxonomies({ search: 'fictional local' }, {});
    expect(listed.contents.map((t) => t.id)).toEqual([taxonomyId]);
    const organizationId = randomUUID();
    const restated = await directory.importDocument(
      {
        taxonomies: [taxonomy, needs],
        taxonomy_terms: [term, food],
        organizations: [{ id: organizationId, name: 'Fictional island group', description: 'Fictional.' }],
      },
      metadata('island-coast-health'),
    );
    expect(restated.replayed).toBe(false);
    await expect(
      directory.importDocument(
        {
          taxonomies: [{ ...taxonomy, description: 'Changed by a partner.' }],
        },
        metadata('island-coast-health'),
      ),
    ).rejects.toMatchObject({ code: 'NOT_STEWARD', field: 'taxonomies[0].id' });
    const changed = await directory.importDocument(
      { taxonomies: [{ ...taxonomy, description: 'Changed by the steward.' }] },
      platformAdmin,
    );
    expect(changed.replayed).toBe(false);
  });
});
