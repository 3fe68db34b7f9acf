import type { AuditAction } from '@atergang/contracts';

// What an audited action means, in words a patient understands (klarspråk). Every action
// the audit trail can hold has its words (the type makes a new one fail to compile).
const PHRASES: Readonly<Record<AuditAction, { readonly sv: string; readonly en: string }>> = {
  'auth.login': { sv: 'loggade in', en: 'signed in' },
  'workspace.listed': { sv: 'tittade på sina ärenden', en: 'looked at their cases' },
  'workspace.access': { sv: 'försökte öppna ärendet', en: 'tried to open the case' },
  'access-log.read': { sv: 'tittade på vem som har läst', en: 'looked at who has read what' },
  'meeting.calendar.downloaded': {
    sv: 'hämtade en kalenderinbjudan',
    en: 'downloaded a calendar invitation',
  },
  'note.reach.checked': {
    sv: 'kontrollerade vem mötesanteckningar skulle nå',
    en: 'checked whom meeting notes would reach',
  },
  'workspace.read': { sv: 'öppnade ärendet', en: 'opened the case' },
  'workspace.created': { sv: 'öppnade ett nytt ärende', en: 'opened a new case' },
  'plan.read': { sv: 'läste planen', en: 'read the plan' },
  'plan.updated': { sv: 'ändrade planen', en: 'changed the plan' },
  'consent.listed': { sv: 'tittade på vad du har delat', en: 'looked at what you have shared' },
  'consent.granted': { sv: 'gav ett samtycke', en: 'gave a consent' },
  'consent.revoked': { sv: 'tog tillbaka ett samtycke', en: 'withdrew a consent' },
  'participant.invited': { sv: 'bjöd in en deltagare', en: 'invited a participant' },
  'participant.added': { sv: 'gick med i ärendet', en: 'joined the case' },
  'participant.removed': { sv: 'tog bort en deltagare', en: 'removed a participant' },
  'task.read': { sv: 'läste uppgifterna', en: 'read the tasks' },
  'meeting.read': { sv: 'läste om mötena', en: 'read about the meetings' },
  'note.read': { sv: 'läste mötesanteckningar', en: 'read meeting notes' },
  'document.read': { sv: 'läste dokument', en: 'read documents' },
  'plan.signed': {
    sv: 'bekräftade att hen tagit del av planen',
    en: 'confirmed having read the plan',
  },
  'plan.not-needed.recorded': {
    sv: 'noterade att ingen plan för återgång behövs',
    en: 'recorded that no return-to-work plan is needed',
  },
  'plan.revisions.read': { sv: 'läste planens historik', en: 'read the plan history' },
  'task.created': { sv: 'skapade en uppgift', en: 'created a task' },
  'task.updated': { sv: 'ändrade en uppgift', en: 'changed a task' },
  'meeting.created': { sv: 'föreslog ett möte', en: 'proposed a meeting' },
  'meeting.response.recorded': { sv: 'svarade på mötestider', en: 'answered meeting times' },
  'meeting.scheduled': { sv: 'bestämde mötestid', en: 'fixed the meeting time' },
  'meeting.cancelled': { sv: 'ställde in ett möte', en: 'cancelled a meeting' },
  'note.created': { sv: 'skrev mötesanteckningar', en: 'wrote meeting notes' },
  'document.uploaded': { sv: 'laddade upp ett dokument', en: 'uploaded a document' },
  'document.downloaded': { sv: 'öppnade ett dokument', en: 'opened a document' },
  'document.deleted': { sv: 'tog bort ett dokument', en: 'deleted a document' },
  'event.read': { sv: 'hämtade händelser i ärendet', en: 'fetched case events' },
};

export function describeAction(action: AuditAction): { sv: string; en: string } {
  return PHRASES[action];
}

/** "Erik Lund, Solbacka kommun, läste planen". */
export function accessSentence(name: string, organisation: string | null, phrase: string): string {
  return [name, organisation, phrase].filter(Boolean).join(', ');
}
