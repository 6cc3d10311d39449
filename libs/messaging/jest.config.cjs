module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'messaging',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  globalSetup: '<rootDir>/../testing/src/jest-global-setup-kafka.ts',
  globalTeardown: '<rootDir>/../testing/src/jest-global-teardown.ts',
  testTimeout: 300_000,
  // The files share one broker and one of them kills brokers: one file at a time.
  maxWorkers: 1,
};
