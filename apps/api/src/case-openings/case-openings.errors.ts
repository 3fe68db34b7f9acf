import { ApiError } from '../common/api-error';

/** One answer for an unknown, used, expired or withdrawn link: nothing to tell them apart. */
export const caseOpeningNotFound = (): ApiError =>
  new ApiError(404, 'CASE_OPENING_NOT_FOUND', 'The link is no longer valid.', {
    errors: [{ path: 'token', message: 'is not a pending request to open a case' }],
  });

export const signInToAnswer = (): ApiError =>
  new ApiError(401, 'SIGN_IN_TO_ANSWER', 'You already have an account: sign in, then answer.');

export const notYours = (): ApiError =>
  new ApiError(
    403,
    'CASE_OPENING_NOT_YOURS',
    'The request is for another person than the one signed in.',
  );

export const openerGone = (): ApiError =>
  new ApiError(
    409,
    'CASE_OPENER_GONE',
    'The person who asked to open the case no longer acts for their organisation in that role.',
  );

export const openingNotFoundById = (): ApiError =>
  new ApiError(404, 'CASE_OPENING_NOT_FOUND', 'There is no such pending request of yours.');
