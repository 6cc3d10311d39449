/**
 * The analytics service on a generated network of 5,600 fictional clients (over 5,000 of one
 * organization): their events appended as the clients, care-plans and partners contexts publish them,
 * the service's figures read over GraphQL, and every one held against a direct computation from the
 * network's ground truth (testing/direct.ts). Then attacks: differencing published figures across
 * queries, re-identifying someone in an export; then a rebuild from the log, which must give the same
 * read model and the same figures.
 */
import { PGlite } from '@electric-sql/pglite';
import { demoUser, openDevIssuer } from '@spn/auth';
import { PgliteSqlClient, type SqlEventStore } from '@spn/event-store';
import {
  consumersCaughtUp,
  loadConfig,
  openEventStore,
  PersonalData,
  personalFieldsWith,
  readModelChecksum,
  readModelTables,
  rebuildProjections,
  type SubgraphServer,
} from '@spn/service-kit';
import { freePort, postGraphQL } from '@spn/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generalise, QUASI_IDENTIFIERS, type QuasiIdentifier } from './disclosure/k-anonymity';
import { STRATIFIERS, type Stratifier } from './disclosure/small-cells';
import { exportsProjection } from './exports/exports.projection';
import { ENDED_STATUSES } from './facts/facts';
import { factsProjection } from './facts/facts.projection';
import { IndicatorsQueries } from './indicators/indicators.queries';
import { IndicatorsService } from './indicators/indicators.service';
import { MEASURES, type Measure } from './population/population';
import { PopulationQueries } from './population/population.queries';
import { PopulationService } from './population/population.service';
import { startAnalyticsServer } from './server';
import { appendNetwork } from './testing/append';
import {
  clientsOf,
  clientUnits,
  directCell,
  mismatch,
  outcomeUnits,
  referralsOf,
  referralUnits,
  type TruthUnit,
} from './testing/direct';
import { generateNetwork, NETWORK_ORGANIZATION } from './testing/network';

const CLIENTS = 5600;
const ORG = NETWORK_ORGANIZATION;
const SCORES = ['UCLA3', 'SWEMWBS'];
const GROUPS = 'analytics.facts';
type Headers = Record<string, string>;
interface Cell {
  period: string;
  area: string;
  need: string;
  stratum: string;
  count: number | null;
  clients: number | null;
  mean: number | null;
  suppressed: string | null;
}
interface Figure {
  count: number | null;
  suppressed: string | null;
}
interface IndicatorLine {
  period: string;
  status: string;
  meanDays: number | null;
  spells: Figure;
  [figure: string]: Figure | string | number | null;
}
const CELL = 'period area need stratum count clients mean suppressed';
const enumOf = (stratifier: Stratifier) => stratifier.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

// The setup appends and projects 82,654 events: about 9 minutes on 2 cores shared with other suites.
jest.setTimeout(1_200_000);

describe('analytics on a generated network of 5,600 clients', () => {
  const network = generateNetwork(CLIENTS);
  let dataDir: string;
  let store: SqlEventStore;
  let server: SubgraphServer;
  let analyst: Headers;
  let admin: Headers;
  /** Clients who withdraw their consent during the test. */
  const withdrawn = new Set<string>();
  const consented = () =>
    clientsOf(network.clients, ORG, 'consented').filter((truth) => !withdrawn.has(truth.client.clientId));

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, headers = analyst) => {
    const answer = await postGraphQL(server.url, query, variables, headers);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return Object.values(answer.data ?? {})[0] as T;
  };
  const populationHealth = (args: Record<string, unknown>) =>
    gql<Cell[]>(
      `query ($measure: PopulationMeasure!, $stratifyBy: Stratifier, $area: String, $need: String, $score: String) {
         populationHealth(measure: $measure, stratifyBy: $stratifyBy, area: $area, need: $need, score: $score) { ${CELL} } }`,
      args,
    );
  /** The direct units of a measure's family (for outcomes, of its score). */
  const unitsOf = (measure: Measure, options: { need?: string; score?: string } = {}): TruthUnit[] => {
    const family = MEASURES[measure].family;
    if (family === 'clients') return clientUnits(consented(), options.need ?? null);
    if (family === 'referrals') return referralUnits(consented());
    return outcomeUnits(consented(), options.score!);
  };
  const checkTable = (cells: Cell[], units: TruthUnit[], measure: Measure, stratifier: Stratifier | null) => {
    const category = MEASURES[measure].category;
    return cells
      .map((cell) =>
        mismatch(
          `${measure} ${stratifier ?? ''} ${cell.period}/${cell.area}/${cell.need}/${cell.stratum}`,
          cell,
          directCell(
            units,
            // For clients and outcomes a need selects the units (a table of its own): no dimension.
            MEASURES[measure].family === 'referrals'
              ? { period: cell.period, area: cell.area, need: cell.need, category }
              : { period: cell.period, area: cell.area, category },
            stratifier,
            cell.stratum,
          ),
        ),
      )
      .filter((problem) => problem !== null);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-analytics-network-'));
    const env = { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) };
    store = await openEventStore(loadConfig(env));
    server = await startAnalyticsServer(env, { signals: false, sharedStore: store });
    const started = Date.now();
    const events = await appendNetwork(store, network);
    await consumersCaughtUp(store, [GROUPS], { timeoutMs: 300_000 });
    console.log(
      `${events} events of ${CLIENTS} clients appended and projected in ${Date.now() - started} ms`,
    );
    const issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    const as = async (username: string) => ({
      authorization: `Bearer ${await issuer.mint(demoUser(username)!)}`,
    });
    analyst = await as('analyst.fraser');
    admin = await as('orgadmin.fraser');
  });
  afterAll(async () => {
    await server.stop();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is a network of at least 5,000 clients of one organization, most of them consented', () => {
    expect(clientsOf(network.clients, ORG, 'all').length).toBeGreaterThanOrEqual(5000);
    expect(consented().length).toBeGreaterThan(4000);
  });

  it('gives every population figure, by every stratifier, as a direct computation does', async () => {
    const problems: string[] = [];
    let cells = 0;
    for (const measure of Object.keys(MEASURES) as Measure[]) {
      const scores = MEASURES[measure].family === 'outcomes' ? SCORES : [null];
      for (const score of scores)
        for (const stratifier of [null, ...STRATIFIERS]) {
          const table = await populationHealth({
            measure,
            score,
            stratifyBy: stratifier ? enumOf(stratifier) : null,
          });
          cells += table.length;
          problems.push(
            ...checkTable(table, unitsOf(measure, { score: score ?? undefined }), measure, stratifier),
          );
        }
    }
    // One area, one need: slices of the same tables (and the clients of one need, a table of its own).
    for (const area of ['V3B', 'V5K', 'V0N', 'not-stated'])
      for (const measure of ['CLIENTS_REFERRED', 'REFERRALS_UNMET'] as Measure[]) {
        const table = await populationHealth({ measure, area });
        cells += table.length;
        problems.push(...checkTable(table, unitsOf(measure), measure, null));
      }
    for (const need of ['food', 'housing', 'legal']) {
      const table = await populationHealth({ measure: 'CLIENTS_NOT_REACHED', need });
      cells += table.length;
      problems.push(
        ...checkTable(table, unitsOf('CLIENTS_NOT_REACHED', { need }), 'CLIENTS_NOT_REACHED', null),
      );
      const referrals = await populationHealth({ measure: 'REFERRALS_COMPLETED', need });
      cells += referrals.length;
      problems.push(...checkTable(referrals, unitsOf('REFERRALS_COMPLETED'), 'REFERRALS_COMPLETED', null));
    }
    expect(problems).toEqual([]);
    expect(cells).toBeGreaterThan(2000);
  });

  it('answers "which needs in which areas go unmet, and for whom" as a direct computation does', async () => {
    const units = referralUnits(consented());
    const problems: string[] = [];
    let shown = 0;
    for (const stratifier of [null, ...STRATIFIERS]) {
      const cells = await gql<Cell[]>(
        `query ($stratifyBy: Stratifier) { populationUnmetNeeds(stratifyBy: $stratifyBy) { ${CELL} } }`,
        { stratifyBy: stratifier ? enumOf(stratifier) : null },
      );
      shown += cells.filter((cell) => cell.count !== null && cell.count > 0).length;
      for (const cell of cells) {
        const direct = directCell(
          units,
          { area: cell.area, need: cell.need, category: 'unmet' },
          stratifier,
          cell.stratum,
        );
        const problem = mismatch(
          `unmet ${stratifier} ${cell.need}/${cell.area}/${cell.stratum}`,
          cell,
          direct,
        );
        if (problem) problems.push(problem);
      }
      // Every need × area with an unmet referral is there (shown or hidden), and each group's needs
      // and areas.
      const listed = new Set(cells.map((cell) => `${cell.need}/${cell.area}/${cell.stratum}`));
      const missing = units
        .filter((unit) => unit.dims['category'] === 'unmet')
        .flatMap((unit) => {
          const stratum = stratifier ? unit.strata[stratifier] : '*';
          const wanted = [`${unit.dims['need']}/${unit.dims['area']}/*`];
          if (stratifier)
            wanted.push(`${unit.dims['need']}/*/${stratum}`, `*/${unit.dims['area']}/${stratum}`);
          return wanted.filter((key) => !listed.has(key));
        });
      expect(missing).toEqual([]);
    }
    expect(problems).toEqual([]);
    expect(shown).toBeGreaterThan(300);
  });

  it('gives the equity gaps as a direct computation does', async () => {
    const clients = clientUnits(consented(), null);
    const referrals = referralUnits(consented());
    const problems: string[] = [];
    let shown = 0;
    for (const stratifier of STRATIFIERS) {
      const lines = await gql<Record<string, number | null | string>[]>(
        `query ($stratifyBy: Stratifier!) { equityGaps(stratifyBy: $stratifyBy) {
           stratum clientsReferred notReachedShare notReachedGap meanDaysToFirstContact referralsMade unmetShare unmetGap } }`,
        { stratifyBy: enumOf(stratifier) },
      );
      const everyone = lines.find((line) => line['stratum'] === '*') ?? {};
      for (const line of lines) {
        const stratum = line['stratum'] as string;
        const of = (units: TruthUnit[], where: Record<string, string>) =>
          directCell(units, where, stratum === '*' ? null : stratifier, stratum);
        const referred = of(clients, {});
        const notReached = of(clients, { category: 'not-reached' });
        const made = of(referrals, {});
        const unmet = of(referrals, { category: 'unmet' });
        const contacted = of(clients, { category: 'contacted' });
        const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
        // Each figure shown is the direct one; a hidden one is null. A small group's figures are hidden.
        const expected: Record<string, number | null> = {
          clientsReferred: referred.count,
          notReachedShare: share(notReached.count, referred.count),
          meanDaysToFirstContact: contacted.valuedClients < 5 ? null : contacted.sum / contacted.valued,
          referralsMade: made.count,
          unmetShare: share(unmet.count, made.count),
        };
        for (const [field, value] of Object.entries(expected)) {
          const shown = line[field] as number | null;
          if (shown !== null && (value === null || Math.abs(shown - value) > 1e-9))
            problems.push(`${stratifier} ${stratum} ${field}: ${shown}, direct ${value}`);
          if (shown !== null && field === 'clientsReferred' && referred.clients < 5)
            problems.push(`${stratifier} ${stratum}: a group of ${referred.clients} shown`);
        }
        const gap = line['notReachedGap'] as number | null;
        const groupShare = line['notReachedShare'] as number | null;
        const everyoneShare = everyone['notReachedShare'] as number | null;
        if (
          gap !== null &&
          (groupShare === null ||
            everyoneShare === null ||
            Math.abs(gap - (groupShare - everyoneShare)) > 1e-9)
        )
          problems.push(`${stratifier} ${stratum} notReachedGap: ${gap}`);
        shown += groupShare === null ? 0 : 1;
      }
    }
    expect(problems).toEqual([]);
    expect(shown).toBeGreaterThan(20);
  });

  it('gives the programme indicators of all the organization’s clients as a direct computation does', async () => {
    const everyone = clientsOf(network.clients, ORG, 'all');
    const problems: string[] = [];
    const check = (
      label: string,
      figure: { count: number | null; suppressed: string | null },
      direct: ReturnType<typeof directCell>,
    ) => {
      const problem = mismatch(label, figure, direct);
      if (problem) problems.push(problem);
    };
    const contacts = clientUnits(everyone, null);
    for (const line of await gql<IndicatorLine[]>(
      '{ firstContactIndicator { period referred { count suppressed } contacted { count suppressed } notReached { count suppressed } meanDays } }',
      {},
      admin,
    )) {
      const period = line['period'];
      check(`referred ${period}`, line['referred'] as Figure, directCell(contacts, { period }));
      check(
        `contacted ${period}`,
        line['contacted'] as Figure,
        directCell(contacts, { period, category: 'contacted' }),
      );
      check(
        `not reached ${period}`,
        line['notReached'] as Figure,
        directCell(contacts, { period, category: 'not-reached' }),
      );
    }
    const referrals = referralUnits(everyone);
    for (const line of await gql<IndicatorLine[]>(
      '{ referralLoopIndicator { period made { count suppressed } accepted { count suppressed } completed { count suppressed } unmet { count suppressed } acceptanceRate } }',
      {},
      admin,
    )) {
      const period = line['period'];
      check(`made ${period}`, line['made'] as Figure, directCell(referrals, { period }));
      check(
        `accepted ${period}`,
        line['accepted'] as Figure,
        directCell(referrals, { period, accepted: 'yes' }),
      );
      check(
        `completed ${period}`,
        line['completed'] as Figure,
        directCell(referrals, { period, category: 'completed' }),
      );
      check(`unmet ${period}`, line['unmet'] as Figure, directCell(referrals, { period, category: 'unmet' }));
    }
    for (const score of SCORES) {
      const units = outcomeUnits(everyone, score);
      const change = await gql<IndicatorLine>(
        `query ($score: String!) { outcomeChangeIndicator(score: $score) { measured { count suppressed } improved { count suppressed } unchanged { count suppressed } worsened { count suppressed } meanChange } }`,
        { score },
        admin,
      );
      check(`${score} measured`, change['measured'] as Figure, directCell(units, {}));
      for (const category of ['improved', 'unchanged', 'worsened'])
        check(`${score} ${category}`, change[category] as Figure, directCell(units, { category }));
      const all = directCell(units, {});
      expect(change['meanChange']).toBeCloseTo(all.sum / all.valued, 9);
    }
    // Time in each status: every spell of a referral (drafts and errors too), the current one up to now.
    const now = Date.now();
    const spells = new Map<string, number[]>();
    for (const client of everyone)
      for (const referral of client.client.referrals)
        referral.steps.forEach((step, i) => {
          const next = referral.steps[i + 1];
          if (!next && ENDED_STATUSES.includes(step.status)) return;
          spells.set(step.status, [
            ...(spells.get(step.status) ?? []),
            ((next?.at.getTime() ?? now) - step.at.getTime()) / 86_400_000,
          ]);
        });
    for (const line of await gql<IndicatorLine[]>(
      '{ timeInStatusIndicator { status spells { count suppressed } meanDays } }',
      {},
      admin,
    )) {
      if (line['status'] === '*') continue;
      const days = spells.get(line['status']) ?? [];
      expect([line['status'], (line['spells'] as { count: number }).count]).toEqual([
        line['status'],
        days.length,
      ]);
      // The indicator's clock and this test's differ by the time between them: a minute is plenty.
      expect(
        Math.abs((line['meanDays'] as number) - days.reduce((a, b) => a + b, 0) / days.length),
      ).toBeLessThan(1 / 1440);
    }
    const open = everyone.filter((client) => client.client.plan && !client.client.plan.closedAt);
    const caseloads = await gql<
      { key: string; figure: { count: number | null; suppressed: string | null } }[]
    >('{ caseloadIndicator { key figure { count suppressed } } }', {}, admin);
    const planUnits = open.map((client) => ({
      clientId: client.client.clientId,
      dims: { linkWorker: client.client.plan!.linkWorker },
      strata: {},
    }));
    for (const line of caseloads)
      check(`caseload ${line.key}`, line.figure, directCell(planUnits, { linkWorker: line.key }));
    const recorded = network.unmetNeeds
      .filter((need) => need.organizationId === ORG)
      .map((need) => ({
        clientId: need.unmetNeedId,
        dims: { area: need.area, need: need.need },
        strata: {},
      }));
    for (const line of await gql<
      { key: string; detail: string; figure: { count: number | null; suppressed: string | null } }[]
    >('{ recordedUnmetNeedIndicator { key detail figure { count suppressed } } }', {}, admin))
      check(
        `recorded ${line.key}/${line.detail}`,
        line.figure,
        directCell(recorded, { area: line.key, need: line.detail }),
      );
    expect(problems).toEqual([]);
  });

  it('lets no hidden cell be worked out by differencing the published figures of many queries', async () => {
    // An analyst gathers every referral figure there is: the three measures by quarter for all, by
    // group, for each area, for each need; and the unmet needs by need × area and for each group.
    // A figure is known by what it fixes (quarter, area, need, category, group), whichever answer
    // gave it.
    const known = new Map<string, number | null>();
    const keyOf = (fixed: Record<string, string>) =>
      JSON.stringify(
        Object.entries(fixed)
          .filter(([, value]) => value !== '*')
          .sort(),
      );
    const learn = (cell: Cell, category: string) =>
      known.set(
        keyOf({ period: cell.period, area: cell.area, need: cell.need, category, stratum: cell.stratum }),
        cell.count,
      );
    const measures = [
      ['REFERRALS_MADE', '*'],
      ['REFERRALS_COMPLETED', 'completed'],
      ['REFERRALS_UNMET', 'unmet'],
    ] as const;
    const units = referralUnits(consented());
    const values = (dim: string) => [...new Set(units.map((unit) => unit.dims[dim]!))];
    for (const [measure, category] of measures) {
      for (const cell of await populationHealth({ measure, stratifyBy: 'ETHNICITY' })) learn(cell, category);
      for (const area of values('area'))
        for (const cell of await populationHealth({ measure, area })) learn(cell, category);
      for (const need of values('need'))
        for (const cell of await populationHealth({ measure, need })) learn(cell, category);
    }
    const unmet = await gql<Cell[]>(`{ populationUnmetNeeds(stratifyBy: ETHNICITY) { ${CELL} } }`);
    // The answer leaves out its zeros: the attacker knows them.
    const strata = [...new Set(units.map((unit) => unit.strata['ethnicity']!))];
    for (const need of [...values('need'), '*'])
      for (const area of [...values('area'), '*']) known.set(keyOf({ need, area, category: 'unmet' }), 0);
    for (const stratum of strata)
      for (const [need, area] of [
        ...values('need').map((need) => [need, '*']),
        ...values('area').map((area) => ['*', area]),
      ])
        known.set(keyOf({ need: need!, area: area!, category: 'unmet', stratum }), 0);
    for (const cell of unmet) learn(cell, 'unmet');
    const hidden = [...known].filter(([, count]) => count === null).map(([key]) => key);
    expect(hidden.length).toBeGreaterThan(10);

    // Then works out every figure whose line (a total and all but one of its parts) is known, again
    // and again until nothing new comes out.
    const dimensions: Record<string, string[]> = {
      period: [...new Set(units.map((unit) => unit.dims['period']!))],
      area: values('area'),
      need: values('need'),
      category: ['completed', 'unmet', 'other'],
      stratum: strata,
    };
    const value = (key: string) => (known.has(key) ? (known.get(key) ?? null) : undefined);
    const derived = new Map<string, number>();
    for (let learned = true; learned;) {
      learned = false;
      for (const key of [...known.keys(), ...derived.keys()]) {
        const fixed = Object.fromEntries(JSON.parse(key) as [string, string][]);
        const total = derived.get(key) ?? value(key);
        if (total === null || total === undefined) continue;
        for (const [dim, options] of Object.entries(dimensions)) {
          if (dim in fixed) continue;
          const members = options.map((option) => keyOf({ ...fixed, [dim]: option }));
          const unknown = members.filter(
            (member) => !derived.has(member) && (value(member) ?? null) === null,
          );
          if (unknown.length !== 1) continue;
          const rest = members.reduce((sum, member) => sum + (derived.get(member) ?? value(member) ?? 0), 0);
          derived.set(unknown[0]!, total - rest);
          learned = true;
        }
      }
    }
    expect(hidden.filter((key) => derived.has(key))).toEqual([]);
  });

  it('releases an export in which nobody can be singled out, and a withdrawal removes the client from the next', async () => {
    const release = () =>
      gql<{
        records: number;
        suppressedRecords: number;
        excludedIndigenousRecords: number;
        smallestClass: number;
        download: string;
      }>(
        'mutation { releaseEvaluatorExport(input: { format: JSON, purpose: "Pilot evaluation" }) { records suppressedRecords excludedIndigenousRecords smallestClass download } }',
      );
    const first = await release();
    const eligible = consented();
    expect(first.records + first.suppressedRecords + first.excludedIndigenousRecords).toBe(eligible.length);
    expect(first.excludedIndigenousRecords).toBe(
      eligible.filter((truth) =>
        ['first-nations', 'inuit', 'metis'].includes(truth.strata.indigenousIdentity),
      ).length,
    );
    expect(first.smallestClass).toBeGreaterThanOrEqual(5);
    // The attacker knows everything about a target that the export generalises: whoever they pick,
    // the records that could be theirs are none or at least five.
    const downloaded = await fetch(new URL(first.download, server.url), { headers: analyst });
    expect(downloaded.status).toBe(200);
    const records = (await downloaded.json()) as Record<string, string>[];
    expect(records).toHaveLength(first.records);
    const quasi = QUASI_IDENTIFIERS.filter((qi) => qi !== 'indigenousIdentity');
    const known = (truth: (typeof eligible)[number], qi: QuasiIdentifier) =>
      qi === 'area' ? truth.area : truth.strata[qi];
    const classes = new Map<string, number>();
    for (const record of records) {
      const key = quasi.map((qi) => record[qi]).join('|');
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    // Each value the target's could have become, at any level of its hierarchy; every combination.
    const counts = eligible.map((truth) =>
      quasi
        .map((qi) => [
          ...new Set(Array.from({ length: 8 }, (_, level) => generalise(qi, known(truth, qi), level))),
        ])
        .reduce<string[]>(
          (keys, options) =>
            keys.flatMap((key) => options.map((option) => (key ? `${key}|${option}` : option))),
          [''],
        )
        .reduce((sum, key) => sum + (classes.get(key) ?? 0), 0),
    );
    expect(counts.filter((n) => n > 0 && n < 5)).toEqual([]);
    expect(counts.filter((n) => n >= 5).length).toBeGreaterThan(eligible.length / 2);

    // Thirty clients withdraw their consent: the next export is of the others.
    const withdrawing = eligible.slice(0, 30).map((truth) => truth.client);
    for (const client of withdrawing)
      await store.append(`client-${client.clientId}`, 'any', [
        {
          type: 'clients.ConsentWithdrawn',
          data: { consentId: `${client.clientId}-evaluation`, withdrawnAt: new Date().toISOString() },
          metadata: {
            organizationId: ORG,
            actor: { subject: 'user-lw-1', organizationId: ORG, roles: ['link-worker'] },
            purposeOfUse: 'care',
            correlationId: client.clientId,
          },
        },
      ]);
    await consumersCaughtUp(store, [GROUPS]);
    for (const client of withdrawing) withdrawn.add(client.clientId);
    const second = await release();
    expect(second.records + second.suppressedRecords + second.excludedIndigenousRecords).toBe(
      eligible.length - 30,
    );
    for (const client of withdrawing) withdrawn.add(client.clientId);
  });

  it('rebuilds from the log into the same read model, giving the same figures', async () => {
    await consumersCaughtUp(store, [GROUPS, 'analytics.exports']);
    const rebuilt = new PgliteSqlClient(await PGlite.create(), true);
    const personalData = new PersonalData(store.keys, personalFieldsWith());
    const facts = factsProjection(personalData);
    try {
      await rebuildProjections([facts, exportsProjection], { store, personalData, into: rebuilt });
      const live = server.runtime.readModels;
      // The projections' tables (the live database also holds the access audit's).
      const tables = (await readModelTables(rebuilt, 'analytics_')).filter(
        (table) => !facts.bookkeeping?.includes(table),
      );
      expect(tables).toContain('analytics_referral');
      expect(await readModelChecksum(rebuilt, tables)).toEqual(await readModelChecksum(live, tables));
      const figures = async (db: typeof live) => {
        const population = new PopulationService(new PopulationQueries(db, personalData));
        const indicators = new IndicatorsService(
          new PopulationQueries(db, personalData),
          new IndicatorsQueries(db),
        );
        const now = new Date('2026-11-01T00:00:00Z');
        return {
          unmet: await population.unmetNeeds(ORG, 'gender'),
          referred: await population.table(ORG, { measure: 'CLIENTS_REFERRED', stratifyBy: 'ageBand' }),
          outcomes: await population.table(ORG, { measure: 'OUTCOMES_IMPROVED', score: 'UCLA3' }),
          gaps: await population.equityGaps(ORG, 'ethnicity'),
          loop: await indicators.referralLoop(ORG),
          status: await indicators.timeInStatus(ORG, now),
        };
      };
      const fromLive = await figures(live);
      expect(fromLive.unmet.length).toBeGreaterThan(20);
      expect(await figures(rebuilt)).toEqual(fromLive);
      // And the figures are still the direct computation's (after the withdrawals above).
      const direct = directCell(referralUnits(consented()), { category: 'unmet' });
      expect(
        fromLive.unmet.find((cell) => cell.need === '*' && cell.area === '*' && cell.stratum === '*')?.count,
      ).toBe(direct.count);
      expect(referralsOf(consented()).length).toBeGreaterThan(5000);
    } finally {
      await rebuilt.close();
    }
  });
});
