// The chain as it applies to a person's employment. It is written for employees: the
// employer pays sick pay for days 1-14, reports the case, draws up the plan, and days 1-180
// are judged against work at the employer. Without an employer only part of it applies
// (prop. 2007/08:136 s. 100 f.; FK's vägledning 2015:1 avsnitt 11.1): the unemployed are
// assessed against work normally found on the labour market from the first day; the
// self-employed against their usual work until day 180 and then against that market.

import { LEGAL_SOURCES } from './legal-sources';
import type { RehabMilestoneKey, RehabPhaseRule, RehabRuleset } from './rehab-rulesets';

export const EMPLOYMENT_STATUSES = ['EMPLOYED', 'UNEMPLOYED', 'SELF_EMPLOYED'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** Milestones that only exist where there is an employer. */
const EMPLOYER_MILESTONES: ReadonlySet<RehabMilestoneKey> = new Set([
  'SICKNESS_BENEFIT_STARTS',
  'EMPLOYER_REPORT_TO_FK',
  'RETURN_TO_WORK_PLAN',
  'ASSESS_AGAINST_EMPLOYER_WORK',
]);

const LABOUR_MARKET_FROM_START: RehabPhaseRule = {
  phase: 'LABOUR_MARKET_FROM_START',
  firstDay: 1,
  lastDay: 365,
  labelSv:
    'Utan anställning: arbetsförmågan prövas mot normalt förekommande arbete på arbetsmarknaden från första dagen',
  labelEn:
    'Without employment: work capacity is assessed against work normally found on the labour market from the first day',
  legalSource: LEGAL_SOURCES.chainWithoutEmployer,
};

const USUAL_WORK_TO_180: RehabPhaseRule = {
  phase: 'USUAL_WORK_TO_180',
  firstDay: 1,
  lastDay: 180,
  labelSv: 'Egenföretagare, dag 1–180: arbetsförmågan prövas mot det vanliga arbetet',
  labelEn: 'Self-employed, days 1–180: work capacity is assessed against the usual work',
  legalSource: LEGAL_SOURCES.chainWithoutEmployer,
};

/** The ruleset's phases and milestones that apply to a person with this employment. */
export function rulesForEmployment(
  ruleset: RehabRuleset,
  employment: EmploymentStatus,
): RehabRuleset {
  switch (employment) {
    case 'EMPLOYED':
      return ruleset;
    case 'UNEMPLOYED':
      return {
        ...ruleset,
        phases: [
          LABOUR_MARKET_FROM_START,
          ...ruleset.phases.filter((phase) => phase.phase === 'AFTER_365'),
        ],
        milestones: ruleset.milestones.filter(
          (milestone) =>
            !EMPLOYER_MILESTONES.has(milestone.key) &&
            milestone.key !== 'ASSESS_AGAINST_LABOUR_MARKET',
        ),
      };
    case 'SELF_EMPLOYED':
      return {
        ...ruleset,
        phases: [USUAL_WORK_TO_180, ...ruleset.phases.filter((phase) => phase.firstDay > 180)],
        milestones: ruleset.milestones.filter(
          (milestone) => !EMPLOYER_MILESTONES.has(milestone.key),
        ),
      };
  }
}
