import type { PlanQualityCode, PlanView } from '@atergang/contracts';
import { addDays } from '@atergang/domain';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { stockholmToday } from '../common/calendar';
import { buildCase } from '../testing/case-builder';
import { openPrisma } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';

// The quality check through GET /plan: it judges the whole plan för återgång i arbete (goal,
// return date with its basis, measures, each measure's owner, date and follow-up, a coming
// follow-up), and only for those who may see the plan's shared part; anyone else gets no
// verdict and is told by `withheld` that the plan is not shared with them.

describe('the plan quality check over HTTP', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  const http = () => request(testApp.app.getHttpServer());

  beforeEach(async () => {
    testApp = await createTestApp();
    prisma = openPrisma(testApp.database.url);
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  async function openCase() {
    const built = await buildCase(testApp, prisma, {
      opener: { key: 'manager', party: 'EMPLOYER', role: 'MANAGER' },
      members: {
        fk: { party: 'FK', role: 'CASE_OFFICER' },
        af: { party: 'AF', role: 'CASE_OFFICER' },
      },
      // FK sees the plan; AF takes part but has been granted nothing.
      consents: [{ party: 'FK', categories: ['PLAN', 'TASKS'] }],
    });
    const path = `/api/workspaces/${built.workspaceId}/plan`;
    type Who = 'patient' | keyof typeof built.members;
    const tokenOf = (who: Who) =>
      who === 'patient' ? built.patient.token : built.members[who].token;
    const read = async (who: Who): Promise<PlanView> =>
      (
        await http()
          .get(path)
          .set('authorization', `Bearer ${tokenOf(who)}`)
          .expect(200)
      ).body as PlanView;
    const put = (who: Who, body: Record<string, unknown>) =>
      http()
        .put(path)
        .set('authorization', `Bearer ${tokenOf(who)}`)
        .send(body);
    const codes = async (who: Who): Promise<PlanQualityCode[]> =>
      (await read(who)).quality.map((problem) => problem.code);
    return { path, read, put, codes, tokenOf };
  }

  it('names everything an empty plan lacks, to everyone who may see the plan', async () => {
    const { codes } = await openCase();
    const lacking: PlanQualityCode[] = [
      'PLAN_WITHOUT_GOAL',
      'PLAN_WITHOUT_RETURN_DATE',
      'PLAN_WITHOUT_MEASURES',
      'PLAN_WITHOUT_FOLLOW_UP',
    ];
    expect(await codes('manager')).toEqual(lacking);
    expect(await codes('patient')).toEqual(lacking);
    expect(await codes('fk')).toEqual(lacking);
  });

  it('finds nothing wrong with a complete plan, and asks for the basis of a bare return date', async () => {
    const { put, codes } = await openCase();
    const today = stockholmToday();
    await put('manager', {
      version: 0,
      goal: 'Tillbaka i sitt arbete som lärare, på heltid.',
      expectedReturnDate: addDays(today, 60),
      followUps: [{ date: addDays(today, 14), description: 'Uppföljning av planen' }],
      measures: [
        {
          kind: 'WORKPLACE_ADAPTATION',
          title: 'Anpassade arbetstider',
          responsibleName: 'Maria Lindqvist',
          startDate: today,
          followUpDate: addDays(today, 14),
        },
      ],
    }).expect(200);
    expect(await codes('manager')).toEqual(['PLAN_WITHOUT_RETURN_BASIS']);

    await put('manager', {
      version: 1,
      expectedReturnBasis: 'Läkarintyget och samtal med medarbetaren.',
    }).expect(200);
    expect(await codes('manager')).toEqual([]);
    expect(await codes('patient')).toEqual([]);
    expect(await codes('fk')).toEqual([]);
  });

  it('gives no verdict to AF without PLAN, and says the plan is withheld from it', async () => {
    const { read, put } = await openCase();
    // AF's own measure lacks a responsible person and a follow-up, and AF sees it, yet AF
    // hears nothing about the plan's quality: it cannot see the plan it would be judging.
    await put('af', {
      version: 0,
      measures: [{ kind: 'LABOUR_MARKET', title: 'Kartläggning av arbetsförmågan' }],
    }).expect(200);
    const af = await read('af');
    expect(af.measures).toHaveLength(1);
    expect(af.goal).toBeNull();
    expect(af.quality).toEqual([]);
    expect(af.withheld).toContain('PLAN');
    // The same plan as the patient sees it (everything of her own) is far from fine.
    expect((await read('patient')).quality.map((problem) => problem.code)).toEqual([
      'PLAN_WITHOUT_GOAL',
      'PLAN_WITHOUT_RETURN_DATE',
      'PLAN_WITHOUT_FOLLOW_UP',
      'MEASURE_WITHOUT_RESPONSIBLE',
      'MEASURE_WITHOUT_START_DATE',
      'MEASURE_WITHOUT_FOLLOW_UP',
    ]);
  });

  it('has nothing to judge once the employer recorded that no plan is needed', async () => {
    const { path, tokenOf, codes } = await openCase();
    await http()
      .put(`${path}/not-needed`)
      .set('authorization', `Bearer ${tokenOf('manager')}`)
      .send({ reason: 'Medarbetaren väntas vara tillbaka på heltid inom 60 dagar.' })
      .expect(200);
    expect(await codes('manager')).toEqual([]);
    expect(await codes('fk')).toEqual([]);
  });
});
