import { ApiError } from '../common/api-error';

// The hand-over's problems (issue 17). Each names the field it is about where there is one.

export const versionNotFound = (): ApiError =>
  new ApiError(
    422,
    'PLAN_HANDOVER_VERSION_NOT_FOUND',
    'The plan has no such version (versions are counted as you see the plan: 1 to the current one).',
    { errors: [{ path: 'version', message: 'is not a version of the plan you can see' }] },
  );

export const notEmployer = (): ApiError =>
  new ApiError(
    403,
    'PLAN_HANDOVER_NOT_EMPLOYER',
    'Only the employer (a manager or HR: those who establish the plan) sends the plan.',
  );

export const recipientNotInCase = (path: string): ApiError =>
  new ApiError(
    422,
    'PLAN_HANDOVER_RECIPIENT_NOT_IN_CASE',
    'Nobody of that party takes part in the case.',
    { errors: [{ path, message: 'takes no part in this case' }] },
  );

export const recipientNotAllowed = (): ApiError =>
  new ApiError(
    403,
    'PLAN_HANDOVER_RECIPIENT_NOT_ALLOWED',
    'The patient has not let the care unit see the plan, so it cannot be handed to care.',
    { errors: [{ path: 'recipient', message: 'may not see the plan' }] },
  );

export const handoverNotFound = (): ApiError =>
  new ApiError(404, 'PLAN_HANDOVER_NOT_FOUND', 'There is no such hand-over in this case.');

export const notRecipient = (): ApiError =>
  new ApiError(
    403,
    'PLAN_HANDOVER_NOT_RECIPIENT',
    'Only the party the plan was handed to confirms its receipt.',
  );

export const alreadyAcknowledged = (acknowledgedAt: Date): ApiError =>
  new ApiError(409, 'PLAN_HANDOVER_ALREADY_ACKNOWLEDGED', 'Receipt was already confirmed.', {
    extensions: { acknowledgedAt: acknowledgedAt.toISOString() },
  });

export const requestNotAllowed = (): ApiError =>
  new ApiError(
    403,
    'PLAN_REQUEST_NOT_ALLOWED',
    "Only Försäkringskassan's case officer requests the employer's plan.",
  );

export const requestOpen = (requestId: string): ApiError =>
  new ApiError(
    409,
    'PLAN_REQUEST_OPEN',
    'The plan is already requested and not yet sent; the open request stands.',
    { extensions: { requestId } },
  );
