export default async function globalTeardown(): Promise<void> {
  await globalThis.__SPN_TEST_POSTGRES__?.stop();
}
