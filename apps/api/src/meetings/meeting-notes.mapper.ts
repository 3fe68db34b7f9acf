import { type MeetingNoteView, nextStepSchema } from '@atergang/contracts';
import { z } from 'zod';
import type { MeetingNoteRow } from './meeting-notes.repository';

// decisions and next_steps are JSON columns this service writes; reading them back is
// still checked, so a malformed row shows as empty lists rather than breaking the API.
const decisionsSchema = z.array(z.string());
const nextStepsSchema = z.array(nextStepSchema);

export function toMeetingNoteView(row: MeetingNoteRow): MeetingNoteView {
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
