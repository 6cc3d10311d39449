// One Jest preset for every project. Our TypeScript and the ES-module-only packages we use
// (NestJS 12, @nestjs/cqrs 12, uuid, jose) are transformed to CommonJS by SWC: faster than ts-jest and
// free of Jest's experimental ESM mode (see docs/decisions.md).
const esmPackages = ['@nestjs', 'uuid', 'jose'];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@spn/([a-z-]+)$': '<rootDir>/../../libs/$1/src/index.ts',
  },
  clearMocks: true,
};
