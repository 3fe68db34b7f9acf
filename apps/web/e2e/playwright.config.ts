import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumExecutable, LAUNCH_ARGS } from './support/browser';

const root = join(__dirname, '..', '..', '..');
const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: __dirname,
  // The machines here have two cores shared by several jobs: one browser at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: join(root, 'tmp', 'playwright'),
  globalSetup: join(root, 'tools', 'test-db', 'global-setup.mjs'),
  globalTeardown: join(root, 'tools', 'test-db', 'global-teardown.mjs'),
  use: {
    browserName: 'chromium',
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    launchOptions: { args: LAUNCH_ARGS, ...(executablePath ? { executablePath } : {}) },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'e2e', testMatch: /.*\.e2e\.ts$/ },
    { name: 'screenshots', testMatch: /screenshots\.capture\.ts$/ },
  ],
});
