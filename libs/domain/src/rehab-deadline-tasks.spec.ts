import {
  deadlineTasksForNewCase,
  EXPECTED_LENGTH_TASK_KEY,
  isReturnToWorkPlanRequired,
  reconcileDeadlineTasks,
} from './rehab-deadline-tasks';

describe('isReturnToWorkPlanRequired', () => {
  it.each([
    [0, false],
    [59, false],
    [60, true],
    [365, true],
  ])('expected length %i days → %s', (days, required) => {
    expect(isReturnToWorkPlanRequired(days)).toBe(required);
  });

  it.each([-1, 1.5, Number.NaN])('rejects %p', (days) => {
    expect(() => isReturnToWorkPlanRequired(days)).toThrow(RangeError);
  });
});

describe('deadlineTasksForNewCase', () => {
  it.each([
    [59, [['EMPLOYER_REPORT_TO_FK', 21, '2024-03-11']]],
    [
      60,
      [
        ['EMPLOYER_REPORT_TO_FK', 21, '2024-03-11'],
        ['RETURN_TO_WORK_PLAN', 30, '2024-03-20'],
      ],
    ],
  ])('expected length %i days gives %j', (expectedLengthDays, expected) => {
    const tasks = deadlineTasksForNewCase({
      sickPeriodStart: '2024-02-20',
      expectedLengthDays,
      today: '2024-02-20',
    });
    expect(tasks.map((task) => [task.key, task.dueDay, task.dueDate])).toEqual(expected);
    for (const task of tasks) {
      expect(task.ownerParty).toBe('EMPLOYER');
      expect(task.overdue).toBe(false);
      expect(task.legalSource).toMatch(/§/);
    }
  });

  it('gives titles in Swedish and English with the legal source', () => {
    const tasks = deadlineTasksForNewCase({
      sickPeriodStart: '2024-02-20',
      expectedLengthDays: 90,
      today: '2024-02-20',
    });
    expect(tasks).toEqual([
      {
        key: 'EMPLOYER_REPORT_TO_FK',
        titleSv: 'Arbetsgivaren: anmäl sjukfallet till Försäkringskassan',
        titleEn: 'Employer: report to FK',
        dueDay: 21,
        dueDate: '2024-03-11',
        ownerParty: 'EMPLOYER',
        legalSource: 'Lag (1991:1047) om sjuklön 12 §',
        overdue: false,
      },
      {
        key: 'RETURN_TO_WORK_PLAN',
        titleSv: 'Arbetsgivaren: upprätta plan för återgång i arbete',
        titleEn: 'Employer: return-to-work plan',
        dueDay: 30,
        dueDate: '2024-03-20',
        ownerParty: 'EMPLOYER',
        legalSource: 'Socialförsäkringsbalken (2010:110) 30 kap. 6 §',
        overdue: false,
      },
    ]);
  });

  it.each([
    ['2024-03-11', false, false],
    ['2024-03-12', true, false],
    ['2024-03-21', true, true],
  ])('on %s: report overdue %s, plan overdue %s', (today, reportOverdue, planOverdue) => {
    const tasks = deadlineTasksForNewCase({
      sickPeriodStart: '2024-02-20',
      expectedLengthDays: 60,
      today,
    });
    expect(tasks.map((task) => task.overdue)).toEqual([reportOverdue, planOverdue]);
  });

  it('leaves out deadlines that fell within earlier counted sick days', () => {
    const tasks = deadlineTasksForNewCase({
      sickPeriodStart: '2024-02-20',
      earlierSickDays: 25,
      expectedLengthDays: 60,
      today: '2024-02-20',
    });
    expect(tasks.map((task) => [task.key, task.dueDate])).toEqual([
      ['RETURN_TO_WORK_PLAN', '2024-02-24'],
    ]);
  });
});

// reconcileDeadlineTasks: the tasks follow the facts (SFB 30 kap. 6 §; Sjuklönelagen 12 §).
describe('reconcileDeadlineTasks', () => {
  const employed = {
    sickPeriodStart: '2026-10-01',
    earlierSickDays: 0,
    expectedLengthDays: 90,
    employmentStatus: 'EMPLOYED',
  } as const;
  const open = (key: string, dueDate: string) => ({ key, status: 'OPEN' as const, dueDate });

  it('creates the report (day 21) and the plan (day 30) for a new case', () => {
    const changes = reconcileDeadlineTasks(employed, '2026-10-01', [], { atOpening: true });
    expect(changes.map((c) => (c.action === 'create' ? [c.task.key, c.task.dueDate] : c))).toEqual([
      ['EMPLOYER_REPORT_TO_FK', '2026-10-21'],
      ['RETURN_TO_WORK_PLAN', '2026-10-30'],
    ]);
  });

  it('asks the doctor for an unknown length instead of reading it as 0', () => {
    const changes = reconcileDeadlineTasks(
      { ...employed, expectedLengthDays: null },
      '2026-11-05',
      [],
    );
    expect(
      changes.map((c) =>
        c.action === 'create' ? [c.task.key, c.task.ownerParty, c.task.dueDate] : c,
      ),
    ).toEqual([
      ['EMPLOYER_REPORT_TO_FK', 'EMPLOYER', '2026-10-21'],
      [EXPECTED_LENGTH_TASK_KEY, 'CARE', '2026-11-05'],
    ]);
  });

  it('gives the plan task at once when the length reaches 60 days after day 30, and keeps that date', () => {
    const stored = [
      open('EMPLOYER_REPORT_TO_FK', '2026-10-21'),
      open(EXPECTED_LENGTH_TASK_KEY, '2026-11-05'),
    ];
    const changes = reconcileDeadlineTasks(employed, '2026-11-10', stored);
    expect(changes).toEqual([
      expect.objectContaining({
        action: 'create',
        task: expect.objectContaining({ key: 'RETURN_TO_WORK_PLAN', dueDate: '2026-11-10' }),
      }),
      expect.objectContaining({ action: 'complete', key: EXPECTED_LENGTH_TASK_KEY }),
    ]);
    const next = reconcileDeadlineTasks(employed, '2026-11-11', [
      open('EMPLOYER_REPORT_TO_FK', '2026-10-21'),
      open('RETURN_TO_WORK_PLAN', '2026-11-10'),
    ]);
    expect(next).toEqual([]);
  });

  it('cancels the plan task when the length falls under 60 days, never touches a done one, reopens a cancelled one', () => {
    const short = { ...employed, expectedLengthDays: 30 };
    const cancelled = reconcileDeadlineTasks(short, '2026-10-05', [
      open('EMPLOYER_REPORT_TO_FK', '2026-10-21'),
      open('RETURN_TO_WORK_PLAN', '2026-10-30'),
    ]);
    expect(cancelled).toEqual([
      expect.objectContaining({
        action: 'cancel',
        key: 'RETURN_TO_WORK_PLAN',
        reasonSv: expect.stringMatching(/60 dagar/),
      }),
    ]);
    const done = { key: 'RETURN_TO_WORK_PLAN', status: 'DONE' as const, dueDate: '2026-10-30' };
    expect(
      reconcileDeadlineTasks(short, '2026-10-05', [
        open('EMPLOYER_REPORT_TO_FK', '2026-10-21'),
        done,
      ]),
    ).toEqual([]);
    const wasCancelled = { ...done, status: 'CANCELLED' as const };
    expect(
      reconcileDeadlineTasks(employed, '2026-10-05', [
        open('EMPLOYER_REPORT_TO_FK', '2026-10-21'),
        wasCancelled,
      ]),
    ).toEqual([expect.objectContaining({ action: 'reopen' })]);
  });

  it('moves the dates with a corrected start, and closes employer tasks without an employer', () => {
    const stored = [
      open('EMPLOYER_REPORT_TO_FK', '2026-10-21'),
      open('RETURN_TO_WORK_PLAN', '2026-10-30'),
    ];
    expect(
      reconcileDeadlineTasks({ ...employed, sickPeriodStart: '2026-10-06' }, '2026-10-07', stored),
    ).toEqual([
      { action: 'move', key: 'EMPLOYER_REPORT_TO_FK', dueDate: '2026-10-26' },
      { action: 'move', key: 'RETURN_TO_WORK_PLAN', dueDate: '2026-11-04' },
    ]);
    const unemployed = reconcileDeadlineTasks(
      { ...employed, employmentStatus: 'UNEMPLOYED' },
      '2026-10-07',
      stored,
    );
    expect(unemployed.map((c) => c.action)).toEqual(['cancel', 'cancel']);
    expect(unemployed[0]).toMatchObject({ reasonSv: expect.stringMatching(/ingen arbetsgivare/) });
  });

  it('drops a deadline that fell within earlier counted sick days (25 of them: day 21 was then)', () => {
    const changes = reconcileDeadlineTasks({ ...employed, earlierSickDays: 25 }, '2026-10-02', [
      open('EMPLOYER_REPORT_TO_FK', '2026-10-21'),
    ]);
    expect(changes).toEqual([
      expect.objectContaining({
        action: 'create',
        task: expect.objectContaining({ key: 'RETURN_TO_WORK_PLAN', dueDate: '2026-10-05' }),
      }),
      expect.objectContaining({
        action: 'cancel',
        key: 'EMPLOYER_REPORT_TO_FK',
        reasonSv: expect.stringMatching(/tidigare sjukperiod/),
      }),
    ]);
  });
});
