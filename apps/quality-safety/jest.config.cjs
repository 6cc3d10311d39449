module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'quality-safety',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testTimeout: 60_000,
};
