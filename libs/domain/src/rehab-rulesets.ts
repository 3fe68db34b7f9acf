// The rehabilitation chain (rehabiliteringskedjan) as data, versioned by the date each version
// came into force, because the law keeps changing and a case must be explained by the rules
// that apply to it.
//
// Which version applies: the one in force on the first day of the sick period. That keeps the
// whole calendar of one case stable. Transitional provisions (övergångsbestämmelser) can apply
// a newer wording to days after its commencement in sick periods that began earlier, so for a
// period that straddles a change FK may apply the newer rule late in the chain; the calendar is
// guidance for the parties, never FK's decision.
//
// Day numbers: day 1 is the first day of the sick period; earlier periods that count towards the
// chain push every day number forward (see rehab-chain.ts).

import type { Party } from '@atergang/contracts';
import { isIsoDate, type IsoDate } from './iso-date';
import { LEGAL_SOURCES } from './legal-sources';

export const REHAB_PHASES = [
  'NOT_STARTED',
  'SICK_PAY',
  'DAY_15_TO_90',
  'DAY_91_TO_180',
  'DAY_181_TO_365',
  'AFTER_365',
  /** Without employment: the labour market is the benchmark from the first day. */
  'LABOUR_MARKET_FROM_START',
  /** Self-employed: the usual work until day 180 (no employer to offer other work). */
  'USUAL_WORK_TO_180',
] as const;
/** NOT_STARTED: "today" is before the first day of the sick period. */
export type RehabPhase = (typeof REHAB_PHASES)[number];
export type RehabChainPhase = Exclude<RehabPhase, 'NOT_STARTED'>;

export const REHAB_MILESTONE_KEYS = [
  'MEDICAL_CERTIFICATE_REQUIRED',
  'SICKNESS_BENEFIT_STARTS',
  'EMPLOYER_REPORT_TO_FK',
  'RETURN_TO_WORK_PLAN',
  'ASSESS_AGAINST_EMPLOYER_WORK',
  'ASSESS_AGAINST_LABOUR_MARKET',
  'ASSESS_AFTER_365',
] as const;
export type RehabMilestoneKey = (typeof REHAB_MILESTONE_KEYS)[number];

/** The parties that own a step of the chain (names shared with @atergang/contracts). */
export type RehabOwnerParty = Extract<Party, 'PATIENT' | 'EMPLOYER' | 'CARE' | 'FK'>;

/** The plan för återgång i arbete is required when reduced work capacity is expected to last this long. */
export const RETURN_TO_WORK_PLAN_MIN_EXPECTED_DAYS = 60;

export interface RehabPhaseRule {
  phase: RehabChainPhase;
  firstDay: number;
  /** Last day of the phase; null for the open-ended last phase. */
  lastDay: number | null;
  labelSv: string;
  labelEn: string;
  legalSource: string;
}

/** A milestone that becomes a task with a due date when a case is opened. */
export interface RehabTaskRule {
  titleSv: string;
  titleEn: string;
  /** Only when the expected length of reduced work capacity is at least this; null: always. */
  minExpectedLengthDays: number | null;
}

export interface RehabMilestoneRule {
  key: RehabMilestoneKey;
  /** Chain day the milestone belongs to (the deadline day, or the last day before a new assessment). */
  day: number;
  owner: RehabOwnerParty | null;
  titleSv: string;
  titleEn: string;
  legalSource: string;
  task: RehabTaskRule | null;
}

export interface RehabRuleset {
  id: string;
  /** First sick-period start date this version applies to. */
  validFrom: IsoDate;
  summarySv: string;
  summaryEn: string;
  phases: readonly RehabPhaseRule[];
  milestones: readonly RehabMilestoneRule[];
}

const PHASES_TO_DAY_180: readonly RehabPhaseRule[] = [
  {
    phase: 'SICK_PAY',
    firstDay: 1,
    lastDay: 14,
    labelSv: 'Sjuklöneperiod (dag 1–14): arbetsgivaren betalar sjuklön',
    labelEn: 'Sick-pay period (days 1–14): the employer pays sick pay',
    legalSource: LEGAL_SOURCES.sickPayPeriod,
  },
  {
    phase: 'DAY_15_TO_90',
    firstDay: 15,
    lastDay: 90,
    labelSv:
      'Dag 15–90: arbetsförmågan prövas mot det vanliga arbetet eller annat tillfälligt arbete hos arbetsgivaren',
    labelEn:
      'Days 15–90: work capacity is assessed against the usual job or other temporary work the employer offers',
    legalSource: LEGAL_SOURCES.assessmentUsualWork,
  },
  {
    phase: 'DAY_91_TO_180',
    firstDay: 91,
    lastDay: 180,
    labelSv: 'Dag 91–180: arbetsförmågan prövas mot alla arbeten hos arbetsgivaren',
    labelEn: 'Days 91–180: work capacity is assessed against any work at the employer',
    legalSource: LEGAL_SOURCES.assessmentEmployerWork,
  },
];

const PHASE_AFTER_365: RehabPhaseRule = {
  phase: 'AFTER_365',
  firstDay: 366,
  lastDay: null,
  labelSv:
    'Från dag 366: arbetsförmågan prövas mot normalt förekommande arbete på arbetsmarknaden, om det inte är oskäligt',
  labelEn:
    'From day 366: work capacity is assessed against work normally found on the labour market, unless that is unreasonable',
  legalSource: LEGAL_SOURCES.assessmentAfter365,
};

// Milestone owners: the party that has to act or decide at that point. The doctor (CARE)
// issues the certificate needed from day 8; the employee (PATIENT) applies to FK for
// sjukpenning from day 15; the employer reports to FK and draws up the plan; FK makes the
// assessments of work capacity.
const MILESTONES_TO_DAY_90: readonly RehabMilestoneRule[] = [
  {
    key: 'MEDICAL_CERTIFICATE_REQUIRED',
    day: 8,
    owner: 'CARE',
    titleSv: 'Läkarintyg krävs från dag 8',
    titleEn: 'Medical certificate required from day 8',
    legalSource: LEGAL_SOURCES.medicalCertificate,
    task: null,
  },
  {
    key: 'SICKNESS_BENEFIT_STARTS',
    day: 15,
    owner: 'PATIENT',
    titleSv: 'Sjukpenning från Försäkringskassan från dag 15: den sjukskrivna ansöker',
    titleEn: 'Sickness benefit from FK from day 15: the person on sick leave applies',
    legalSource: LEGAL_SOURCES.sicknessBenefitAfterSickPay,
    task: null,
  },
  {
    key: 'EMPLOYER_REPORT_TO_FK',
    day: 21,
    owner: 'EMPLOYER',
    titleSv:
      'Arbetsgivaren anmäler sjukfallet till Försäkringskassan (senast 7 dagar efter sjuklöneperioden)',
    titleEn: 'The employer reports the case to FK (within 7 days after the sick-pay period)',
    legalSource: LEGAL_SOURCES.employerReportToFk,
    task: {
      titleSv: 'Arbetsgivaren: anmäl sjukfallet till Försäkringskassan',
      titleEn: 'Employer: report to FK',
      minExpectedLengthDays: null,
    },
  },
  {
    key: 'RETURN_TO_WORK_PLAN',
    day: 30,
    owner: 'EMPLOYER',
    titleSv:
      'Plan för återgång i arbete klar (om arbetsförmågan väntas vara nedsatt i minst 60 dagar)',
    titleEn:
      'Return-to-work plan ready (if work capacity is expected to be reduced for at least 60 days)',
    legalSource: LEGAL_SOURCES.returnToWorkPlan,
    task: {
      titleSv: 'Arbetsgivaren: upprätta plan för återgång i arbete',
      titleEn: 'Employer: return-to-work plan',
      minExpectedLengthDays: RETURN_TO_WORK_PLAN_MIN_EXPECTED_DAYS,
    },
  },
  {
    key: 'ASSESS_AGAINST_EMPLOYER_WORK',
    day: 90,
    owner: 'FK',
    titleSv: 'Efter dag 90: arbetsförmågan prövas mot alla arbeten hos arbetsgivaren',
    titleEn: 'After day 90: work capacity is assessed against any work at the employer',
    legalSource: LEGAL_SOURCES.assessmentEmployerWork,
    task: null,
  },
];

const MILESTONE_DAY_365: RehabMilestoneRule = {
  key: 'ASSESS_AFTER_365',
  day: 365,
  owner: 'FK',
  titleSv:
    'Efter dag 365: arbetsförmågan prövas mot normalt förekommande arbete, om det inte är oskäligt',
  titleEn:
    'After day 365: work capacity is assessed against work normally found on the labour market, unless that is unreasonable',
  legalSource: LEGAL_SOURCES.assessmentAfter365,
  task: null,
};

/** Version in force from 2018-07-01, when the employer's plan för återgång i arbete became law. */
const RULESET_2018_07_01: RehabRuleset = {
  id: 'REHAB_CHAIN_2018_07_01',
  validFrom: '2018-07-01',
  summarySv:
    'Arbetsgivarens plan för återgång i arbete senast dag 30 (SFS 2017:1306). Efter dag 180 undantag om det finns särskilda skäl att anta återgång hos arbetsgivaren före dag 366.',
  summaryEn:
    "Employer's return-to-work plan by day 30 (SFS 2017:1306). After day 180, an exception when there are special reasons to assume a return to the employer before day 366.",
  phases: [
    ...PHASES_TO_DAY_180,
    {
      phase: 'DAY_181_TO_365',
      firstDay: 181,
      lastDay: 365,
      labelSv:
        'Dag 181–365: arbetsförmågan prövas mot normalt förekommande arbete, om det inte finns särskilda skäl att anta återgång hos arbetsgivaren före dag 366 eller det är oskäligt',
      labelEn:
        'Days 181–365: work capacity is assessed against work normally found on the labour market, unless there are special reasons to assume a return to the employer before day 366, or that is unreasonable',
      legalSource: LEGAL_SOURCES.assessmentLabourMarketBefore2021,
    },
    PHASE_AFTER_365,
  ],
  milestones: [
    ...MILESTONES_TO_DAY_90,
    {
      key: 'ASSESS_AGAINST_LABOUR_MARKET',
      day: 180,
      owner: 'FK',
      titleSv:
        'Efter dag 180: arbetsförmågan prövas mot normalt förekommande arbete, om det inte finns särskilda skäl att anta återgång hos arbetsgivaren före dag 366',
      titleEn:
        'After day 180: work capacity is assessed against work normally found on the labour market, unless there are special reasons (särskilda skäl) to assume a return to the employer before day 366',
      legalSource: LEGAL_SOURCES.assessmentLabourMarketBefore2021,
      task: null,
    },
    MILESTONE_DAY_365,
  ],
};

/**
 * Version in force from 2021-03-15 (prop. 2020/21:78): the assessment against the labour
 * market after day 180 is postponed when predominant reasons (övervägande skäl) suggest a
 * return to the employer by day 365. Later amendments (e.g. assessment against an angiven
 * yrkesgrupp from 2022-09-01, prop. 2020/21:171) change what the benchmark means but not the
 * chain's days or deadlines, so they need no version of their own here.
 */
const RULESET_2021_03_15: RehabRuleset = {
  id: 'REHAB_CHAIN_2021_03_15',
  validFrom: '2021-03-15',
  summarySv:
    'Efter dag 180 skjuts prövningen mot normalt förekommande arbete upp om övervägande skäl talar för återgång hos arbetsgivaren senast dag 365 (prop. 2020/21:78).',
  summaryEn:
    'After day 180 the assessment against the labour market is postponed when predominant reasons suggest a return to the employer by day 365 (prop. 2020/21:78).',
  phases: [
    ...PHASES_TO_DAY_180,
    {
      phase: 'DAY_181_TO_365',
      firstDay: 181,
      lastDay: 365,
      labelSv:
        'Dag 181–365: arbetsförmågan prövas mot normalt förekommande arbete, om inte övervägande skäl talar för återgång hos arbetsgivaren senast dag 365 eller det är oskäligt',
      labelEn:
        'Days 181–365: work capacity is assessed against work normally found on the labour market, unless predominant reasons suggest a return to the employer by day 365, or that is unreasonable',
      legalSource: LEGAL_SOURCES.assessmentLabourMarketFrom2021,
    },
    PHASE_AFTER_365,
  ],
  milestones: [
    ...MILESTONES_TO_DAY_90,
    {
      key: 'ASSESS_AGAINST_LABOUR_MARKET',
      day: 180,
      owner: 'FK',
      titleSv:
        'Efter dag 180: arbetsförmågan prövas mot normalt förekommande arbete, om inte övervägande skäl talar för återgång hos arbetsgivaren senast dag 365',
      titleEn:
        'After day 180: work capacity is assessed against work normally found on the labour market, unless predominant reasons (övervägande skäl) suggest a return to the employer by day 365',
      legalSource: LEGAL_SOURCES.assessmentLabourMarketFrom2021,
      task: null,
    },
    MILESTONE_DAY_365,
  ],
};

/** All versions, oldest first. */
export const REHAB_RULESETS: readonly RehabRuleset[] = [RULESET_2018_07_01, RULESET_2021_03_15];

/**
 * The version in force on the first day of the sick period. Periods that began before the
 * oldest version (2018-07-01) get the oldest one: the product does not model the chain as it
 * was before the plan för återgång i arbete existed.
 */
export function rehabRulesetFor(sickPeriodStart: IsoDate): RehabRuleset {
  if (!isIsoDate(sickPeriodStart)) {
    throw new RangeError(`Expected an ISO calendar date 'YYYY-MM-DD', got '${sickPeriodStart}'`);
  }
  let inForce = REHAB_RULESETS[0];
  for (const ruleset of REHAB_RULESETS) {
    // 'YYYY-MM-DD' strings compare in date order.
    if (ruleset.validFrom <= sickPeriodStart) inForce = ruleset;
  }
  if (!inForce) throw new Error('No rehabilitation-chain ruleset is defined');
  return inForce;
}
