import { checkPlanQuality, type QualityInput, type QualityOptions } from './plan-quality';

// A good plan för återgång i arbete: a goal, an expected return date with its basis, at least
// one measure, every measure with someone responsible, a start date and a follow-up date, and
// a coming follow-up of the plan. Judged only for readers of the plan's shared part.

const TODAY = '2026-03-01';
const READER: QualityOptions = { includeShared: true, today: TODAY };

const GOOD: QualityInput = {
  goal: 'Tillbaka på heltid',
  expectedReturnDate: '2026-05-01',
  expectedReturnBasis: 'Läkarintyget och en gemensam bedömning',
  notNeededReason: null,
  followUps: [{ date: '2026-03-15', done: false }],
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

const EMPTY: QualityInput = {
  goal: null,
  expectedReturnDate: null,
  expectedReturnBasis: null,
  notNeededReason: null,
  followUps: [],
  measures: [],
};

const codes = (plan: QualityInput, options: QualityOptions = READER) =>
  checkPlanQuality(plan, options).map((problem) => problem.code);

describe('the plan quality check', () => {
  it('finds nothing wrong with a complete plan', () => {
    expect(checkPlanQuality(GOOD, READER)).toEqual([]);
  });

  it('names everything an empty plan lacks, each at its place in the plan', () => {
    expect(checkPlanQuality(EMPTY, READER)).toEqual([
      expect.objectContaining({ code: 'PLAN_WITHOUT_GOAL', path: 'goal', measureId: null }),
      expect.objectContaining({ code: 'PLAN_WITHOUT_RETURN_DATE', path: 'expectedReturnDate' }),
      expect.objectContaining({ code: 'PLAN_WITHOUT_MEASURES', path: 'measures' }),
      expect.objectContaining({ code: 'PLAN_WITHOUT_FOLLOW_UP', path: 'followUps' }),
    ]);
  });

  it('asks for the basis of a return date, and only once there is a date', () => {
    expect(codes({ ...GOOD, expectedReturnBasis: '  ' })).toEqual(['PLAN_WITHOUT_RETURN_BASIS']);
    expect(codes({ ...GOOD, expectedReturnBasis: null })).toEqual(['PLAN_WITHOUT_RETURN_BASIS']);
    expect(codes({ ...GOOD, expectedReturnDate: null })).toEqual(['PLAN_WITHOUT_RETURN_DATE']);
  });

  it('treats a blank goal as no goal', () => {
    expect(codes({ ...GOOD, goal: ' \n ' })).toEqual(['PLAN_WITHOUT_GOAL']);
  });

  it('counts a plan whose every measure is cancelled as one without measures', () => {
    const cancelled = { ...GOOD.measures[0]!, status: 'CANCELLED' as const };
    expect(codes({ ...GOOD, measures: [cancelled] })).toEqual(['PLAN_WITHOUT_MEASURES']);
  });

  it('wants a follow-up of the plan that is neither done nor past', () => {
    expect(codes({ ...GOOD, followUps: [{ date: '2026-03-15', done: true }] })).toEqual([
      'PLAN_WITHOUT_FOLLOW_UP',
    ]);
    expect(codes({ ...GOOD, followUps: [{ date: '2026-02-28', done: false }] })).toEqual([
      'PLAN_WITHOUT_FOLLOW_UP',
    ]);
    // Today's follow-up is still coming.
    expect(codes({ ...GOOD, followUps: [{ date: TODAY, done: false }] })).toEqual([]);
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
      READER,
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
        READER,
      ),
    ).toEqual([]);
  });

  it('judges nothing for a reader who may not see the plan, not even its measures', () => {
    const outsider = { includeShared: false, today: TODAY };
    expect(checkPlanQuality(EMPTY, outsider)).toEqual([]);
    const incomplete = { ...GOOD.measures[0]!, responsibleName: null, followUpDate: null };
    expect(checkPlanQuality({ ...EMPTY, measures: [incomplete] }, outsider)).toEqual([]);
  });

  it('has nothing to judge once the employer recorded that no plan is needed', () => {
    expect(
      checkPlanQuality({ ...EMPTY, notNeededReason: 'Åter i arbete inom 60 dagar' }, READER),
    ).toEqual([]);
    // A blank reason is no recorded assessment.
    expect(codes({ ...EMPTY, notNeededReason: ' ' })).toHaveLength(4);
  });
});
