import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { runAdminCommand } from './admin/admin-commands';
import { openPrisma } from './testing/demo-fixture';
import { linkTokenFromOutbox } from './testing/mail-links';
import { newPersonnummer } from './testing/personnummer-factory';
import { createTestApp, type TestApp } from './testing/test-app';

// The whole path of issue 12 as real people walk it, on an empty database (no demo): the
// operator registers Solbacka kommun and Vårdcentralen Linden with their administrators;
// Solbacka's admin invites a manager by e-mail; the manager sets a password from the link
// and asks to open a case for a new person; she accepts from her own e-mail, sets a
// password and sees her case; Linden's admin has added a doctor; the manager invites the
// doctor for Linden; the patient approves; the doctor sees the case. Every step through
// HTTP (or the operator's command) and every link read from the mail outbox.

describe('from nothing to a shared case (issue 12, the whole path)', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  const http = () => request(testApp.app.getHttpServer());

  beforeAll(async () => {
    testApp = await createTestApp({ PUBLIC_URL: 'https://atergang.example.se' });
    prisma = openPrisma(testApp.database.url);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  /** The operator's command, as `npm run admin -- ...` runs it; returns the organisation id. */
  async function operatorCreates(args: string[]): Promise<string> {
    const out: string[] = [];
    const code = await runAdminCommand(['create-organisation', ...args], testApp.config, {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    });
    expect({ code, out }).toEqual({ code: 0, out: expect.any(Array) as unknown });
    const line = out.find((l) => l.startsWith('Organisation id: '));
    if (!line) throw new Error(out.join('\n'));
    return line.slice('Organisation id: '.length);
  }

  /** Accepts a staff invitation from its e-mailed link with a new password: signed in. */
  async function acceptStaffInvitation(email: string, password: string): Promise<string> {
    const token = await linkTokenFromOutbox(prisma, email, 'account-invitation');
    const lookup = await http().post('/api/account-invitations/lookup').send({ token }).expect(200);
    expect(lookup.body.accountExists).toBe(false);
    const accepted = await http()
      .post('/api/account-invitations/accept')
      .send({ token, password })
      .expect(200);
    return `Bearer ${accepted.body.accessToken as string}`;
  }

  it('brings an employer, a care unit, a manager, a doctor and a patient together in one case', async () => {
    const solbacka = await operatorCreates([
      '--kind',
      'EMPLOYER',
      '--name',
      'Solbacka kommun',
      '--organisationsnummer',
      '212000-0142',
      '--admin-email',
      'admin@solbacka.example.se',
      '--admin-name',
      'Åsa Admin',
    ]);
    const linden = await operatorCreates([
      '--kind',
      'CARE_UNIT',
      '--name',
      'Vårdcentralen Linden',
      '--hsa-id',
      'SE2321000016-LIND',
      '--admin-email',
      'admin@linden.example.se',
      '--admin-name',
      'Lars Admin',
    ]);

    // The administrators set their passwords from their links.
    const solbackaAdmin = await acceptStaffInvitation(
      'admin@solbacka.example.se',
      'Solbacka-Admin-Hav-2026',
    );
    const lindenAdmin = await acceptStaffInvitation(
      'admin@linden.example.se',
      'Linden-Admin-Skog-2026',
    );

    // Solbacka's admin invites a manager; Linden's admin adds a doctor.
    await http()
      .post(`/api/organisations/${solbacka}/invitations`)
      .set('authorization', solbackaAdmin)
      .send({ email: 'maria.chef@solbacka.example.se', name: 'Maria Chef', roles: ['MANAGER'] })
      .expect(201);
    await http()
      .post(`/api/organisations/${linden}/invitations`)
      .set('authorization', lindenAdmin)
      .send({ email: 'erik.lakare@linden.example.se', name: 'Erik Läkare', roles: ['DOCTOR'] })
      .expect(201);
    const manager = await acceptStaffInvitation(
      'maria.chef@solbacka.example.se',
      'Maria-Chef-Blåbär-2026',
    );
    const doctor = await acceptStaffInvitation(
      'erik.lakare@linden.example.se',
      'Erik-Läkare-Lingon-2026',
    );
    const me = await http().get('/api/me').set('authorization', manager).expect(200);
    expect(me.body.organisations).toEqual([
      expect.objectContaining({ id: solbacka, name: 'Solbacka kommun', roles: ['MANAGER'] }),
    ]);

    // The manager asks to open a case for a new person; nothing exists until she says yes.
    const asked = await http()
      .post('/api/workspaces')
      .set('authorization', manager)
      .send({
        patientPersonnummer: newPersonnummer(),
        patientName: 'Sofia Svensson',
        patientEmail: 'sofia@example.se',
        sickPeriodStart: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
        expectedLengthDays: 90,
        sickLeaveDegree: 100,
      })
      .expect(202);
    await http()
      .get(`/api/workspaces/${asked.body.id as string}`)
      .set('authorization', manager)
      .expect(404);
    const mail = await prisma.mailMessage.findFirstOrThrow({
      where: { toAddress: 'sofia@example.se', kind: 'case-opening' },
    });
    expect(mail.textBody).toContain('https://atergang.example.se/arende/svar#');
    expect(mail.textBody).toContain('Maria Chef');
    const opened = await http()
      .post('/api/case-openings/register')
      .send({
        token: await linkTokenFromOutbox(prisma, 'sofia@example.se', 'case-opening'),
        password: 'Sofia-Sommar-Äng-2026',
      })
      .expect(200);
    const patient = `Bearer ${opened.body.accessToken as string}`;
    const workspaceId = opened.body.workspaceId as string;
    const mine = await http().get('/api/workspaces').set('authorization', patient).expect(200);
    expect(mine.body).toEqual([
      expect.objectContaining({ id: workspaceId, myParty: 'PATIENT', patient: expect.anything() }),
    ]);

    // The manager invites the doctor for Linden: another organisation, so Sofia decides.
    const invited = await http()
      .post(`/api/workspaces/${workspaceId}/invitations`)
      .set('authorization', manager)
      .send({ email: 'erik.lakare@linden.example.se', organisationId: linden })
      .expect(201);
    expect(invited.body.status).toBe('AWAITING_PATIENT');
    await http().get(`/api/workspaces/${workspaceId}`).set('authorization', doctor).expect(404);
    const pending = await http()
      .get(`/api/workspaces/${workspaceId}/invitations`)
      .set('authorization', patient)
      .expect(200);
    expect(pending.body).toEqual([
      expect.objectContaining({
        id: invited.body.id,
        status: 'AWAITING_PATIENT',
        organisation: expect.objectContaining({ name: 'Vårdcentralen Linden' }),
      }),
    ]);
    await http()
      .post(`/api/workspaces/${workspaceId}/invitations/${invited.body.id as string}/approve`)
      .set('authorization', patient)
      .expect(200);
    const joined = await http()
      .post('/api/invitations/accept')
      .set('authorization', doctor)
      .send({
        token: await linkTokenFromOutbox(
          prisma,
          'erik.lakare@linden.example.se',
          'case-invitation',
        ),
      })
      .expect(200);
    expect(joined.body.me).toMatchObject({ party: 'CARE', role: 'DOCTOR' });

    const seen = await http()
      .get(`/api/workspaces/${workspaceId}`)
      .set('authorization', doctor)
      .expect(200);
    expect(
      (seen.body.participants as { name: string; party: string; role: string | null }[]).map(
        (p) => [p.name, p.party, p.role],
      ),
    ).toEqual([
      ['Sofia Svensson', 'PATIENT', null],
      ['Maria Chef', 'EMPLOYER', 'MANAGER'],
      ['Erik Läkare', 'CARE', 'DOCTOR'],
    ]);
    // No mail carried the personnummer or anything about health.
    const sent = await prisma.mailMessage.findMany();
    for (const message of sent) {
      expect(message.textBody).not.toMatch(/\d{6}-?\d{4}/);
      expect(message.textBody.toLowerCase()).not.toContain('sjukskriv');
    }
  });
});
