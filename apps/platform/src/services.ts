/**
 * The platform's services, in one place: each one's port variable (`<NAME>_PORT`, which the gateway
 * reaches at `<NAME>_URL`) and default port. The launcher and the embedded host both read it.
 */
export const SERVICES = [
  { service: 'clients', variable: 'CLIENTS', defaultPort: 4001 },
  { service: 'care-plans', variable: 'CARE_PLANS', defaultPort: 4002 },
  { service: 'partners', variable: 'PARTNERS', defaultPort: 4003 },
  { service: 'quality-safety', variable: 'QUALITY_SAFETY', defaultPort: 4004 },
  { service: 'audit', variable: 'AUDIT', defaultPort: 4005 },
  { service: 'analytics', variable: 'ANALYTICS', defaultPort: 4006 },
] as const;

/** The port a service listens on: its `<NAME>_PORT`, else its default. */
export const portOf = (
  entry: (typeof SERVICES)[number],
  env: Readonly<Record<string, string | undefined>>,
): string => env[`${entry.variable}_PORT`] ?? String(entry.defaultPort);

/**
 * A free port for every service (`<NAME>_PORT`), for tests and benchmarks that run the platform beside
 * others: a new service is covered without touching them.
 */
export async function freeServicePorts(freePort: () => Promise<number>): Promise<Record<string, string>> {
  const ports: Record<string, string> = {};
  for (const entry of SERVICES) ports[`${entry.variable}_PORT`] = String(await freePort());
  return ports;
}

/** Each service's GraphQL address (`<NAME>_URL`) for the gateway, from those ports. */
export const serviceUrls = (ports: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(
    SERVICES.map((entry) => [
      `${entry.variable}_URL`,
      `http://127.0.0.1:${ports[`${entry.variable}_PORT`] ?? String(entry.defaultPort)}/graphql`,
    ]),
  );
