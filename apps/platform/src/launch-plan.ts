import { portOf, SERVICES } from './services';

/** One process `npm start` runs: its TypeScript entry, its environment, the log line that says ready. */
export interface PlannedProcess {
  readonly name: string;
  readonly entry: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readyText: string;
}

/** Settings `npm start` cannot run with, each naming its variable. */
export class LaunchSettingsError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'LaunchSettingsError';
  }
}

/**
 * The ports the WHATWG fetch standard blocks ("bad ports"), which Node's `fetch` refuses to reach: a
 * service or gateway on one of them would start, and nothing (the gateway, the seed) could call it.
 */
export const FETCH_BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

function checkPort(variable: string, value: string): void {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65_535)
    throw new LaunchSettingsError(variable, `${variable} must be a port number from 1 to 65535`);
  if (FETCH_BLOCKED_PORTS.has(port))
    throw new LaunchSettingsError(
      variable,
      `${variable}=${value} is a port that fetch (Node's, and browsers') refuses to connect to; choose another`,
    );
}

/**
 * What `npm start` runs, and with which settings: embedded, one process for every service (they share
 * the one PGlite store) and the gateway; distributed, each service as its own process and the gateway.
 * In the distributed mode every service runs a relay and a sealer: they elect one leader each on the
 * store's database, so one publishes and one seals, and another takes over if its process dies.
 * Every port is checked first, so a bad one is refused before anything starts.
 */
export function launchPlan(env: Readonly<Record<string, string | undefined>>): PlannedProcess[] {
  const mode = env['SPN_MODE'] ?? 'embedded';
  const base = { ...env, SPN_MODE: mode };
  const gatewayPort = env['PORT'] ?? '4000';
  const services = SERVICES.map((entry) => ({ ...entry, port: portOf(entry, env) }));
  checkPort('PORT', gatewayPort);
  for (const { variable, port } of services) checkPort(`${variable}_PORT`, port);
  const seen = new Map<string, string>([[gatewayPort, 'PORT']]);
  for (const { variable, port } of services) {
    const other = seen.get(port);
    if (other)
      throw new LaunchSettingsError(`${variable}_PORT`, `${variable}_PORT and ${other} are both ${port}`);
    seen.set(port, `${variable}_PORT`);
  }

  const planned: PlannedProcess[] = [];
  if (mode === 'embedded') {
    const ports = Object.fromEntries(services.map((s) => [`${s.variable}_PORT`, s.port]));
    planned.push({
      name: 'services',
      entry: 'apps/platform/src/embedded-services.ts',
      env: { ...base, ...ports },
      readyText: 'embedded services ready',
    });
  } else {
    services.forEach(({ service, port }) => {
      planned.push({
        name: service,
        entry: `apps/${service}/src/main.ts`,
        env: { ...base, PORT: port },
        readyText: `${service} subgraph ready`,
      });
    });
  }
  const urls = Object.fromEntries(
    services.map((s) => [`${s.variable}_URL`, `http://127.0.0.1:${s.port}/graphql`]),
  );
  planned.push({
    name: 'gateway',
    entry: 'apps/gateway/src/main.ts',
    env: { ...base, PORT: gatewayPort, ...urls },
    readyText: 'gateway ready',
  });
  return planned;
}
