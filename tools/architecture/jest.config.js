module.exports = require('../../jest.preset').makeJestConfig(__dirname);
