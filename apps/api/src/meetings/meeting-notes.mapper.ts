import {
  type MeetingNoteRevisionView,
  type MeetingNoteView,
  nextStepSchema,
} from '@atergang/contracts';
import { z } from 'zod';
import type {
  MeetingNoteRevisionRow,
  MeetingNoteRow,
  NotePerson,
} from './meeting-notes.repository';

// decisions and next_steps are JSON columns this service writes; reading them back is
// still checked, so a malformed row shows as empty lists rather than breaking the API.
const decisionsSchema = z.array(z.string());
const nextStepsSchema = z.array(nextStepSchema);

const byName = (a: NotePerson, b: NotePerson): number =>
  a.name.localeCompare(b.name, 'sv') || a.participantId.localeCompare(b.participantId);

/** A note as read, with who attended by name and what the caller may do with it. */
export function toMeetingNoteView(
  row: MeetingNoteRow,
  may: MeetingNoteView['may'],
): MeetingNoteView {
  const latest = row.revisions[0];
  return {
    ...noteFields(row),
    attendees: row.attendees
      .map((attendee) => ({
        participantId: attendee.participantId,
        name: attendee.participant.user.name,
        party: attendee.participant.party,
      }))
      .sort(byName),
    lastCorrection: latest
      ? {
          by: { name: latest.changedBy.name, party: latest.changedByParty },
          at: latest.changedAt.toISOString(),
          reason: latest.reason,
        }
      : null,
    may,
  };
}

/**
 * A note's earlier versions, newest first: each with who saved it (the author for version
 * 1, else the correction before it) and the correction that replaced it. `people` names the
 * attendees the versions recorded.
 */
export function toRevisionViews(
  note: MeetingNoteRow,
  revisions: readonly MeetingNoteRevisionRow[],
  people: readonly NotePerson[],
): MeetingNoteRevisionView[] {
  const personById = new Map(people.map((person) => [person.participantId, person]));
  const byVersion = new Map(revisions.map((revision) => [revision.version, revision]));
  return revisions.map((revision) => {
    const before = byVersion.get(revision.version - 1);
    const decisions = decisionsSchema.safeParse(revision.decisions);
    const nextSteps = nextStepsSchema.safeParse(revision.nextSteps);
    return {
      version: revision.version,
      situation: revision.situation,
      workCapacity: revision.workCapacity,
      rehabilitationNeeds: revision.rehabilitationNeeds,
      decisions: decisions.success ? decisions.data : [],
      nextSteps: nextSteps.success ? nextSteps.data : [],
      attendees: revision.attendeeParticipantIds
        .flatMap((id) => {
          const person = personById.get(id);
          return person ? [person] : [];
        })
        .sort(byName),
      savedBy: before
        ? { name: before.changedBy.name, party: before.changedByParty }
        : { name: note.author.name, party: note.authorParty },
      savedAt: (before?.changedAt ?? note.createdAt).toISOString(),
      replacedBy: { name: revision.changedBy.name, party: revision.changedByParty },
      replacedAt: revision.changedAt.toISOString(),
      reason: revision.reason,
    };
  });
}

function noteFields(
  row: MeetingNoteRow,
): Omit<MeetingNoteView, 'attendees' | 'lastCorrection' | 'may'> {
  if (row.category !== 'MEETING_NOTES' && row.category !== 'MEDICAL') {
    // The database refuses other categories (CHECK meeting_notes_category).
    throw new Error(`meeting note ${row.id} has category ${row.category}`);
  }
  const decisions = decisionsSchema.safeParse(row.decisions);
  const nextSteps = nextStepsSchema.safeParse(row.nextSteps);
  return {
    id: row.id,
    meetingId: row.meetingId,
    author: { userId: row.author.id, name: row.author.name, party: row.authorParty },
    category: row.category,
    situation: row.situation,
    workCapacity: row.workCapacity,
    rehabilitationNeeds: row.rehabilitationNeeds,
    decisions: decisions.success ? decisions.data : [],
    nextSteps: nextSteps.success ? nextSteps.data : [],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
