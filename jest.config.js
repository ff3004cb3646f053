/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // README and example code imports 'svcgen' as a user would; here that is the source tree
  moduleNameMapper: { '^svcgen$': '<rootDir>/lib' },
  testPathIgnorePatterns: ['/node_modules/', '/test/apiserver/'],
};
