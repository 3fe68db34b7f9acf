import { LEGAL_SOURCES } from './legal-sources';
import { sickLeaveDegreeOn, sickLeaveStepsFromCertificates } from './sick-leave-steps';

// The graded sick leave at the degrees a certificate may state
// (LEGAL_SOURCES.sickLeaveDegrees), as the certificates entered so far set it out.
describe(`sick-leave steps from certificates (${LEGAL_SOURCES.sickLeaveDegrees})`, () => {
  it('follows renewals in order, one step per degree', () => {
    expect(
      sickLeaveStepsFromCertificates([
        { from: '2026-10-01', to: '2026-10-31', degree: 100 },
        { from: '2026-11-01', to: '2026-11-30', degree: 75 },
        { from: '2026-12-01', to: '2026-12-31', degree: 50 },
      ]),
    ).toEqual([
      { degree: 100, fromDate: '2026-10-01', toDate: '2026-10-31' },
      { degree: 75, fromDate: '2026-11-01', toDate: '2026-11-30' },
      { degree: 50, fromDate: '2026-12-01', toDate: '2026-12-31' },
    ]);
  });

  it('joins a renewal at the same degree to the step it continues', () => {
    expect(
      sickLeaveStepsFromCertificates([
        { from: '2026-10-01', to: '2026-10-14', degree: 100 },
        { from: '2026-10-15', to: '2026-11-15', degree: 100 },
      ]),
    ).toEqual([{ degree: 100, fromDate: '2026-10-01', toDate: '2026-11-15' }]);
  });

  it('lets a later certificate replace an earlier one for the days it covers', () => {
    // The doctor lowers the degree from 15 November, inside the October certificate's period.
    expect(
      sickLeaveStepsFromCertificates([
        { from: '2026-10-01', to: '2026-11-30', degree: 100 },
        { from: '2026-11-15', to: '2026-12-15', degree: 50 },
      ]),
    ).toEqual([
      { degree: 100, fromDate: '2026-10-01', toDate: '2026-11-14' },
      { degree: 50, fromDate: '2026-11-15', toDate: '2026-12-15' },
    ]);
    // Entered the other way round, the older-dated certificate is the later word.
    expect(
      sickLeaveStepsFromCertificates([
        { from: '2026-11-15', to: '2026-12-15', degree: 50 },
        { from: '2026-10-01', to: '2026-11-30', degree: 100 },
      ]),
    ).toEqual([
      { degree: 100, fromDate: '2026-10-01', toDate: '2026-11-30' },
      { degree: 50, fromDate: '2026-12-01', toDate: '2026-12-15' },
    ]);
  });

  it('leaves days no certificate covers as a gap between steps', () => {
    expect(
      sickLeaveStepsFromCertificates([
        { from: '2026-10-01', to: '2026-10-10', degree: 100 },
        { from: '2026-10-20', to: '2026-10-31', degree: 100 },
      ]),
    ).toEqual([
      { degree: 100, fromDate: '2026-10-01', toDate: '2026-10-10' },
      { degree: 100, fromDate: '2026-10-20', toDate: '2026-10-31' },
    ]);
    expect(sickLeaveStepsFromCertificates([])).toEqual([]);
  });

  it('gives the degree on a day: the step covering it, else the nearest before, else the first', () => {
    const steps = sickLeaveStepsFromCertificates([
      { from: '2026-10-01', to: '2026-10-31', degree: 100 },
      { from: '2026-11-10', to: '2026-11-30', degree: 50 },
    ]);
    expect(sickLeaveDegreeOn(steps, '2026-10-31')).toBe(100);
    expect(sickLeaveDegreeOn(steps, '2026-11-10')).toBe(50);
    expect(sickLeaveDegreeOn(steps, '2026-11-05')).toBe(100); // in the gap
    expect(sickLeaveDegreeOn(steps, '2027-01-01')).toBe(50); // after the last
    expect(sickLeaveDegreeOn(steps, '2026-09-01')).toBe(100); // before the first
    expect(sickLeaveDegreeOn([], '2026-09-01')).toBeNull();
  });
});
