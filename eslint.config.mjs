// One lint configuration for the whole workspace. Zero warnings is enforced by `--max-warnings=0`.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '**/coverage',
      '**/.nx',
      'data',
      'tmp',
      'infra/**/.cache',
      'infra/**/.data',
      // Generated from the supergraph by GraphQL Code Generator (`nx run web:codegen`).
      'apps/web/src/gql',
    ],
  },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      // NestJS types its option bags as classes ({ logger: false } is how its docs pass them).
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@spn/testing',
              message: 'Test infrastructure is for *.spec.ts files and benchmarks only.',
            },
          ],
        },
      ],
      // Tags: type:app|feature|domain|util and scope:<bounded context>|shared. These constraints forbid.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // type:testing is allowed here for tests; production files are kept off it just below.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:util', 'type:testing'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:util', 'type:testing'],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:testing'],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:clients', onlyDependOnLibsWithTags: ['scope:clients', 'scope:shared'] },
            { sourceTag: 'scope:care-plans', onlyDependOnLibsWithTags: ['scope:care-plans', 'scope:shared'] },
            { sourceTag: 'scope:partners', onlyDependOnLibsWithTags: ['scope:partners', 'scope:shared'] },
            {
              sourceTag: 'scope:quality-safety',
              onlyDependOnLibsWithTags: ['scope:quality-safety', 'scope:shared'],
            },
            { sourceTag: 'scope:analytics', onlyDependOnLibsWithTags: ['scope:analytics', 'scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:audit', onlyDependOnLibsWithTags: ['scope:audit', 'scope:shared'] },
            // Test infrastructure may be used by tests only; production code never imports it.
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:util', 'type:domain', 'type:feature'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts', '**/bench/**/*.ts', '**/src/test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'no-restricted-imports': 'off',
      'jest/no-export': 'off',
      '@typescript-eslint/require-await': 'off',
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      // A decider specification asserts in its last call: `spec.given(...).when(...).then(...)`.
      'jest/expect-expect': [
        'error',
        { assertFunctionNames: ['expect', 'expect*', 'spec.**.then', 'spec.**.thenRefuses'] },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The web console (React): the rules of hooks (in its components and its hooks), and jsx-a11y's
  // strict accessibility rules.
  {
    files: ['apps/web/src/**/*.tsx', 'apps/web/src/hooks/**/*.ts'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  { files: ['apps/web/src/**/*.tsx'], ...jsxA11y.flatConfigs.strict },
  {
    files: ['apps/web/src/**/*.tsx'],
    rules: {
      // A scrolling region (a wide table at 200% zoom) must take keyboard focus to be scrolled by keyboard.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'] }],
    },
  },
  { files: ['**/*.cjs', '**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', '@nx/enforce-module-boundaries': 'off' },
  },
  prettier,
);
