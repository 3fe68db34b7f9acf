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

/** A task would be given to someone the patient has not let read it (a medical task). */
export const assigneeMayNotRead = (path: string): ApiError =>
  new ApiError(
    422,
    'ASSIGNEE_MAY_NOT_READ',
    'The task holds information the patient has not shared with that party, so it cannot be ' +
      'given to them. Give it to someone who may read it, or leave the medical details out.',
    { errors: [{ path, message: 'may not read this task (the patient has not shared it)' }] },
  );

/** The caller's role may not author a task of this category (MEDICAL). */
export const medicalTaskNotAllowed = (path: string): ApiError =>
  new ApiError(
    403,
    'MEDICAL_NOT_ALLOWED',
    'Only care’s clinical staff and the patient record medical information.',
    { errors: [{ path, message: 'your role may not record medical information' }] },
  );

/** A field of a task the caller may not change (the assignee changes only the status). */
export const taskFieldNotYours = (path: string): ApiError =>
  new ApiError(
    403,
    'TASK_FIELD_NOT_YOURS',
    'You can change only the status of a task someone else gave you; the party that ' +
      'created it changes the rest.',
    { errors: [{ path, message: 'only the party that created the task changes it' }] },
  );
