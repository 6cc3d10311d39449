import { ConfigError, loadConfig } from './config';

describe('configuration, validated once at boot', () => {
  it('defaults to the embedded mode, with nothing set', () => {
    expect(loadConfig({})).toMatchObject({
      NODE_ENV: 'development',
      SPN_MODE: 'embedded',
      SPN_DATA_DIR: 'data',
      KAFKA_PARTITIONS: 3,
      SPN_RELAY: 'on',
    });
  });

  it('reads the distributed settings and splits the broker list', () => {
    const config = loadConfig({
      SPN_MODE: 'distributed',
      DATABASE_URL: 'postgres://app@db.example:5432/spn',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      PORT: '4001',
    });
    expect(config.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(config.PORT).toBe(4001);
  });

  it('names every missing variable of the distributed mode at once', () => {
    const error = catchError(() => loadConfig({ SPN_MODE: 'distributed' }));
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'KAFKA_BROKERS']);
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
