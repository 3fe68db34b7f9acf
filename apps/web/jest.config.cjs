/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'web',
  rootDir: __dirname,
  // Unit tests of the client's plain modules (no browser); e2e/ holds the Playwright tests.
  testMatch: ['<rootDir>/unit/**/*.spec.ts'],
};
