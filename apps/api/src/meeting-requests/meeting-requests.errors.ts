import { ApiError } from '../common/api-error';

// The problems of asking FK for an avstämningsmöte (issue 15). Each names the field it is
// about where there is one.

export const requestNotAllowed = (): ApiError =>
  new ApiError(
    403,
    'MEETING_REQUEST_NOT_ALLOWED',
    'Only the patient, the doctor or rehabilitation coordinator in care, and the employer’s ' +
      'manager or HR ask Försäkringskassan for an avstämningsmöte. Försäkringskassan arranges ' +
      'one directly.',
  );

export const fkNotInCase = (): ApiError =>
  new ApiError(
    409,
    'MEETING_REQUEST_FK_NOT_IN_CASE',
    'Försäkringskassan takes no part in this case yet, so there is nobody to ask for an ' +
      'avstämningsmöte. Invite Försäkringskassan to the case first.',
  );

export const requestOpen = (requestId: string): ApiError =>
  new ApiError(
    409,
    'MEETING_REQUEST_OPEN',
    'Your party has already asked for an avstämningsmöte and Försäkringskassan has not ' +
      'answered yet; the open request stands.',
    { extensions: { requestId } },
  );

export const requestNotFound = (): ApiError =>
  new ApiError(
    404,
    'MEETING_REQUEST_NOT_FOUND',
    'There is no such request for an avstämningsmöte in this case.',
  );

export const notFk = (): ApiError =>
  new ApiError(
    403,
    'MEETING_REQUEST_NOT_FK',
    'Only Försäkringskassan’s case officer answers a request for an avstämningsmöte: ' +
      'Försäkringskassan decides whether it is held.',
  );

export const alreadyAnswered = (answeredAt: Date): ApiError =>
  new ApiError(409, 'MEETING_REQUEST_ANSWERED', 'The request has already been answered.', {
    extensions: { answeredAt: answeredAt.toISOString() },
  });

export const messageRequired = (): ApiError =>
  new ApiError(
    422,
    'MEETING_REQUEST_MESSAGE_REQUIRED',
    'Say why the avstämningsmöte will not be held, so that the one who asked knows.',
    { errors: [{ path: 'message', message: 'is required to decline a request' }] },
  );

export const meetingInvalid = (why: string): ApiError =>
  new ApiError(
    422,
    'MEETING_REQUEST_MEETING_INVALID',
    `The meeting named is not one that answers the request: ${why}.`,
    { errors: [{ path: 'meetingId', message: why }] },
  );
