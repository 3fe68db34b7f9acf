import { ApiError } from '../common/api-error';

export const taskNotFound = (): ApiError =>
  new ApiError(404, 'TASK_NOT_FOUND', 'There is no such task in this workspace.');

/** A body field points at a participant who does not take part in this workspace. */
export const participantNotInWorkspace = (path: string): ApiError =>
  new ApiError(
    422,
    'PARTICIPANT_NOT_IN_WORKSPACE',
    'The assignee must be a participant of this workspace.',
    { errors: [{ path, message: 'is not a participant of this workspace' }] },
  );

export const assigneePartyMismatch = (path: string): ApiError =>
  new ApiError(
    422,
    'ASSIGNEE_PARTY_MISMATCH',
    'assigneeParty must be the party of the assigned participant (or be left out).',
    { errors: [{ path, message: 'is not the party of the assigned participant' }] },
  );

export const measureNotInWorkspace = (path: string): ApiError =>
  new ApiError(
    422,
    'MEASURE_NOT_IN_WORKSPACE',
    'The linked plan measure is not in this workspace.',
    {
      errors: [{ path, message: 'is not a plan measure of this workspace' }],
    },
  );

export const meetingNotInWorkspace = (path: string): ApiError =>
  new ApiError(422, 'MEETING_NOT_IN_WORKSPACE', 'The linked meeting is not in this workspace.', {
    errors: [{ path, message: 'is not a meeting of this workspace' }],
  });

export const taskVersionConflict = (currentVersion: number): ApiError =>
  new ApiError(
    409,
    'TASK_VERSION_CONFLICT',
    'The task has changed since you read it: read it again and reapply your change.',
    { extensions: { currentVersion } },
  );
