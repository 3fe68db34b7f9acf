import { test } from '@playwright/test';
import { startServer, type Server } from './server';

/**
 * One fresh server (its own database with the demo case) for the test file that calls
 * this, so no file depends on what another changed. Use inside the file's top level.
 */
export function useServer(): { readonly url: string; readonly databaseUrl: string } {
  let server: Server | undefined;
  test.beforeAll(async () => {
    server = await startServer();
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  return {
    get url(): string {
      if (!server) throw new Error('the server is not started yet');
      return server.url;
    },
    get databaseUrl(): string {
      if (!server) throw new Error('the server is not started yet');
      return server.databaseUrl;
    },
  };
}
