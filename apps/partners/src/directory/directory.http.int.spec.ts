/**
 * The directory over HTTP, in the partners subgraph as `npm start` runs it: HSDS REST under `/hsds`
 * and GraphQL, with real tokens from the development issuer.
 */
import { DEMO_USERS, demoUser, openDevIssuer, type DevIssuer } from '@spn/auth';
import { restRoutes, type SubgraphServer } from '@spn/service-kit';
import {
  eventually,
  freePort,
  postGraphQL,
  refusalCodes,
  walkPages,
  type GraphQLResponse,
} from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPartnersServer, subgraph } from '../server';
import { generateDirectory } from './hsds/fixture';
import { needTermId, taxonomyIdOf, VOCABULARIES } from './hsds/taxonomies';

type Headers = Record<string, string>;

describe('HSDS directory over HTTP (partners subgraph, embedded runtime)', () => {
  // 200 services: some 700 kB of JSON, beyond express's default body limit (the subgraph raises it).
  const fixture = generateDirectory({ services: 200, seed: 7 });
  let dataDir: string;
  let server: SubgraphServer;
  let issuer: DevIssuer;
  let base: string;
  const as = async (username: string): Promise<Headers> => ({
    authorization: `Bearer ${await issuer.mint(demoUser(username)!)}`,
  });
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-directory-http-'));
    const env = { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) };
    server = await startPartnersServer(env, { signals: false });
    issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    base = server.url.replace(/\/graphql$/, '/hsds');
  });
  afterAll(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A paged list field's items (none when the answer has no page). */
  const itemsOf = (answer: GraphQLResponse, field: string) =>
    (answer.data?.[field] as { items: Record<string, unknown>[] } | null | undefined)?.items;
  const get = async (path: string, headers: Headers = {}) => {
    const response = await fetch(`${base}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const post = async (path: string, body: unknown, headers: Headers) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('refuses a caller without a token (401), and a wrong role on import (403, typed)', async () => {
    const anonymous = await get('/services');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const refused = await post('/import', fixture, await as('linkworker.fraser'));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    const gql = await postGraphQL(
      server.url,
      'mutation ($d: String!) { importDirectory(document: $d) { services } }',
      { d: JSON.stringify(fixture) },
      await as('partner.harbour'),
    );
    expect(refusalCodes(gql)).toEqual([['FORBIDDEN', undefined]]);
  });

  it('lets through each REST route, generated from the controllers, exactly the roles it declares', async () => {
    const origin = new URL(server.url).origin;
    const routes = restRoutes(subgraph.rest?.controllers ?? []);
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const outcomes: { route: string; who: string; status: number | 'past' }[] = [];
    const expected: typeof outcomes = [];
    for (const route of routes) {
      const url = `${origin}${route.path.replace(/:[A-Za-z_]+/g, randomUUID())}`;
      const name = `${route.method} ${route.path}`;
      for (const who of [undefined, ...DEMO_USERS]) {
        const response = await fetch(url, {
          method: route.method,
          headers: {
            ...(who ? await as(who.username) : {}),
            'content-type': 'application/json',
          },
          ...(route.method === 'POST' ? { body: '{"services":"none"}' } : {}),
        });
        await response.body?.cancel();
        const status = response.status === 401 || response.status === 403 ? response.status : 'past';
        outcomes.push({ route: name, who: who?.username ?? 'no token', status });
        expected.push({
          route: name,
          who: who?.username ?? 'no token',
          status: !who ? 401 : route.roles.includes(who.roles[0]!) ? 'past' : 403,
        });
      }
    }
    expect(outcomes).toEqual(expected);
    // The import is the stewards' alone: every other role of every organization is refused.
    const imports = outcomes.filter((outcome) => outcome.route === 'POST /hsds/import');
    expect(imports.filter((outcome) => outcome.status === 'past').map((outcome) => outcome.who)).toEqual([
      'orgadmin.fraser',
      'orgadmin.island',
      'platformadmin',
    ]);
  });

  it('refuses an invalid document with 400 naming each path, and imports a valid one', async () => {
    const admin = await as('orgadmin.fraser');
    const broken = JSON.parse(JSON.stringify(fixture)) as { services: Record<string, unknown>[] };
    broken.services[3]!['organization_id'] = randomUUID();
    broken.services[4]!['minimum_age'] = 'ten';
    const bad = await post('/import', broken, admin);
    expect(bad.status).toBe(400);
    expect(bad.body['errors']).toEqual([
      {
        message: 'services[4].minimum_age: must be a number',
        extensions: { code: 'INVALID_TYPE', field: 'services[4].minimum_age' },
      },
    ]);
    broken.services[4]!['minimum_age'] = 10;
    const badReference = await post('/import', broken, admin);
    expect(badReference.body['errors']).toEqual([
      {
        message: 'services[3].organization_id: no organization with this id',
        extensions: { code: 'UNKNOWN_REFERENCE', field: 'services[3].organization_id' },
      },
    ]);
    const imported = await post('/import', fixture, admin);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ replayed: false, counts: { services: 200 } });
    const again = await postGraphQL(
      server.url,
      'mutation ($d: String!) { importDirectory(document: $d) { replayed services } }',
      { d: JSON.stringify(fixture) },
      await as('platformadmin'),
    );
    expect(again.data).toEqual({ importDirectory: { replayed: true, services: 200 } });
    // Another organization's org-admin may not overwrite records fraser-north-health stewards.
    const edited = JSON.parse(JSON.stringify(fixture)) as { services: Record<string, unknown>[] };
    edited.services[0]!['name'] = 'Taken over';
    const overwrite = await post('/import', edited, await as('orgadmin.island'));
    expect({ status: overwrite.status, errors: overwrite.body['errors'] }).toEqual({
      status: 403,
      errors: [
        {
          message: expect.stringContaining('steward') as unknown,
          extensions: { code: 'NOT_STEWARD', field: 'organizations[0].id' },
        },
      ],
    });
    const invalid = await postGraphQL(
      server.url,
      'mutation ($d: String!) { importDirectory(document: $d) { replayed } }',
      { d: JSON.stringify({ services: [{ id: 'x' }] }) },
      admin,
    );
    expect(refusalCodes(invalid)).toEqual([['INVALID_HSDS', 'services[0].id']]);
  });

  it("applies GraphQL's boundary checks to REST bodies and query parameters: 400 naming the field, nothing stored", async () => {
    const admin = await as('orgadmin.fraser');
    const events = async () =>
      (await server.runtime.store.readLog({ transactionId: '0', globalPosition: 0 }, 100_000)).events.length;
    const before = await events();
    const changed = (edit: (doc: { services: Record<string, unknown>[] }) => void) => {
      const doc = JSON.parse(JSON.stringify(fixture)) as { services: Record<string, unknown>[] };
      edit(doc);
      return doc;
    };
    const sealed = await post(
      '/import',
      changed((doc) => {
        doc.services[2]!['name'] = 'pd1:AAAAAAAA';
      }),
      admin,
    );
    const nul = await post(
      '/import',
      changed((doc) => {
        doc.services[5]!['description'] = 'open\u0000late';
      }),
      admin,
    );
    const search = await get(`/services?search=${encodeURIComponent('café\u0000')}`, admin);
    const taxonomy = await get(`/taxonomy_terms?search=${encodeURIComponent('pd1:x')}`, admin);
    expect(
      [sealed, nul, search, taxonomy].map((answer) => ({
        status: answer.status,
        extensions: (answer.body['errors'] as { extensions: unknown }[]).map((e) => e.extensions),
      })),
    ).toEqual([
      { status: 400, extensions: [{ code: 'RESERVED_PREFIX', field: 'services[2].name' }] },
      { status: 400, extensions: [{ code: 'INVALID_CHARACTER', field: 'services[5].description' }] },
      { status: 400, extensions: [{ code: 'INVALID_CHARACTER', field: 'search' }] },
      { status: 400, extensions: [{ code: 'RESERVED_PREFIX', field: 'search' }] },
    ]);
    // The value is never quoted back.
    expect(JSON.stringify([sealed.body, taxonomy.body])).not.toContain('AAAAAAAA');
    expect(await events()).toBe(before);
  });

  it('serves the HSDS API: info, paged lists with filters, full records, 404s, export', async () => {
    const reader = await as('analyst.fraser');
    await eventually(
      () => get('/services', reader),
      (r) => r.body['total_items'] === 200,
    );
    await expect(get('', reader)).resolves.toMatchObject({ status: 200, body: { version: '3.0' } });
    const page = await get('/services?per_page=6&page=34', reader);
    expect(page.body).toMatchObject({
      total_items: 200,
      total_pages: 34,
      page_number: 34,
      size: 2,
      first_page: false,
      last_page: true,
      empty: false,
    });
    const food = fixture.services.filter((s) =>
      (s.attributes ?? []).some((a) => a.taxonomy_term_id === needTermId('food')),
    );
    const byTerm = await get(`/services?taxonomy_term_id=${needTermId('food')}&per_page=100`, reader);
    expect((byTerm.body['contents'] as { id: string }[]).map((s) => s.id).sort()).toEqual(
      food.map((s) => s.id).sort(),
    );
    const needs = await get(
      `/taxonomy_terms?taxonomy_id=${taxonomyIdOf(VOCABULARIES.needs.name)}&per_page=100`,
      reader,
    );
    expect(needs.body['total_items']).toBe(VOCABULARIES.needs.codes.length);
    await expect(get('/services?modified_after=yesterday', reader)).resolves.toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'INVALID_DATE', field: 'modified_after' } }] },
    });

    const service = fixture.services[0]!;
    const full = await get(`/services/${service.id}`, reader);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ id: service.id, organization: { id: service.organization_id } });
    expect(
      (full.body['service_at_locations'] as { location: { id: string } }[])[0]?.location.id,
    ).toBeDefined();
    await expect(get(`/services/${randomUUID()}`, reader)).resolves.toMatchObject({
      status: 404,
      body: { errors: [{ extensions: { code: 'NOT_FOUND', field: 'id' } }] },
    });
    await expect(get(`/organizations/${service.organization_id}`, reader)).resolves.toMatchObject({
      status: 200,
    });
    await expect(get('/organizations', reader)).resolves.toMatchObject({
      body: { total_items: fixture.organizations.length },
    });
    await expect(get('/service_at_locations', reader)).resolves.toMatchObject({
      body: { total_items: fixture.service_at_locations.length },
    });
    await expect(get('/taxonomies', reader)).resolves.toMatchObject({
      body: { total_items: fixture.taxonomies.length },
    });
    // Streamed: sent in chunks as the rows are read, so no length is known when the headers leave.
    const exported = await fetch(`${base}/export`, { headers: reader });
    expect({
      status: exported.status,
      type: exported.headers.get('content-type'),
      length: exported.headers.get('content-length'),
      encoding: exported.headers.get('transfer-encoding'),
    }).toEqual({ status: 200, type: 'application/json; charset=utf-8', length: null, encoding: 'chunked' });
    expect(await exported.json()).toEqual(JSON.parse(JSON.stringify(fixture)));
    await expect(get('/export', {})).resolves.toMatchObject({ status: 401 });
  });

  it('runs matching and the change-report workflow through GraphQL, by role', async () => {
    const linkWorker = await as('linkworker.fraser');
    const service = fixture.services.find((s) => s.status === 'active')!;
    const matched = await postGraphQL(
      server.url,
      'query ($i: MatchResourcesInput!) { matchResources(input: $i, first: 100) { items { serviceId distanceKm } } }',
      { i: { need: 'food' } },
      linkWorker,
    );
    expect(matched.errors).toBeUndefined();
    // A page at a time, by name and nearest first: every match once, in the order of one 200-item page.
    const location = fixture.locations.find((l) => l.latitude !== undefined && l.latitude !== null)!;
    for (const [input, first] of [
      [{ need: 'food' }, 7],
      [{ near: { latitude: location.latitude, longitude: location.longitude, radiusKm: 1000 } }, 9],
    ] as const) {
      const page = (size: number, after: string | null) =>
        postGraphQL(
          server.url,
          'query ($i: MatchResourcesInput!, $first: Int, $after: String) { matchResources(input: $i, first: $first, after: $after) { items { serviceId distanceKm } nextCursor } }',
          { i: input, first: size, after },
          linkWorker,
        );
      const whole = itemsOf(await page(200, null), 'matchResources') ?? [];
      expect(whole.length).toBeGreaterThan(first);
      const walked = await walkPages('matchResources', (after) => page(first, after));
      expect(walked.items).toEqual(whole);
      expect(new Set(walked.items.map((match) => match['serviceId'])).size).toBe(walked.items.length);
      expect(walked.pages).toBe(Math.ceil(whole.length / first));
      expect(refusalCodes(await page(201, null))).toEqual([['PAGE_SIZE', 'first']]);
      expect(refusalCodes(await page(first, 'bm90IGEgY3Vyc29y'))).toEqual([['INVALID_CURSOR', 'after']]);
    }
    // The directory itself, by name: 200 services 30 at a time, each once, in one page's order.
    const servicesPage = (size: number, after: string | null) =>
      postGraphQL(
        server.url,
        'query ($first: Int, $after: String) { directoryServices(first: $first, after: $after) { items { id name } nextCursor } }',
        { first: size, after },
        linkWorker,
      );
    const allServices = itemsOf(await servicesPage(200, null), 'directoryServices') ?? [];
    expect(allServices).toHaveLength(fixture.services.length);
    const walkedServices = await walkPages('directoryServices', (after) => servicesPage(30, after));
    expect(walkedServices.items).toEqual(allServices);
    expect(walkedServices.pages).toBe(Math.ceil(fixture.services.length / 30));
    expect(refusalCodes(await servicesPage(201, null))).toEqual([['PAGE_SIZE', 'first']]);
    const report = await postGraphQL(
      server.url,
      'mutation ($i: ReportServiceChangeInput!) { reportServiceChange(input: $i) { id } }',
      { i: { serviceId: service.id, kind: 'waitlist', summary: 'Six-week waitlist since March.' } },
      linkWorker,
    );
    const reportId = (report.data?.['reportServiceChange'] as { id: string }).id;
    const review = 'mutation ($i: ReviewServiceChangeInput!) { reviewServiceChange(input: $i) { id at } }';
    const notSteward = await postGraphQL(
      server.url,
      review,
      { i: { reportId, decision: 'confirmed' } },
      linkWorker,
    );
    expect(refusalCodes(notSteward)).toEqual([['FORBIDDEN', undefined]]);
    // An org-admin of an organization that does not steward the service's record: a typed refusal.
    const otherSteward = await postGraphQL(
      server.url,
      review,
      { i: { reportId, decision: 'confirmed' } },
      await as('orgadmin.island'),
    );
    expect(refusalCodes(otherSteward)).toEqual([['NOT_STEWARD', 'reportId']]);
    const confirmed = await postGraphQL(
      server.url,
      review,
      { i: { reportId, decision: 'confirmed' } },
      await as('orgadmin.fraser'),
    );
    expect(confirmed.errors).toBeUndefined();
    const events = await server.runtime.store.readStream(`directoryChangeReview-${reportId}`);
    expect(events.map((e) => e.type)).toEqual([
      'partners.ServiceChangeReviewed',
      'partners.ServiceChangeConfirmed',
    ]);
    expect(Object.keys(events[1]!.data).sort()).toEqual([
      'confirmedAt',
      'kind',
      'reportId',
      'serviceId',
      'summary',
    ]);
    const capacity = await postGraphQL(
      server.url,
      'mutation ($i: ReportServiceCapacityInput!) { reportServiceCapacity(input: $i) { id } }',
      { i: { serviceId: service.id, status: 'full' } },
      linkWorker,
    );
    expect(refusalCodes(capacity)).toEqual([['FORBIDDEN', undefined]]);
    const listed = await eventually(
      () =>
        postGraphQL(
          server.url,
          'query { serviceChangeReports(status: "confirmed") { items { reportId kind status } } }',
          {},
          linkWorker,
        ),
      (r) => (itemsOf(r, 'serviceChangeReports') as unknown[] | undefined)?.length === 1,
    );
    expect(listed.data).toEqual({
      serviceChangeReports: { items: [{ reportId, kind: 'waitlist', status: 'confirmed' }] },
    });
    const shown = await postGraphQL(
      server.url,
      'query ($id: ID!) { directoryService(id: $id) { id alert openChangeReports } }',
      { id: service.id },
      linkWorker,
    );
    expect(shown.data).toEqual({
      directoryService: { id: service.id, alert: 'Six-week waitlist since March.', openChangeReports: 0 },
    });
  });

  it("lists the services the caller's own organization stewards, from its token only, a page at a time", async () => {
    // island-coast-health's org-admin imports organizations of its own: island stewards them.
    const island = generateDirectory({ services: 12, seed: 21 });
    const fraserIds = new Set(fixture.services.map((service) => service.id));
    expect(island.services.some((service) => fraserIds.has(service.id))).toBe(false);
    const imported = await postGraphQL(
      server.url,
      'mutation ($d: String!) { importDirectory(document: $d) { contentId } }',
      { d: JSON.stringify(island) },
      await as('orgadmin.island'),
    );
    expect(imported.errors).toBeUndefined();
    const ours = async (
      username: string,
      first: number,
      after: string | null,
      filter: Record<string, unknown> = {},
    ) =>
      postGraphQL(
        server.url,
        'query ($first: Int, $after: String, $filter: DirectoryFilterInput) { directoryServices(first: $first, after: $after, filter: $filter) { items { id organizationId } nextCursor } }',
        { first, after, filter: { stewardedByMe: true, ...filter } },
        await as(username),
      );
    const islandIds = island.services.map((service) => service.id).sort();
    const listed = await eventually(
      async () => itemsOf(await ours('orgadmin.island', 200, null), 'directoryServices') ?? [],
      (items) => items.length === island.services.length,
    );
    expect(listed.map((item) => item['id']).sort()).toEqual(islandIds);
    // A page at a time: every one once, in the one page's order.
    const walked = await walkPages('directoryServices', (after) => ours('orgadmin.island', 5, after));
    expect(walked.items).toEqual(listed);
    expect(walked.pages).toBe(Math.ceil(island.services.length / 5));
    // Anyone of island's organization sees the same; another organization never sees island's.
    expect(itemsOf(await ours('linkworker.island', 200, null), 'directoryServices')).toEqual(listed);
    const fraser = itemsOf(await ours('orgadmin.fraser', 200, null), 'directoryServices') ?? [];
    expect(fraser.filter((item) => islandIds.includes(item['id'] as string))).toEqual([]);
    expect(fraser.every((item) => fraserIds.has(item['id'] as string))).toBe(true);
    // A filter by organization cannot reach past it: island's organization, asked by fraser, is empty.
    const named = await ours('orgadmin.fraser', 200, null, { organizationId: island.organizations[0]!.id });
    expect(named.errors).toBeUndefined();
    expect(itemsOf(named, 'directoryServices')).toEqual([]);
    // Organizations that steward nothing see nothing, though they read the whole directory unfiltered.
    for (const username of ['partner.harbour', 'partner.greenway']) {
      const none = await ours(username, 200, null);
      expect(none.errors).toBeUndefined();
      expect(itemsOf(none, 'directoryServices')).toEqual([]);
    }
    const all = await postGraphQL(
      server.url,
      'query { directoryServices(first: 200) { items { id } } }',
      {},
      await as('partner.harbour'),
    );
    expect(itemsOf(all, 'directoryServices')?.length).toBeGreaterThanOrEqual(island.services.length);
  });
});
