import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import type { CreateWorkspaceRequest } from '@atergang/contracts';
import { linkTokenFromOutbox } from './mail-links';
import type { TestApp } from './test-app';

/** The password a new person chooses when she accepts a case in tests. */
export const NEW_PERSON_PASSWORD = 'Ny-Person-Fjäll-2026';

/**
 * Opens a case for a person with no account, the way it happens: the opener asks (202), the
 * person accepts from her e-mailed link and chooses a password (signed in). Returns the new
 * workspace and her access token.
 */
export async function openCaseForNewPerson(
  testApp: TestApp,
  prisma: PrismaClient,
  openerToken: string,
  body: CreateWorkspaceRequest,
): Promise<{ workspaceId: string; patientToken: string }> {
  const http = () => request(testApp.app.getHttpServer());
  const asked = await http()
    .post('/api/workspaces')
    .set('authorization', openerToken.startsWith('Bearer ') ? openerToken : `Bearer ${openerToken}`)
    .send(body);
  if (asked.status !== 202) {
    throw new Error(`asking to open a case failed: ${asked.status} ${JSON.stringify(asked.body)}`);
  }
  const token = await linkTokenFromOutbox(prisma, body.patientEmail, 'case-opening');
  const answered = await http()
    .post('/api/case-openings/register')
    .send({ token, password: NEW_PERSON_PASSWORD });
  if (answered.status !== 200) {
    throw new Error(`accepting failed: ${answered.status} ${JSON.stringify(answered.body)}`);
  }
  const { workspaceId, accessToken } = answered.body as {
    workspaceId: string;
    accessToken: string;
  };
  return { workspaceId, patientToken: accessToken };
}
