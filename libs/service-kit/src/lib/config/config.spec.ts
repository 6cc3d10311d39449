import { ephemeralSealKeys, sealKeyId } from '@spn/event-store';
import { sealKeysOf } from '../runtime/runtime';
import { ConfigError, loadConfig } from './config';

describe('configuration, validated once at boot', () => {
  it('defaults to the embedded mode, with nothing set', () => {
    expect(loadConfig({})).toMatchObject({
      NODE_ENV: 'development',
      SPN_MODE: 'embedded',
      SPN_DATA_DIR: 'data',
      KAFKA_PARTITIONS: 3,
      SPN_RELAY: 'on',
      SPN_RELAY_LEASE_MS: 10_000,
    });
  });

  it('reads the keys from before a signing-key rotation, several PEM blocks, and refuses anything else', async () => {
    const [current, first, second] = [ephemeralSealKeys(), ephemeralSealKeys(), ephemeralSealKeys()];
    const pem = (key: typeof current.publicKey) => key.export({ type: 'spki', format: 'pem' }).toString();
    const keys = await sealKeysOf(
      loadConfig({
        SPN_SEAL_SIGNING_KEY: current.signingKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        SPN_SEAL_PREVIOUS_PUBLIC_KEYS: `${pem(first.publicKey)}${pem(second.publicKey)}`,
      }),
    );
    expect(keys.previousPublicKeys?.map(sealKeyId)).toEqual([
      sealKeyId(first.publicKey),
      sealKeyId(second.publicKey),
    ]);
    const error = catchError(() => loadConfig({ SPN_SEAL_PREVIOUS_PUBLIC_KEYS: 'not a key' }));
    expect(error.problems.map((problem) => problem.variable)).toEqual(['SPN_SEAL_PREVIOUS_PUBLIC_KEYS']);
  });

  it('sizes each PostgreSQL pool by SPN_DB_POOL_SIZE (default 10), a positive integer', () => {
    expect(loadConfig({}).SPN_DB_POOL_SIZE).toBe(10);
    expect(loadConfig({ SPN_DB_POOL_SIZE: '4' }).SPN_DB_POOL_SIZE).toBe(4);
    for (const wrong of ['0', '-2', '2.5', 'ten']) {
      const error = catchError(() => loadConfig({ SPN_DB_POOL_SIZE: wrong }));
      expect(error.problems).toEqual([{ variable: 'SPN_DB_POOL_SIZE', problem: 'a positive integer' }]);
      expect(error.message).toContain('SPN_DB_POOL_SIZE');
    }
  });

  it('refuses a relay lease under a second, naming the variable', () => {
    const error = catchError(() => loadConfig({ SPN_RELAY_LEASE_MS: '500' }));
    expect(error.problems.map((problem) => problem.variable)).toEqual(['SPN_RELAY_LEASE_MS']);
  });

  it('reads the distributed settings and splits the broker list', () => {
    const config = loadConfig({
      SPN_MODE: 'distributed',
      DATABASE_URL: 'postgres://app@db.example:5432/spn',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      PORT: '4001',
      AUTH_ISSUER: 'https://id.example/realms/spn',
      SPN_KEK_FILE: '/run/secrets/spn-kek',
    });
    expect(config.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(config.PORT).toBe(4001);
  });

  it('names every missing variable of the distributed mode at once', () => {
    const error = catchError(() => loadConfig({ SPN_MODE: 'distributed' }));
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'AUTH_ISSUER',
      'DATABASE_URL',
      'KAFKA_BROKERS',
      'SPN_KEK',
    ]);
    expect(error.message).toContain('DATABASE_URL: required when SPN_MODE=distributed');
  });

  it('names each malformed variable, and never echoes a value', () => {
    const error = catchError(() =>
      loadConfig({
        SPN_MODE: 'cluster',
        DATABASE_URL: 'mysql://secret-password@db/spn',
        KAFKA_BROKERS: 'kafka-1',
        PORT: '99999',
      }),
    );
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'DATABASE_URL',
      'KAFKA_BROKERS',
      'PORT',
      'SPN_MODE',
    ]);
    expect(error.message).not.toContain('secret-password');
  });

  it('keeps the relay batch under the broker limit and above the largest event the store accepts', () => {
    expect(loadConfig({}).KAFKA_MAX_BATCH_BYTES).toBe(900_000);
    expect(loadConfig({ KAFKA_MAX_BATCH_BYTES: '5000000' }).KAFKA_MAX_BATCH_BYTES).toBe(5_000_000);
    const error = catchError(() => loadConfig({ KAFKA_MAX_BATCH_BYTES: '100000' }));
    expect(error.problems).toEqual([
      { variable: 'KAFKA_MAX_BATCH_BYTES', problem: expect.stringContaining('at least 278528') as string },
    ]);
  });

  describe('the key-encryption key of the data keys', () => {
    const kek = Buffer.alloc(32, 7).toString('base64');
    const distributed = {
      SPN_MODE: 'distributed',
      DATABASE_URL: 'postgres://app@db.example:5432/spn',
      KAFKA_BROKERS: 'kafka-1:9092',
      AUTH_ISSUER: 'https://id.example/realms/spn',
    };

    it('is required in the distributed mode and in production, as SPN_KEK or SPN_KEK_FILE', () => {
      expect(catchError(() => loadConfig(distributed)).problems).toEqual([
        {
          variable: 'SPN_KEK',
          problem: expect.stringContaining(
            'SPN_KEK or SPN_KEK_FILE is required when SPN_MODE=distributed',
          ) as string,
        },
      ]);
      const production = {
        NODE_ENV: 'production',
        AUTH_ISSUER: 'https://id.example/realms/spn',
        SPN_GATEWAY_CREDENTIAL: 's'.repeat(32),
      };
      expect(catchError(() => loadConfig(production)).problems.map((p) => p.variable)).toEqual(['SPN_KEK']);
      expect(loadConfig({ ...distributed, SPN_KEK: kek }).SPN_KEK).toBe(kek);
      expect(loadConfig({ ...production, SPN_KEK_FILE: '/run/secrets/spn-kek' }).SPN_KEK_FILE).toBe(
        '/run/secrets/spn-kek',
      );
      // Embedded development makes its own, in the data folder.
      expect(loadConfig({}).SPN_KEK).toBeUndefined();
    });

    it('refuses a key that is not 32 bytes, both sources at once, and never echoes a key', () => {
      const short = Buffer.alloc(16, 9).toString('base64');
      const error = catchError(() =>
        loadConfig({
          ...distributed,
          SPN_KEK: short,
          SPN_KEK_PREVIOUS: `${kek},${short}`,
          SPN_KEK_FILE: '/k',
        }),
      );
      expect(error.problems.map((p) => p.variable).sort()).toEqual([
        'SPN_KEK',
        'SPN_KEK_FILE',
        'SPN_KEK_PREVIOUS',
      ]);
      expect(error.message).not.toContain(short);
      expect(error.message).not.toContain(kek);
    });
  });

  describe('the development issuer never stands in for a real one', () => {
    const distributed = {
      SPN_MODE: 'distributed',
      DATABASE_URL: 'postgres://app@db.example:5432/spn',
      KAFKA_BROKERS: 'kafka-1:9092',
      SPN_KEK_FILE: '/run/secrets/spn-kek',
    };
    // Production also needs the gateway's credential and the KEK (other tests' concern): given here.
    const gatewaySecret = { SPN_GATEWAY_CREDENTIAL: 's'.repeat(32), SPN_KEK_FILE: '/run/secrets/spn-kek' };
    const problems = (env: Record<string, string>) =>
      catchError(() => loadConfig(env)).problems.map(({ variable, problem }) => `${variable}: ${problem}`);

    it('refuses the distributed mode without AUTH_ISSUER, whatever NODE_ENV says', () => {
      for (const NODE_ENV of ['development', 'test', 'production'])
        expect(problems({ ...distributed, NODE_ENV })).toContainEqual(
          expect.stringMatching(/^AUTH_ISSUER: required (when SPN_MODE=distributed|in production)/),
        );
      // Naming the folder is not enough outside a test run.
      expect(problems({ ...distributed, AUTH_DEV_ISSUER_DIR: '/srv/dev-issuer' })).toEqual([
        expect.stringMatching(/^AUTH_ISSUER: required when SPN_MODE=distributed/),
      ]);
    });

    it('lets a test run opt in explicitly: NODE_ENV=test with AUTH_DEV_ISSUER_DIR', () => {
      const config = loadConfig({ ...distributed, NODE_ENV: 'test', AUTH_DEV_ISSUER_DIR: '/tmp/dev-issuer' });
      expect(config).toMatchObject({ SPN_MODE: 'distributed', AUTH_DEV_ISSUER_DIR: '/tmp/dev-issuer' });
      expect(config.AUTH_ISSUER).toBeUndefined();
    });

    it('refuses production without an issuer, with the development issuer, or with keys over http', () => {
      expect(problems({ NODE_ENV: 'production', ...gatewaySecret })).toEqual([
        'AUTH_ISSUER: required in production (Keycloak)',
      ]);
      expect(
        problems({
          NODE_ENV: 'production',
          ...gatewaySecret,
          AUTH_ISSUER: 'https://id.example/realms/spn',
          AUTH_DEV_ISSUER_DIR: 'x',
        }),
      ).toEqual(['AUTH_DEV_ISSUER_DIR: the development issuer is refused in production']);
      expect(
        problems({
          NODE_ENV: 'production',
          ...gatewaySecret,
          AUTH_ISSUER: 'http://keycloak:8080/realms/spn',
        }),
      ).toEqual([
        expect.stringMatching(/^AUTH_ISSUER: the issuer's keys must be fetched over https in production/),
      ]);
      expect(
        problems({
          NODE_ENV: 'production',
          ...gatewaySecret,
          AUTH_ISSUER: 'https://id.example/realms/spn',
          AUTH_JWKS_URL: 'http://keycloak:8080/realms/spn/protocol/openid-connect/certs',
        }),
      ).toEqual([expect.stringMatching(/^AUTH_JWKS_URL: the issuer's keys must be fetched over https/)]);
    });

    it('accepts production with an https key set (or one on the loopback)', () => {
      for (const AUTH_JWKS_URL of [
        'https://keycloak:8443/realms/spn/protocol/openid-connect/certs',
        'http://127.0.0.1:8080/realms/spn/protocol/openid-connect/certs',
      ])
        expect(
          loadConfig({
            ...distributed,
            NODE_ENV: 'production',
            ...gatewaySecret,
            AUTH_ISSUER: 'https://id.example/realms/spn',
            AUTH_JWKS_URL,
            SPN_SEAL_KEY_DIR: '/run/secrets/seal-key',
          }),
        ).toMatchObject({ NODE_ENV: 'production', ...gatewaySecret, SPN_MODE: 'distributed' });
      expect(
        loadConfig({ NODE_ENV: 'production', ...gatewaySecret, AUTH_ISSUER: 'https://id.example/realms/spn' })
          .AUTH_ISSUER,
      ).toBe('https://id.example/realms/spn');
    });
  });

  it('needs the seal key in distributed production, in every process (each signs its appends)', () => {
    const production = {
      SPN_MODE: 'distributed',
      DATABASE_URL: 'postgres://spn@db:5432/spn',
      KAFKA_BROKERS: 'kafka:9092',
      NODE_ENV: 'production',
      AUTH_ISSUER: 'https://id.example/realms/spn',
    };
    const variables = (env: Record<string, string>) =>
      catchError(() => loadConfig(env)).problems.map(({ variable }) => variable);
    expect(variables(production)).toContain('SPN_SEAL_KEY_DIR');
    // Not only the sealer: every process signs its appends.
    expect(variables({ ...production, SPN_SEALER: 'off' })).toContain('SPN_SEAL_KEY_DIR');
    expect(variables({ ...production, SPN_SEAL_SIGNING_KEY: 'pem' })).not.toContain('SPN_SEAL_KEY_DIR');
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ PORT: '', SPN_MODE: '' });
    expect(config.SPN_MODE).toBe('embedded');
    expect(config.PORT).toBeUndefined();
  });
});

function catchError(work: () => unknown): ConfigError {
  try {
    work();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
