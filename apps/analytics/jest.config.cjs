module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'analytics',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testTimeout: 60_000,
};
