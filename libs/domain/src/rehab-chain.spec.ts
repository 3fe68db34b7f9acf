import { computeRehabChain, dateOfChainDay, type Milestone } from './rehab-chain';
import type { RehabMilestoneKey } from './rehab-rulesets';

function byKey(milestones: Milestone[]): Record<RehabMilestoneKey, Milestone> {
  return Object.fromEntries(milestones.map((milestone) => [milestone.key, milestone])) as Record<
    RehabMilestoneKey,
    Milestone
  >;
}

describe('computeRehabChain: day number', () => {
  it('counts the start date as day 1', () => {
    const status = computeRehabChain({ sickPeriodStart: '2024-03-01', today: '2024-03-01' });
    expect(status.day).toBe(1);
    expect(status.phase).toBe('SICK_PAY');
  });

  it('is day 40 when the period started 39 days ago (across a leap February)', () => {
    const status = computeRehabChain({ sickPeriodStart: '2024-01-31', today: '2024-03-10' });
    expect(status.day).toBe(40);
    expect(status.phase).toBe('DAY_15_TO_90');
  });

  it('adds earlier counted sick days in front of the period', () => {
    const status = computeRehabChain({
      sickPeriodStart: '2024-03-01',
      earlierSickDays: 85,
      today: '2024-03-06',
    });
    expect(status.day).toBe(91);
    expect(status.phase).toBe('DAY_91_TO_180');
  });

  it('reports NOT_STARTED before the first day of the period', () => {
    const status = computeRehabChain({ sickPeriodStart: '2024-03-01', today: '2024-02-28' });
    expect(status).toMatchObject({ day: 0, phase: 'NOT_STARTED', phaseLegalSource: null });
    expect(status.milestones.every((milestone) => milestone.status === 'UPCOMING')).toBe(true);
  });
});

describe('computeRehabChain: phase boundaries', () => {
  // Day n of a period starting 2023-01-01 is 2023-01-01 + (n - 1) days.
  it.each([
    ['2023-01-14', 14, 'SICK_PAY'],
    ['2023-01-15', 15, 'DAY_15_TO_90'],
    ['2023-03-31', 90, 'DAY_15_TO_90'],
    ['2023-04-01', 91, 'DAY_91_TO_180'],
    ['2023-06-29', 180, 'DAY_91_TO_180'],
    ['2023-06-30', 181, 'DAY_181_TO_365'],
    ['2023-12-31', 365, 'DAY_181_TO_365'],
    ['2024-01-01', 366, 'AFTER_365'],
    ['2025-09-26', 1000, 'AFTER_365'],
  ])('on %s it is day %i, phase %s', (today, day, phase) => {
    const status = computeRehabChain({ sickPeriodStart: '2023-01-01', today });
    expect(status.day).toBe(day);
    expect(status.phase).toBe(phase);
    expect(status.phaseLabelSv).not.toBe('');
    expect(status.phaseLabelEn).not.toBe('');
    expect(status.phaseLegalSource).toMatch(/§/);
  });
});

describe('computeRehabChain: milestones', () => {
  const expectedDates: [string, Record<RehabMilestoneKey, string>][] = [
    [
      // Leap year: passes 29 February.
      '2024-02-20',
      {
        MEDICAL_CERTIFICATE_REQUIRED: '2024-02-27',
        SICKNESS_BENEFIT_STARTS: '2024-03-05',
        EMPLOYER_REPORT_TO_FK: '2024-03-11',
        RETURN_TO_WORK_PLAN: '2024-03-20',
        ASSESS_AGAINST_EMPLOYER_WORK: '2024-05-19',
        ASSESS_AGAINST_LABOUR_MARKET: '2024-08-17',
        ASSESS_AFTER_365: '2025-02-18',
      },
    ],
    [
      // The same start in a common year lands one day later from March on.
      '2023-02-20',
      {
        MEDICAL_CERTIFICATE_REQUIRED: '2023-02-27',
        SICKNESS_BENEFIT_STARTS: '2023-03-06',
        EMPLOYER_REPORT_TO_FK: '2023-03-12',
        RETURN_TO_WORK_PLAN: '2023-03-21',
        ASSESS_AGAINST_EMPLOYER_WORK: '2023-05-20',
        ASSESS_AGAINST_LABOUR_MARKET: '2023-08-18',
        ASSESS_AFTER_365: '2024-02-19',
      },
    ],
    [
      // Month end: day 8 is the first of the next month.
      '2024-01-25',
      {
        MEDICAL_CERTIFICATE_REQUIRED: '2024-02-01',
        SICKNESS_BENEFIT_STARTS: '2024-02-08',
        EMPLOYER_REPORT_TO_FK: '2024-02-14',
        RETURN_TO_WORK_PLAN: '2024-02-23',
        ASSESS_AGAINST_EMPLOYER_WORK: '2024-04-23',
        ASSESS_AGAINST_LABOUR_MARKET: '2024-07-22',
        ASSESS_AFTER_365: '2025-01-23',
      },
    ],
  ];

  it.each(expectedDates)('dates for a period starting %s', (sickPeriodStart, dates) => {
    const status = computeRehabChain({ sickPeriodStart, today: sickPeriodStart });
    const milestones = byKey(status.milestones);
    for (const [key, date] of Object.entries(dates)) {
      expect([key, milestones[key as RehabMilestoneKey].date]).toEqual([key, date]);
    }
  });

  it.each([
    ['MEDICAL_CERTIFICATE_REQUIRED', 8, 'CARE'],
    ['SICKNESS_BENEFIT_STARTS', 15, 'PATIENT'],
    ['EMPLOYER_REPORT_TO_FK', 21, 'EMPLOYER'],
    ['RETURN_TO_WORK_PLAN', 30, 'EMPLOYER'],
    ['ASSESS_AGAINST_EMPLOYER_WORK', 90, 'FK'],
    ['ASSESS_AGAINST_LABOUR_MARKET', 180, 'FK'],
    ['ASSESS_AFTER_365', 365, 'FK'],
  ] as const)('%s is on day %i, owned by %s, with a legal source', (key, day, owner) => {
    const status = computeRehabChain({ sickPeriodStart: '2024-02-20', today: '2024-02-20' });
    const milestone = byKey(status.milestones)[key];
    expect(milestone).toMatchObject({ day, owner });
    expect(milestone.legalSource).toMatch(/§/);
    expect(milestone.titleSv).not.toBe('');
    expect(milestone.titleEn).not.toBe('');
  });

  it('marks milestones PASSED, DUE_TODAY and UPCOMING relative to today', () => {
    const status = computeRehabChain({ sickPeriodStart: '2024-02-20', today: '2024-03-11' });
    expect(status.day).toBe(21);
    expect(status.milestones.map((milestone) => [milestone.day, milestone.status])).toEqual([
      [8, 'PASSED'],
      [15, 'PASSED'],
      [21, 'DUE_TODAY'],
      [30, 'UPCOMING'],
      [90, 'UPCOMING'],
      [180, 'UPCOMING'],
      [365, 'UPCOMING'],
    ]);
  });

  it('shifts every date by the earlier counted days', () => {
    const status = computeRehabChain({
      sickPeriodStart: '2024-03-01',
      earlierSickDays: 20,
      today: '2024-03-01',
    });
    expect(status.day).toBe(21);
    expect(status.phase).toBe('DAY_15_TO_90');
    expect(
      status.milestones.map((milestone) => [milestone.key, milestone.date, milestone.status]),
    ).toEqual([
      // Reached in the earlier period, whose dates are unknown here.
      ['MEDICAL_CERTIFICATE_REQUIRED', null, 'PASSED'],
      ['SICKNESS_BENEFIT_STARTS', null, 'PASSED'],
      ['EMPLOYER_REPORT_TO_FK', '2024-03-01', 'DUE_TODAY'],
      ['RETURN_TO_WORK_PLAN', '2024-03-10', 'UPCOMING'],
      ['ASSESS_AGAINST_EMPLOYER_WORK', '2024-05-09', 'UPCOMING'],
      ['ASSESS_AGAINST_LABOUR_MARKET', '2024-08-07', 'UPCOMING'],
      ['ASSESS_AFTER_365', '2025-02-08', 'UPCOMING'],
    ]);
  });
});

describe('computeRehabChain: rules versioned by date', () => {
  it.each([
    ['2021-03-14', 'REHAB_CHAIN_2018_07_01', 'särskilda skäl', 'före 2021-03-15'],
    ['2021-03-15', 'REHAB_CHAIN_2021_03_15', 'övervägande skäl', 'från 2021-03-15'],
    ['2024-06-01', 'REHAB_CHAIN_2021_03_15', 'övervägande skäl', 'från 2021-03-15'],
    // Before the oldest version the oldest one is used.
    ['2017-01-01', 'REHAB_CHAIN_2018_07_01', 'särskilda skäl', 'före 2021-03-15'],
  ])('a period starting %s follows %s', (sickPeriodStart, rulesetId, exception, wording) => {
    // Day 200 of the period: in the phase where the two versions differ.
    const status = computeRehabChain({
      sickPeriodStart,
      today: dateOfChainDay(sickPeriodStart, 200) ?? '',
    });
    expect(status.ruleset.id).toBe(rulesetId);
    expect(status.phase).toBe('DAY_181_TO_365');
    expect(status.phaseLabelSv).toContain(exception);
    const day180 = byKey(status.milestones).ASSESS_AGAINST_LABOUR_MARKET;
    expect(day180.titleSv).toContain(exception);
    expect(day180.legalSource).toContain('27 kap. 48 §');
    expect(day180.legalSource).toContain(wording);
  });
});

describe('computeRehabChain: invalid input', () => {
  it.each([
    [{ sickPeriodStart: '2024-02-30', today: '2024-03-01' }],
    [{ sickPeriodStart: '2024-02-01', today: '2024-3-1' }],
    [{ sickPeriodStart: '2024-02-01', today: '2024-03-01', earlierSickDays: -1 }],
    [{ sickPeriodStart: '2024-02-01', today: '2024-03-01', earlierSickDays: 1.5 }],
  ])('throws a RangeError for %j', (input) => {
    expect(() => computeRehabChain(input)).toThrow(RangeError);
  });
});

// Without an employer only part of the chain applies (prop. 2007/08:136 s. 100 f.).
describe('the chain by employment', () => {
  const at = (employmentStatus: 'UNEMPLOYED' | 'SELF_EMPLOYED', today: string) =>
    computeRehabChain({ sickPeriodStart: '2026-01-01', today, employmentStatus });

  it('judges the unemployed against the labour market from day 1, with no employer deadlines', () => {
    const chain = at('UNEMPLOYED', '2026-01-05');
    expect(chain.phase).toBe('LABOUR_MARKET_FROM_START');
    expect(chain.milestones.map((m) => m.key)).toEqual([
      'MEDICAL_CERTIFICATE_REQUIRED',
      'ASSESS_AFTER_365',
    ]);
    expect(at('UNEMPLOYED', '2027-01-05').phase).toBe('AFTER_365');
  });

  it('judges the self-employed against the usual work until day 180', () => {
    expect(at('SELF_EMPLOYED', '2026-06-29').phase).toBe('USUAL_WORK_TO_180'); // day 180
    expect(at('SELF_EMPLOYED', '2026-06-30').phase).toBe('DAY_181_TO_365');
    expect(at('SELF_EMPLOYED', '2026-01-05').milestones.map((m) => m.key)).not.toContain(
      'RETURN_TO_WORK_PLAN',
    );
  });
});
