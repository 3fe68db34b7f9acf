import type { SickPeriodError } from '@atergang/domain';
import { ApiError } from '../common/api-error';

export const caseNotClosed = (): ApiError =>
  new ApiError(409, 'CASE_NOT_CLOSED', 'The case is open; only a closed case is reopened.');

/** A new period 90 days or more after closing does not join the chain: a new case is opened. */
export const reopenWindowPassed = (lastStart: string): ApiError =>
  new ApiError(
    422,
    'REOPEN_WINDOW_PASSED',
    `A new sick period joins this case only if it starts by ${lastStart}; ask for a new case (POST /follow-up-case) instead.`,
    {
      errors: [
        { path: 'newPeriodStart', message: `must be after the closing day and by ${lastStart}` },
      ],
      extensions: { lastStart },
    },
  );

export const certificateBeforeSickPeriod = (): ApiError =>
  new ApiError(
    422,
    'CERTIFICATE_BEFORE_SICK_PERIOD',
    'The certificate starts before the first day of the sick period.',
    { errors: [{ path: 'periodFrom', message: 'is before the sick-period start' }] },
  );

const SICK_PERIOD_PROBLEMS: Readonly<Record<SickPeriodError['problem'], string>> = {
  INVALID_DATE: 'is not a calendar date',
  ENDS_BEFORE_START: 'ends before it starts',
  OVERLAPS: 'overlaps another period or the current one',
};

export const invalidSickPeriod = (error: SickPeriodError): ApiError =>
  new ApiError(422, 'INVALID_SICK_PERIOD', 'An earlier sick period is not valid.', {
    errors: [
      { path: `earlierPeriods.${error.index}`, message: SICK_PERIOD_PROBLEMS[error.problem] },
    ],
  });

export const closingDateInvalid = (): ApiError =>
  new ApiError(
    422,
    'CLOSING_DATE_INVALID',
    'The closing day must lie within the sick period and not in the future.',
    { errors: [{ path: 'closedOn', message: 'is before the sick-period start or in the future' }] },
  );

/** A new period within the window joins the closed case: it is reopened, not followed up. */
export const periodJoinsCase = (lastStart: string): ApiError =>
  new ApiError(
    422,
    'PERIOD_JOINS_CASE',
    `A new sick period that starts by ${lastStart} joins this case: reopen it instead.`,
    {
      errors: [{ path: 'newPeriodStart', message: `must be after ${lastStart} for a new case` }],
      extensions: { lastStart },
    },
  );
