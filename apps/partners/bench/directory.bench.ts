/**
 * `npm run bench` (partners): directory search with 10,000 services.
 *
 * The directory's matching query (need + age + language + distance, nearest first, 20 results), through
 * `DirectoryQueries.match`, against the equivalent hand-written SQL on the same tables in the same
 * run (term ids resolved beforehand, the same bounding box and haversine), in alternating rounds so a
 * noisy neighbour hurts both alike. Both run on the embedded runtime (PGlite), as `npm start` does.
 * Writes bench-results/directory.json; docs/directory.md quotes it.
 */
import type { EventMetadata } from '@spn/event-store';
import { loadConfig, openRuntime } from '@spn/service-kit';
import { latency, round, until, writeBenchResults } from '@spn/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DirectoryService } from '../src/directory/directory.service';
import { BC_CITIES, generateDirectory } from '../src/directory/hsds/fixture';
import { needTermId } from '../src/directory/hsds/taxonomies';
import { NEEDS, type Need } from '@spn/contracts';

const SERVICES = Number(process.env['BENCH_SERVICES'] ?? 10_000);
const ROUNDS = 10;
const QUERIES_PER_ROUND = 100;
const METADATA: EventMetadata = {
  organizationId: 'bench-health',
  actor: { subject: 'bench-steward', organizationId: 'bench-health', roles: ['org-admin'] },
  purposeOfUse: 'administration',
  correlationId: 'bench',
};

/** The same search written by hand: what the directory's query builder is measured against. */
const RAW = `
SELECT * FROM (
  SELECT DISTINCT ON (s.id) s.id AS service_id, s.name AS service_name, s.organization_id,
         o.name AS organization_name, l.id AS location_id, l.doc->>'name' AS location_name,
         2 * 6371.0088 * asin(sqrt(power(sin(radians(l.latitude - $1) / 2), 2)
           + cos(radians($1)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - $2) / 2), 2))) AS distance_km
  FROM partners_directory_service s
  JOIN partners_directory_service_at_location a ON a.service_id = s.id
  JOIN partners_directory_location l ON l.id = a.location_id
  LEFT JOIN partners_directory_organization o ON o.id = s.organization_id
  WHERE s.status = 'active' AND $3 = ANY(s.term_ids)
    AND (s.minimum_age IS NULL OR s.minimum_age <= $4) AND (s.maximum_age IS NULL OR s.maximum_age >= $4)
    AND s.languages && $5::text[]
    AND l.location_type = 'physical'
    AND l.latitude BETWEEN $6 AND $7 AND l.longitude BETWEEN $8 AND $9
  ORDER BY s.id, distance_km, l.id
) m WHERE distance_km <= $10
ORDER BY distance_km, service_name, service_id LIMIT 20`;

interface Search {
  readonly need: Need;
  readonly age: number;
  readonly languages: string[];
  readonly latitude: number;
  readonly longitude: number;
  readonly radiusKm: number;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'spn-bench-directory-'));
  const runtime = await openRuntime(loadConfig({ SPN_DATA_DIR: dataDir, SPN_SEALER: 'off' }), {
    service: 'partners',
  });
  try {
    const directory = await DirectoryService.start(runtime);
    const fixture = generateDirectory({ services: SERVICES });
    let started = performance.now();
    const receipt = await directory.importDocument(fixture, METADATA);
    const appendMs = performance.now() - started;
    await until(() => directory.queries.imported(receipt.contentId), 'the directory projection', 600_000, 50);
    const projectedMs = performance.now() - started;
    console.log(
      `imported ${SERVICES} services in ${receipt.batches} events: appended ${Math.round(appendMs)} ms, projected ${Math.round(projectedMs)} ms`,
    );

    const searches: Search[] = Array.from({ length: QUERIES_PER_ROUND }, (_, i) => {
      const city = BC_CITIES[i % BC_CITIES.length]!;
      return {
        need: NEEDS[i % NEEDS.length]!,
        age: [8, 17, 35, 70][i % 4]!,
        languages: [['en'], ['pa', 'en'], ['fr'], ['cmn']][i % 4]!,
        latitude: city.lat,
        longitude: city.lon,
        radiusKm: 25,
      };
    });
    const viaDirectory = (search: Search) =>
      directory.queries.match({
        need: search.need,
        age: search.age,
        languages: search.languages,
        near: { latitude: search.latitude, longitude: search.longitude, radiusKm: search.radiusKm },
        limit: 20,
      });
    const viaRawSql = (search: Search) => {
      const latDelta = search.radiusKm / 111.045;
      const lonDelta = search.radiusKm / (111.045 * Math.cos((search.latitude * Math.PI) / 180));
      return runtime.readModels.query(RAW, [
        search.latitude,
        search.longitude,
        needTermId(search.need),
        search.age,
        search.languages,
        search.latitude - latDelta,
        search.latitude + latDelta,
        search.longitude - lonDelta,
        search.longitude + lonDelta,
        search.radiusKm,
      ]);
    };
    // Same answers, or the comparison means nothing.
    for (const search of searches) {
      const [ours, raw] = [await viaDirectory(search), await viaRawSql(search)];
      const same =
        JSON.stringify(ours.map((m) => m.serviceId)) === JSON.stringify(raw.map((r) => r['service_id']));
      if (!same) throw new Error(`the two queries disagree on ${JSON.stringify(search)}`);
    }
    const samples = { directory: [] as number[], raw: [] as number[] };
    const time = async (into: number[], work: () => Promise<unknown>) => {
      started = performance.now();
      await work();
      into.push(performance.now() - started);
    };
    for (const search of searches) await viaDirectory(search); // warm-up
    for (let round_ = 0; round_ < ROUNDS; round_ += 1)
      for (const search of searches) {
        await time(samples.directory, () => viaDirectory(search));
        await time(samples.raw, () => viaRawSql(search));
      }
    const ours = latency(samples.directory);
    const raw = latency(samples.raw);
    const results = {
      services: SERVICES,
      organizations: fixture.organizations.length,
      locations: fixture.locations.length,
      import: {
        events: receipt.batches,
        appendMs: Math.round(appendMs),
        projectedMs: Math.round(projectedMs),
      },
      search: {
        directory: ours,
        rawSql: raw,
        p50Ratio: round(ours.p50Ms / raw.p50Ms),
        p99Ratio: round(ours.p99Ms / raw.p99Ms),
      },
    };
    console.log(JSON.stringify(results, null, 2));
    console.log(`written to ${await writeBenchResults('directory', results)}`);
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
