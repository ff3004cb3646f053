/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // transpile only: `npm test` type-checks the whole tree with tsc first
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] },
  // README and example code imports 'svcgen' as a user would; here that is the source tree
  moduleNameMapper: { '^svcgen$': '<rootDir>/lib' },
  testPathIgnorePatterns: ['/node_modules/', '/test/apiserver/', '/test/browser/'],
};
