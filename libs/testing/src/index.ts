// Test infrastructure: real components for integration tests. Never imported by production code.
export { createTestDatabase, resolvePostgres, testServerUrl, type TestPostgres } from './postgres';
export { freePort } from './free-port';
export { eventually, until } from './wait';
export { memoryLog } from './memory-log';
export { startNpmScript, startTsProcess, type TsProcess } from './ts-process';
export { resolveKafka, startNativeKafka, testKafkaBrokers, type TestKafka } from './kafka';
export {
  KEYCLOAK_API_AUDIENCE,
  KEYCLOAK_BROWSER_CLIENT,
  KEYCLOAK_DEV_CLIENT,
  KEYCLOAK_DEV_PASSWORD,
  KEYCLOAK_PARTNER_SECRETS,
  KEYCLOAK_REALM,
  allowBrowserOrigin,
  clientCredentialsGrant,
  decodeJwtPayload,
  passwordGrant,
  resolveKeycloak,
  startNativeKeycloak,
  testKeycloak,
  type KeycloakAccessTokenClaims,
  type KeycloakRealm,
  type TestKeycloak,
} from './keycloak';
export {
  BENCH_RESULTS_DIR,
  compareRates,
  latency,
  rawLogRead,
  round,
  timeMs,
  writeBenchResults,
  type Comparison,
  type Latency,
  type Measured,
} from './bench';
export {
  GATEWAY_HEADER,
  gatewayHeaders,
  postGraphQL,
  refusalCodes,
  walkPages,
  type GraphQLResponse,
  type PageOf,
} from './graphql';
export { rawHttp, type RawAnswer } from './raw-http';
export { seededRandom } from './random';
