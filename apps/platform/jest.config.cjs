module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'platform',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // PostgreSQL and a Kafka broker (the distributed mode), and Keycloak (identity).
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup-keycloak.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 180_000,
};
