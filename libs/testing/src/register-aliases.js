// Jest applies moduleNameMapper to test files only, not to what a global setup/teardown requires: the
// lifecycle imports @hookrelay/contracts (the NATS users of the test server), so the tsconfig aliases are
// registered here, with the Reflect polyfill the contracts' decorators need.
'use strict';
const path = require('node:path');

let registered = false;
module.exports = function registerAliases() {
  if (registered) return;
  registered = true;
  require('reflect-metadata');
  const root = path.resolve(__dirname, '../../..');
  const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
  require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths, addMatchAll: false });
};
