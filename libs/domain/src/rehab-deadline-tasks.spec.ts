import { deadlineTasksForNewCase, isReturnToWorkPlanRequired } from './rehab-deadline-tasks';

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
