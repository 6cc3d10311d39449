/**
 * The platform's services, in one place: each one's port variable (`<NAME>_PORT`, which the gateway
 * reaches at `<NAME>_URL`) and default port. The launcher and the embedded host both read it.
 */
export const SERVICES = [
  { service: 'clients', variable: 'CLIENTS', defaultPort: 4001 },
  { service: 'care-plans', variable: 'CARE_PLANS', defaultPort: 4002 },
  { service: 'partners', variable: 'PARTNERS', defaultPort: 4003 },
] as const;

/** The port a service listens on: its `<NAME>_PORT`, else its default. */
export const portOf = (
  entry: (typeof SERVICES)[number],
  env: Readonly<Record<string, string | undefined>>,
): string => env[`${entry.variable}_PORT`] ?? String(entry.defaultPort);
