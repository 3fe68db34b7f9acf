// Citations for the rules the rehabilitation chain is built from, written the way Swedish
// statutes are cited (name, SFS number, chapter and section) so users can look them up.

export const SOCIALFORSAKRINGSBALKEN = 'Socialförsäkringsbalken (2010:110)';
export const SJUKLONELAGEN = 'Lag (1991:1047) om sjuklön';

export const LEGAL_SOURCES = {
  /** The sick-pay period: the first day of reduced work capacity and the 13 days after it. */
  sickPayPeriod: `${SJUKLONELAGEN} 7 §`,
  /** From day 8 the employee must show a medical certificate (läkarintyg) to get sick pay. */
  medicalCertificate: `${SJUKLONELAGEN} 8 §`,
  /** Employer reports the case to FK within 7 calendar days after the sick-pay period ends. */
  employerReportToFk: `${SJUKLONELAGEN} 12 §`,
  /** No sickness benefit for the days of the sick-pay period; FK pays from day 15. */
  sicknessBenefitAfterSickPay: `${SOCIALFORSAKRINGSBALKEN} 27 kap. 10 §; ${SJUKLONELAGEN} 7 §`,
  /** Days 1-90: the usual job or other suitable work the employer temporarily offers. */
  assessmentUsualWork: `${SOCIALFORSAKRINGSBALKEN} 27 kap. 46 §`,
  /** After day 90: also any other work at the employer. */
  assessmentEmployerWork: `${SOCIALFORSAKRINGSBALKEN} 27 kap. 47 §`,
  /** After day 180: work normally found on the labour market, with exceptions (wording to 2021-03-14). */
  assessmentLabourMarketBefore2021: `${SOCIALFORSAKRINGSBALKEN} 27 kap. 48 § (lydelse före 2021-03-15)`,
  /** After day 180: exception for predominant reasons to expect a return by day 365 (prop. 2020/21:78). */
  assessmentLabourMarketFrom2021: `${SOCIALFORSAKRINGSBALKEN} 27 kap. 48 § andra stycket (lydelse från 2021-03-15, prop. 2020/21:78)`,
  /** After day 365: work normally found on the labour market unless unreasonable. */
  assessmentAfter365: `${SOCIALFORSAKRINGSBALKEN} 27 kap. 49 §`,
  /** Employer's plan för återgång i arbete by day 30 (SFS 2017:1306, in force 2018-07-01). */
  returnToWorkPlan: `${SOCIALFORSAKRINGSBALKEN} 30 kap. 6 §`,
  /**
   * Days of sick periods are added together for the chain when fewer than 90 days passed
   * between them (FK's guidance on the sjukperiod and the chain, and the Supreme
   * Administrative Court's ruling of 2018 on what a sjukperiod is).
   */
  sickPeriodsJoined: `${SOCIALFORSAKRINGSBALKEN} 27 kap. 46–49 §§; Försäkringskassans vägledning 2015:1 avsnitt 6 och 11.1`,
  /**
   * Without an employer the chain applies only in part: the unemployed are assessed against
   * work normally found on the labour market from the first day, the self-employed against
   * their usual work and later that market (prop. 2007/08:136 s. 100 f.).
   */
  chainWithoutEmployer: `${SOCIALFORSAKRINGSBALKEN} 27 kap. 46–49 §§; prop. 2007/08:136 s. 100 f.; Försäkringskassans vägledning 2015:1 avsnitt 11.1`,
  /**
   * Sickness benefit is paid in full or as three quarters, a half or a quarter, after how
   * much the work capacity is reduced: the degrees a certificate states.
   */
  sickLeaveDegrees: `${SOCIALFORSAKRINGSBALKEN} 27 kap. 45 §`,
} as const;
