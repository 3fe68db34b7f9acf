import { MAIL_LINKS } from './mail-links';
import { formatMoment } from './mail-text';
import type { MailKind, MailLanguage, MailParams } from './mail.types';

/**
 * What one message says, before layout: plain strings only. The layout (mail-render.ts) adds
 * the sign-off and the footer, writes the plain-text part and escapes everything for the HTML
 * part, so no template can forget to escape a name.
 */
export interface MailContent {
  readonly subject: string;
  /** Paragraphs before the button. */
  readonly intro: readonly string[];
  /** The one thing to do, as a button in HTML and a labelled URL in plain text. */
  readonly action?: { readonly label: string; readonly url: string };
  /** Paragraphs after it (how long the link works, what to do if unexpected). */
  readonly outro: readonly string[];
}

/** What a template gets besides its parameters (already cleaned: names one line, links absolute). */
export interface TemplateContext {
  /** An absolute URL of a web page without a token (MAIL_LINKS). */
  readonly url: (path: string) => string;
}

type Template<K extends MailKind> = (
  params: MailParams[K],
  context: TemplateContext,
) => MailContent;

type Templates = { readonly [K in MailKind]: Readonly<Record<MailLanguage, Template<K>>> };

/**
 * Every parameter of every kind, listed: the check below fails to compile when mail.types.ts
 * gains a field this list lacks, and the spec keeps the list to fields that say who, for
 * which organisation, a link and when (no personnummer, no health data: issue 12, item 8).
 */
export const MAIL_PARAM_FIELDS = {
  'account-invitation': ['inviterName', 'organisationName', 'link', 'expiresAt'],
  'password-reset': ['link', 'expiresAt'],
  'password-changed': ['at'],
  'case-opening': ['openerName', 'organisationName', 'link', 'expiresAt'],
  'case-invitation': [
    'inviterName',
    'inviterOrganisationName',
    'organisationName',
    'link',
    'expiresAt',
  ],
  'case-invitation-approval': ['inviterName', 'organisationName', 'link'],
  notification: ['headline', 'caseLabel', 'link'],
  'notification-digest': ['cases', 'link'],
} as const satisfies { readonly [K in MailKind]: readonly (keyof MailParams[K])[] };

type Unlisted = {
  [K in MailKind]: Exclude<keyof MailParams[K], (typeof MAIL_PARAM_FIELDS)[K][number]>;
}[MailKind];
/** Compiles only while MAIL_PARAM_FIELDS lists every parameter. */
export const MAIL_PARAM_FIELDS_COMPLETE: [Unlisted] extends [never] ? true : never = true;

// Plain words (klarspråk): say who asks, for what kind of thing, and what to do. The case
// itself is never described (no "sick leave", no health data): a mailbox is often read by
// others, and the message must not tell them more than that there is a case.
const TEMPLATES: Templates = {
  'account-invitation': {
    sv: (p) => ({
      subject: `Inbjudan till ${p.organisationName} i Återgång`,
      intro: [
        p.inviterName
          ? `${p.inviterName} har bjudit in dig till ${p.organisationName} i Återgång.`
          : `Du har blivit inbjuden till ${p.organisationName} i Återgång.`,
        'Välj ett lösenord för att skapa ditt konto.',
      ],
      action: { label: 'Skapa ditt konto', url: p.link },
      outro: [
        `Länken gäller till ${formatMoment(p.expiresAt, 'sv')} och kan bara användas en gång.`,
        'Väntade du dig inte inbjudan? Då kan du strunta i det här mejlet.',
      ],
    }),
    en: (p) => ({
      subject: `Invitation to ${p.organisationName} in Återgång`,
      intro: [
        p.inviterName
          ? `${p.inviterName} has invited you to ${p.organisationName} in Återgång.`
          : `You have been invited to ${p.organisationName} in Återgång.`,
        'Choose a password to create your account.',
      ],
      action: { label: 'Create your account', url: p.link },
      outro: [
        `The link works until ${formatMoment(p.expiresAt, 'en')}, once.`,
        'Not expecting this invitation? Then you can ignore this e-mail.',
      ],
    }),
  },
  'password-reset': {
    sv: (p) => ({
      subject: 'Välj ett nytt lösenord i Återgång',
      intro: ['Någon har bett om ett nytt lösenord till ditt konto i Återgång.'],
      action: { label: 'Välj nytt lösenord', url: p.link },
      outro: [
        `Länken gäller till ${formatMoment(p.expiresAt, 'sv')} och kan bara användas en gång.`,
        'Var det inte du? Då kan du strunta i det här mejlet. Ditt lösenord är kvar som förut.',
      ],
    }),
    en: (p) => ({
      subject: 'Choose a new password for Återgång',
      intro: ['Someone asked for a new password for your Återgång account.'],
      action: { label: 'Choose a new password', url: p.link },
      outro: [
        `The link works until ${formatMoment(p.expiresAt, 'en')}, once.`,
        'Was it not you? Then you can ignore this e-mail. Your password stays as it was.',
      ],
    }),
  },
  'password-changed': {
    sv: (p, context) => ({
      subject: 'Ditt lösenord i Återgång har ändrats',
      intro: [`Lösenordet till ditt konto i Återgång ändrades ${formatMoment(p.at, 'sv')}.`],
      action: { label: 'Logga in', url: context.url(MAIL_LINKS.signIn) },
      outro: [
        'Var det du? Då behöver du inte göra något.',
        'Var det inte du? Välj ett nytt lösenord med ”Glömt lösenord” när du loggar in och ' +
          'berätta för den som har hand om Återgång i din organisation.',
      ],
    }),
    en: (p, context) => ({
      subject: 'Your Återgång password was changed',
      intro: [`The password of your Återgång account was changed ${formatMoment(p.at, 'en')}.`],
      action: { label: 'Sign in', url: context.url(MAIL_LINKS.signIn) },
      outro: [
        'Was it you? Then there is nothing to do.',
        'Was it not you? Choose a new password with “Forgot password” when you sign in, and ' +
          'tell whoever runs Återgång in your organisation.',
      ],
    }),
  },
  'case-opening': {
    sv: (p) => ({
      subject: `${p.openerName} vill öppna ett ärende med dig i Återgång`,
      intro: [
        `${p.openerName} på ${p.organisationName} vill öppna ett ärende med dig i Återgång.`,
        'Det är du som bestämmer. Läs mer och svara ja eller nej.',
      ],
      action: { label: 'Läs och svara', url: p.link },
      outro: [`Länken gäller till ${formatMoment(p.expiresAt, 'sv')}.`],
    }),
    en: (p) => ({
      subject: `${p.openerName} wants to open a case with you in Återgång`,
      intro: [
        `${p.openerName} at ${p.organisationName} wants to open a case with you in Återgång.`,
        'It is your decision. Read more and answer yes or no.',
      ],
      action: { label: 'Read and answer', url: p.link },
      outro: [`The link works until ${formatMoment(p.expiresAt, 'en')}.`],
    }),
  },
  'case-invitation': {
    sv: (p) => ({
      subject: 'Inbjudan att delta i ett ärende i Återgång',
      intro: [
        `${p.inviterName}${p.inviterOrganisationName ? ` på ${p.inviterOrganisationName}` : ''} ` +
          `bjuder in dig att delta i ett ärende i Återgång för ${p.organisationName}.`,
      ],
      action: { label: 'Öppna inbjudan', url: p.link },
      outro: [
        `Länken gäller till ${formatMoment(p.expiresAt, 'sv')}.`,
        'Väntade du dig inte inbjudan? Då kan du strunta i det här mejlet.',
      ],
    }),
    en: (p) => ({
      subject: 'Invitation to take part in a case in Återgång',
      intro: [
        `${p.inviterName}${p.inviterOrganisationName ? ` at ${p.inviterOrganisationName}` : ''} ` +
          `invites you to take part in a case in Återgång for ${p.organisationName}.`,
      ],
      action: { label: 'Open the invitation', url: p.link },
      outro: [
        `The link works until ${formatMoment(p.expiresAt, 'en')}.`,
        'Not expecting this invitation? Then you can ignore this e-mail.',
      ],
    }),
  },
  'case-invitation-approval': {
    sv: (p) => ({
      subject: `${p.organisationName} vill delta i ditt ärende i Återgång`,
      intro: [
        `${p.inviterName} vill att ${p.organisationName} ska delta i ditt ärende i Återgång.`,
        'Det blir bara så om du godkänner det. Logga in för att godkänna eller säga nej.',
      ],
      action: { label: 'Godkänn eller säg nej', url: p.link },
      outro: [],
    }),
    en: (p) => ({
      subject: `${p.organisationName} asks to take part in your case in Återgång`,
      intro: [
        `${p.inviterName} wants ${p.organisationName} to take part in your case in Återgång.`,
        'That only happens if you approve. Sign in to approve or decline.',
      ],
      action: { label: 'Approve or decline', url: p.link },
      outro: [],
    }),
  },
  notification: {
    sv: (p) => ({
      subject: p.caseLabel ? `Nytt i Återgång: ${p.caseLabel}` : 'Nytt i Återgång',
      intro: [p.headline, ...(p.caseLabel ? [`Gäller: ${p.caseLabel}.`] : [])],
      action: { label: 'Öppna i Återgång', url: p.link },
      outro: [
        'Du får det här mejlet för att du deltar i ärendet. Du väljer själv vilka mejl du får under Mitt konto.',
      ],
    }),
    en: (p) => ({
      subject: p.caseLabel ? `New in Återgång: ${p.caseLabel}` : 'New in Återgång',
      intro: [p.headline, ...(p.caseLabel ? [`About: ${p.caseLabel}.`] : [])],
      action: { label: 'Open in Återgång', url: p.link },
      outro: [
        'You get this e-mail because you take part in the case. Choose which e-mails you get under My account.',
      ],
    }),
  },
  'notification-digest': {
    sv: (p) => ({
      subject: 'Dagens sammanfattning från Återgång',
      intro: ['Det här har hänt sedan sist:', ...digestLines(p.cases, 'Övrigt')],
      action: { label: 'Öppna Återgång', url: p.link },
      outro: [
        'Du väljer själv när sammanfattningen kommer, eller om den ska komma, under Mitt konto.',
      ],
    }),
    en: (p) => ({
      subject: 'Your daily summary from Återgång',
      intro: ['This has happened since last time:', ...digestLines(p.cases, 'Other')],
      action: { label: 'Open Återgång', url: p.link },
      outro: ['Choose when the summary comes, or whether it comes at all, under My account.'],
    }),
  },
};

/** The digest's lines: each case's name, then its sentences. */
function digestLines(cases: MailParams['notification-digest']['cases'], other: string): string[] {
  return cases.flatMap((group) => [
    `${group.caseLabel ?? other}:`,
    ...group.headlines.map((headline) => `– ${headline}`),
  ]);
}

/** The template of a kind in a language. */
export function templateFor<K extends MailKind>(kind: K, language: MailLanguage): Template<K> {
  return TEMPLATES[kind][language];
}
