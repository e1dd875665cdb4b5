// Lint = TypeScript rules + architecture rules. The module-boundary rule is the design card in code:
// apps never import apps, contracts and utils import nothing of ours, and production code never imports
// the testing lib. `npm run lint` fails on any violation (see tools/lint-fixtures for a proof).
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const TESTING_LIB = { name: '@hookrelay/testing', message: 'test-only: production code may not import the testing lib' };
// Only the delivery engine (libs/delivery) reads or writes the delivery tables.
const DELIVERY_TABLES = {
  name: '@hookrelay/persistence',
  importNames: [
    'DeliveryRepository', 'DeliveryTargetEntity', 'DeliveryIdempotencyKeyEntity', 'DeliveryStatsRepository', 'DeliveryStatsMinuteEntity', 'DeliveryStatsLatencyEntity',
    'OperationalEventRepository', 'OperationalWebhookRepository',
  ],
  message: 'only the delivery engine touches the delivery tables: use DeliveryEngine / DeliveryLog from @hookrelay/delivery',
};

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts', 'bench/**/*.ts'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', 'tmp/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:contracts', 'type:util', 'type:testing'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts', 'type:util', 'type:testing'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:testing'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: [] },
            // The testing lib configures test servers the way the product does (NATS users from contracts).
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'] },
            { sourceTag: 'scope:callbacks', onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'] },
            { sourceTag: 'scope:webhooks', onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'] },
            { sourceTag: 'scope:integration-points', onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'] },
            // The web console runs in a browser and talks to the gateway over HTTP only: no lib of ours.
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'] },
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [TESTING_LIB, DELIVERY_TABLES] }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'read configuration through an env class (libs/config), not process.env' }],
    },
  },
  {
    files: TEST_FILES,
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // The delivery engine owns the delivery tables; persistence defines them.
    files: ['libs/delivery/src/**/*.ts', 'libs/persistence/src/**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { paths: [TESTING_LIB] }] },
  },
  {
    // The console (a browser app) mirrors the API in its own typed client; importing a platform lib would pull
    // server code (Nest, TypeORM, NATS) into the bundle and couple the UI to internals instead of the contract.
    files: ['apps/console/**/*.ts', 'apps/console/**/*.tsx', 'apps/console/**/*.mts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@hookrelay/*'], message: 'the console talks to the gateway over HTTP only (src/api); it may not import a platform lib' }] }],
    },
  },
  {
    // The config lib is the one place that reads process.env.
    files: ['libs/config/src/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
