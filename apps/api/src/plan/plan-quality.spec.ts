import { checkPlanQuality, type QualityInput } from './plan-quality';

// A good plan: every measure has someone responsible, a start date and a follow-up date;
// the plan has a goal and a coming follow-up.

const GOOD: QualityInput = {
  goal: 'Tillbaka på heltid',
  followUps: [{ done: false }],
  measures: [
    {
      id: '11111111-1111-4111-8111-111111111111',
      responsibleName: 'Maria',
      startDate: '2026-03-01',
      followUpDate: '2026-03-15',
      status: 'PLANNED',
    },
  ],
};

describe('the plan quality check', () => {
  it('finds nothing wrong with a complete plan', () => {
    expect(checkPlanQuality(GOOD, { includeShared: true })).toEqual([]);
  });

  it('names each measure lacking someone responsible, a start date or a follow-up date', () => {
    const id = '22222222-2222-4222-8222-222222222222';
    const problems = checkPlanQuality(
      {
        ...GOOD,
        measures: [
          ...GOOD.measures,
          { id, responsibleName: '  ', startDate: null, followUpDate: null, status: 'IN_PROGRESS' },
        ],
      },
      { includeShared: true },
    );
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'MEASURE_WITHOUT_RESPONSIBLE',
        path: 'measures.1.responsibleName',
        measureId: id,
      }),
      expect.objectContaining({ code: 'MEASURE_WITHOUT_START_DATE', path: 'measures.1.startDate' }),
      expect.objectContaining({
        code: 'MEASURE_WITHOUT_FOLLOW_UP',
        path: 'measures.1.followUpDate',
      }),
    ]);
  });

  it('asks nothing more of cancelled measures, and no follow-up of finished ones', () => {
    const base = { responsibleName: null, startDate: null, followUpDate: null };
    expect(
      checkPlanQuality(
        {
          ...GOOD,
          measures: [
            { ...base, id: '33333333-3333-4333-8333-333333333333', status: 'CANCELLED' },
            {
              ...base,
              id: '44444444-4444-4444-8444-444444444444',
              status: 'DONE',
              responsibleName: 'X',
              startDate: '2026-01-01',
            },
          ],
        },
        { includeShared: true },
      ),
    ).toEqual([]);
  });

  it('flags a plan without a goal or a coming follow-up, only for readers of the shared fields', () => {
    const plan = { ...GOOD, goal: null, followUps: [{ done: true }] };
    expect(checkPlanQuality(plan, { includeShared: true }).map((p) => p.code)).toEqual([
      'PLAN_WITHOUT_GOAL',
      'PLAN_WITHOUT_FOLLOW_UP',
    ]);
    expect(checkPlanQuality(plan, { includeShared: false })).toEqual([]);
  });
});
