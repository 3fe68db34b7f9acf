import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig, loadConfig } from '../config/app-config';
import { createApp, type CreateAppOptions } from '../configure-app';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The production app (createApp → configureApp) on a database of its own.
 * `env` overrides variables as an operator would set them.
 */
export async function createTestApp(
  env: NodeJS.ProcessEnv = {},
  options: CreateAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  // Document bytes go to a folder of this app's own unless the test chose one.
  const ownStorageDir =
    env.STORAGE_DIR === undefined && env.S3_BUCKET === undefined
      ? await mkdtemp(join(tmpdir(), 'atergang-test-storage-'))
      : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // The job queue (notifications) runs where a test asks for it (JOB_WORKER: 'on'), so
    // other tests' outboxes and timings stay their own; the jobs are still added.
    JOB_WORKER: 'off',
    ...(ownStorageDir ? { STORAGE_DIR: ownStorageDir } : {}),
    ...env,
    DATABASE_URL: database.appUrl,
  });
  const app = await createApp(config, options);
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    database,
    close: async () => {
      await app.close();
      await database.drop();
      if (ownStorageDir) await rm(ownStorageDir, { recursive: true, force: true });
    },
  };
}
