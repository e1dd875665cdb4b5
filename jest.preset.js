// Shared Jest settings. Each project's jest.config.js calls makeJestConfig(__dirname).
// The tier (unit | integration | e2e) comes from TEST_TIER, set by the Nx target, and picks the files:
//   unit        *.spec.ts       pure logic, no I/O, fast
//   integration *.int-spec.ts   real SQLite files, a real PostgreSQL, a real nats-server
//   e2e         *.e2e-spec.ts   the built apps as processes on a real nats-server, driven over HTTP
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const suffix = { unit: 'spec', integration: 'int-spec', e2e: 'e2e-spec' };

function makeJestConfig(projectDir) {
  const tier = process.env.TEST_TIER || 'unit';
  if (!suffix[tier]) throw new Error(`TEST_TIER must be one of ${Object.keys(suffix).join(', ')}; got "${tier}"`);
  const needsInfra = tier !== 'unit';
  return {
    displayName: `${path.basename(projectDir)}:${tier}`,
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: [`<rootDir>/**/*.${suffix[tier]}.ts`],
    // tsconfig.json sets isolatedModules, so ts-jest transpiles file by file (a full type-check per file made
    // the unit tier 2-3x slower) and reports only syntax errors here; type errors in sources and every
    // *.spec / *.int-spec / *.e2e-spec file fail `npm test` through its `tsc -p tsconfig.json` step.
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.json') }],
    },
    // Decorator metadata (class-validator, Nest) needs the Reflect polyfill before any contract loads.
    setupFiles: ['reflect-metadata'],
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: `${__dirname}/` }),
    globalSetup: needsInfra ? path.join(__dirname, 'libs/testing/src/global-setup.js') : undefined,
    globalTeardown: needsInfra ? path.join(__dirname, 'libs/testing/src/global-teardown.js') : undefined,
    testTimeout: tier === 'unit' ? 5000 : 60000,
    passWithNoTests: false,
    reporters: ['default', path.join(__dirname, 'tools/scripts/jest-summary.reporter.js')],
  };
}

module.exports = { makeJestConfig };
