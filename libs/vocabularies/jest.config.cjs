module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'vocabularies',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
