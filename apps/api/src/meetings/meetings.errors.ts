import type { Party } from '@atergang/contracts';
import { ApiError } from '../common/api-error';
import { describeParties } from './meetings.rules';

export const meetingNotFound = (): ApiError =>
  new ApiError(404, 'MEETING_NOT_FOUND', 'There is no such meeting in this workspace.');

/** Försäkringskassan calls an avstämningsmöte (and decides whether it is held). */
export const avstamningsmoteCalledByFk = (): ApiError =>
  new ApiError(
    403,
    'AVSTAMNINGSMOTE_CALLED_BY_FK',
    'Only Försäkringskassan calls an avstämningsmöte. Ask your FK case officer for one, ' +
      'or propose another kind of meeting.',
  );

export const avstamningsmoteParticipants = (missing: readonly Party[]): ApiError =>
  new ApiError(
    422,
    'AVSTAMNINGSMOTE_PARTICIPANTS',
    'An avstämningsmöte needs the patient, Försäkringskassan and care or the employer; ' +
      `missing: ${describeParties(missing)}.`,
    {
      errors: [{ path: 'participantIds', message: `must include ${describeParties(missing)}` }],
      extensions: { missingParties: missing },
    },
  );

export const participantsNotInWorkspace = (indexes: readonly number[]): ApiError =>
  new ApiError(
    422,
    'PARTICIPANT_NOT_IN_WORKSPACE',
    'Everyone invited must be a participant of this workspace.',
    {
      errors: indexes.map((index) => ({
        path: `participantIds.${index}`,
        message: 'is not a participant of this workspace',
      })),
    },
  );

export const slotNotInMeeting = (): ApiError =>
  new ApiError(422, 'SLOT_NOT_IN_MEETING', 'That time is not one proposed for this meeting.', {
    errors: [{ path: 'slotId', message: 'is not a proposed time of this meeting' }],
  });

export const meetingCancelled = (): ApiError =>
  new ApiError(409, 'MEETING_CANCELLED', 'The meeting has been cancelled.');

export const onlyInviteesAnswer = (): ApiError =>
  new ApiError(403, 'NOT_INVITED', 'Only people invited to the meeting answer its proposed times.');

export const onlyOrganiser = (what: string): ApiError =>
  new ApiError(403, 'NOT_ORGANISER', `Only the organiser's party can ${what} the meeting.`);
