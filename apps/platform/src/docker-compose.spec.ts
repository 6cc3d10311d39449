import { loadConfig } from '@spn/service-kit';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(__dirname, '../../..');

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: string[] | Record<string, unknown>;
}
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const raw = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(services[name]?.environment ?? {}).map(([k, v]) => [k, String(v)]));

/** What `docker compose up` is given in its own environment (the secret a deployment chooses). */
const GIVEN: Record<string, string> = {
  SPN_GATEWAY_CREDENTIAL: 'c'.repeat(64),
  SPN_KEK: Buffer.alloc(32, 7).toString('base64'),
};
/** `${NAME:?message}` as compose interpolates it: the value given, or the start refused. */
const interpolate = (value: string): string =>
  value.replace(/\$\{([A-Z_]+):\?[^}]*\}/g, (_whole, name: string) => {
    const given = GIVEN[name];
    if (given === undefined) throw new Error(`compose would refuse to start without ${name}`);
    return given;
  });
const env = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(raw(name)).map(([k, v]) => [k, interpolate(v)]));

// The platform's own processes: every app with a main.ts, except the launcher of the embedded mode.
const apps = readdirSync(join(root, 'apps')).filter(
  (app) => app !== 'platform' && existsSync(join(root, 'apps', app, 'src', 'main.ts')),
);
const subgraphs = apps.filter((app) => app !== 'gateway');

/**
 * Production identity: tokens from the realm the Keycloak service imports (never the development
 * issuer), its keys fetched over https on the compose network, from Keycloak in production mode.
 */
function expectKeycloakIdentity(settings: Record<string, string>): void {
  expect(settings['NODE_ENV']).toBe('production');
  expect(settings['SPN_MODE']).toBe('distributed');
  expect(settings['AUTH_ISSUER']).toBe('https://localhost:8443/realms/spn');
  expect(settings['AUTH_DEV_ISSUER_DIR']).toBeUndefined();
  const jwks = new URL(settings['AUTH_JWKS_URL'] ?? '');
  expect({ protocol: jwks.protocol, host: jwks.host }).toEqual({ protocol: 'https:', host: 'keycloak:8443' });
  expect(settings['NODE_EXTRA_CA_CERTS']).toBe('/app/infra/tls/ca.crt');
  const keycloak = env('keycloak');
  expect(services['keycloak']?.command).toEqual(['start', '--import-realm']); // not start-dev
  expect(keycloak['KC_HOSTNAME']).toBe('https://localhost:8443');
  expect(keycloak['KC_HTTP_ENABLED']).toBe('false');
  expect(keycloak['KC_HTTPS_PORT']).toBe(new URL(settings['AUTH_JWKS_URL'] ?? '').port);
}

describe('docker-compose.yml describes the distributed stack', () => {
  it('names the components and every app', () => {
    for (const name of ['postgres', 'kafka', 'keycloak', ...apps]) expect(services[name]).toBeDefined();
    expect(apps).toEqual(expect.arrayContaining(['clients', 'gateway']));
  });

  it.each(subgraphs)('%s: a valid distributed configuration, started with its npm script', (app) => {
    const config = loadConfig(env(app));
    expect(config).toMatchObject({
      NODE_ENV: 'production',
      SPN_MODE: 'distributed',
      HOST: '0.0.0.0',
      KAFKA_BROKERS: ['kafka:9092'],
    });
    expect(new URL(config.DATABASE_URL!).hostname).toBe('postgres');
    // The store runs as its restricted role and signs seals with a key outside the database.
    expect(new URL(config.EVENT_STORE_RUNTIME_URL!).username).toBe('spn_store');
    expect(config.SPN_SEAL_KEY_DIR).toBe('/seal-key');
    expectKeycloakIdentity(env(app));
    expect(services[app]?.command?.join(' ')).toContain(`npm run ${app}`);
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts[app]).toBeDefined();
  });

  it('gives the gateway and every subgraph the one gateway credential, required from the environment', () => {
    const reference = raw('gateway')['SPN_GATEWAY_CREDENTIAL'];
    // Never a secret in the file: compose takes it from its environment and refuses to start without it.
    expect(reference).toMatch(/^\$\{SPN_GATEWAY_CREDENTIAL:\?[^}]+\}$/);
    for (const app of subgraphs) expect(raw(app)['SPN_GATEWAY_CREDENTIAL']).toBe(reference);
    for (const app of subgraphs)
      expect(loadConfig(env(app)).SPN_GATEWAY_CREDENTIAL).toBe(GIVEN['SPN_GATEWAY_CREDENTIAL']);
  });

  it('gives every subgraph the one KEK of the data keys, required from the environment', () => {
    const reference = raw('clients')['SPN_KEK'];
    // Never in the file, nor in the database: compose takes it from its environment, or refuses to start.
    expect(reference).toMatch(/^\$\{SPN_KEK:\?[^}]+\}$/);
    for (const app of subgraphs) expect(raw(app)['SPN_KEK']).toBe(reference);
    for (const app of subgraphs) expect(loadConfig(env(app)).SPN_KEK).toBe(GIVEN['SPN_KEK']);
    expect(raw('gateway')['SPN_KEK']).toBeUndefined();
  });

  it('points the gateway at every subgraph by its service name and port', () => {
    const gateway = env('gateway');
    // Its configuration is validated by the gateway's own config.spec.ts (the same compose file).
    expectKeycloakIdentity(gateway);
    expect(gateway['HOST']).toBe('0.0.0.0');
    for (const app of subgraphs) {
      const url = new URL(gateway[`${app.toUpperCase().replace(/-/g, '_')}_URL`] ?? '');
      expect(url.hostname).toBe(app);
      expect(url.port).toBe(env(app)['PORT']);
    }
  });
});
