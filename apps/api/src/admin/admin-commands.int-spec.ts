import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { openPrisma } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';
import { runAdminCommand } from './admin-commands';

interface Run {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** The token in an e-mailed app link (the page reads it from the fragment). */
function tokenOf(link: string): string {
  const fragment = new URL(link).hash.slice(1);
  if (!fragment) throw new Error(`no token in ${link}`);
  return decodeURIComponent(fragment);
}

describe('the operator command (npm run admin)', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  const http = () => request(testApp.app.getHttpServer());

  const run = async (...argv: string[]): Promise<Run> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdminCommand(argv, testApp.config, {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out, err };
  };
  const printed = (result: Run, label: string): string => {
    const line = result.out.find((l) => l.startsWith(`${label}: `));
    if (!line) throw new Error(`no "${label}" in ${result.out.join('\n')}`);
    return line.slice(label.length + 2);
  };

  beforeAll(async () => {
    testApp = await createTestApp({ PUBLIC_URL: 'https://atergang.example.se' });
    prisma = openPrisma(testApp.database.url);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('creates Solbacka kommun and its first admin, whose printed link sets a password and signs in', async () => {
    const result = await run(
      'create-organisation',
      '--kind',
      'EMPLOYER',
      '--name',
      'Solbacka kommun',
      '--organisationsnummer',
      '212000-0142',
      '--admin-email',
      'Admin@Solbacka.se',
      '--admin-name',
      'Åsa Admin',
    );
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    const organisationId = printed(result, 'Organisation id');
    const link = printed(result, 'Invitation link');
    expect(link.startsWith('https://atergang.example.se/konto/inbjudan#')).toBe(true);

    const organisation = await prisma.organisation.findUniqueOrThrow({
      where: { id: organisationId },
    });
    expect(organisation).toMatchObject({
      kind: 'EMPLOYER',
      name: 'Solbacka kommun',
      organisationsnummer: '2120000142',
    });
    // The same link went out by e-mail, in the command's transaction.
    const mail = await prisma.mailMessage.findMany({ where: { toAddress: 'admin@solbacka.se' } });
    expect(mail).toHaveLength(1);
    expect(mail[0]?.kind).toBe('account-invitation');
    expect(mail[0]?.textBody).toContain(link);

    const token = tokenOf(link);
    const lookup = await http().post('/api/account-invitations/lookup').send({ token }).expect(200);
    expect(lookup.body).toMatchObject({
      organisation: { name: 'Solbacka kommun', kind: 'EMPLOYER' },
      email: 'admin@solbacka.se',
      name: 'Åsa Admin',
      roles: ['ORG_ADMIN'],
      accountExists: false,
    });
    const accepted = await http()
      .post('/api/account-invitations/accept')
      .send({ token, password: 'fjällräv-kanelbulle-2026' })
      .expect(200);
    expect(accepted.body.user.email).toBe('admin@solbacka.se');
    const me = await http()
      .get('/api/me')
      .set('authorization', `Bearer ${accepted.body.accessToken as string}`)
      .expect(200);
    expect(me.body.organisations).toEqual([
      {
        id: organisationId,
        name: 'Solbacka kommun',
        kind: 'EMPLOYER',
        roles: ['ORG_ADMIN'],
        // The administrator leads the organisation's follow-up (issue 18).
        permissions: ['statistics:read'],
      },
    ]);
    const members = await http()
      .get(`/api/organisations/${organisationId}/members`)
      .set('authorization', `Bearer ${accepted.body.accessToken as string}`)
      .expect(200);
    expect(members.body).toEqual([
      expect.objectContaining({ name: 'Åsa Admin', roles: ['ORG_ADMIN'], openCases: 0 }),
    ]);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@solbacka.se' } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    // The operator's run is in the audit trail.
    const audit = await prisma.auditLog.findMany({
      where: { action: 'organisation.created', resourceId: organisationId },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.requestId).toMatch(/^operator:/);
  });

  it('refuses an invalid organisation with one line naming the flag and exit code 1', async () => {
    const bad = await run(
      'create-organisation',
      '--kind',
      'EMPLOYER',
      '--name',
      'Fel AB',
      '--organisationsnummer',
      '2120000143',
      '--admin-email',
      'a@fel.se',
      '--admin-name',
      'A',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual(['admin: --organisationsnummer has a wrong check digit']);

    const noHsa = await run(
      'create-organisation',
      '--kind',
      'CARE_UNIT',
      '--name',
      'Vårdcentralen Ek',
      '--admin-email',
      'a@ek.se',
      '--admin-name',
      'A',
    );
    expect(noHsa.code).toBe(1);
    expect(noHsa.err).toEqual(['admin: --hsa-id is required for a care unit']);

    const badKind = await run(
      'create-organisation',
      '--kind',
      'HOSPITAL',
      '--name',
      'X',
      '--admin-email',
      'a@x.se',
      '--admin-name',
      'A',
    );
    expect(badKind.code).toBe(1);
    expect(badKind.err).toEqual([
      'admin: --kind must be one of CARE_UNIT, EMPLOYER, OCCUPATIONAL_HEALTH, FK, AF',
    ]);

    const missing = await run('create-organisation', '--kind', 'FK', '--name', 'FK');
    expect(missing.code).toBe(1);
    expect(missing.err).toEqual(['admin: --admin-email is required']);

    const badEmail = await run(
      'create-organisation',
      '--kind',
      'AF',
      '--name',
      'AF',
      '--admin-email',
      'not-an-address',
      '--admin-name',
      'A',
    );
    expect(badEmail.code).toBe(1);
    expect(badEmail.err).toEqual(['admin: --admin-email is not an e-mail address']);

    const duplicate = await run(
      'create-organisation',
      '--kind',
      'EMPLOYER',
      '--name',
      'Solbacka igen',
      '--organisationsnummer',
      '2120000142',
      '--admin-email',
      'b@solbacka.se',
      '--admin-name',
      'B',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toEqual([
      'admin: --organisationsnummer belongs to an organisation already registered',
    ]);
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err[0]).toBe('admin: unknown command "frobnicate"');
    // Nothing of the refused runs was written.
    expect(await prisma.organisation.count()).toBe(1);
    expect(await prisma.mailMessage.count()).toBe(1);
  });

  it('creates a care unit by HSA-id, lists organisations and invites another administrator', async () => {
    const care = await run(
      'create-organisation',
      '--kind',
      'CARE_UNIT',
      '--name',
      'Vårdcentralen Ek',
      '--hsa-id',
      'SE2321000016-7EK1',
      '--admin-email',
      'admin@ek.se',
      '--admin-name',
      'Erik Admin',
    );
    expect(care.code).toBe(0);
    const careId = printed(care, 'Organisation id');

    const listed = await run('list-organisations');
    expect(listed.code).toBe(0);
    expect(listed.out.at(-1)).toBe('2 organisation(s)');
    const solbackaLine = listed.out.find((line) => line.includes('Solbacka kommun'));
    expect(solbackaLine).toContain('2120000142');
    expect(solbackaLine).toMatch(/1 member\(s\)/);
    expect(listed.out.find((line) => line.startsWith(careId))).toMatch(/0 member\(s\)/);

    const again = await run(
      'invite-admin',
      '--organisation-id',
      careId,
      '--admin-email',
      'admin@ek.se',
      '--admin-name',
      'Erik Admin',
    );
    expect(again.code).toBe(0);
    // Only the latest link works: the first one was replaced.
    const first = tokenOf(printed(care, 'Invitation link'));
    await http().post('/api/account-invitations/lookup').send({ token: first }).expect(410);
    const second = tokenOf(printed(again, 'Invitation link'));
    await http().post('/api/account-invitations/lookup').send({ token: second }).expect(200);

    const nowhere = await run(
      'invite-admin',
      '--organisation-id',
      '00000000-0000-4000-8000-000000000000',
      '--admin-email',
      'x@y.se',
      '--admin-name',
      'X',
    );
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toEqual(['admin: --organisation-id names no organisation']);
  });
});
