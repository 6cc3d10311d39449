module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // The browser tests start the platform (npm start) and a Chromium: one file at a time.
  maxWorkers: 1,
  testTimeout: 240_000,
};
