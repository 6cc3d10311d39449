module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'service-kit',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  globalSetup: '<rootDir>/../testing/src/jest-global-setup-kafka.ts',
  globalTeardown: '<rootDir>/../testing/src/jest-global-teardown.ts',
  testTimeout: 300_000,
};
