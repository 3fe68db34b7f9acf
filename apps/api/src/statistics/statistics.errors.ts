import { ApiError, ValidationError } from '../common/api-error';

export const statisticsNotAllowed = (): ApiError =>
  new ApiError(
    403,
    'STATISTICS_NOT_ALLOWED',
    "Only the organisation's administrator, or HR at an employer, may see its statistics.",
  );

export const periodsOutOfOrder = (): ApiError =>
  new ValidationError([
    {
      path: 'query.to',
      message: 'must not be before from',
      code: 'custom',
      params: { reason: 'END_BEFORE_START' },
    },
  ]);

export const tooManyPeriods = (max: number): ApiError =>
  new ValidationError([
    {
      path: 'query.from',
      message: `covers more than ${String(max)} periods: choose a later month or a longer period`,
      code: 'too_big',
      maximum: max,
    },
  ]);
