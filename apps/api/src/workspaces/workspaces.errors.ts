import { ApiError } from '../common/api-error';

export const invalidPersonnummer = (): ApiError =>
  new ApiError(400, 'VALIDATION_FAILED', 'The request is not valid.', {
    errors: [
      { path: 'patientPersonnummer', message: 'is not a valid personnummer or samordningsnummer' },
    ],
  });

export const patientDetailsRequired = (missing: 'patientName' | 'patientEmail'): ApiError =>
  new ApiError(
    422,
    'PATIENT_DETAILS_REQUIRED',
    'The patient has no account yet: give their name and e-mail.',
    {
      errors: [{ path: missing, message: 'is required when the patient has no account yet' }],
    },
  );

export const notStaff = (): ApiError =>
  new ApiError(
    403,
    'NOT_STAFF',
    'Only staff of a care unit, an employer, occupational health, Försäkringskassan or Arbetsförmedlingen can open a case.',
  );

/** The caller acts for the organisation only as its administrator (ORG_ADMIN). */
export const administratorOpensNoCase = (path: string | null): ApiError =>
  new ApiError(
    403,
    'ADMINISTRATOR_OPENS_NO_CASE',
    'An organisation administrator administers people, not cases: a case is opened by ' +
      'someone who takes part in it in a case role.',
    path ? { errors: [{ path, message: 'you are only its administrator' }] } : {},
  );

export const notMemberOfOrganisation = (path: string): ApiError =>
  new ApiError(422, 'NOT_A_MEMBER', 'You do not belong to that organisation.', {
    errors: [{ path, message: 'is not an organisation you belong to' }],
  });

export const unknownOrganisation = (path: string): ApiError =>
  new ApiError(422, 'UNKNOWN_ORGANISATION', 'There is no such organisation.', {
    errors: [{ path, message: 'does not exist or is of the wrong kind' }],
  });

export const emailTaken = (): ApiError =>
  new ApiError(409, 'EMAIL_TAKEN', 'Another person already uses that e-mail address.', {
    errors: [{ path: 'patientEmail', message: 'belongs to another account' }],
  });

export const cannotRemovePatient = (): ApiError =>
  new ApiError(422, 'CANNOT_REMOVE_PATIENT', 'The patient cannot be removed from their own case.');

export const participantNotFound = (): ApiError =>
  new ApiError(404, 'PARTICIPANT_NOT_FOUND', 'There is no such participant in this workspace.');

export const invitationNotFound = (): ApiError =>
  new ApiError(404, 'INVITATION_NOT_FOUND', 'There is no such open invitation for you.');

export const alreadyParticipant = (): ApiError =>
  new ApiError(409, 'ALREADY_PARTICIPANT', 'That person already takes part in this workspace.');

export const mayNotInvite = (party: string): ApiError =>
  new ApiError(
    403,
    'MAY_NOT_INVITE',
    `Your party does not bring ${party} into the case: the patient does, or the party itself.`,
    { errors: [{ path: 'party', message: 'is not a party yours may invite' }] },
  );

export const onlyPatientRemoves = (): ApiError =>
  new ApiError(403, 'PATIENT_ONLY', 'Only the patient removes participants from her case.');
