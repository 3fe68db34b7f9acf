import { LEGAL_SOURCES } from './legal-sources';
import { joinedEarlierSickDays, lastJoiningStart, SickPeriodError } from './sick-periods';

// Days of sick periods are added together when fewer than 90 days passed between them
// (LEGAL_SOURCES.sickPeriodsJoined).
describe(`earlier sick periods (${LEGAL_SOURCES.sickPeriodsJoined})`, () => {
  it('joins a period that ended 89 days before, not one that ended 90 days before', () => {
    // 2026-01-01..2026-01-10 (10 days); the gap to 2026-04-10 is the days strictly between.
    const period = { from: '2026-01-01', to: '2026-01-10' };
    expect(joinedEarlierSickDays('2026-04-09', [period]).days).toBe(10); // gap 88
    expect(joinedEarlierSickDays('2026-04-10', [period]).days).toBe(10); // gap 89
    expect(joinedEarlierSickDays('2026-04-11', [period]).days).toBe(0); // gap 90
  });

  it('counts back period by period and stops at the first gap of 90 days or more', () => {
    const result = joinedEarlierSickDays('2026-06-01', [
      { from: '2025-01-01', to: '2025-01-31' }, // before the broken gap: never counts
      { from: '2026-03-01', to: '2026-03-20' }, // 20 days, gap 72 to the current period
      { from: '2026-01-10', to: '2026-01-14' }, // 5 days, gap 45 to March
    ]);
    expect(result.days).toBe(25);
    expect(result.joined).toEqual([
      { from: '2026-03-01', to: '2026-03-20' },
      { from: '2026-01-10', to: '2026-01-14' },
    ]);
  });

  it.each([
    [[{ from: '2026-02-30', to: '2026-03-01' }], 0, 'INVALID_DATE'],
    [[{ from: '2026-03-05', to: '2026-03-01' }], 0, 'ENDS_BEFORE_START'],
    [[{ from: '2026-05-20', to: '2026-06-01' }], 0, 'OVERLAPS'],
  ] as const)('refuses %j (period %i: %s)', (periods, index, problem) => {
    expect.assertions(2);
    try {
      joinedEarlierSickDays('2026-06-01', periods);
    } catch (error) {
      expect(error).toBeInstanceOf(SickPeriodError);
      expect(error).toMatchObject({ index, problem });
    }
  });

  it('lets a closed case continue up to 90 days after its last day', () => {
    expect(lastJoiningStart('2026-12-01')).toBe('2027-03-01');
    // A period starting then has 89 days between: it joins.
    expect(
      joinedEarlierSickDays(lastJoiningStart('2026-12-01'), [
        { from: '2026-11-01', to: '2026-12-01' },
      ]).days,
    ).toBe(31);
  });
});
