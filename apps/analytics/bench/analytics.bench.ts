/**
 * Analytics benchmark (`nx run analytics:bench`): how fast the analytics read model is rebuilt from
 * the log, and how long the dashboard's queries take on it. Appends a generated network
 * (testing/network.ts) of about BENCH_ANALYTICS_EVENTS events (default 1,000,000; ~15 per client,
 * personal fields sealed, as the clients, care-plans and partners contexts publish them), then:
 *   1. in alternating rounds (BENCH_ANALYTICS_ROUNDS, default 2), over the whole log in pages of 1000:
 *      (a) a raw keyset SELECT of the events table in position order: the baseline;
 *      (b) `rebuildProjections` of the facts and exports projections into a fresh PostgreSQL database,
 *          timed by its own clock; the rebuilt read model is checked complete.
 *   2. on the last rebuilt read model, each dashboard query (PopulationService, IndicatorsService)
 *      BENCH_ANALYTICS_SAMPLES times (default 30, after one warm-up; fewer, at least 5, for a query
 *      that has taken BENCH_ANALYTICS_QUERY_SECONDS, default 120, in a pass), interleaved sample by
 *      sample with its baseline: a plain SQL GROUP BY of the same facts giving the unprotected counts
 *      of the table the query answers (what the query would cost without disclosure control). The
 *      population queries twice: cold (the facts' change stamps moved before each call, as an event
 *      that changes a client or a consent moves them, so PopulationService's cache of protected tables
 *      misses) and warm (cached).
 * Figures are events/s, p50/p99/max ms, and ratios to the baselines of the same run, since these
 * machines are shared and noisy. Writes bench-results/analytics.json.
 */
import { UNMET_REASONS } from '@spn/contracts';
import {
  LocalKeyEncryptionKeys,
  openPostgresEventStore,
  PostgresSqlClient,
  type SqlClient,
} from '@spn/event-store';
import { PersonalData, personalFieldsWith, rebuildProjections, type RebuildProgress } from '@spn/service-kit';
import {
  createTestDatabase,
  latency,
  rawLogRead,
  resolvePostgres,
  round,
  writeBenchResults,
} from '@spn/testing';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { exportsProjection } from '../src/exports/exports.projection';
import { factsProjection } from '../src/facts/facts.projection';
import { IndicatorsQueries } from '../src/indicators/indicators.queries';
import { IndicatorsService } from '../src/indicators/indicators.service';
import { CONSENTED, PopulationQueries } from '../src/population/population.queries';
import { PopulationService } from '../src/population/population.service';
import { appendNetwork } from '../src/testing/append';
import {
  clientStreams,
  communityStreams,
  generateNetwork,
  NETWORK_ORGANIZATION,
  type Network,
} from '../src/testing/network';

const TARGET = Number(process.env['BENCH_ANALYTICS_EVENTS'] ?? 1_000_000);
const ROUNDS = Number(process.env['BENCH_ANALYTICS_ROUNDS'] ?? 2);
const SAMPLES = Number(process.env['BENCH_ANALYTICS_SAMPLES'] ?? 30);
/** A query that has taken this long in a pass stops there (after MIN_SAMPLES): the run stays bounded. */
const QUERY_BUDGET_MS = Number(process.env['BENCH_ANALYTICS_QUERY_SECONDS'] ?? 120) * 1000;
const MIN_SAMPLES = 5;
const PAGE = 1000;
const APPENDERS = 8;
const PROGRESS_EVERY = 50_000;
const ORG = NETWORK_ORGANIZATION;

/** Every event the network's streams hold, client by client (cumulative), and in all. */
function eventsOf(network: Network): { cumulative: number[]; total: number } {
  const cumulative = [0];
  let total = 0;
  for (const client of network.clients) {
    for (const stream of clientStreams(client)) total += stream.events.length;
    cumulative.push(total);
  }
  for (const stream of communityStreams(network.unmetNeeds)) total += stream.events.length;
  return { cumulative, total };
}

/** How many clients give about `target` events: the events per client of a sample of the same seed. */
function clientsFor(target: number): number {
  const sample = Math.min(2000, Math.max(100, Math.ceil(target / 16)));
  return Math.max(1, Math.round(target / (eventsOf(generateNetwork(sample)).total / sample)));
}

const seconds = (ms: number) => round(ms / 1000, 1);
const since = (started: number) => performance.now() - started;

// The baselines' SQL: the facts the queries read, aggregated by PostgreSQL with no protection.
const UNMET = `(r.status IN ('rejected', 'failed') AND r.reason = ANY($2::text[]))`;
const SENT = `r.status NOT IN ('draft', 'entered-in-error')`;
const QUARTER = (column: string) => `date_trunc('quarter', ${column} AT TIME ZONE 'UTC')`;
const DAYS = (from: string, to: string) => `EXTRACT(EPOCH FROM (${to} - ${from})) / 86400`;
const REFERRALS_OF = `analytics_referral r JOIN analytics_client c ON c.client_id = r.client_id
  WHERE c.organization_id = $1 AND ${SENT}`;

interface Dashboard {
  readonly name: string;
  readonly query: () => Promise<unknown>;
  readonly baseline: () => Promise<unknown>;
  /** Answered from PopulationService's cache of protected tables while the facts do not change. */
  readonly cached: boolean;
}

function dashboard(db: SqlClient, personalData: PersonalData): Dashboard[] {
  const population = new PopulationService(new PopulationQueries(db, personalData));
  const indicators = new IndicatorsService(
    new PopulationQueries(db, personalData),
    new IndicatorsQueries(db),
  );
  const unmetReasons = [...UNMET_REASONS];
  const raw = (sql: string, params: readonly unknown[] = [ORG]) => db.query(sql, params);
  return [
    {
      name: 'unmetNeeds',
      query: () => population.unmetNeeds(ORG, null),
      cached: true,
      baseline: () =>
        raw(
          `SELECT r.need, c.area, count(*) FILTER (WHERE ${UNMET}) AS unmet FROM ${REFERRALS_OF}
           AND ${CONSENTED} GROUP BY ROLLUP (r.need, c.area)`,
          [ORG, unmetReasons],
        ),
    },
    {
      name: 'unmetNeeds by gender',
      query: () => population.unmetNeeds(ORG, 'gender'),
      cached: true,
      baseline: () =>
        raw(
          `SELECT r.need, c.area, c.gender, count(*) FILTER (WHERE ${UNMET}) AS unmet FROM ${REFERRALS_OF}
           AND ${CONSENTED} GROUP BY CUBE (r.need, c.area, c.gender)`,
          [ORG, unmetReasons],
        ),
    },
    {
      name: 'table CLIENTS_REFERRED by ageBand',
      query: () => population.table(ORG, { measure: 'CLIENTS_REFERRED', stratifyBy: 'ageBand' }),
      cached: true,
      baseline: () =>
        raw(
          `SELECT ${QUARTER('c.first_referred_at')} AS period, c.age_band, count(*) AS referred,
             avg(${DAYS('c.first_referred_at', 'c.first_contact_at')}) AS mean_days
           FROM analytics_client c WHERE c.organization_id = $1 AND ${CONSENTED}
           GROUP BY CUBE (${QUARTER('c.first_referred_at')}, c.age_band)`,
        ),
    },
    {
      name: 'table REFERRALS_UNMET in V3B',
      query: () => population.table(ORG, { measure: 'REFERRALS_UNMET', area: 'V3B' }),
      cached: true,
      baseline: () =>
        raw(
          `SELECT ${QUARTER('r.created_at')} AS period, count(*) FILTER (WHERE ${UNMET}) AS unmet,
             avg(${DAYS('r.created_at', 'r.accepted_at')}) FILTER (WHERE ${UNMET}) AS mean_days
           FROM ${REFERRALS_OF} AND c.area = 'V3B' AND ${CONSENTED} GROUP BY ROLLUP (${QUARTER('r.created_at')})`,
          [ORG, unmetReasons],
        ),
    },
    {
      name: 'table OUTCOMES_IMPROVED UCLA3',
      query: () => population.table(ORG, { measure: 'OUTCOMES_IMPROVED', score: 'UCLA3' }),
      cached: true,
      // The same first baseline and latest follow-up as PopulationQueries.outcomes; lower is better.
      baseline: () =>
        raw(
          `WITH firsts AS (
             SELECT DISTINCT ON (client_id) client_id, value FROM analytics_outcome
             WHERE score = 'UCLA3' AND timepoint = 'baseline' ORDER BY client_id, recorded_at, measurement_id
           ), lasts AS (
             SELECT DISTINCT ON (client_id) client_id, value, recorded_at FROM analytics_outcome
             WHERE score = 'UCLA3' AND timepoint = 'follow-up'
             ORDER BY client_id, recorded_at DESC, measurement_id DESC
           )
           SELECT ${QUARTER('l.recorded_at')} AS period, count(*) FILTER (WHERE l.value < f.value) AS improved,
             avg(l.value - f.value) AS mean_change
           FROM analytics_client c JOIN firsts f ON f.client_id = c.client_id JOIN lasts l ON l.client_id = c.client_id
           WHERE c.organization_id = $1 AND ${CONSENTED} GROUP BY ROLLUP (${QUARTER('l.recorded_at')})`,
        ),
    },
    {
      name: 'equityGaps by ethnicity',
      query: () => population.equityGaps(ORG, 'ethnicity'),
      cached: true,
      // Its two tables: clients (reached, days to first contact) and referrals (made, unmet).
      baseline: async () => [
        await raw(
          `SELECT c.ethnicity, count(*) AS referred, count(*) FILTER (WHERE c.first_contact_at IS NULL) AS not_reached,
             avg(${DAYS('c.first_referred_at', 'c.first_contact_at')}) AS mean_days
           FROM analytics_client c WHERE c.organization_id = $1 AND ${CONSENTED} GROUP BY ROLLUP (c.ethnicity)`,
        ),
        await raw(
          `SELECT c.ethnicity, count(*) AS made, count(*) FILTER (WHERE ${UNMET}) AS unmet FROM ${REFERRALS_OF}
           AND ${CONSENTED} GROUP BY ROLLUP (c.ethnicity)`,
          [ORG, unmetReasons],
        ),
      ],
    },
    {
      name: 'indicators referralLoop',
      query: () => indicators.referralLoop(ORG),
      cached: false,
      baseline: () =>
        raw(
          `SELECT ${QUARTER('r.created_at')} AS period, count(*) AS made, count(r.accepted_at) AS accepted,
             count(*) FILTER (WHERE r.status = 'completed') AS completed, count(*) FILTER (WHERE ${UNMET}) AS unmet,
             avg(${DAYS('r.created_at', 'r.accepted_at')}) AS mean_days
           FROM ${REFERRALS_OF} GROUP BY ROLLUP (${QUARTER('r.created_at')})`,
          [ORG, unmetReasons],
        ),
    },
    {
      name: 'indicators firstContact',
      query: () => indicators.firstContact(ORG),
      cached: false,
      baseline: () =>
        raw(
          `SELECT ${QUARTER('c.first_referred_at')} AS period, count(*) AS referred, count(c.first_contact_at) AS contacted,
             avg(${DAYS('c.first_referred_at', 'c.first_contact_at')}) AS mean_days,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ${DAYS('c.first_referred_at', 'c.first_contact_at')}) AS median_days
           FROM analytics_client c WHERE c.organization_id = $1 GROUP BY ROLLUP (${QUARTER('c.first_referred_at')})`,
        ),
    },
    {
      name: 'indicators timeInStatus',
      query: () => indicators.timeInStatus(ORG, new Date()),
      cached: false,
      // The same spells as IndicatorsQueries.statusSpells; a current ended status is not one.
      baseline: () =>
        raw(
          `WITH spells AS (
             SELECT s.status, s.entered_at,
               LEAD(s.entered_at) OVER (PARTITION BY s.referral_id ORDER BY s.position) AS left_at
             FROM analytics_referral_status s JOIN analytics_referral r ON r.referral_id = s.referral_id
             WHERE r.organization_id = $1
           )
           SELECT status, count(*) AS spells, avg(${DAYS('entered_at', 'COALESCE(left_at, now())')}) AS mean_days,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ${DAYS('entered_at', 'COALESCE(left_at, now())')}) AS median_days
           FROM spells WHERE NOT (left_at IS NULL AND status = ANY($2::text[])) GROUP BY ROLLUP (status)`,
          [ORG, ['rejected', 'failed', 'completed', 'cancelled', 'entered-in-error']],
        ),
    },
  ];
}

/** Checks that the baselines read the same facts as the service: a few grand totals, which no rule hides. */
async function sameFacts(
  db: SqlClient,
  personalData: PersonalData,
): Promise<Record<string, { service: number | null; suppressed: string | null; raw: number }>> {
  const population = new PopulationService(new PopulationQueries(db, personalData));
  const indicators = new IndicatorsService(
    new PopulationQueries(db, personalData),
    new IndicatorsQueries(db),
  );
  const count = async (sql: string, params: readonly unknown[]) =>
    Number((await db.query<{ n: string }>(sql, params))[0]?.n ?? -1);
  const unmet = (await population.unmetNeeds(ORG, null)).find(
    (cell) => cell.need === '*' && cell.area === '*' && cell.stratum === '*',
  );
  const loop = (await indicators.referralLoop(ORG)).find((line) => line.period === '*');
  const contact = (await indicators.firstContact(ORG)).find((line) => line.period === '*');
  return {
    unmetReferralsConsented: {
      service: unmet?.count ?? null,
      suppressed: unmet?.suppressed ?? null,
      raw: await count(`SELECT count(*) AS n FROM ${REFERRALS_OF} AND ${CONSENTED} AND ${UNMET}`, [
        ORG,
        [...UNMET_REASONS],
      ]),
    },
    referralsMade: {
      service: loop?.made.count ?? null,
      suppressed: loop?.made.suppressed ?? null,
      raw: await count(`SELECT count(*) AS n FROM ${REFERRALS_OF}`, [ORG]),
    },
    clientsReferred: {
      service: contact?.referred.count ?? null,
      suppressed: contact?.referred.suppressed ?? null,
      raw: await count('SELECT count(*) AS n FROM analytics_client WHERE organization_id = $1', [ORG]),
    },
  };
}

async function main(): Promise<void> {
  const server = await resolvePostgres();
  const log = await createTestDatabase('spn_bench_analytics', server.url);
  const readModels: { drop(): Promise<void> }[] = [];
  const store = await openPostgresEventStore({
    connectionString: log.url,
    keyEncryptionKeys: LocalKeyEncryptionKeys.generate(),
  });
  const raw = new Client({ connectionString: log.url });
  await raw.connect();
  let db: PostgresSqlClient | null = null;
  const phases: Record<string, number> = {};
  try {
    let started = performance.now();
    const network = generateNetwork(clientsFor(TARGET));
    const { cumulative, total: events } = eventsOf(network);
    phases['generateSeconds'] = seconds(since(started));
    const liveClients = network.clients.filter((client) => !client.erased);
    const liveReferrals = liveClients.reduce((sum, client) => sum + client.referrals.length, 0);
    console.log(
      `generated ${network.clients.length.toLocaleString('en')} clients: ${events.toLocaleString('en')} events`,
    );

    started = performance.now();
    let shown = 0;
    const appended = await appendNetwork(store, network, {
      concurrency: APPENDERS,
      // About: clients finish out of order, APPENDERS at a time.
      onClient: (done) => {
        const about = cumulative[done] ?? events;
        if (about - shown < PROGRESS_EVERY) return;
        shown = about;
        const rate = Math.round(about / (since(started) / 1000));
        console.log(`  ~${about.toLocaleString('en')} events appended (${rate} events/s)`);
      },
    });
    const appendMs = since(started);
    if (appended !== events) throw new Error(`appended ${appended} events, expected ${events}`);
    phases['appendSeconds'] = seconds(appendMs);
    console.log(`  ${Math.round(events / (appendMs / 1000))} events/s appended in ${seconds(appendMs)} s`);
    started = performance.now();
    await raw.query('VACUUM ANALYZE events');
    phases['vacuumSeconds'] = seconds(since(started));

    const rawRead = () => rawLogRead(raw, PAGE);
    const personalData = new PersonalData(store.keys, personalFieldsWith());
    /** A rebuild into a fresh database, left open for the dashboard (the caller drops the previous one). */
    const rebuild = async (): Promise<{ into: PostgresSqlClient; progress: RebuildProgress[] }> => {
      const scratch = await createTestDatabase('spn_bench_analytics_rm', server.url);
      readModels.push(scratch);
      const into = new PostgresSqlClient(scratch.url, null, 2);
      let next = PROGRESS_EVERY * 4;
      const progress = await rebuildProjections([factsProjection(personalData), exportsProjection], {
        store,
        personalData,
        into,
        batchSize: PAGE,
        onProgress: (at) => {
          if (at.eventsDone < next) return;
          next += PROGRESS_EVERY * 4;
          console.log(
            `    ${at.projection}: ${at.eventsDone} events, ${Math.round(at.eventsPerSecond)} events/s`,
          );
        },
      });
      return { into, progress };
    };

    started = performance.now();
    const totals = { raw: 0, rebuild: 0, facts: 0, exports: 0 };
    for (let turn = 1; turn <= ROUNDS; turn += 1) {
      const rawStarted = performance.now();
      const read = await rawRead();
      const rawMs = since(rawStarted);
      if (read !== events) throw new Error(`raw read ${read} events, expected ${events}`);
      totals.raw += rawMs;
      console.log(`  turn ${turn} raw read: ${Math.round(events / (rawMs / 1000))} events/s`);

      // Only the last read model is kept, for the dashboard.
      if (db) {
        await db.close();
        await readModels.shift()?.drop();
      }
      const rebuilt = await rebuild();
      db = rebuilt.into;
      for (const done of rebuilt.progress) {
        if (done.eventsDone !== events)
          throw new Error(`${done.projection} rebuild read ${done.eventsDone} events, expected ${events}`);
        if (done.projection === 'facts') totals.facts += done.elapsedMs;
        else totals.exports += done.elapsedMs;
      }
      // The rebuild's own clock: without creating its database or running the schema.
      const ms = rebuilt.progress.reduce((sum, done) => sum + done.elapsedMs, 0);
      totals.rebuild += ms;
      console.log(
        `  turn ${turn} rebuild: ${Math.round(events / (ms / 1000))} events/s (${seconds(ms)} s; ${rebuilt.progress
          .map((done) => `${done.projection} ${seconds(done.elapsedMs)} s`)
          .join(', ')})`,
      );
      const [row] = await db.query<{ clients: string; referrals: string }>(
        `SELECT (SELECT count(*) FROM analytics_client) AS clients, (SELECT count(*) FROM analytics_referral) AS referrals`,
      );
      if (Number(row?.clients) !== liveClients.length || Number(row?.referrals) !== liveReferrals)
        throw new Error(
          `rebuilt read model incomplete: ${row?.clients} clients (expected ${liveClients.length}), ${row?.referrals} referrals (expected ${liveReferrals})`,
        );
    }
    phases['rebuildRoundsSeconds'] = seconds(since(started));
    if (!db) throw new Error('no read model was rebuilt');
    const readModel = db;

    // As autovacuum would soon after a rebuild: statistics for the planner.
    await db.exec('ANALYZE');
    started = performance.now();
    const checks = await sameFacts(db, personalData);
    // A suppressed total cannot be compared; a published one that differs means a wrong baseline.
    const mismatched = Object.entries(checks).filter(
      ([, check]) => check.suppressed === null && check.service !== check.raw,
    );
    if (mismatched.length > 0)
      console.warn(`baselines do not read the same facts as the service: ${JSON.stringify(mismatched)}`);
    for (const [name, check] of Object.entries(checks))
      if (check.suppressed !== null)
        console.warn(
          `  the service suppresses the grand total ${name} (${check.raw} raw): ${check.suppressed}`,
        );
    const queries = dashboard(db, personalData);
    const time = async (work: () => Promise<unknown>) => {
      const at = performance.now();
      await work();
      return since(at);
    };
    // What the facts projection does when a page changes the clients or their consents: every cached
    // table is stale.
    const factsChange = () => readModel.exec('UPDATE analytics_table_version SET version = version + 1');
    for (const q of queries) {
      const warmUp = await time(q.query);
      await q.baseline();
      console.log(`  ${q.name}: warm-up ${Math.round(warmUp)} ms`);
    }
    /**
     * SAMPLES calls of each query, each beside a call of its baseline (alternately first, so neither
     * always follows the other). Cold: the facts change (untimed) before each call of a cached query.
     */
    const pass = async (mode: 'cold' | 'warm', of: readonly Dashboard[]) => {
      const taken = new Map(of.map((q) => [q.name, { query: [] as number[], baseline: [] as number[] }]));
      if (mode === 'warm') for (const q of of) await q.query();
      for (let sample = 0; sample < SAMPLES; sample += 1) {
        for (const q of of) {
          const into = taken.get(q.name)!;
          const spent = into.query.reduce((sum, ms) => sum + ms, 0);
          if (into.query.length >= MIN_SAMPLES && spent >= QUERY_BUDGET_MS) continue;
          if (mode === 'cold' && q.cached) await factsChange();
          if (sample % 2 === 0) {
            into.query.push(await time(q.query));
            into.baseline.push(await time(q.baseline));
          } else {
            into.baseline.push(await time(q.baseline));
            into.query.push(await time(q.query));
          }
        }
        if ((sample + 1) % 10 === 0) console.log(`  dashboard ${mode}: ${sample + 1} of ${SAMPLES} samples`);
      }
      return new Map(
        [...taken].map(([name, { query, baseline }]) => {
          const q = latency(query);
          const b = latency(baseline);
          const ratios = { p50Ratio: round(q.p50Ms / b.p50Ms), p99Ratio: round(q.p99Ms / b.p99Ms) };
          return [name, { query: q, baseline: b, ...ratios }] as const;
        }),
      );
    };
    const cold = await pass('cold', queries);
    // The indicators keep no cache: their cold pass is all there is.
    const warm = await pass(
      'warm',
      queries.filter((q) => q.cached),
    );
    phases['dashboardSeconds'] = seconds(since(started));
    const dashboardResults = Object.fromEntries(
      queries.map((q) => [
        q.name,
        q.cached ? { cold: cold.get(q.name), warm: warm.get(q.name) } : { uncached: cold.get(q.name) },
      ]),
    );
    const rate = (ms: number) => Math.round((events * ROUNDS) / (ms / 1000));
    const [read] = await db.query<{ clients: string; referrals: string; spells: string; outcomes: string }>(
      `SELECT (SELECT count(*) FROM analytics_client WHERE organization_id = $1) AS clients,
         (SELECT count(*) FROM analytics_referral WHERE organization_id = $1) AS referrals,
         (SELECT count(*) FROM analytics_referral_status s JOIN analytics_referral r USING (referral_id)
           WHERE r.organization_id = $1) AS spells,
         (SELECT count(*) FROM analytics_outcome) AS outcomes`,
      [ORG],
    );
    const results = {
      postgresql: {
        events,
        clients: network.clients.length,
        pageSize: PAGE,
        rounds: ROUNDS,
        phases,
        append: {
          concurrency: APPENDERS,
          seconds: seconds(appendMs),
          rate: Math.round(events / (appendMs / 1000)),
        },
        rawRead: { rate: rate(totals.raw) },
        rebuild: {
          rate: rate(totals.rebuild),
          ratioToRawRead: round(totals.raw / totals.rebuild, 3),
          facts: { rate: rate(totals.facts), ratioToRawRead: round(totals.raw / totals.facts, 3) },
          exports: { rate: rate(totals.exports), ratioToRawRead: round(totals.raw / totals.exports, 3) },
        },
        dashboard: {
          organization: ORG,
          readModel: {
            clients: Number(read?.clients),
            referrals: Number(read?.referrals),
            statusRows: Number(read?.spells),
            outcomeRows: Number(read?.outcomes),
          },
          // Under 100 samples, the nearest-rank p99 is the slowest one.
          samples: SAMPLES,
          cache:
            'PopulationService caches protected tables until a table they read changes; cold: every stamp moved before each call',
          baselineChecks: checks,
          queries: dashboardResults,
        },
      },
    };
    console.log(JSON.stringify(results, null, 2));
    console.log(`written to ${await writeBenchResults('analytics', results)}`);
  } finally {
    await db?.close();
    await raw.end();
    await store.close();
    for (const scratch of [...readModels, log]) await scratch.drop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
