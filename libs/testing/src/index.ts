// Test infrastructure: real components for integration tests. Never imported by production code.
export { createTestDatabase, resolvePostgres, testServerUrl, type TestPostgres } from './postgres';
export { freePort } from './free-port';
export { eventually, until } from './wait';
export { startTsProcess, type TsProcess } from './ts-process';
export { resolveKafka, startNativeKafka, testKafkaBrokers, type TestKafka } from './kafka';
export {
  BENCH_RESULTS_DIR,
  compareRates,
  latency,
  round,
  timeMs,
  writeBenchResults,
  type Comparison,
  type Latency,
  type Measured,
} from './bench';
