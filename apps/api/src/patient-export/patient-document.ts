import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Party, PlanMeasureView } from '@atergang/contracts';
import type { CaseRecord } from '../fhir/case-record.service';
import {
  CATEGORY_SV,
  DOCUMENT_KIND_SV,
  MEETING_KIND_SV,
  MEETING_STATUS_SV,
  ROLE_SV,
  TASK_STATUS_SV,
} from '../fhir/case-labels';
import { DECISION, KIND, PARTY, STATUS, svDate } from '../plan-export/plan-document';

// The patient's own copy of her case (GDPR art. 15, the right of access, and art. 20, data
// portability; the FHIR Bundle is the machine-readable half): everything of hers that every
// party wrote, and who has looked at it. Pure: it writes only what the CaseRecord holds,
// which is what her own reads return (she sees everything in her case).

/** The sections, in order; tests look for each. */
export const PATIENT_DOCUMENT_SECTIONS = [
  '1. Om den här kopian',
  '2. Ärendet',
  '3. Vilka som deltar',
  '4. Planen för återgång i arbete',
  '5. Planens versioner',
  '6. Uppgifter',
  '7. Möten och anteckningar',
  '8. Dokument',
  '9. Läkarintyg',
  '10. Samtycken och deras historik',
  '11. Vem som har tittat i ärendet',
] as const;

const NOTHING = 'Inget ännu.';

const timeFormat = new Intl.DateTimeFormat('sv-SE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Stockholm',
});

/** "3 december 2026 14:05" in Swedish time. */
function svTime(instant: string): string {
  return timeFormat.format(new Date(instant));
}

function heading(value: string): Content {
  return { text: value, style: 'heading', headlineLevel: 1 };
}

function subheading(value: string): Content {
  return { text: value, bold: true, margin: [0, 6, 0, 2] };
}

function field(label: string, value: string | null | undefined): Content {
  return {
    text: [{ text: `${label}: `, bold: true }, value && value.trim() ? value : 'Inget skrivet'],
    margin: [0, 0, 0, 3],
  };
}

function none(): Content {
  return { text: NOTHING, italics: true };
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): Content {
  if (rows.length === 0) return none();
  return {
    table: {
      headerRows: 1,
      widths: headers.map(() => '*'),
      body: [headers.map((h) => ({ text: h, bold: true })), ...rows.map((row) => [...row])],
    },
    fontSize: 9,
    margin: [0, 0, 0, 6],
  };
}

const party = (value: Party): string => PARTY[value];

function measure(m: PlanMeasureView): Content {
  return {
    stack: [
      subheading(`${KIND[m.kind]}: ${m.title}${m.category === 'MEDICAL' ? ' (medicinsk)' : ''}`),
      ...(m.description ? [{ text: m.description, margin: [0, 0, 0, 2] } as Content] : []),
      field(
        'Ansvarig',
        `${party(m.ownerParty)}${m.responsibleName ? `, ${m.responsibleName}` : ''}`,
      ),
      field(
        'När',
        m.startDate || m.endDate
          ? `${m.startDate ? svDate(m.startDate) : '–'} till ${m.endDate ? svDate(m.endDate) : 'tills vidare'}`
          : 'Inga datum satta',
      ),
      field('Status', STATUS[m.status]),
      field('Följs upp', m.followUpDate ? svDate(m.followUpDate) : 'Inget datum satt'),
    ],
  };
}

/** The pdfmake document of the patient's whole case. */
export function patientDocument(record: CaseRecord): TDocumentDefinitions {
  const { overview, plan } = record;
  const [
    about,
    caseSection,
    people,
    planSection,
    versions,
    tasks,
    meetings,
    documents,
    certificates,
    consents,
    log,
  ] = PATIENT_DOCUMENT_SECTIONS;
  const notesOf = (meetingId: string) => record.notes.filter((n) => n.meetingId === meetingId);

  const content: Content[] = [
    { text: 'Mitt ärende i Återgång', style: 'title' },
    {
      text: `En kopia av allt i ditt ärende, gjord ${svTime(record.readAt)}.`,
      margin: [0, 0, 0, 6],
    },

    heading(about),
    {
      text:
        'Du har rätt att få en kopia av de uppgifter som finns om dig (dataskyddsförordningen, ' +
        'artikel 15) och att få dem i ett format som andra system kan läsa (artikel 20). Den här ' +
        'PDF:en är till för att läsa. Samma uppgifter finns som en FHIR-fil (JSON), ett ' +
        'standardformat för vårdens journaler, som du kan ladda ner på samma sida.',
      margin: [0, 0, 0, 4],
    },
    {
      text: 'Här står vad varje part har skrivit i ärendet, och vem som har tittat på vad och när.',
    },

    heading(caseSection),
    field('Namn', overview.patient.name),
    ...(record.personnummer ? [field('Personnummer', record.personnummer)] : []),
    field('Arbetsgivare', overview.employer?.name ?? 'Ingen arbetsgivare i ärendet'),
    field('Sjukperioden började', svDate(overview.sickPeriodStart)),
    field('Dag i rehabiliteringskedjan', String(overview.rehabChain.day)),
    field(
      'Sjukskrivning nu',
      overview.sickLeaveDegree !== null ? `${overview.sickLeaveDegree} %` : 'Inte känt',
    ),
    field(
      'Beräknad längd',
      overview.expectedLengthDays !== null ? `${overview.expectedLengthDays} dagar` : 'Inte känt',
    ),
    field('Vad längden bygger på', overview.expectedLengthBasis),
    field(
      'Ärendet',
      overview.closing
        ? `Avslutat ${svDate(overview.closing.closedOn)}${overview.closing.note ? `: ${overview.closing.note}` : ''}`
        : 'Pågår',
    ),
    subheading('Ändringar av uppgifterna om ärendet'),
    table(
      ['När', 'Vem', 'Varför'],
      record.timeline.revisions.map((r) => [
        svTime(r.at),
        `${r.author.name} (${party(r.author.party)})`,
        r.reason,
      ]),
    ),

    heading(people),
    table(
      ['Namn', 'Part', 'Roll och organisation', 'Med sedan'],
      overview.participants.map((p) => [
        p.name,
        party(p.party),
        [p.role ? ROLE_SV[p.role] : null, p.organisation?.name].filter(Boolean).join(', ') || '–',
        svDate(p.joinedAt),
      ]),
    ),

    heading(planSection),
    ...(plan.id
      ? [
          field('Version', String(plan.version)),
          field('Mål', plan.goal),
          field(
            'Beräknad återgång',
            plan.expectedReturnDate ? svDate(plan.expectedReturnDate) : null,
          ),
          field('Vad bedömningen bygger på', plan.expectedReturnBasis),
          field('Kontakt under sjukskrivningen', plan.contactArrangements),
          field('Din egen syn', plan.patientView),
          ...(plan.notNeededReason
            ? [field('Arbetsgivarens bedömning att ingen plan behövs', plan.notNeededReason)]
            : []),
          subheading('Insatser'),
          ...(plan.measures.length > 0 ? plan.measures.map(measure) : [none()]),
          subheading('Sjukskrivning steg för steg'),
          table(
            ['Från', 'Till', 'Sjukskrivning'],
            plan.sickLeaveSteps.map((s) => [
              svDate(s.fromDate),
              s.toDate ? svDate(s.toDate) : 'tills vidare',
              `${s.degree} %`,
            ]),
          ),
          subheading('Uppföljning'),
          table(
            ['När', 'Vad', 'Vem', 'Genomförd'],
            plan.followUps.map((f) => [
              svDate(f.date),
              f.description,
              f.ownerParty ? party(f.ownerParty) : '–',
              f.done ? 'Ja' : 'Nej',
            ]),
          ),
          subheading('Underskrifter'),
          table(
            ['Version', 'Vem', 'Beslut', 'När'],
            [...plan.signoffs, ...plan.earlierSignoffs].map((s) => [
              String(s.version),
              `${s.name} (${party(s.party)})`,
              `${DECISION[s.decision]}${s.comment ? `: ${s.comment}` : ''}`,
              svTime(s.signedAt),
            ]),
          ),
        ]
      : [none()]),

    heading(versions),
    table(
      ['Version', 'Vem', 'När', 'Vad ändrades'],
      record.planRevisions.map((r) => [
        String(r.number),
        `${r.authorName} (${party(r.authorParty)})`,
        svTime(r.createdAt),
        r.summary,
      ]),
    ),

    heading(tasks),
    table(
      ['Uppgift', 'Skapad av', 'Vem ska göra den', 'Senast', 'Status'],
      record.tasks.map((t) => [
        `${t.title}${t.description ? `. ${t.description}` : ''}`,
        t.createdBy
          ? `${t.createdBy.name}${t.createdByParty ? ` (${party(t.createdByParty)})` : ''}`
          : t.createdByParty
            ? party(t.createdByParty)
            : 'Återgång',
        t.assignee
          ? `${t.assignee.name} (${party(t.assignee.party)})`
          : t.assigneeParty
            ? party(t.assigneeParty)
            : '–',
        t.dueDate ? svDate(t.dueDate) : '–',
        TASK_STATUS_SV[t.status] ?? t.status,
      ]),
    ),

    heading(meetings),
    ...(record.meetings.length > 0
      ? record.meetings.flatMap((m): Content[] => {
          const scheduled = m.slots.find((s) => s.id === m.scheduledSlotId);
          return [
            subheading(`${MEETING_KIND_SV[m.kind]}: ${m.title}`),
            field('Kallat av', `${m.organiser.name} (${party(m.organiser.party)})`),
            field('Status', MEETING_STATUS_SV[m.status] ?? m.status),
            field(
              'Tid',
              scheduled
                ? svTime(scheduled.start)
                : m.slots.map((s) => svTime(s.start)).join('; ') || null,
            ),
            field('Inbjudna', m.invitees.map((i) => `${i.name} (${party(i.party)})`).join(', ')),
            ...(m.agenda ? [field('Dagordning', m.agenda)] : []),
            ...notesOf(m.id).flatMap((n): Content[] => [
              {
                text: `Anteckningar av ${n.author.name} (${party(n.author.party)}), ${svTime(n.createdAt)}${n.category === 'MEDICAL' ? ', medicinska' : ''}`,
                italics: true,
                margin: [0, 4, 0, 2],
              },
              ...(n.situation ? [field('Nuläge', n.situation)] : []),
              ...(n.workCapacity ? [field('Arbetsförmåga', n.workCapacity)] : []),
              ...(n.rehabilitationNeeds
                ? [field('Behov av rehabilitering', n.rehabilitationNeeds)]
                : []),
              ...n.decisions.map((d) => field('Beslut', d)),
              ...n.nextSteps.map((s) =>
                field(
                  'Nästa steg',
                  `${s.title}${s.dueDate ? ` (senast ${svDate(s.dueDate)})` : ''}`,
                ),
              ),
            ]),
          ];
        })
      : [none()]),

    heading(documents),
    table(
      ['Dokument', 'Slag', 'Uppladdat av', 'När', 'Versioner'],
      record.documents.map((d) => [
        `${d.title} (${d.current.fileName})`,
        `${DOCUMENT_KIND_SV[d.kind]}${d.category === 'MEDICAL' ? ', medicinskt' : ''}`,
        `${d.current.uploadedBy.name} (${party(d.current.uploaderParty)})`,
        svTime(d.current.uploadedAt),
        String(d.versionCount),
      ]),
    ),

    heading(certificates),
    ...(record.certificates.length > 0
      ? record.certificates.flatMap((c): Content[] => [
          subheading(
            `Läkarintyg ${svDate(c.periodFrom)} till ${svDate(c.periodTo)}, ${c.degree} %`,
          ),
          field(
            'Utfärdat av',
            `${c.createdBy.name} (${party(c.createdBy.party)}), ${svTime(c.createdAt)}`,
          ),
          ...(c.medical
            ? [
                field('Diagnos', `${c.medical.diagnosisCode} ${c.medical.diagnosisText}`),
                field('Aktivitetsbegränsning', c.medical.activityLimitations),
                field('Kvarvarande förmåga', c.medical.remainingCapacity),
                field('Prognos', c.medical.prognosis),
                field('Rekommenderade åtgärder', c.medical.recommendedMeasures),
              ]
            : []),
        ])
      : [none()]),

    heading(consents),
    table(
      ['Till', 'Vad', 'Gavs', 'Gäller till', 'Återkallat', 'Gäller nu'],
      record.consents.map((c) => [
        party(c.party),
        c.categories.map((category) => CATEGORY_SV[category] ?? category).join(', '),
        svTime(c.grantedAt),
        c.expiresAt ? svTime(c.expiresAt) : 'tills vidare',
        c.revokedAt ? svTime(c.revokedAt) : '–',
        c.active ? 'Ja' : 'Nej',
      ]),
    ),

    heading(log),
    ...(record.accessLog && record.accessLog.length > 0
      ? [
          {
            text: `${record.accessLog.length} händelser, den senaste först. Det du själv har gjort står inte med.`,
            margin: [0, 0, 0, 4],
          } as Content,
          table(
            ['När', 'Vad som hände'],
            record.accessLog.map((e) => [svTime(e.at), e.textSv]),
          ),
        ]
      : [none()]),
  ];

  return {
    info: {
      title: 'Mitt ärende i Återgång',
      subject: `En kopia av ärendet för ${overview.patient.name}`,
      creator: 'Återgång',
      producer: 'Återgång (pdfmake)',
    },
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 6] },
      heading: { fontSize: 13, bold: true, margin: [0, 14, 0, 6] },
    },
    footer: (current: number, total: number) => ({
      text: `Mitt ärende i Återgång. Sida ${current} av ${total}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
    content,
  };
}
