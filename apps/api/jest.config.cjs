/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'api',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
  // One PostgreSQL per run (the configured server or an embedded one) with a migrated
  // template; each test file clones its own database from it (tools/test-db).
  globalSetup: '<rootDir>/../../tools/test-db/global-setup.mjs',
  globalTeardown: '<rootDir>/../../tools/test-db/global-teardown.mjs',
  testTimeout: 30000,
};
