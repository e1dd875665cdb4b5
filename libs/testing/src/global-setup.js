// Jest globalSetup (named by jest.preset.js for the integration and e2e tiers).
// The logic is TypeScript in test-infrastructure.lifecycle.ts: Jest applies the project's transform
// (ts-jest) to everything required while a global setup/teardown module runs, so it loads as is.
module.exports = async function globalSetup() {
  await loadLifecycle().startTestInfrastructure();
};

function loadLifecycle() {
  try {
    require('./register-aliases')();
    return require('./test-infrastructure.lifecycle');
  } catch (error) {
    throw new Error(
      `libs/testing global setup could not load test-infrastructure.lifecycle.ts (${error.message}). ` +
        'It must run under Jest with the ts-jest transform from jest.preset.js.',
    );
  }
}
