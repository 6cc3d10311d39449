import { loadConfig } from '@spn/service-kit';
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { connectionBudget } from './connection-budget';
import { containerEnvironment } from './container-environment';
import { OVERLAYS, render } from './render';

const ROOT = join(__dirname, '../..');
const SERVICES = ['clients', 'care-plans', 'partners', 'quality-safety', 'audit', 'analytics'];
/**
 * Connections kept free beyond the services': CloudNativePG's own sessions, and one operator's tool pod
 * (rebuild, dead letters: docs/operations.md) at the default pools of 10, 2 x 10 + 2.
 */
const OPERATOR_HEADROOM = 40;
/** This test's port for the gateway it starts (the range given to it). */
const GATEWAY_TEST_PORT = 5371;

const seal = generateKeyPairSync('ed25519');
/** What the region puts in the secrets the manifests name (docs/operations.md, "Install"). */
const SECRETS: Record<string, string> = {
  'spn-database/owner-url': 'postgres://postgres:development@postgres:5432/spn',
  'spn-database/runtime-url': 'postgres://spn_store:spn_store@postgres:5432/spn',
  'spn-postgres-app/uri': 'postgresql://spn:generated@spn-postgres-rw.spn:5432/spn',
  'spn-store-role/password': randomBytes(24).toString('hex'),
  'spn-gateway-credential/credential': randomBytes(32).toString('hex'),
  'spn-kek/kek': randomBytes(32).toString('base64'),
  'spn-seal-key/seal-signing.pem': seal.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  'spn-seal-key/seal-signing.pub.pem': seal.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};

describe.each(OVERLAYS)('the %s overlay gives each container', (overlay) => {
  const manifests = render(overlay);
  const environment = (name: string) => containerEnvironment(manifests, name, SECRETS);

  it.each(SERVICES)('%s: a distributed configuration its own validation accepts', (service) => {
    const env = environment(service);
    const config = loadConfig(env);
    expect(config).toMatchObject({
      NODE_ENV: overlay === 'production' ? 'production' : 'development',
      SPN_MODE: 'distributed',
      HOST: '0.0.0.0',
      SPN_KEK: SECRETS['spn-kek/kek'],
      SPN_GATEWAY_CREDENTIAL: SECRETS['spn-gateway-credential/credential'],
      SPN_SEAL_SIGNING_KEY: SECRETS['spn-seal-key/seal-signing.pem'],
    });
    // The store runs as its restricted role, never as the owner that migrates.
    const runtime = new URL(config.EVENT_STORE_RUNTIME_URL!);
    expect(runtime.username).toBe('spn_store');
    // Production builds it from the password of the role CloudNativePG manages; development is given it.
    const password = overlay === 'production' ? SECRETS['spn-store-role/password'] : 'spn_store';
    expect(decodeURIComponent(runtime.password)).toBe(password);
    expect(new URL(config.DATABASE_URL!).username).not.toBe('spn_store');
    // The gateway reaches it at the port it listens on, by its Service's name.
    const gateway = environment('gateway');
    const url = new URL(gateway[`${service.toUpperCase().replace(/-/g, '_')}_URL`] ?? '');
    expect({ host: url.hostname, port: Number(url.port) }).toEqual({ host: service, port: config.PORT });
    // Every replica of every service runs a relay and a sealer; each elects one leader on the database.
    expect(config.SPN_RELAY).toBe('on');
    expect(config.SPN_SEALER).toBe('on');
  });

  it('every replica of every service at its most fits PostgreSQL max_connections', () => {
    const budget = connectionBudget(manifests, SERVICES, environment);
    for (const service of SERVICES)
      // Set for each service, not left to the default (10, sized for one process on a laptop).
      expect({ service, set: environment(service)['SPN_DB_POOL_SIZE'] !== undefined }).toEqual({
        service,
        set: true,
      });
    expect(budget.total).toBeGreaterThan(0);
    expect({
      total: budget.total,
      fits: budget.total + budget.superuserReservedConnections + OPERATOR_HEADROOM <= budget.maxConnections,
    }).toEqual({ total: budget.total, fits: true });
  });

  it('an autoscaler allowed more replicas than the server admits fails the sum', () => {
    const budget = connectionBudget(manifests, SERVICES, environment);
    const grown = structuredClone(manifests);
    const autoscaler = grown.find(
      (object) => object.kind === 'HorizontalPodAutoscaler' && object.metadata.name === 'clients',
    ) as unknown as { spec: { maxReplicas: number } };
    const perPod = budget.services.find(({ service }) => service === 'clients')?.perPod ?? 0;
    // Enough replicas more to take every connection the others leave.
    autoscaler.spec.maxReplicas += Math.ceil(budget.maxConnections / perPod);
    const over = connectionBudget(grown, SERVICES, environment);
    expect(over.total).toBeGreaterThan(over.maxConnections);
  });

  it('the gateway: it starts natively with that environment and answers its probes', async () => {
    const env = environment('gateway');
    expect(env['SPN_KEK']).toBeUndefined();
    // Only the port (a test's) and the address (loopback) differ from the container's.
    const given = { ...env, PORT: String(GATEWAY_TEST_PORT), HOST: '127.0.0.1' };
    const child = spawn(process.execPath, [join(ROOT, 'tools/run-ts.cjs'), 'apps/gateway/src/main.ts'], {
      cwd: ROOT,
      // Only what the container has, and the PATH that finds node.
      env: { PATH: process.env['PATH'], ...given },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!output.includes('gateway ready')) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`the gateway did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const live = await fetch(`http://127.0.0.1:${GATEWAY_TEST_PORT}/health/live`);
      expect(live.status).toBe(200);
      // Ready only once every subgraph is: none runs here (their cluster names do not resolve), so the
      // probe answers 503 and names each subgraph the manifests point it to.
      const ready = await fetch(`http://127.0.0.1:${GATEWAY_TEST_PORT}/health/ready`);
      const report = (await ready.json()) as { checks: Record<string, { status: string }> };
      expect(ready.status).toBe(503);
      expect(Object.keys(report.checks).sort()).toEqual([
        'analytics',
        'audit',
        'care-plans',
        'clients',
        'partners',
        'quality-safety',
      ]);
      // Its GraphQL refuses a caller without a token, as in production.
      const refused = await fetch(`http://127.0.0.1:${GATEWAY_TEST_PORT}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect(refused.status).toBe(401);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
