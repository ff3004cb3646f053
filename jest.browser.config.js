/** @type {import('jest').Config} npm run test:browser: svcgen's HTML output in a real headless Chromium */
const base = require('./jest.config');
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  roots: ['<rootDir>/test/browser'],
  testTimeout: 10 * 60 * 1000,
};
