// Jest globalTeardown: stops only the servers global-setup.js started (see that file).
module.exports = async function globalTeardown() {
  require('./register-aliases')();
  await require('./test-infrastructure.lifecycle').stopTestInfrastructure();
};
