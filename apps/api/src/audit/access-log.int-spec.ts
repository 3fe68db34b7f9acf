import type { AccessLogEntry, AccessLogSummary } from '@atergang/contracts';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { openCaseForNewPerson } from '../testing/case-opening';
import { newPersonnummer } from '../testing/personnummer-factory';
import { connectLive } from '../testing/live-client';
import { createTestApp, type TestApp } from '../testing/test-app';
import { minimalPdf } from '../testing/test-files';
import { verifyAuditChain } from './audit-chain.repository';

// "Vem har tittat" (issue 14, item 6): the patient's log says what each party really got
// (a read of nothing but "not shared" is an attempt, a refusal is a refusal), ties a case
// list to each case it shows, and pages through the whole history, singly or grouped by
// person and day, however many cheap reads came since.

type Role = Parameters<typeof loginAs>[1];

describe('the patient’s access log', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  const tokens = new Map<Role, string>();
  const http = () => request(testApp.app.getHttpServer());

  async function as(role: Role): Promise<string> {
    let token = tokens.get(role);
    if (!token) {
      token = await loginAs(testApp, role);
      tokens.set(role, token);
    }
    return `Bearer ${token}`;
  }

  const logUrl = (path = '') => `/api/workspaces/${workspaceId}/access-log${path}`;

  async function entries(query = ''): Promise<AccessLogEntry[]> {
    const response = await http()
      .get(logUrl(query))
      .set('authorization', await as('patient'))
      .expect(200);
    return response.body as AccessLogEntry[];
  }

  /** Every entry, following the Link header's next page to the end. */
  async function allEntries(query: Record<string, string>): Promise<AccessLogEntry[]> {
    const collected: AccessLogEntry[] = [];
    let next: string | null = `${logUrl()}?${new URLSearchParams(query).toString()}`;
    for (let pages = 0; next; pages += 1) {
      if (pages > 100) throw new Error('the pages never end');
      const url: string = next;
      const response: request.Response = await http()
        .get(url)
        .set('authorization', await as('patient'));
      expect(response.status).toBe(200);
      collected.push(...(response.body as AccessLogEntry[]));
      const link: string | undefined = response.headers.link;
      next = link ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null) : null;
    }
    return collected;
  }

  async function summaryPage(query: Record<string, string>): Promise<AccessLogSummary> {
    const response = await http()
      .get(`${logUrl('/summary')}?${new URLSearchParams(query).toString()}`)
      .set('authorization', await as('patient'))
      .expect(200);
    return response.body as AccessLogSummary;
  }

  async function read(role: Role, path: string, status = 200): Promise<request.Response> {
    return http()
      .get(`/api/workspaces/${workspaceId}${path}`)
      .set('authorization', await as(role))
      .expect(status);
  }

  beforeEach(async () => {
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    tokens.clear();
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('says AF tried to see the plan but was not shown it, and that a refused download was refused', async () => {
    // AF has no consent: its plan is nothing but "withheld".
    const afPlan = await read('af', '/plan');
    expect(afPlan.body.withheld).toContain('PLAN');
    expect(afPlan.body.measures).toEqual([]);
    await read('employer', '/plan');
    const uploaded = await http()
      .post(`/api/workspaces/${workspaceId}/documents`)
      .set('authorization', await as('employer'))
      .attach('file', minimalPdf('Arbetsanpassning'), { filename: 'anpassning.pdf' })
      .expect(201);
    await read('af', `/documents/${uploaded.body.id as string}/content`, 403);

    const log = await entries();
    const texts = log.map((entry) => entry.textSv);
    expect(texts).toContain(
      'Leila Haddad, Arbetsförmedlingen, försökte se planen men fick inte se den',
    );
    expect(texts).not.toContain('Leila Haddad, Arbetsförmedlingen, tittade på planen');
    expect(texts).toContain('Maria Lindqvist, Solbacka kommun, tittade på planen');
    expect(log).toContainEqual(
      expect.objectContaining({
        who: expect.objectContaining({ name: 'Leila Haddad' }),
        organisation: 'Arbetsförmedlingen',
        party: 'AF',
        action: 'document.downloaded',
        outcome: 'DENIED',
        what: { type: 'Document', id: uploaded.body.id },
        textSv: 'Leila Haddad, Arbetsförmedlingen, försökte öppna ett dokument men fick inte',
      }),
    );
    // The contract's names for the time, beside `at`.
    for (const entry of log) expect(entry.when).toBe(entry.at);
  });

  it('names calendar downloads and live following for what they are', async () => {
    const meetings = await read('fk', '/meetings');
    const meetingId = (meetings.body.meetings as { id: string }[])[0]?.id;
    expect(meetingId).toBeDefined();
    const ics = await read('fk', `/meetings/${meetingId}/invite.ics`);
    expect(ics.headers['content-type']).toMatch(/text\/calendar/);

    await testApp.app.listen(0, '127.0.0.1');
    const live = await connectLive(
      await testApp.app.getUrl(),
      (await as('employer')).slice('Bearer '.length),
    );
    try {
      expect(await live.join(workspaceId)).toMatchObject({ ok: true });
    } finally {
      live.close();
    }

    const log = await entries();
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'meeting.calendar.downloaded',
        textSv: 'Johan Berg, Försäkringskassan, laddade ner en kalenderinbjudan till ett möte',
      }),
    );
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'live.joined',
        textSv: 'Maria Lindqvist, Solbacka kommun, hade ärendet öppet och fick se ändringar direkt',
      }),
    );
    // Neither is told as the jargon of a generic "fetched events".
    expect(log.filter((entry) => entry.party === 'EMPLOYER').map((e) => e.action)).not.toContain(
      'event.read',
    );
  });

  it('ties a list of cases to each case it shows, so each patient sees it', async () => {
    const other = await openCaseForNewPerson(testApp, prisma, await as('employer'), {
      patientPersonnummer: newPersonnummer(),
      patientName: 'Bo Berg',
      patientEmail: 'bo.berg@atergang.test',
      sickPeriodStart: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
      expectedLengthDays: 90,
    });
    const list = await http()
      .get('/api/workspaces')
      .set('authorization', await as('employer'))
      .expect(200);
    expect((list.body as { id: string }[]).map((ws) => ws.id).sort()).toEqual(
      [workspaceId, other.workspaceId].sort(),
    );

    const log = await entries();
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'workspace.listed',
        party: 'EMPLOYER',
        organisation: 'Solbacka kommun',
        what: { type: 'Workspace', id: workspaceId },
      }),
    );
    const listed = await prisma.auditLog.findMany({
      where: { action: 'workspace.listed', actorParty: 'EMPLOYER' },
    });
    expect(listed.map((row) => row.workspaceId).sort()).toEqual(
      [workspaceId, other.workspaceId].sort(),
    );
    // Written in one statement, still one unbroken chain.
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
  });

  it('pages through the whole history, and groups by person and day, after hundreds of cheap reads', async () => {
    // The one thing the patient looks for, long before the flood.
    const uploaded = await http()
      .post(`/api/workspaces/${workspaceId}/documents`)
      .set('authorization', await as('employer'))
      .attach('file', minimalPdf('Läkarutlåtande'), { filename: 'utlatande.pdf' })
      .expect(201);
    await read('fk', `/documents/${uploaded.body.id as string}/content`);
    for (let i = 0; i < 40; i += 1) await read('employer', '/plan');
    await read('af', '/plan');

    const patient = await prisma.participant.findFirstOrThrow({
      where: { workspaceId, party: 'PATIENT' },
    });
    const others = await prisma.auditLog.count({
      where: {
        workspaceId,
        AND: [{ actorUserId: { not: null } }, { actorUserId: { not: patient.userId } }],
      },
    });

    // One page is not the whole story: the Link header leads on to the end.
    const first = await http()
      .get(`${logUrl()}?limit=7`)
      .set('authorization', await as('patient'));
    expect(first.body).toHaveLength(7);
    expect(first.headers.link).toMatch(/rel="next"/);
    const all = await allEntries({ limit: '7' });
    expect(all).toHaveLength(others);
    const times = all.map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all).toContainEqual(
      expect.objectContaining({ action: 'document.downloaded', party: 'FK', outcome: 'ALLOWED' }),
    );

    // Grouped: the forty reads are one line, and the pages together hold every row once.
    const groups: AccessLogSummary['groups'] = [];
    let cursor: string | null = null;
    do {
      const page: AccessLogSummary = await summaryPage({
        limit: '2',
        ...(cursor ? { cursor } : {}),
      });
      expect(page.groups.length).toBeLessThanOrEqual(2);
      groups.push(...page.groups);
      cursor = page.nextCursor;
    } while (cursor);
    expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(others);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
      new Date(),
    );
    expect(groups).toContainEqual(
      expect.objectContaining({
        action: 'plan.read',
        party: 'EMPLOYER',
        day: today,
        count: 40,
        textSv: 'Maria Lindqvist (Solbacka kommun) tittade på planen 40 gånger',
        textEn: 'Maria Lindqvist (Solbacka kommun) looked at the plan 40 times',
      }),
    );
    expect(groups).toContainEqual(
      expect.objectContaining({
        action: 'plan.read-withheld',
        textSv: 'Leila Haddad (Arbetsförmedlingen) försökte se planen men fick inte se den',
      }),
    );
    expect(groups).toContainEqual(
      expect.objectContaining({
        action: 'document.downloaded',
        textSv: 'Johan Berg (Försäkringskassan) öppnade ett dokument',
      }),
    );

    // By party: only FK's, entries and groups alike.
    const fk = await allEntries({ party: 'FK', limit: '3' });
    expect(fk.length).toBeGreaterThan(0);
    expect(new Set(fk.map((entry) => entry.party))).toEqual(new Set(['FK']));
    const fkGroups = await summaryPage({ party: 'FK' });
    expect(new Set(fkGroups.groups.map((group) => group.party))).toEqual(new Set(['FK']));
  });

  it('refuses a cursor it did not give out, or an unknown party, naming the field', async () => {
    for (const path of ['', '/summary']) {
      for (const [query, field] of [
        ['cursor=not-a-cursor!', 'cursor'],
        [`cursor=${Buffer.from('yesterday|1').toString('base64url')}`, 'cursor'],
        ['party=PATIENT', 'party'],
        ['limit=0', 'limit'],
      ] as const) {
        const response = await http()
          .get(`${logUrl(path)}?${query}`)
          .set('authorization', await as('patient'));
        expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
          status: 400,
          type: expect.stringMatching(/application\/problem\+json/),
        });
        expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(
          `query.${field}`,
        );
      }
    }
  });

  it('is the patient’s alone, grouped or not', async () => {
    for (const path of ['', '/summary']) {
      const response = await http()
        .get(logUrl(path))
        .set('authorization', await as('employer'));
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('PATIENT_ONLY');
    }
    const denied = await prisma.auditLog.count({
      where: { workspaceId, action: 'access-log.read', outcome: 'DENIED', actorParty: 'EMPLOYER' },
    });
    expect(denied).toBe(2);
    // The employer's refused look is itself in the patient's log, as refused.
    expect(await entries()).toContainEqual(
      expect.objectContaining({
        action: 'access-log.read',
        outcome: 'DENIED',
        textSv: 'Maria Lindqvist, Solbacka kommun, försökte se vem som har tittat men fick inte',
      }),
    );
  });
});
