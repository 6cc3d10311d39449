import { resolveKeycloak, type TestKeycloak } from './keycloak';
import kafkaSetup from './jest-global-setup-kafka';
import globalTeardown from './jest-global-teardown';

declare global {
  var __SPN_TEST_KEYCLOAK__: TestKeycloak | undefined;
}

/** Keycloak alone: found or started, then handed to the test files in the environment (testKeycloak()). */
export async function keycloakSetup(): Promise<void> {
  const keycloak = await resolveKeycloak();
  process.env['SPN_TEST_KEYCLOAK_URL'] = keycloak.url;
  process.env['SPN_TEST_KEYCLOAK_REALM'] = keycloak.realm;
  process.env['SPN_TEST_KEYCLOAK_ISSUER'] = keycloak.issuer;
  globalThis.__SPN_TEST_KEYCLOAK__ = keycloak;
}

/**
 * PostgreSQL, a Kafka broker and Keycloak, found or started once per Jest run (Keycloak while the
 * others start). If one cannot start, what did start is stopped: Jest runs no teardown after a failed setup.
 */
export default async function globalSetup(): Promise<void> {
  const started = await Promise.allSettled([kafkaSetup(), keycloakSetup()]);
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await globalTeardown().catch(() => undefined);
    throw failed.reason;
  }
}
