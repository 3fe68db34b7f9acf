import type { MeetingView } from '@atergang/contracts';
import type { IcsMeeting } from './meetings.ics';
import type { MeetingRow } from './meetings.repository';

/** A meeting with its times, who is invited and, per time, who answered what. */
export function toMeetingView(row: MeetingRow, may: MeetingView['may']): MeetingView {
  const invitees = row.invitees.map((invitee) => ({
    participantId: invitee.participantId,
    name: invitee.participant.user.name,
    party: invitee.participant.party,
    organisation: invitee.participant.organisation?.name ?? null,
  }));
  const inviteeById = new Map(invitees.map((invitee) => [invitee.participantId, invitee]));
  const organiserInvitee = row.invitees.find(
    (invitee) => invitee.participant.user.id === row.organiserId,
  );
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    agenda: row.agenda,
    status: row.status,
    organiser: {
      userId: row.organiser.id,
      participantId: organiserInvitee?.participantId ?? null,
      name: row.organiser.name,
      party: row.organiserParty,
    },
    location: row.location,
    videoUrl: row.videoUrl,
    slots: row.slots.map((slot) => {
      const responses = row.responses
        .filter((response) => response.slotId === slot.id)
        .flatMap((response) => {
          // Answers of people no longer invited are kept in the database but not shown.
          const person = inviteeById.get(response.participantId);
          return person
            ? [
                {
                  participantId: person.participantId,
                  name: person.name,
                  party: person.party,
                  answer: response.answer,
                  answeredAt: response.answeredAt.toISOString(),
                },
              ]
            : [];
        });
      const count = (answer: string) => responses.filter((r) => r.answer === answer).length;
      // The organiser proposed the times: not answering them is not waiting on them.
      const notAnswered = invitees.filter(
        (invitee) =>
          invitee.participantId !== organiserInvitee?.participantId &&
          !responses.some((response) => response.participantId === invitee.participantId),
      );
      return {
        id: slot.id,
        start: slot.start.toISOString(),
        end: slot.end.toISOString(),
        counts: {
          yes: count('YES'),
          no: count('NO'),
          maybe: count('MAYBE'),
          unanswered: notAnswered.length,
        },
        responses,
        notAnswered: notAnswered.map(({ participantId, name, party }) => ({
          participantId,
          name,
          party,
        })),
      };
    }),
    invitees,
    scheduledSlotId: row.scheduledSlotId,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancelReason: row.cancelReason,
    lastChange:
      row.changeKind && row.changedAt
        ? {
            kind: row.changeKind === 'REOPENED' ? 'REOPENED' : 'MOVED',
            at: row.changedAt.toISOString(),
            reason: row.changeReason,
            previousStart: row.previousStart?.toISOString() ?? null,
            previousEnd: row.previousEnd?.toISOString() ?? null,
          }
        : null,
    may,
    icsSequence: row.icsSequence,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * What the calendar invitation shows: the fixed time, or while none is fixed the earliest
 * proposed one (STATUS:TENTATIVE); attendees are the invitees other than the organiser,
 * with their answer to that time.
 */
export function toIcsMeeting(row: MeetingRow): IcsMeeting {
  const slot = row.slots.find((candidate) => candidate.id === row.scheduledSlotId) ?? row.slots[0];
  if (!slot) {
    // Every meeting is created with 1–10 slots (and slots are never deleted).
    throw new Error(`meeting ${row.id} has no proposed time`);
  }
  return {
    uid: row.icsUid,
    sequence: row.icsSequence,
    state: row.status,
    title: row.title,
    agenda: row.agenda,
    location: row.location,
    videoUrl: row.videoUrl,
    start: slot.start,
    end: slot.end,
    organiser: { userId: row.organiser.id, name: row.organiser.name, email: row.organiser.email },
    attendees: row.invitees
      .filter((invitee) => invitee.participant.user.id !== row.organiserId)
      .map((invitee) => ({
        userId: invitee.participant.user.id,
        name: invitee.participant.user.name,
        email: invitee.participant.user.email,
        answer:
          row.responses.find(
            (response) =>
              response.slotId === slot.id && response.participantId === invitee.participantId,
          )?.answer ?? null,
      })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
