module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'event-store',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  globalSetup: '<rootDir>/../testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../testing/src/jest-global-teardown.ts',
  testTimeout: 60_000,
};
