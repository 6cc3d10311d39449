/**
 * The analytics subgraph over HTTP on the embedded runtime, sharing its event store as `npm start`
 * does. The test plays the clients, care-plans and partners contexts by appending their events (the
 * personal fields sealed as those services seal them): analytics learns of them only through its
 * projection of their topics. The figures of a large generated network are in analytics.int.spec.ts.
 */
import { demoUser, openDevIssuer } from '@spn/auth';
import { CLIENT_REFERRED } from '@spn/contracts';
import type { EventMetadata, NewEvent, SqlEventStore } from '@spn/event-store';
import {
  loadConfig,
  openEventStore,
  organizationStreamId,
  PersonalData,
  type SubgraphServer,
} from '@spn/service-kit';
import {
  eventually,
  freePort,
  postGraphQL,
  refusalCodes,
  walkPages,
  type GraphQLResponse,
} from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PopulationQueries } from './population/population.queries';
import { startAnalyticsServer } from './server';
import { NETWORK_PERSONAL_FIELDS } from './testing/network';

const SCHEMA_FILE = resolve(__dirname, '../schema.graphql');
const ORG = 'fraser-north-health';
const ISLAND = 'island-coast-health';
type Headers = Record<string, string>;

describe('analytics subgraph over HTTP (embedded runtime, shared store)', () => {
  let dataDir: string;
  let store: SqlEventStore;
  let server: SubgraphServer;
  let analyst: Headers;
  let islandAnalyst: Headers;
  let admin: Headers;
  let worker: Headers;
  let seal: PersonalData;

  const metadata = (organizationId = ORG): EventMetadata => ({
    organizationId,
    actor: { subject: demoUser('linkworker.fraser')!.subject, organizationId, roles: ['link-worker'] },
    purposeOfUse: 'care',
    correlationId: randomUUID(),
  });
  const append = async (streamId: string, events: Omit<NewEvent, 'metadata'>[], organizationId = ORG) => {
    const clientId = streamId.slice(streamId.indexOf('-') + 1);
    const sealed = await seal.seal(clientId, organizationId, events as NewEvent[]);
    await store.append(
      streamId,
      'any',
      sealed.map((event) => ({ ...event, metadata: metadata(organizationId) })),
    );
  };
  /** A client referred on `at`, who describes themself and consents to evaluation (or not). */
  const client = async (options: {
    area: string;
    at: string;
    gender?: string;
    consent?: boolean;
    organizationId?: string;
  }) => {
    const clientId = randomUUID();
    const consentId = randomUUID();
    await append(
      `client-${clientId}`,
      [
        {
          type: CLIENT_REFERRED,
          schemaVersion: 2,
          data: {
            clientId,
            referralId: randomUUID(),
            referrerOrganizationId: 'org-clinic',
            needs: ['food'],
            urgency: 'routine',
          },
          occurredAt: new Date(options.at),
        },
        {
          type: 'clients.ClientDetailsRegistered',
          data: {
            givenName: 'Test',
            familyName: 'Person',
            dateOfBirth: '1950-01-01',
            preferredLanguage: 'fr',
          },
        },
        {
          type: 'clients.DemographicsDescribed',
          data: { area: options.area, gender: options.gender ?? 'woman', incomeBand: null, ethnicity: null },
        },
        ...(options.consent === false
          ? []
          : [
              {
                type: 'clients.ConsentRecorded',
                data: {
                  consentId,
                  purpose: 'evaluation',
                  recipientOrganizationId: null,
                  recordedAt: options.at,
                },
              },
            ]),
      ],
      options.organizationId,
    );
    return { clientId, consentId };
  };
  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Headers = analyst) =>
    postGraphQL(server.url, query, variables, headers);
  const referredTotal = async (area = '*') => {
    const answer = await gql(
      'query ($area: String) { populationHealth(measure: CLIENTS_REFERRED, area: $area) { period stratum count suppressed } }',
      { area },
    );
    expect(answer.errors).toBeUndefined();
    const cells = answer.data?.['populationHealth'] as {
      period: string;
      stratum: string;
      count: number | null;
    }[];
    return cells.find((cell) => cell.period === '*' && cell.stratum === '*')?.count;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-analytics-http-'));
    const env = { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) };
    store = await openEventStore(loadConfig(env));
    seal = new PersonalData(store.keys, NETWORK_PERSONAL_FIELDS);
    server = await startAnalyticsServer(env, { signals: false, sharedStore: store });
    const issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    const as = async (username: string) => ({
      authorization: `Bearer ${await issuer.mint(demoUser(username)!)}`,
    });
    analyst = await as('analyst.fraser');
    islandAnalyst = await as('analyst.island');
    admin = await as('orgadmin.fraser');
    worker = await as('linkworker.fraser');
  });
  afterAll(async () => {
    await server.stop();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('counts only consented clients of the caller organization, and hides a cell of fewer than five', async () => {
    for (let i = 0; i < 12; i++) await client({ area: 'V3B', at: '2026-02-10T10:00:00Z' });
    for (let i = 0; i < 7; i++) await client({ area: 'V3C', at: '2026-02-10T10:00:00Z' });
    for (let i = 0; i < 2; i++) await client({ area: 'V5K', at: '2026-02-10T10:00:00Z' });
    for (let i = 0; i < 3; i++) await client({ area: 'V3B', at: '2026-02-10T10:00:00Z', consent: false });
    for (let i = 0; i < 6; i++)
      await client({ area: 'V9A', at: '2026-02-10T10:00:00Z', organizationId: ISLAND });
    await eventually(
      () => referredTotal(),
      (total) => total === 21,
    );
    expect(await referredTotal('V3B')).toBe(12);
    // Two clients in V5K: suppressed; so is the smaller other area, else the total less V3B and V3C
    // would give them back.
    const answer = await gql(
      '{ populationHealth(measure: CLIENTS_REFERRED, area: "V5K") { period stratum count clients suppressed } }',
    );
    expect(answer.data?.['populationHealth']).toContainEqual({
      period: '*',
      stratum: '*',
      count: null,
      clients: null,
      suppressed: 'SMALL_CELL',
    });
    expect(await referredTotal('V3C')).toBeNull();
    // By gender: the 21 are women; the strata are what the clients said, opened from their sealed fields.
    const byGender = await gql(
      '{ populationHealth(measure: CLIENTS_REFERRED, stratifyBy: GENDER) { period stratum count } }',
    );
    expect(byGender.data?.['populationHealth']).toContainEqual({ period: '*', stratum: 'woman', count: 21 });
    // The island's analyst sees only the island's six.
    const island = await gql(
      '{ populationHealth(measure: CLIENTS_REFERRED) { period stratum count } }',
      {},
      islandAnalyst,
    );
    expect(island.data?.['populationHealth']).toContainEqual({ period: '*', stratum: '*', count: 6 });
  });

  it('takes a withdrawal of consent into account at once, and an erasure for good', async () => {
    const before = (await referredTotal()) ?? 0;
    const { clientId, consentId } = await client({ area: 'V3B', at: '2026-03-01T10:00:00Z' });
    await eventually(
      () => referredTotal(),
      (total) => total === before + 1,
    );
    await append(`client-${clientId}`, [
      { type: 'clients.ConsentWithdrawn', data: { consentId, withdrawnAt: new Date().toISOString() } },
    ]);
    await eventually(
      () => referredTotal(),
      (total) => total === before,
    );

    const erased = await client({ area: 'V3B', at: '2026-03-01T10:00:00Z' });
    await eventually(
      () => referredTotal(),
      (total) => total === before + 1,
    );
    await append(`client-${erased.clientId}`, [
      {
        type: 'clients.ClientErased',
        data: { reason: 'CLIENT_REQUEST', erasedAt: new Date().toISOString() },
      },
    ]);
    await eventually(
      () => referredTotal(),
      (total) => total === before,
    );
    // A partner's referral of the erased client arriving late does not bring them back: once a later
    // referral (of a client still here) is in, the erased one's is known to have been handled.
    const referral = (clientId: string) => ({
      type: 'partners.ReferralCreated',
      data: {
        referralId: randomUUID(),
        clientId,
        need: 'food',
        serviceId: null,
        resourceName: 'Food bank',
        partnerOrganizationId: 'harbour-food-bank',
        status: 'requested',
        createdAt: new Date().toISOString(),
      },
    });
    await append(`referral-${erased.clientId}`, [referral(erased.clientId)]);
    await append(`referral-${clientId}`, [referral(clientId)]);
    const referralsOf = (id: string) =>
      server.runtime.readModels.query('SELECT 1 FROM analytics_referral WHERE client_id = $1', [id]);
    await eventually(
      () => referralsOf(clientId),
      (rows) => rows.length === 1,
    );
    expect(await referralsOf(erased.clientId)).toEqual([]);
  });

  it('computes a cached table again only once an event changes a fact it reads', async () => {
    const queries = new PopulationQueries(server.runtime.readModels, server.runtime.personalData);
    const stamps = async () => ({
      clients: await queries.factsVersion('clients'),
      referrals: await queries.factsVersion('referrals'),
      outcomes: await queries.factsVersion('outcomes'),
    });
    const { clientId, consentId } = await client({ area: 'V3C', at: '2026-04-01T10:00:00Z' });
    await eventually(
      () =>
        server.runtime.readModels.query('SELECT 1 FROM analytics_consent WHERE consent_id = $1', [consentId]),
      (rows) => rows.length === 1,
    );
    const before = await stamps();
    // A goal of the plan changes no fact; a referral changes the referrals' figures only.
    await append(`careplan-${clientId}`, [
      { type: 'care-plans.GoalSet', data: { goalId: randomUUID(), description: 'Walk daily' } },
    ]);
    await append(`referral-${clientId}`, [
      {
        type: 'partners.ReferralCreated',
        data: {
          referralId: randomUUID(),
          clientId,
          need: 'housing',
          serviceId: null,
          resourceName: 'Fictional shelter',
          partnerOrganizationId: 'harbour-community-services',
          status: 'requested',
          createdAt: '2026-04-02T10:00:00Z',
        },
      },
    ]);
    const afterReferral = await eventually(stamps, (now) => now.referrals !== before.referrals);
    expect(afterReferral).toEqual({ ...before, referrals: afterReferral.referrals });
    // A withdrawal changes who is counted in every family.
    await append(`client-${clientId}`, [
      { type: 'clients.ConsentWithdrawn', data: { consentId, withdrawnAt: new Date().toISOString() } },
    ]);
    const afterWithdrawal = await eventually(stamps, (now) => now.clients !== afterReferral.clients);
    expect(afterWithdrawal.referrals).not.toBe(afterReferral.referrals);
    expect(afterWithdrawal.outcomes).not.toBe(afterReferral.outcomes);
  });

  it('answers an analyst only; programme indicators also an org-admin', async () => {
    const population = '{ populationHealth(measure: CLIENTS_REFERRED) { count } }';
    expect(refusalCodes(await gql(population, {}, worker))).toEqual([['FORBIDDEN', undefined]]);
    expect(refusalCodes(await gql(population, {}, admin))).toEqual([['FORBIDDEN', undefined]]);
    const indicator = await gql(
      '{ firstContactIndicator { period referred { count suppressed } } }',
      {},
      admin,
    );
    expect(indicator.errors).toBeUndefined();
    const release = await gql(
      'mutation { releaseEvaluatorExport(input: { format: CSV, purpose: "Pilot evaluation" }) { records } }',
      {},
      admin,
    );
    expect(refusalCodes(release)).toEqual([['FORBIDDEN', undefined]]);
  });

  it('refuses a question it cannot answer as asked, naming the argument', async () => {
    const ask = (args: string) => gql(`{ populationHealth(${args}) { count } }`);
    expect(refusalCodes(await ask('measure: CLIENTS_REFERRED, area: "V3B 1A1"'))).toEqual([
      ['INVALID_AREA', 'area'],
    ]);
    expect(refusalCodes(await ask('measure: CLIENTS_REFERRED, need: "pizza"'))).toEqual([
      ['UNKNOWN_NEED', 'need'],
    ]);
    expect(refusalCodes(await ask('measure: OUTCOMES_IMPROVED'))).toEqual([['SCORE_REQUIRED', 'score']]);
    // Stratified and for one area, or for an area and a need: mostly small cells, so not published.
    expect(refusalCodes(await ask('measure: CLIENTS_REFERRED, area: "V3B", stratifyBy: GENDER'))).toEqual([
      ['TOO_DETAILED', 'stratifyBy'],
    ]);
    expect(refusalCodes(await ask('measure: REFERRALS_MADE, area: "V3B", need: "food"'))).toEqual([
      ['TOO_DETAILED', 'need'],
    ]);
    expect(refusalCodes(await ask('measure: OUTCOMES_IMPROVED, score: "PAM"'))).toEqual([
      ['UNKNOWN_SCORE', 'score'],
    ]);
    expect(refusalCodes(await ask('measure: OUTCOMES_IMPROVED, score: "UCLA3", need: "food"'))).toEqual([
      ['NEED_NOT_APPLICABLE', 'need'],
    ]);
  });

  it('releases an export of consented clients, recorded in the log without any of its data', async () => {
    const answer = await gql(
      'mutation { releaseEvaluatorExport(input: { format: CSV, purpose: "Pilot evaluation" }) { exportId records k smallestClass columns download downloadBefore indigenousData } }',
    );
    expect(answer.errors).toBeUndefined();
    const released = answer.data?.['releaseEvaluatorExport'] as {
      exportId: string;
      records: number;
      k: number;
      smallestClass: number;
      columns: string[];
      download: string;
      downloadBefore: string;
      indigenousData: string;
    };
    expect(released.k).toBe(5);
    expect(released.smallestClass).toBeGreaterThanOrEqual(5);
    expect(released.indigenousData).toBe('excluded');
    expect(released.columns).not.toContain('indigenousIdentity');
    expect(released.download).toBe(`/exports/${released.exportId}`);
    expect(Date.parse(released.downloadBefore) - Date.now()).toBeGreaterThan(50 * 60_000);
    const streamId = organizationStreamId('export', ORG, released.exportId);
    const [event] = await store.readStream(streamId);
    expect(event?.type).toBe('analytics.EvaluatorExportReleased');
    expect(JSON.stringify(event?.data)).not.toMatch(/V3B|woman|fr\b/);

    // Someone else's download: refused, nothing handed over, the one download still there.
    const download = (headers: Headers, path = released.download) =>
      fetch(new URL(path, server.url), { headers });
    const refused = async (headers: Headers, path?: string) => {
      const response = await download(headers, path);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      return [response.status, body.errors[0]?.extensions.code];
    };
    expect(await refused(islandAnalyst)).toEqual([404, 'EXPORT_NOT_FOUND']);
    expect(await refused(admin)).toEqual([403, 'FORBIDDEN']);
    expect(await refused(analyst, '/exports/no.such')).toEqual([400, 'INVALID_ID']);
    expect(await refused(analyst, '/exports/never-released')).toEqual([404, 'EXPORT_NOT_FOUND']);
    expect((await download({})).status).toBe(401);

    // The releasing analyst's: the CSV as released, its download recorded, then gone.
    const response = await download(analyst);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="evaluator-export-${released.exportId}.csv"`,
    );
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe(released.columns.join(','));
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(released.records);
    const area = released.columns.indexOf('area');
    expect(lines.slice(1, -1).every((line) => /^V/.test(line.split(',')[area] ?? ''))).toBe(true);
    expect((await store.readStream(streamId)).map((recorded) => recorded.type)).toEqual([
      'analytics.EvaluatorExportReleased',
      'analytics.EvaluatorExportDownloaded',
    ]);
    expect(await refused(analyst)).toEqual([410, 'ALREADY_DOWNLOADED']);

    // Data that changed since the release (a client consented): the download is refused, not recorded.
    const changed = await gql(
      'mutation { releaseEvaluatorExport(input: { format: JSON, purpose: "Pilot evaluation" }) { exportId download } }',
    );
    const later = changed.data?.['releaseEvaluatorExport'] as { exportId: string; download: string };
    const before = (await referredTotal()) ?? 0;
    await client({ area: 'V3B', at: '2026-02-10T10:00:00Z' });
    await eventually(
      () => referredTotal(),
      (total) => (total ?? 0) > before,
    );
    expect(await refused(analyst, later.download)).toEqual([409, 'EXPORT_CHANGED']);
    const laterStream = organizationStreamId('export', ORG, later.exportId);
    expect((await store.readStream(laterStream)).map((recorded) => recorded.type)).toEqual([
      'analytics.EvaluatorExportReleased',
    ]);
    // Released again: a JSON array of the same columns, downloaded once.
    const again = await gql(
      'mutation { releaseEvaluatorExport(input: { format: JSON, purpose: "Pilot evaluation" }) { records columns download } }',
    );
    const third = again.data?.['releaseEvaluatorExport'] as {
      records: number;
      columns: string[];
      download: string;
    };
    const rows = (await (await download(analyst, third.download)).json()) as Record<string, unknown>[];
    expect(rows).toHaveLength(third.records);
    expect(Object.keys(rows[0] ?? {})).toEqual(third.columns);
    const exportsOf = (list: GraphQLResponse) =>
      (list.data?.['evaluatorExports'] as { items: Record<string, unknown>[] } | undefined)?.items ?? [];
    await eventually(
      () => gql('{ evaluatorExports { items { exportId records } } }'),
      (list) => exportsOf(list).some((item) => item['exportId'] === released.exportId),
    );
    // One more release: the list a page at a time, newest first, every release once.
    for (let i = 0; i < 1; i += 1)
      expect(
        (
          await gql(
            'mutation { releaseEvaluatorExport(input: { format: CSV, purpose: "Pilot evaluation" }) { exportId } }',
          )
        ).errors,
      ).toBeUndefined();
    const page = (first: number, after: string | null) =>
      gql(
        'query ($first: Int, $after: String) { evaluatorExports(first: $first, after: $after) { items { exportId } nextCursor } }',
        { first, after },
      );
    const whole = await eventually(
      () => page(200, null),
      (list) => exportsOf(list).length >= 4,
    );
    const walked = await walkPages('evaluatorExports', (after) => page(1, after));
    expect(walked.items).toEqual(exportsOf(whole));
    expect(walked.pages).toBe(walked.items.length);
    expect(new Set(walked.items.map((item) => item['exportId'])).size).toBe(walked.items.length);
    expect(refusalCodes(await page(201, null))).toEqual([['PAGE_SIZE', 'first']]);
    expect(refusalCodes(await page(1, 'bm90IGEgY3Vyc29y'))).toEqual([['INVALID_CURSOR', 'after']]);
  });

  it('serves the committed subgraph schema (UPDATE_SCHEMA=1 rewrites it)', async () => {
    const served = ((await gql('{ _service { sdl } }')).data?.['_service'] as { sdl: string }).sdl;
    if (process.env['UPDATE_SCHEMA'] === '1') await writeFile(SCHEMA_FILE, served.trimEnd() + '\n');
    expect(served.trimEnd() + '\n').toBe(await readFile(SCHEMA_FILE, 'utf8'));
  });
});
