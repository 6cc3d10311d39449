const preset = require('../jest.preset.cjs');

// kubernetes-models is published as ES modules only: resolved with the `import` condition where nothing
// else resolves (jest-resolver.cjs), and transformed to CommonJS like the preset's other ES-module packages.
const esmPackages = [
  '@nestjs',
  'uuid',
  'jose',
  'kubernetes-models',
  '@kubernetes-models',
  'is-cidr',
  'cidr-regex',
  'ip-regex',
  'ajv-formats-draft2019',
];

process.env['SPN_TEST_KAFKA_PORTS'] ??= '5380,5381';

module.exports = {
  ...preset,
  displayName: 'deploy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleNameMapper: { '^@spn/([a-z-]+)$': '<rootDir>/../libs/$1/src/index.ts' },
  transformIgnorePatterns: [`node_modules/(?!(${esmPackages.join('|')})/)`],
  resolver: '<rootDir>/jest-resolver.cjs',
  // PostgreSQL and a Kafka broker of this run's own, for the services started with the manifests'
  // environment; its ports are in the range this project's tests use (5300-5399).
  globalSetup: '<rootDir>/../libs/testing/src/jest-global-setup-kafka-on-ports.ts',
  globalTeardown: '<rootDir>/../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 180_000,
};
