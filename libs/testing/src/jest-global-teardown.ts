/** Stops what the global setup started (servers it only found are left alone). */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__SPN_TEST_KEYCLOAK__?.stop();
  await globalThis.__SPN_TEST_KAFKA__?.stop();
  await globalThis.__SPN_TEST_POSTGRES__?.stop();
}
