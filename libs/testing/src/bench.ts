import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';

/** Benchmarks write here, one JSON file each; docs/benchmarks.md summarises them. */
export const BENCH_RESULTS_DIR = resolve(__dirname, '../../../bench-results');

/** Milliseconds `work` took. */
export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export interface Latency {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Nearest-rank percentiles of latency samples (ms). */
export function latency(samples: readonly number[]): Latency {
  if (samples.length === 0) throw new Error('latency() needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return {
    samples: sorted.length,
    p50Ms: round(rank(50)),
    p95Ms: round(rank(95)),
    p99Ms: round(rank(99)),
    maxMs: round(sorted.at(-1)!),
  };
}

export interface Comparison {
  /** Items per second of the thing measured. */
  readonly rate: number;
  /** Items per second of the baseline, measured in the same run. */
  readonly baselineRate: number;
  /** rate / baselineRate: the figure to read, since these machines are shared and noisy. */
  readonly ratio: number;
}

/**
 * What a measured call may return when only part of it is the work: its own time in ms (for example
 * from the first message received to the last one applied, without the consumer group's join).
 */
export interface Measured {
  readonly measuredMs: number;
}

const isMeasured = (value: unknown): value is Measured =>
  typeof value === 'object' && value !== null && typeof (value as Measured).measuredMs === 'number';

async function measure(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  const result = await work();
  return isMeasured(result) ? result.measuredMs : performance.now() - started;
}

/**
 * Runs `subject` and `baseline` in alternating rounds (so a noisy neighbour hurts both alike) and
 * compares their rates. Each call of either handles `itemsPerCall` items; a call that returns
 * {@link Measured} is timed by what it says, else from call to return.
 */
export async function compareRates(options: {
  readonly rounds: number;
  readonly itemsPerCall: number;
  readonly subject: () => Promise<unknown>;
  readonly baseline: () => Promise<unknown>;
}): Promise<Comparison> {
  let subjectMs = 0;
  let baselineMs = 0;
  for (let round = 0; round < options.rounds; round += 1) {
    subjectMs += await measure(options.subject);
    baselineMs += await measure(options.baseline);
  }
  const items = options.rounds * options.itemsPerCall;
  const rate = items / (subjectMs / 1000);
  const baselineRate = items / (baselineMs / 1000);
  return {
    rate: Math.round(rate),
    baselineRate: Math.round(baselineRate),
    ratio: round(rate / baselineRate),
  };
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** Writes `bench-results/<name>.json` with the machine it ran on, and returns the path. */
export async function writeBenchResults(name: string, results: unknown): Promise<string> {
  await mkdir(BENCH_RESULTS_DIR, { recursive: true });
  const path = join(BENCH_RESULTS_DIR, `${name}.json`);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
  };
  await writeFile(
    path,
    `${JSON.stringify({ benchmark: name, measuredAt: new Date().toISOString(), machine, results }, null, 2)}\n`,
  );
  return path;
}

/**
 * The baseline of the replay and rebuild figures: a raw keyset read of the whole `events` table in
 * position order, `pageSize` rows at a time. Returns the rows read.
 */
export async function rawLogRead(db: Pick<Client, 'query'>, pageSize: number): Promise<number> {
  let after = 0;
  let read = 0;
  for (;;) {
    const { rows } = await db.query<{ global_position: string }>(
      'SELECT * FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2',
      [after, pageSize],
    );
    const last = rows.at(-1);
    if (!last) return read;
    read += rows.length;
    after = Number(last.global_position);
  }
}
