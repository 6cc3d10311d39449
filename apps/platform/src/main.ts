/**
 * `npm start`: the whole platform on one machine, embedded by default (PGlite in SPN_DATA_DIR, default
 * ./data, kept across runs; the store's log as transport), or distributed with `SPN_MODE=distributed`
 * (PostgreSQL at DATABASE_URL, Kafka at KAFKA_BROKERS): each service and the gateway as a process of
 * its own, the demo network seeded once, then where to go. Ctrl-C stops everything gracefully.
 */
import { seedDemo, DEMO_CALLER } from './seed';
import { startApp, type Started } from './processes';

const GATEWAY_PORT = process.env['PORT'] ?? '4000';
const CLIENTS_PORT = process.env['CLIENTS_PORT'] ?? '4001';

async function main(): Promise<void> {
  if (process.env['NODE_ENV'] === 'production') {
    throw new Error(
      'npm start is the development platform (development identity): NODE_ENV=production is refused',
    );
  }
  const started: Started[] = [];
  const stopAll = async () => {
    for (const app of [...started].reverse()) await app.stop();
  };
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(0)));
  process.once('SIGTERM', () => void stopAll().finally(() => process.exit(0)));
  try {
    // Each service validates its own settings (DATABASE_URL and KAFKA_BROKERS when distributed).
    const mode = process.env['SPN_MODE'] ?? 'embedded';
    const env = { ...process.env, SPN_MODE: mode };
    started.push(await startApp('clients', { ...env, PORT: CLIENTS_PORT }, 'clients subgraph ready'));
    started.push(
      await startApp(
        'gateway',
        { ...env, PORT: GATEWAY_PORT, CLIENTS_URL: `http://127.0.0.1:${CLIENTS_PORT}/graphql` },
        'gateway ready',
      ),
    );
    const url = `http://127.0.0.1:${GATEWAY_PORT}/graphql`;
    const { replayed } = await seedDemo(url);
    const headers = Object.entries(DEMO_CALLER)
      .map(([name, value]) => `  -H '${name}: ${value}'`)
      .join(' \\\n');
    console.log(`
The platform is ready (${where(mode)}): ${url}
Demo network ${replayed ? 'already seeded' : 'seeded'}: three fictional clients in the caseload of ${DEMO_CALLER['x-spn-subject']}.
Development identity (no Keycloak yet): send these headers with every request, for example:

curl -s ${url} -H 'content-type: application/json' \\
${headers} \\
  -d '{"query":"{ caseload { clientId givenName needs urgency consents { purpose } } }"}'

Ctrl-C stops it; the data stays for the next start.
platform ready`);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function where(mode: string): string {
  return mode === 'embedded'
    ? `embedded mode, data in ${process.env['SPN_DATA_DIR'] ?? 'data'}`
    : 'distributed mode: PostgreSQL at DATABASE_URL, Kafka at KAFKA_BROKERS';
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
