import type {
  CaseFactRevisionView,
  CaseTimeline,
  CertificateView,
  Permission,
  RehabChainView,
} from '@atergang/contracts';
import {
  certificateRequest,
  certificatesNewestFirst,
  EMPTY_CERTIFICATE,
  editableFacts,
  factsChanges,
  factsFieldOf,
  type FactsForm,
  factValue,
  latestCertificate,
  renewalOf,
  reopenDateRange,
  reopenUntilFor,
  stockholmDay,
  timelineEntries,
} from '../src/views/case/case-model';

// The case page's plain rules: what the timeline lists in which order, what a renewal
// prefills, and that a save of the facts sends only what the user changed.

let counter = 0;
const uuid = () => {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};

function certificate(overrides: Partial<CertificateView> = {}): CertificateView {
  return {
    id: uuid(),
    periodFrom: '2026-03-01',
    periodTo: '2026-03-31',
    degree: 100,
    createdAt: '2026-03-01T09:00:00.000Z',
    createdBy: { name: 'Erik Sandberg', party: 'CARE' },
    source: 'MANUAL',
    medical: {
      diagnosisCode: 'F43.2',
      diagnosisText: 'Anpassningsstörning',
      activityLimitations: 'Orkar inte arbeta hela dagar.',
      remainingCapacity: null,
      prognosis: null,
      recommendedMeasures: null,
      expectedLengthDays: null,
    },
    withheld: [],
    ...overrides,
  };
}

function revision(at: string, overrides: Partial<CaseFactRevisionView> = {}): CaseFactRevisionView {
  return {
    id: uuid(),
    at,
    author: { name: 'Maria Lindqvist', party: 'EMPLOYER' },
    reason: 'Rättat startdatum',
    changes: [{ field: 'sickPeriodStart', from: '2026-03-02', to: '2026-03-01' }],
    certificateId: null,
    ...overrides,
  };
}

type Milestone = RehabChainView['milestones'][number];
function milestone(key: string, date: string | null, day: number): Milestone {
  return {
    key,
    day,
    date,
    owner: 'EMPLOYER',
    status: 'UPCOMING',
    titleSv: key,
    titleEn: key,
    legalSource: 'SFB 30 kap. 6 §',
  };
}

describe('timelineEntries', () => {
  const timeline: CaseTimeline = {
    status: 'ACTIVE',
    periods: [
      { from: '2026-04-01', to: '2026-04-30', degree: 50 },
      { from: '2026-03-01', to: '2026-03-31', degree: 100 },
    ],
    earlierPeriods: [{ from: '2025-12-01', to: '2025-12-20' }],
    revisions: [revision('2026-03-01T10:00:00.000Z'), revision('2026-03-31T22:30:00.000Z')],
  };

  it('lists periods, milestones and changes in date order', () => {
    const entries = timelineEntries(timeline, [
      milestone('plan', '2026-03-30', 30),
      milestone('report', '2026-03-21', 21),
    ]);
    expect(entries.map((entry) => [entry.kind, entry.date])).toEqual([
      ['earlier-period', '2025-12-01'],
      ['period', '2026-03-01'],
      ['revision', '2026-03-01'],
      ['milestone', '2026-03-21'],
      ['milestone', '2026-03-30'],
      // 22:30 UTC on 31 March is 1 April in Stockholm (summer time): the day it was made there.
      ['period', '2026-04-01'],
      ['revision', '2026-04-01'],
    ]);
  });

  it('leaves out milestones without a date', () => {
    const entries = timelineEntries(
      { ...timeline, periods: [], earlierPeriods: [], revisions: [] },
      [milestone('unknown', null, 30)],
    );
    expect(entries).toEqual([]);
  });

  it('keeps changes made on the same day in the order they were made', () => {
    const first = revision('2026-03-05T08:00:00.000Z');
    const second = revision('2026-03-05T09:00:00.000Z');
    const entries = timelineEntries(
      { ...timeline, periods: [], earlierPeriods: [], revisions: [second, first] },
      [],
    );
    expect(entries.map((entry) => (entry.kind === 'revision' ? entry.revision.id : ''))).toEqual([
      first.id,
      second.id,
    ]);
  });
});

describe('stockholmDay', () => {
  it('is the calendar day in Sweden, not in UTC', () => {
    expect(stockholmDay('2026-01-15T23:30:00.000Z')).toBe('2026-01-16');
    expect(stockholmDay('2026-01-15T12:00:00.000Z')).toBe('2026-01-15');
  });
});

describe('factValue', () => {
  it('reads each field’s stored value as what it is', () => {
    expect(factValue('sickPeriodStart', '2026-03-01')).toEqual({
      type: 'date',
      value: '2026-03-01',
    });
    expect(factValue('sickLeaveDegree', 50)).toEqual({ type: 'percent', value: 50 });
    expect(factValue('expectedLengthDays', 120)).toEqual({ type: 'days', value: 120 });
    expect(factValue('employmentStatus', 'UNEMPLOYED')).toEqual({
      type: 'employment',
      value: 'UNEMPLOYED',
    });
    expect(factValue('status', 'CLOSED')).toEqual({ type: 'status', value: 'CLOSED' });
    expect(factValue('earlierPeriods', [{ from: '2026-01-01', to: '2026-01-10' }])).toEqual({
      type: 'periods',
      value: [{ from: '2026-01-01', to: '2026-01-10' }],
    });
  });

  it('says "none" for a missing or malformed value instead of showing a wrong one', () => {
    expect(factValue('expectedLengthDays', null)).toEqual({ type: 'none' });
    expect(factValue('sickLeaveDegree', '50')).toEqual({ type: 'none' });
    expect(factValue('employmentStatus', 'RETIRED')).toEqual({ type: 'none' });
  });
});

describe('certificates', () => {
  it('renews the certificate whose period ends last', () => {
    const march = certificate();
    const april = certificate({ periodFrom: '2026-04-01', periodTo: '2026-04-30', degree: 75 });
    expect(latestCertificate([april, march])?.id).toBe(april.id);
    expect(latestCertificate([])).toBeUndefined();
    expect(certificatesNewestFirst([march, april]).map((c) => c.id)).toEqual([april.id, march.id]);
  });

  it('prefills a renewal: the day after the latest ends, its degree and diagnosis, no end', () => {
    const latest = certificate({ periodTo: '2026-02-28', degree: 50 });
    expect(renewalOf(latest)).toEqual({
      ...EMPTY_CERTIFICATE,
      periodFrom: '2026-03-01',
      periodTo: '',
      degree: '50',
      diagnosisCode: 'F43.2',
      diagnosisText: 'Anpassningsstörning',
    });
  });

  it('sends a certificate without the optional fields left empty', () => {
    expect(
      certificateRequest({
        ...EMPTY_CERTIFICATE,
        periodFrom: '2026-03-01',
        periodTo: '2026-03-28',
        degree: '50',
        diagnosisCode: 'f432',
        diagnosisText: 'Anpassningsstörning',
        activityLimitations: 'Orkar inte hela dagar.',
        prognosis: '  ',
        expectedLengthDays: '90',
      }),
    ).toEqual({
      periodFrom: '2026-03-01',
      periodTo: '2026-03-28',
      degree: 50,
      diagnosisCode: 'f432',
      diagnosisText: 'Anpassningsstörning',
      activityLimitations: 'Orkar inte hela dagar.',
      expectedLengthDays: 90,
    });
  });
});

describe('the facts form', () => {
  const initial: FactsForm = {
    sickPeriodStart: '2026-03-01',
    earlierPeriods: [{ from: '2026-01-01', to: '2026-01-10' }],
    employmentStatus: 'EMPLOYED',
    expectedLengthDays: '120',
    expectedLengthBasis: 'Läkarintyg',
    reason: '',
  };
  const employer = ['sickPeriodStart', 'earlierPeriods', 'employmentStatus'] as const;

  it('offers the fields the overview’s permissions name', () => {
    const permissions: Permission[] = [
      'case:update-facts',
      'case:update-facts:sickPeriodStart',
      'case:update-facts:employmentStatus',
    ];
    expect(editableFacts((p) => permissions.includes(p))).toEqual([
      'sickPeriodStart',
      'employmentStatus',
    ]);
  });

  it('sends only the fields the user changed, with the reason', () => {
    expect(
      factsChanges(
        initial,
        { ...initial, employmentStatus: 'UNEMPLOYED', reason: 'Anställningen upphörde' },
        employer,
      ),
    ).toEqual({ employmentStatus: 'UNEMPLOYED', reason: 'Anställningen upphörde' });
  });

  it('sends nothing when nothing changed', () => {
    expect(factsChanges(initial, { ...initial, reason: 'Inget' }, employer)).toBeNull();
  });

  it('never sends a field the caller may not change', () => {
    expect(
      factsChanges(initial, { ...initial, expectedLengthDays: '200', reason: 'x' }, employer),
    ).toBeNull();
  });

  it('sends the whole list of earlier periods when one changed', () => {
    const periods = [
      { from: '2026-01-01', to: '2026-01-12' },
      { from: '2025-11-01', to: '2025-11-05' },
    ];
    expect(
      factsChanges(initial, { ...initial, earlierPeriods: periods, reason: 'Rättat' }, employer),
    ).toEqual({ earlierPeriods: periods, reason: 'Rättat' });
  });

  it('says an emptied expected length is not known (null)', () => {
    const doctor = ['expectedLengthDays', 'expectedLengthBasis'] as const;
    expect(
      factsChanges(
        initial,
        { ...initial, expectedLengthDays: '', expectedLengthBasis: ' ', reason: 'Oklart' },
        doctor,
      ),
    ).toEqual({ expectedLengthDays: null, expectedLengthBasis: null, reason: 'Oklart' });
  });

  it('says a refused earlier period at that period’s dates', () => {
    expect(factsFieldOf('earlierPeriods.1')).toBe('earlierPeriods.1.from');
    expect(factsFieldOf('earlierPeriods.0.to')).toBe('earlierPeriods.0.to');
    expect(factsFieldOf('earlierPeriods')).toBe('earlierPeriods');
    expect(factsFieldOf('reason')).toBe('reason');
    expect(factsFieldOf('version')).toBeNull();
  });
});

describe('closing and reopening', () => {
  it('continues the case only for a new period fewer than 90 days after the closing day', () => {
    expect(reopenUntilFor('2026-03-31')).toBe('2026-06-29');
    expect(reopenUntilFor('')).toBe('');
    expect(reopenDateRange({ closedOn: '2026-03-31', reopenUntil: '2026-06-29' })).toEqual({
      min: '2026-04-01',
      max: '2026-06-29',
    });
  });
});
