import type { AuditAction, AuditOutcome } from '@atergang/contracts';

interface Phrase {
  /** What was done, past tense: "tittade på planen". */
  readonly sv: string;
  readonly en: string;
  /** The same as an attempt, infinitive: "försökte <titta på planen> men fick inte". */
  readonly svTry: string;
  readonly enTry: string;
}

// What an audited action means, in words a patient understands (klarspråk): no "events",
// "resources" or "requests". Every action the audit trail can hold has its words (the type
// makes a new one fail to compile), as done and as a refused attempt.
const PHRASES: Readonly<Record<AuditAction, Phrase>> = {
  'organisation.created': {
    sv: 'lade upp en organisation',
    en: 'created an organisation',
    svTry: 'lägga upp en organisation',
    enTry: 'create an organisation',
  },
  'organisation.access': {
    sv: 'öppnade en organisations sidor',
    en: "opened an organisation's pages",
    svTry: 'öppna en organisations sidor',
    enTry: "open an organisation's pages",
  },
  'staff.listed': {
    sv: 'tittade på en organisations personallista',
    en: "looked at an organisation's staff list",
    svTry: 'se en organisations personallista',
    enTry: "see an organisation's staff list",
  },
  'statistics.read': {
    sv: 'tittade på en organisations uppföljningsstatistik',
    en: "looked at an organisation's follow-up statistics",
    svTry: 'se en organisations uppföljningsstatistik',
    enTry: "see an organisation's follow-up statistics",
  },
  'colleagues.listed': {
    sv: 'tittade på vilka kollegor som deltar i ärenden',
    en: 'looked at which colleagues take part in cases',
    svTry: 'se vilka kollegor som deltar i ärenden',
    enTry: 'see which colleagues take part in cases',
  },
  'account-invitation.listed': {
    sv: 'tittade på inbjudningarna till en organisation',
    en: 'looked at the invitations to an organisation',
    svTry: 'se inbjudningarna till en organisation',
    enTry: 'see the invitations to an organisation',
  },
  'account-invitation.created': {
    sv: 'bjöd in en kollega till organisationen',
    en: 'invited a colleague to the organisation',
    svTry: 'bjuda in en kollega till organisationen',
    enTry: 'invite a colleague to the organisation',
  },
  'account-invitation.revoked': {
    sv: 'drog tillbaka en inbjudan till organisationen',
    en: 'withdrew an invitation to the organisation',
    svTry: 'dra tillbaka en inbjudan till organisationen',
    enTry: 'withdraw an invitation to the organisation',
  },
  'account-invitation.looked-up': {
    sv: 'öppnade länken i en inbjudan till en organisation',
    en: 'opened the link of an invitation to an organisation',
    svTry: 'öppna länken i en inbjudan',
    enTry: 'open the link of an invitation',
  },
  'account-invitation.accepted': {
    sv: 'tackade ja till en inbjudan till en organisation',
    en: 'accepted an invitation to an organisation',
    svTry: 'tacka ja till en inbjudan',
    enTry: 'accept an invitation',
  },
  'account.created': {
    sv: 'skapade sitt konto',
    en: 'created their account',
    svTry: 'skapa ett konto',
    enTry: 'create an account',
  },
  'membership.roles-changed': {
    sv: 'ändrade en kollegas roller i organisationen',
    en: "changed a colleague's roles in the organisation",
    svTry: 'ändra en kollegas roller',
    enTry: "change a colleague's roles",
  },
  'membership.deactivated': {
    sv: 'avslutade en kollegas tillhörighet till organisationen',
    en: "ended a colleague's membership of the organisation",
    svTry: 'avsluta en kollegas tillhörighet',
    enTry: "end a colleague's membership",
  },
  'notification.listed': {
    sv: 'såg aviseringar om ärendet',
    en: 'saw notifications about the case',
    svTry: 'se aviseringar om ärendet',
    enTry: 'see notifications about the case',
  },
  'notification.mailed': {
    sv: 'fick ett mejl om att något hänt i ärendet',
    en: 'was e-mailed that something happened in the case',
    svTry: 'få ett mejl om ärendet',
    enTry: 'be e-mailed about the case',
  },
  'notification.preferences-changed': {
    sv: 'ändrade sina inställningar för aviseringar',
    en: 'changed their notification settings',
    svTry: 'ändra sina inställningar för aviseringar',
    enTry: 'change their notification settings',
  },
  'auth.login': { sv: 'loggade in', en: 'signed in', svTry: 'logga in', enTry: 'sign in' },
  'auth.logout': { sv: 'loggade ut', en: 'signed out', svTry: 'logga ut', enTry: 'sign out' },
  'auth.logout-everywhere': {
    sv: 'loggade ut överallt',
    en: 'signed out everywhere',
    svTry: 'logga ut överallt',
    enTry: 'sign out everywhere',
  },
  'auth.password-changed': {
    sv: 'bytte lösenord',
    en: 'changed their password',
    svTry: 'byta lösenord',
    enTry: 'change their password',
  },
  'auth.password-reset-requested': {
    sv: 'bad om en länk för nytt lösenord',
    en: 'asked for a password reset link',
    svTry: 'be om en länk för nytt lösenord',
    enTry: 'ask for a password reset link',
  },
  'auth.password-reset-completed': {
    sv: 'valde ett nytt lösenord via e-postlänken',
    en: 'chose a new password through the e-mailed link',
    svTry: 'välja ett nytt lösenord via e-postlänken',
    enTry: 'choose a new password through the e-mailed link',
  },
  'participant.handed-over': {
    sv: 'lämnade över en plats i ärendet till en kollega',
    en: 'handed a place in the case to a colleague',
    svTry: 'lämna över sin plats i ärendet',
    enTry: 'hand over their place in the case',
  },
  'invitation.approved': {
    sv: 'godkände att en ny deltagare bjuds in',
    en: 'approved an invitation of a new participant',
    svTry: 'godkänna en inbjudan',
    enTry: 'approve an invitation',
  },
  'invitation.withdrawn': {
    sv: 'drog tillbaka en inbjudan till ärendet',
    en: 'withdrew an invitation to the case',
    svTry: 'dra tillbaka en inbjudan',
    enTry: 'withdraw an invitation',
  },
  'invitation.listed': {
    sv: 'tittade på inbjudningarna till ärendet',
    en: 'looked at the invitations to the case',
    svTry: 'se inbjudningarna till ärendet',
    enTry: 'see the invitations to the case',
  },
  'case-opening.requested': {
    sv: 'bad om att få öppna ett ärende med dig',
    en: 'asked to open a case with you',
    svTry: 'be om att öppna ett ärende',
    enTry: 'ask to open a case',
  },
  'case-opening.listed': {
    sv: 'tittade på sina förfrågningar om att öppna ärenden',
    en: 'looked at their requests to open cases',
    svTry: 'se sina förfrågningar',
    enTry: 'see their requests',
  },
  'case-opening.withdrawn': {
    sv: 'drog tillbaka sin förfrågan om att öppna ett ärende',
    en: 'withdrew their request to open a case',
    svTry: 'dra tillbaka en förfrågan',
    enTry: 'withdraw a request',
  },
  'case-opening.looked-up': {
    sv: 'öppnade länken till en förfrågan om ett ärende',
    en: 'opened the link to a request for a case',
    svTry: 'öppna länken till en förfrågan',
    enTry: 'open the link to a request',
  },
  'case-opening.accepted': {
    sv: 'tackade ja till att öppna ärendet',
    en: 'accepted opening the case',
    svTry: 'tacka ja till ärendet',
    enTry: 'accept the case',
  },
  'case-opening.declined': {
    sv: 'tackade nej till att öppna ett ärende',
    en: 'declined opening a case',
    svTry: 'tacka nej till ett ärende',
    enTry: 'decline a case',
  },
  'workspace.listed': {
    sv: 'såg ditt ärende i sin lista över ärenden',
    en: 'saw your case in their list of cases',
    svTry: 'se ditt ärende i sin lista',
    enTry: 'see your case in their list',
  },
  'workspace.access': {
    sv: 'öppnade ärendet',
    en: 'opened the case',
    svTry: 'öppna ärendet',
    enTry: 'open the case',
  },
  'access-log.read': {
    sv: 'tittade på vem som har tittat',
    en: 'looked at who has looked',
    svTry: 'se vem som har tittat',
    enTry: 'see who has looked',
  },
  'meeting.calendar.downloaded': {
    sv: 'laddade ner en kalenderinbjudan till ett möte',
    en: 'downloaded a calendar invitation to a meeting',
    svTry: 'ladda ner en kalenderinbjudan',
    enTry: 'download a calendar invitation',
  },
  'note.reach.checked': {
    sv: 'kontrollerade vem mötesanteckningar skulle nå',
    en: 'checked whom meeting notes would reach',
    svTry: 'kontrollera vem mötesanteckningar skulle nå',
    enTry: 'check whom meeting notes would reach',
  },
  'workspace.read': {
    sv: 'öppnade ärendet',
    en: 'opened the case',
    svTry: 'öppna ärendet',
    enTry: 'open the case',
  },
  'workspace.created': {
    sv: 'öppnade ett nytt ärende',
    en: 'opened a new case',
    svTry: 'öppna ett nytt ärende',
    enTry: 'open a new case',
  },
  'plan.read': {
    sv: 'tittade på planen',
    en: 'looked at the plan',
    svTry: 'se planen',
    enTry: 'see the plan',
  },
  'plan.pdf.downloaded': {
    sv: 'laddade ner planen som PDF',
    en: 'downloaded the plan as a PDF',
    svTry: 'ladda ner planen som PDF',
    enTry: 'download the plan as a PDF',
  },
  'plan.handed-over': {
    sv: 'skickade planen till Försäkringskassan eller vården',
    en: 'sent the plan to Försäkringskassan or to care',
    svTry: 'skicka planen till Försäkringskassan eller vården',
    enTry: 'send the plan to Försäkringskassan or to care',
  },
  'plan.handover-acknowledged': {
    sv: 'bekräftade att planen kommit fram',
    en: 'confirmed that the plan had arrived',
    svTry: 'bekräfta att planen kommit fram',
    enTry: 'confirm that the plan had arrived',
  },
  'plan.requested': {
    sv: 'begärde arbetsgivarens plan',
    en: "requested the employer's plan",
    svTry: 'begära arbetsgivarens plan',
    enTry: "request the employer's plan",
  },
  'plan.handovers.read': {
    sv: 'tittade på vilka planer som skickats och begärts',
    en: 'looked at which plans were sent and requested',
    svTry: 'se vilka planer som skickats och begärts',
    enTry: 'see which plans were sent and requested',
  },
  'plan.handover.downloaded': {
    sv: 'öppnade en skickad plan som PDF',
    en: 'opened a sent plan as a PDF',
    svTry: 'öppna en skickad plan som PDF',
    enTry: 'open a sent plan as a PDF',
  },
  'fhir.read': {
    sv: 'hämtade ärendet i standardformatet FHIR (det som delats med dem)',
    en: 'fetched the case in the standard format FHIR (what was shared with them)',
    svTry: 'hämta ärendet i standardformatet FHIR',
    enTry: 'fetch the case in the standard format FHIR',
  },
  'case.exported': {
    sv: 'laddade ner en kopia av hela ärendet',
    en: 'downloaded a copy of the whole case',
    svTry: 'ladda ner en kopia av hela ärendet',
    enTry: 'download a copy of the whole case',
  },
  'plan.read-withheld': {
    sv: 'försökte se planen men fick inte se den',
    en: 'tried to see the plan but was not shown it',
    svTry: 'se planen',
    enTry: 'see the plan',
  },
  'plan.updated': {
    sv: 'ändrade planen',
    en: 'changed the plan',
    svTry: 'ändra planen',
    enTry: 'change the plan',
  },
  'consent.listed': {
    sv: 'tittade på vad du har delat',
    en: 'looked at what you have shared',
    svTry: 'se vad du har delat',
    enTry: 'see what you have shared',
  },
  'consent.granted': {
    sv: 'gav ett samtycke',
    en: 'gave a consent',
    svTry: 'ge ett samtycke',
    enTry: 'give a consent',
  },
  'consent.revoked': {
    sv: 'tog tillbaka ett samtycke',
    en: 'withdrew a consent',
    svTry: 'ta tillbaka ett samtycke',
    enTry: 'withdraw a consent',
  },
  'participant.invited': {
    sv: 'bjöd in en deltagare',
    en: 'invited a participant',
    svTry: 'bjuda in en deltagare',
    enTry: 'invite a participant',
  },
  'participant.added': {
    sv: 'gick med i ärendet',
    en: 'joined the case',
    svTry: 'gå med i ärendet',
    enTry: 'join the case',
  },
  'participant.removed': {
    sv: 'tog bort en deltagare',
    en: 'removed a participant',
    svTry: 'ta bort en deltagare',
    enTry: 'remove a participant',
  },
  'task.read': {
    sv: 'tittade på uppgifterna',
    en: 'looked at the tasks',
    svTry: 'se en uppgift',
    enTry: 'see a task',
  },
  'task.read-withheld': {
    sv: 'försökte se uppgifterna men fick inte se dem',
    en: 'tried to see the tasks but was not shown them',
    svTry: 'se uppgifterna',
    enTry: 'see the tasks',
  },
  'meeting.read': {
    sv: 'tittade på mötena',
    en: 'looked at the meetings',
    svTry: 'se ett möte',
    enTry: 'see a meeting',
  },
  'meeting.requests.read': {
    sv: 'tittade på önskemålen om avstämningsmöte',
    en: 'looked at the requests for an avstämningsmöte',
    svTry: 'se önskemålen om avstämningsmöte',
    enTry: 'see the requests for an avstämningsmöte',
  },
  'meeting.read-withheld': {
    sv: 'försökte se mötena men fick inte se dem',
    en: 'tried to see the meetings but was not shown them',
    svTry: 'se mötena',
    enTry: 'see the meetings',
  },
  'note.read': {
    sv: 'läste mötesanteckningar',
    en: 'read meeting notes',
    svTry: 'läsa mötesanteckningar',
    enTry: 'read meeting notes',
  },
  'note.read-withheld': {
    sv: 'försökte läsa mötesanteckningar men fick inte se dem',
    en: 'tried to read meeting notes but was not shown them',
    svTry: 'läsa mötesanteckningar',
    enTry: 'read meeting notes',
  },
  'document.read': {
    sv: 'tittade på dokumenten',
    en: 'looked at the documents',
    svTry: 'se ett dokument',
    enTry: 'see a document',
  },
  'document.read-withheld': {
    sv: 'försökte se dokumenten men fick inte se dem',
    en: 'tried to see the documents but was not shown them',
    svTry: 'se dokumenten',
    enTry: 'see the documents',
  },
  'plan.signed': {
    sv: 'bekräftade att hen tagit del av planen',
    en: 'confirmed having read the plan',
    svTry: 'bekräfta planen',
    enTry: 'confirm the plan',
  },
  'plan.not-needed.recorded': {
    sv: 'noterade att ingen plan för återgång behövs',
    en: 'recorded that no return-to-work plan is needed',
    svTry: 'notera att ingen plan för återgång behövs',
    enTry: 'record that no return-to-work plan is needed',
  },
  'plan.revisions.read': {
    sv: 'tittade på planens historik',
    en: 'looked at the plan history',
    svTry: 'se planens historik',
    enTry: 'see the plan history',
  },
  'task.created': {
    sv: 'skapade en uppgift',
    en: 'created a task',
    svTry: 'skapa en uppgift',
    enTry: 'create a task',
  },
  'task.updated': {
    sv: 'ändrade en uppgift',
    en: 'changed a task',
    svTry: 'ändra en uppgift',
    enTry: 'change a task',
  },
  'meeting.created': {
    sv: 'föreslog ett möte',
    en: 'proposed a meeting',
    svTry: 'föreslå ett möte',
    enTry: 'propose a meeting',
  },
  'meeting.response.recorded': {
    sv: 'svarade på mötestider',
    en: 'answered meeting times',
    svTry: 'svara på mötestider',
    enTry: 'answer meeting times',
  },
  'meeting.scheduled': {
    sv: 'bestämde mötestid',
    en: 'fixed the meeting time',
    svTry: 'bestämma mötestid',
    enTry: 'fix the meeting time',
  },
  'meeting.cancelled': {
    sv: 'ställde in ett möte',
    en: 'cancelled a meeting',
    svTry: 'ställa in ett möte',
    enTry: 'cancel a meeting',
  },
  'meeting.moved': {
    sv: 'flyttade ett möte',
    en: 'moved a meeting',
    svTry: 'flytta ett möte',
    enTry: 'move a meeting',
  },
  'meeting.reopened': {
    sv: 'öppnade ett inställt möte igen',
    en: 'reopened a cancelled meeting',
    svTry: 'öppna ett inställt möte igen',
    enTry: 'reopen a cancelled meeting',
  },
  'meeting.requested': {
    sv: 'bad Försäkringskassan om ett avstämningsmöte',
    en: 'asked Försäkringskassan for an avstämningsmöte',
    svTry: 'be Försäkringskassan om ett avstämningsmöte',
    enTry: 'ask Försäkringskassan for an avstämningsmöte',
  },
  'meeting.request-answered': {
    sv: 'svarade på en begäran om avstämningsmöte',
    en: 'answered a request for an avstämningsmöte',
    svTry: 'svara på en begäran om avstämningsmöte',
    enTry: 'answer a request for an avstämningsmöte',
  },
  'note.created': {
    sv: 'skrev mötesanteckningar',
    en: 'wrote meeting notes',
    svTry: 'skriva mötesanteckningar',
    enTry: 'write meeting notes',
  },
  'note.corrected': {
    sv: 'rättade mötesanteckningar',
    en: 'corrected meeting notes',
    svTry: 'rätta mötesanteckningar',
    enTry: 'correct meeting notes',
  },
  'note.revisions.read': {
    sv: 'tittade på tidigare versioner av mötesanteckningar',
    en: 'looked at earlier versions of meeting notes',
    svTry: 'se tidigare versioner av mötesanteckningar',
    enTry: 'see earlier versions of meeting notes',
  },
  'document.uploaded': {
    sv: 'laddade upp ett dokument',
    en: 'uploaded a document',
    svTry: 'ladda upp ett dokument',
    enTry: 'upload a document',
  },
  'document.downloaded': {
    sv: 'öppnade ett dokument',
    en: 'opened a document',
    svTry: 'öppna ett dokument',
    enTry: 'open a document',
  },
  'document.deleted': {
    sv: 'tog bort ett dokument',
    en: 'deleted a document',
    svTry: 'ta bort ett dokument',
    enTry: 'delete a document',
  },
  'event.read': {
    sv: 'kollade om något nytt hänt i ärendet',
    en: 'checked whether anything new had happened in the case',
    svTry: 'kolla vad som hänt i ärendet',
    enTry: 'check what has happened in the case',
  },
  'certificate.added': {
    sv: 'förde in ett läkarintyg',
    en: 'entered a medical certificate',
    svTry: 'föra in ett läkarintyg',
    enTry: 'enter a medical certificate',
  },
  'certificate.read': {
    sv: 'läste läkarintygen',
    en: 'read the medical certificates',
    svTry: 'läsa läkarintygen',
    enTry: 'read the medical certificates',
  },
  'certificate.read-withheld': {
    sv: 'såg läkarintygens period och grad (inte innehållet)',
    en: "saw the certificates' period and degree (not their content)",
    svTry: 'läsa läkarintygen',
    enTry: 'read the medical certificates',
  },
  'case.facts-changed': {
    sv: 'ändrade uppgifter om sjukfallet',
    en: 'changed facts of the case',
    svTry: 'ändra uppgifter om sjukfallet',
    enTry: 'change facts of the case',
  },
  'case.closed': {
    sv: 'avslutade ärendet',
    en: 'closed the case',
    svTry: 'avsluta ärendet',
    enTry: 'close the case',
  },
  'case.reopened': {
    sv: 'öppnade ärendet igen',
    en: 'reopened the case',
    svTry: 'öppna ärendet igen',
    enTry: 'reopen the case',
  },
  'case.follow-up-requested': {
    sv: 'bad om att få öppna ett nytt ärende för en ny sjukperiod',
    en: 'asked to open a new case for a new sick period',
    svTry: 'be om ett nytt ärende för en ny sjukperiod',
    enTry: 'ask for a new case for a new sick period',
  },
  'case.timeline.read': {
    sv: 'läste ärendets tidslinje',
    en: "read the case's timeline",
    svTry: 'läsa ärendets tidslinje',
    enTry: "read the case's timeline",
  },
  'live.joined': {
    sv: 'hade ärendet öppet och fick se ändringar direkt',
    en: 'had the case open and saw changes as they happened',
    svTry: 'följa ärendet',
    enTry: 'follow the case',
  },
};

/** What the action meant, or what was tried when it was refused. */
export function describeAction(
  action: AuditAction,
  outcome: AuditOutcome = 'ALLOWED',
): { sv: string; en: string } {
  const phrase = PHRASES[action];
  if (outcome === 'ALLOWED') return { sv: phrase.sv, en: phrase.en };
  return {
    sv: `försökte ${phrase.svTry} men fick inte`,
    en: `tried to ${phrase.enTry} but was not allowed to`,
  };
}

/** "Erik Lund, Solbacka kommun, tittade på planen". */
export function accessSentence(name: string, organisation: string | null, phrase: string): string {
  return [name, organisation, phrase].filter(Boolean).join(', ');
}

/**
 * One person's actions of one kind on one day: "Maria Lindqvist (Solbacka kommun) tittade
 * på planen 3 gånger"; a refused one says how often it was tried: "Leila Haddad
 * (Arbetsförmedlingen) försökte 2 gånger öppna ett dokument men fick inte".
 */
export function groupSentence(
  name: string,
  organisation: string | null,
  action: AuditAction,
  outcome: AuditOutcome,
  count: number,
): { sv: string; en: string } {
  const who = organisation ? `${name} (${organisation})` : name;
  const phrase = PHRASES[action];
  const sv = count === 1 ? '' : ` ${count} gånger`;
  const en = count === 1 ? '' : count === 2 ? ' twice' : ` ${count} times`;
  if (outcome === 'DENIED') {
    return {
      sv: `${who} försökte${sv} ${phrase.svTry} men fick inte`,
      en: `${who} tried${en} to ${phrase.enTry} but was not allowed to`,
    };
  }
  if (phrase.sv.startsWith('försökte ')) {
    // A withheld read is an attempt already: the count goes with the trying.
    return {
      sv: `${who} ${phrase.sv.replace(/^försökte/, `försökte${sv}`)}`,
      en: `${who} ${phrase.en.replace(/^tried/, `tried${en}`)}`,
    };
  }
  return { sv: `${who} ${phrase.sv}${sv}`, en: `${who} ${phrase.en}${en}` };
}
