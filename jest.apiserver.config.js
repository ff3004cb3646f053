/** @type {import('jest').Config} npm run test:apiserver: svcgen against a real kube-apiserver 1.28 */
const base = require('./jest.config');
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  roots: ['<rootDir>/test/apiserver'],
  testTimeout: 10 * 60 * 1000,
};
