import { ConfigError } from '@spn/service-kit';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadGatewayConfig } from './config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.problem}`);
    throw error;
  }
  return [];
};

describe('the gateway never trusts the development issuer where a real one is needed', () => {
  it('runs on the development issuer in development, embedded', () => {
    expect(loadGatewayConfig({})).toMatchObject({ NODE_ENV: 'development', SPN_MODE: 'embedded' });
  });

  it('refuses the distributed mode without AUTH_ISSUER, save a test run that names the folder', () => {
    expect(problemsOf({ SPN_MODE: 'distributed' })).toEqual([
      expect.stringMatching(/^AUTH_ISSUER: required when SPN_MODE=distributed/),
    ]);
    expect(problemsOf({ SPN_MODE: 'distributed', NODE_ENV: 'test' })).toHaveLength(1);
    expect(problemsOf({ SPN_MODE: 'distributed', NODE_ENV: 'test', AUTH_DEV_ISSUER_DIR: '/tmp/i' })).toEqual(
      [],
    );
  });

  it('refuses production without an https issuer', () => {
    // Production also needs the subgraphs' credential (its own test's concern): given here.
    const credential = { SPN_GATEWAY_CREDENTIAL: 'c'.repeat(32) };
    expect(problemsOf({ NODE_ENV: 'production', ...credential })).toEqual([
      'AUTH_ISSUER: required in production (Keycloak)',
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        ...credential,
        AUTH_ISSUER: 'https://id.example/realms/spn',
        AUTH_JWKS_URL: 'http://keycloak:8080/certs',
      }),
    ).toEqual([expect.stringMatching(/^AUTH_JWKS_URL: .*https/)]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        ...credential,
        AUTH_ISSUER: 'https://id.example/realms/spn',
        AUTH_DEV_ISSUER_DIR: 'd',
      }),
    ).toEqual(['AUTH_DEV_ISSUER_DIR: the development issuer is refused in production']);
    expect(
      problemsOf({ NODE_ENV: 'production', ...credential, AUTH_ISSUER: 'https://id.example/realms/spn' }),
    ).toEqual([]);
  });

  it('accepts the production settings docker-compose.yml gives it', () => {
    const compose = parse(readFileSync(join(resolve(__dirname, '../../..'), 'docker-compose.yml'), 'utf8'), {
      merge: true,
    }) as { services: Record<string, { environment: Record<string, string | number> }> };
    const env = Object.fromEntries(
      Object.entries(compose.services['gateway']?.environment ?? {}).map(([k, v]) => [k, String(v)]),
    );
    expect(loadGatewayConfig(env)).toMatchObject({
      NODE_ENV: 'production',
      SPN_MODE: 'distributed',
      AUTH_ISSUER: 'https://localhost:8443/realms/spn',
    });
  });
});
