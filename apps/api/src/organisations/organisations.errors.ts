import type { Role } from '@atergang/contracts';
import { ApiError, ValidationError } from '../common/api-error';

// Someone who does not belong to an organisation learns nothing of it, not even that it
// exists (like a workspace to a non-participant).
export const organisationNotFound = (): ApiError =>
  new ApiError(
    404,
    'ORGANISATION_NOT_FOUND',
    'There is no such organisation, or you do not belong to it.',
  );

export const notOrganisationAdmin = (): ApiError =>
  new ApiError(
    403,
    'NOT_ORGANISATION_ADMIN',
    "Only the organisation's administrator (ORG_ADMIN) may do this.",
  );

export const staffOnly = (): ApiError =>
  new ApiError(
    403,
    'STAFF_ONLY',
    'Only staff of an organisation may search the directory of organisations.',
  );

export const rolesNotOfOrganisation = (roles: readonly Role[]): ApiError =>
  new ApiError(
    422,
    'ROLES_NOT_OF_ORGANISATION',
    `An organisation of this kind does not give the role(s) ${roles.join(', ')}.`,
    {
      errors: [
        { path: 'roles', message: `not a role of this kind of organisation: ${roles.join(', ')}` },
      ],
    },
  );

export const lastOrganisationAdmin = (): ApiError =>
  new ApiError(
    409,
    'LAST_ORGANISATION_ADMIN',
    'The organisation would have no administrator left: make someone else ORG_ADMIN first.',
    { errors: [{ path: 'roles', message: 'the last ORG_ADMIN keeps that role' }] },
  );

export const memberNotFound = (): ApiError =>
  new ApiError(404, 'MEMBER_NOT_FOUND', 'That person does not belong to the organisation.');

export const alreadyMember = (): ApiError =>
  new ApiError(
    409,
    'ALREADY_MEMBER',
    'That person already belongs to the organisation: change their roles instead.',
    { errors: [{ path: 'email', message: 'belongs to a member of the organisation' }] },
  );

export const accountInvitationNotFound = (): ApiError =>
  new ApiError(
    404,
    'ACCOUNT_INVITATION_NOT_FOUND',
    'There is no such open invitation to this organisation.',
  );

/** One answer for an unknown, used, withdrawn or expired link: nothing to tell them apart. */
export const invalidInvitationLink = (): ApiError =>
  new ApiError(410, 'INVALID_INVITATION_LINK', 'The invitation link is not valid.', {
    errors: [{ path: 'token', message: 'is unknown, used, withdrawn or expired' }],
  });

export const signInToAccept = (): ApiError =>
  new ApiError(
    401,
    'SIGN_IN_TO_ACCEPT',
    'An account with this e-mail exists: sign in as that account, then accept with the token.',
  );

export const invitationForOtherAccount = (): ApiError =>
  new ApiError(
    403,
    'INVITATION_FOR_OTHER_ACCOUNT',
    'The invitation is for another e-mail address than the account you are signed in with.',
  );

export const passwordRequired = (): ApiError =>
  new ValidationError([
    {
      path: 'password',
      message: 'is required to create your account',
      code: 'invalid_type',
      missing: true,
    },
  ]);

export const handOverRequired = (openCases: number): ApiError =>
  new ApiError(
    422,
    'HAND_OVER_REQUIRED',
    `The member takes part in ${openCases} open case(s) for the organisation: name the colleague who takes them over.`,
    { errors: [{ path: 'handOverToUserId', message: 'is required: the member has open cases' }] },
  );

export const colleagueNotEligible = (reason: string): ApiError =>
  new ApiError(422, 'COLLEAGUE_NOT_ELIGIBLE', 'That colleague cannot take over the cases.', {
    errors: [{ path: 'handOverToUserId', message: reason }],
  });

/** A field of an organisation the operator gave that breaks a rule (one line for the CLI). */
export const invalidOrganisationField = (path: string, message: string): ApiError =>
  new ValidationError([{ path, message }], `${path} ${message}`);

export const organisationExists = (path: string): ApiError =>
  new ApiError(409, 'ALREADY_EXISTS', `An organisation with that ${path} already exists.`, {
    errors: [{ path, message: 'belongs to an organisation already registered' }],
  });
