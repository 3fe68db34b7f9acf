import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import {
  type MeasureKind,
  type Party,
  PLAN_DOCUMENT_SECTIONS,
  type PlanDocumentSection,
  type PlanMeasureView,
  type PlanView,
  type SignoffDecision,
  type WorkspaceOverview,
} from '@atergang/contracts';

// The plan för återgång i arbete as a document, in the order FK's template asks its questions
// (domain-research.md, "Questions a plan answers"): the person and the employer; the goal and
// what the reduced work capacity means for the work; each measure with its owner, dates and
// follow-up; working time step by step; how contact is kept; how the plan is followed up; the
// person's own view; who drew it up and who signed which version. Pure: it writes only what
// the PlanView it is given holds, so the PDF can never show more than GET /plan does.

const SECTION_TITLES: Readonly<Record<PlanDocumentSection, string>> = {
  person: 'Medarbetaren och arbetsgivaren',
  goal: 'Mål och vad den nedsatta arbetsförmågan innebär för arbetet',
  measures: 'Insatser',
  steps: 'Arbetstid steg för steg',
  contact: 'Kontakt under sjukskrivningen',
  followUps: 'Uppföljning av planen',
  patientView: 'Medarbetarens egen syn',
  signed: 'Vem som har upprättat och undertecknat planen',
};

/** A section's numbered heading: its place in FK's order (the contracts' list) and title. */
const sectionHeading = (section: PlanDocumentSection): string =>
  `${PLAN_DOCUMENT_SECTIONS.indexOf(section) + 1}. ${SECTION_TITLES[section]}`;

/** The numbered headings, in FK's order. */
export const PLAN_DOCUMENT_HEADINGS = PLAN_DOCUMENT_SECTIONS.map(sectionHeading);

export const PARTY: Readonly<Record<Party, string>> = {
  PATIENT: 'Medarbetaren',
  EMPLOYER: 'Arbetsgivaren',
  CARE: 'Vården',
  FK: 'Försäkringskassan',
  AF: 'Arbetsförmedlingen',
  OCCUPATIONAL_HEALTH: 'Företagshälsovården',
};

export const KIND: Readonly<Record<MeasureKind, string>> = {
  WORKPLACE_ADAPTATION: 'Arbetsanpassning',
  WORK_TRAINING: 'Arbetsträning',
  RELOCATION: 'Omplacering',
  WORK_AID: 'Arbetshjälpmedel',
  TRAINING: 'Utbildning',
  OCCUPATIONAL_HEALTH: 'Företagshälsovård',
  TREATMENT: 'Behandling',
  REHABILITATION: 'Rehabilitering',
  COORDINATION: 'Samordning',
  LABOUR_MARKET: 'Arbetsmarknadsinsats',
  OTHER: 'Annat',
};

export const STATUS: Readonly<Record<PlanMeasureView['status'], string>> = {
  PLANNED: 'Planerad',
  IN_PROGRESS: 'Pågår',
  DONE: 'Klar',
  CANCELLED: 'Avbruten',
};

export const DECISION: Readonly<Record<SignoffDecision, string>> = {
  ESTABLISHED: 'fastställde planen',
  AGREED: 'har tagit del av planen och instämmer',
  DISAGREED: 'har tagit del av planen och instämmer inte',
};

const CATEGORY_WITHHELD: Readonly<Record<string, string>> = {
  PLAN: 'planens gemensamma delar',
  MEDICAL: 'medicinsk information (behandling och vårdens insatser)',
};

const dateFormat = new Intl.DateTimeFormat('sv-SE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Stockholm',
});

/** "3 december 2026" for a calendar date or an instant. */
export function svDate(value: string): string {
  // A bare date is a Stockholm calendar day: noon UTC is that day in Stockholm all year.
  const instant = value.length === 10 ? `${value}T12:00:00Z` : value;
  return dateFormat.format(new Date(instant));
}

const NOT_WRITTEN = 'Inget skrivet ännu.';
const NOT_SHARED = 'Inte delat med dig.';

export interface PlanDocumentInput {
  readonly plan: PlanView;
  readonly overview: WorkspaceOverview;
  /** When the document was made (an instant). */
  readonly printedAt: string;
  /** The plan as it was handed over from the case (plan-handover), said on the first page. */
  readonly handover?: {
    readonly recipient: Party;
    readonly sentAt: string;
    readonly sentBy: string;
  };
}

function field(label: string, value: string): Content {
  return { text: [{ text: `${label}: `, bold: true }, value], margin: [0, 0, 0, 4] };
}

function heading(text: string): Content {
  return { text, style: 'heading', headlineLevel: 1 };
}

function part(plan: PlanView, name: PlanView['withheldParts'][number], value: string | null) {
  if (plan.withheldParts.includes(name)) return NOT_SHARED;
  return value && value.trim().length > 0 ? value : NOT_WRITTEN;
}

function measureBlock(measure: PlanMeasureView): Content {
  const dates =
    measure.startDate || measure.endDate
      ? `${measure.startDate ? svDate(measure.startDate) : '–'} till ${
          measure.endDate ? svDate(measure.endDate) : 'tills vidare'
        }`
      : 'Inga datum satta';
  return {
    stack: [
      { text: `${KIND[measure.kind]}: ${measure.title}`, bold: true, margin: [0, 4, 0, 2] },
      ...(measure.description ? [{ text: measure.description, margin: [0, 0, 0, 2] }] : []),
      field(
        'Ansvarig',
        `${PARTY[measure.ownerParty]}${measure.responsibleName ? `, ${measure.responsibleName}` : ''}`,
      ),
      field('När', dates),
      field('Status', STATUS[measure.status]),
      field('Följs upp', measure.followUpDate ? svDate(measure.followUpDate) : 'Inget datum satt'),
    ],
    margin: [0, 0, 0, 6],
  } as Content;
}

/** The pdfmake document for one reader's view of the plan. */
export function planDocument({
  plan,
  overview,
  printedAt,
  handover,
}: PlanDocumentInput): TDocumentDefinitions {
  const employees = overview.participants.filter((p) => p.party === 'EMPLOYER');
  const withheld = plan.withheld.map((category) => CATEGORY_WITHHELD[category] ?? category);

  const content: Content[] = [
    { text: 'Plan för återgång i arbete', style: 'title' },
    {
      text: `Version ${plan.version}${plan.updatedAt ? `, senast ändrad ${svDate(plan.updatedAt)}` : ''}. Utskriven ${svDate(printedAt)}.`,
      margin: [0, 0, 0, 4],
    },
    ...(handover
      ? [
          {
            text:
              `Skickad till ${PARTY[handover.recipient]} ${svDate(handover.sentAt)} av ${handover.sentBy}. ` +
              'Planen så som arbetsgivaren lämnade den; medicinsk information ingår inte i en skickad plan.',
            italics: true,
            margin: [0, 0, 0, 8],
          } as Content,
        ]
      : []),
    ...(withheld.length > 0
      ? [
          {
            text: `Det här är planen så som du får se den. Inte delat med dig: ${withheld.join(', ')}.`,
            italics: true,
            margin: [0, 0, 0, 8],
          } as Content,
        ]
      : []),
    ...(plan.notNeededReason
      ? [field('Arbetsgivarens bedömning att ingen plan behövs', plan.notNeededReason)]
      : []),

    heading(sectionHeading('person')),
    field('Medarbetare', overview.patient.name),
    field('Arbetsgivare', overview.employer?.name ?? 'Ingen arbetsgivare i ärendet'),
    field('Sjukperioden började', svDate(overview.sickPeriodStart)),
    field('Dag i rehabiliteringskedjan', String(overview.rehabChain.day)),
    ...(overview.sickLeaveDegree !== null
      ? [field('Sjukskrivning nu', `${overview.sickLeaveDegree} %`)]
      : []),

    heading(sectionHeading('goal')),
    field('Mål', part(plan, 'goal', plan.goal)),
    field(
      'Beräknad återgång',
      part(plan, 'expectedReturnDate', plan.expectedReturnDate && svDate(plan.expectedReturnDate)),
    ),
    field('Vad bedömningen bygger på', part(plan, 'expectedReturnBasis', plan.expectedReturnBasis)),

    heading(sectionHeading('measures')),
    ...(plan.measures.length > 0
      ? plan.measures.map(measureBlock)
      : [{ text: 'Inga insatser som du får se.' } as Content]),

    heading(sectionHeading('steps')),
    ...(plan.withheldParts.includes('sickLeaveSteps')
      ? [{ text: NOT_SHARED } as Content]
      : plan.sickLeaveSteps.length > 0
        ? [
            {
              table: {
                headerRows: 1,
                widths: ['*', '*', '*'],
                body: [
                  [
                    { text: 'Från', bold: true },
                    { text: 'Till', bold: true },
                    { text: 'Sjukskrivning (arbetar)', bold: true },
                  ],
                  ...plan.sickLeaveSteps.map((step) => [
                    svDate(step.fromDate),
                    step.toDate ? svDate(step.toDate) : 'tills vidare',
                    `${step.degree} % (${100 - step.degree} %)`,
                  ]),
                ],
              },
              margin: [0, 0, 0, 6],
            } as Content,
          ]
        : [{ text: NOT_WRITTEN } as Content]),

    heading(sectionHeading('contact')),
    { text: part(plan, 'contactArrangements', plan.contactArrangements) },

    heading(sectionHeading('followUps')),
    ...(plan.withheldParts.includes('followUps')
      ? [{ text: NOT_SHARED } as Content]
      : plan.followUps.length > 0
        ? [
            {
              ul: plan.followUps.map(
                (followUp) =>
                  `${svDate(followUp.date)}: ${followUp.description}${
                    followUp.ownerParty ? ` (${PARTY[followUp.ownerParty]})` : ''
                  }${followUp.done ? ', genomförd' : ''}`,
              ),
            } as Content,
          ]
        : [{ text: NOT_WRITTEN } as Content]),

    heading(sectionHeading('patientView')),
    { text: part(plan, 'patientView', plan.patientView) },

    heading(sectionHeading('signed')),
    field(
      'Upprättad av arbetsgivaren',
      employees.length > 0
        ? employees
            .map((p) => `${p.name}${p.organisation ? `, ${p.organisation.name}` : ''}`)
            .join('; ')
        : 'Ingen från arbetsgivaren i ärendet',
    ),
    ...(plan.signoffs.length > 0
      ? plan.signoffs.map((s) =>
          field(
            `Version ${s.version}`,
            `${s.name} (${PARTY[s.party]}) ${DECISION[s.decision]} ${svDate(s.signedAt)}${s.comment ? `: ${s.comment}` : ''}`,
          ),
        )
      : [{ text: 'Ingen har undertecknat den här versionen ännu.' } as Content]),
    ...plan.earlierSignoffs.map((s) =>
      field(
        `Tidigare, version ${s.version}`,
        `${s.name} (${PARTY[s.party]}) ${DECISION[s.decision]} ${svDate(s.signedAt)}`,
      ),
    ),
  ];

  return {
    info: {
      title: `Plan för återgång i arbete, version ${plan.version}`,
      subject: `Plan för återgång i arbete för ${overview.patient.name}`,
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
      text: `Plan för återgång i arbete, version ${plan.version}. Sida ${current} av ${total}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
    content,
  };
}
