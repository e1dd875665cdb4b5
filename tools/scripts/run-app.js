#!/usr/bin/env node
// Runs a built app: node tools/scripts/run-app.js <gateway|callbacks|webhooks|integration-points|cli> [args…]
// The build (npm run build) compiles every project into dist/out-tsc; this maps the @hookrelay/* aliases of
// tsconfig.base.json onto that output, so the apps run as plain Node without a bundler.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const tsConfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '../..');
const out = path.join(root, 'dist/out-tsc');
const entries = {
  gateway: 'apps/gateway/src/main.js',
  callbacks: 'apps/callbacks/src/main.js',
  webhooks: 'apps/webhooks/src/main.js',
  'integration-points': 'apps/integration-points/src/main.js',
  cli: 'apps/gateway/src/cli.js',
};

const app = process.argv[2];
if (!entries[app]) {
  console.error(`usage: run-app.js <${Object.keys(entries).join('|')}> [args…]`);
  process.exit(2);
}
const entry = path.join(out, entries[app]);
if (!fs.existsSync(entry)) {
  console.error(`${entry} is missing: run "npm run build" first`);
  process.exit(2);
}
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
const paths = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, [target.replace(/\.ts$/, '')]]));
tsConfigPaths.register({ baseUrl: out, paths, addMatchAll: false });
process.argv.splice(2, 1);
startCpuProfileIfAsked(app);
require(entry);

/**
 * Development aid: HOOKRELAY_CPU_PROFILE_DIR=<dir> HOOKRELAY_CPU_PROFILE_SECONDS=<n> writes a
 * .cpuprofile of the first n seconds after boot (open it in Chrome DevTools).
 */
function startCpuProfileIfAsked(name) {
  const dir = process.env.HOOKRELAY_CPU_PROFILE_DIR;
  if (!dir) return;
  const seconds = Number(process.env.HOOKRELAY_CPU_PROFILE_SECONDS || 30);
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.start', () => {
    setTimeout(() => session.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    }), seconds * 1000).unref();
  }));
}
