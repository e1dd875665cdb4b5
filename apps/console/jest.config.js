// Unit tests of the console's pure helpers (query building, formatting, chart scaling): no DOM here
// (jsdom is not installed); the pages themselves are driven in Chromium by apps/gateway/e2e/console.e2e-spec.ts.
module.exports = require('../../jest.preset').makeJestConfig(__dirname);
