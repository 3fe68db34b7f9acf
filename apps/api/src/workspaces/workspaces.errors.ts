import { ApiError } from '../common/api-error';

export const invalidPersonnummer = (): ApiError =>
  new ApiError(400, 'VALIDATION_FAILED', 'The request is not valid.', {
    errors: [
      {
        path: 'patientPersonnummer',
        message: 'is not a valid personnummer or samordningsnummer',
        code: 'invalid_format',
        format: 'personnummer',
      },
    ],
  });

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

export const organisationRequired = (): ApiError =>
  new ApiError(422, 'ORGANISATION_REQUIRED', 'Name the organisation the person takes part for.', {
    errors: [{ path: 'organisationId', message: 'is required' }],
  });

/** The organisation's own records do not list the invitee in a case role of its party. */
export const notInInvitedOrganisation = (): ApiError =>
  new ApiError(
    403,
    'NOT_IN_INVITED_ORGANISATION',
    'The organisation you were invited for does not list you in a role that takes part in cases.',
  );

export const patientApprovalRequired = (): ApiError =>
  new ApiError(
    409,
    'PATIENT_APPROVAL_REQUIRED',
    'The person on sick leave has to approve this participation first.',
  );

export const invitationNotAwaitingApproval = (): ApiError =>
  new ApiError(
    409,
    'INVITATION_NOT_AWAITING_APPROVAL',
    'The invitation does not wait for an approval.',
  );

export const colleagueNotEligible = (): ApiError =>
  new ApiError(
    422,
    'COLLEAGUE_NOT_ELIGIBLE',
    'The colleague must belong to the same organisation in a role that takes part in cases.',
    { errors: [{ path: 'toUserId', message: 'is not a colleague who can take over' }] },
  );
