import type { MeetingKind, Party } from '@atergang/contracts';
import { ApiError } from '../common/api-error';
import { describeParties } from './meetings.rules';

export const meetingNotFound = (): ApiError =>
  new ApiError(404, 'MEETING_NOT_FOUND', 'There is no such meeting in this workspace.');

/**
 * Meeting kinds belong to their owners: FK calls an avstämningsmöte (and decides whether it
 * is held) and a SASSAM mapping; FK or AF a gemensam kartläggning or an omställningsmöte;
 * the employer or occupational health a rehab meeting at the workplace.
 */
export const meetingKindNotYours = (kind: MeetingKind): ApiError =>
  kind === 'AVSTAMNINGSMOTE'
    ? new ApiError(
        403,
        'AVSTAMNINGSMOTE_CALLED_BY_FK',
        'Only Försäkringskassan calls an avstämningsmöte. Ask your FK case officer for one, ' +
          'or propose another kind of meeting.',
        { errors: [{ path: 'kind', message: 'only Försäkringskassan calls it' }] },
      )
    : new ApiError(
        403,
        'MEETING_KIND_NOT_YOURS',
        `Your party does not arrange this kind of meeting (${kind}): ${KIND_OWNERS[kind]}.`,
        { errors: [{ path: 'kind', message: `is arranged by ${KIND_OWNERS[kind]}` }] },
      );

const KIND_OWNERS: Readonly<Record<MeetingKind, string>> = {
  AVSTAMNINGSMOTE: 'Försäkringskassan',
  SASSAM: 'Försäkringskassan',
  GEMENSAM_KARTLAGGNING: 'Försäkringskassan or Arbetsförmedlingen',
  OMSTALLNINGSMOTE: 'Försäkringskassan or Arbetsförmedlingen',
  WORKPLACE_REHAB: 'the employer or occupational health',
  FOLLOW_UP: 'any party',
};

export const avstamningsmoteParticipants = (missing: readonly Party[]): ApiError =>
  new ApiError(
    422,
    'AVSTAMNINGSMOTE_PARTICIPANTS',
    'An avstämningsmöte needs the patient, Försäkringskassan and at least one more party ' +
      '(care, the employer, Arbetsförmedlingen or occupational health); ' +
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

/** Notes are written by the party that arranged the meeting and by those invited to it. */
export const notAtMeeting = (): ApiError =>
  new ApiError(
    403,
    'NOT_AT_MEETING',
    'Notes of a meeting are written by the party that arranged it and by those invited to it.',
  );

/** The caller's role may not record medical information (a note marked medical). */
export const medicalNoteNotAllowed = (): ApiError =>
  new ApiError(
    403,
    'MEDICAL_NOT_ALLOWED',
    'Only care’s clinical staff and the patient record medical information.',
    { errors: [{ path: 'medical', message: 'your role may not record medical information' }] },
  );

/** A booked meeting is moved only with a reason that everyone invited sees. */
export const moveReasonRequired = (): ApiError =>
  new ApiError(
    422,
    'MOVE_REASON_REQUIRED',
    'The meeting is booked: say why it is moved, so that everyone invited knows.',
    { errors: [{ path: 'reason', message: 'is required to move a booked meeting' }] },
  );

/** Only a cancelled meeting is opened again. */
export const meetingNotCancelled = (): ApiError =>
  new ApiError(409, 'MEETING_NOT_CANCELLED', 'The meeting is not cancelled: move it instead.');

/** The meeting changed between reading it and this change: read it again. */
export const meetingChangedMeanwhile = (): ApiError =>
  new ApiError(
    409,
    'MEETING_CHANGED',
    'The meeting was changed by someone else in the meantime. Look at it again and retry.',
  );

export const noteNotFound = (): ApiError =>
  new ApiError(404, 'NOTE_NOT_FOUND', 'This meeting has no such note.');

/** A note is corrected by the party that wrote it (its earlier text is kept). */
export const notNoteAuthor = (): ApiError =>
  new ApiError(
    403,
    'NOT_NOTE_AUTHOR',
    'A meeting note is corrected by the party that wrote it. Ask them, or write a note of your own.',
  );

/**
 * A correction against a version that is no longer current: never a silent overwrite.
 * `savedBy` is who saved the version the note is at now, and when.
 */
export const noteVersionConflict = (
  currentVersion: number,
  savedBy: { name: string; party: Party; at: string },
): ApiError =>
  new ApiError(
    409,
    'NOTE_VERSION_CONFLICT',
    `The note was changed by ${savedBy.name} since you read it: it is at version ` +
      `${currentVersion} now. Look at the current note and correct it again.`,
    {
      errors: [{ path: 'version', message: `is not the current version (${currentVersion})` }],
      extensions: { currentVersion, savedBy },
    },
  );

/** Who attended is among those invited to the meeting. */
export const attendeesNotInvited = (indexes: readonly number[]): ApiError =>
  new ApiError(
    422,
    'ATTENDEE_NOT_INVITED',
    'Everyone recorded as attending must have been invited to the meeting.',
    {
      errors: indexes.map((index) => ({
        path: `attendeeParticipantIds.${index}`,
        message: 'was not invited to this meeting',
      })),
    },
  );
