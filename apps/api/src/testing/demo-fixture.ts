import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { DemoCaseBuilder } from '../demo/demo-case.builder';
import { DEMO_PASSWORD } from '../demo/demo-case.seed';
import type { TestApp } from './test-app';

export const DEMO_EMAILS = {
  patient: 'anna@atergang.test',
  employer: 'chef@atergang.test',
  doctor: 'lakare@atergang.test',
  coordinator: 'koordinator@atergang.test',
  fk: 'fk@atergang.test',
  af: 'af@atergang.test',
  outsider: 'annan@atergang.test',
} as const;
export type DemoRole = keyof typeof DEMO_EMAILS;

/** Direct database access for arranging and asserting; the app under test never uses it. */
export function openPrisma(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

/**
 * Builds the demo case in the test app's own database, through the app's own services
 * (as demo mode does at boot), and returns its workspace id.
 */
export async function seedDemo(
  testApp: TestApp,
): Promise<{ workspaceId: string; prisma: PrismaClient }> {
  await testApp.app.get(DemoCaseBuilder).seed(new Date());
  const prisma = openPrisma(testApp.database.url);
  const workspace = await prisma.workspace.findFirstOrThrow({ select: { id: true } });
  return { workspaceId: workspace.id, prisma };
}

/** Logs a demo user in through the real endpoint and returns the access token. */
export async function loginAs(testApp: TestApp, role: DemoRole): Promise<string> {
  const response = await request(testApp.app.getHttpServer())
    .post('/api/auth/login')
    .send({ email: DEMO_EMAILS[role], password: DEMO_PASSWORD });
  if (response.status !== 200) {
    throw new Error(`login as ${role} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return (response.body as { accessToken: string }).accessToken;
}
