/**
 * What the product sends by e-mail, one kind per message a person gets. Each kind's
 * parameters are all a template may use: who asked, for which organisation, a link and when
 * it expires. Never health data or a personnummer (issue 12, item 8).
 */
export type MailLanguage = 'sv' | 'en';

export interface MailParams {
  /** Join an organisation's staff (the operator's first ORG_ADMIN, or a colleague). */
  'account-invitation': {
    readonly inviterName: string | null;
    readonly organisationName: string;
    readonly link: string;
    readonly expiresAt: Date;
  };
  /** A password-reset link the person asked for. */
  'password-reset': { readonly link: string; readonly expiresAt: Date };
  /** The password of the account was changed (or reset): tell the owner. */
  'password-changed': { readonly at: Date };
  /** Someone asks to open a sick-leave case with the person: accept or decline. */
  'case-opening': {
    readonly openerName: string;
    readonly organisationName: string;
    readonly link: string;
    readonly expiresAt: Date;
  };
  /** A participant invites a staff member to take part in a case for their organisation. */
  'case-invitation': {
    readonly inviterName: string;
    readonly inviterOrganisationName: string | null;
    readonly organisationName: string;
    readonly link: string;
    readonly expiresAt: Date;
  };
  /** To the patient: another party asks to take part in her case; she decides. */
  'case-invitation-approval': {
    readonly inviterName: string;
    readonly organisationName: string;
    readonly link: string;
  };
  /**
   * One notification (issue 13): its sentence, the case as e-mail names it, and a link into
   * the app. Never the item's text (a task's title stays in the app).
   */
  notification: {
    readonly headline: string;
    readonly caseLabel: string | null;
    readonly link: string;
  };
  /** The daily digest: each case with its notifications' sentences. */
  'notification-digest': {
    readonly cases: readonly {
      readonly caseLabel: string | null;
      readonly headlines: readonly string[];
    }[];
    readonly link: string;
  };
}

export type MailKind = keyof MailParams;

/** A file sent with a message (a meeting's .ics): text content only. */
export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string;
}

export type MailRequest = {
  [K in MailKind]: {
    readonly kind: K;
    readonly to: string;
    readonly language: MailLanguage;
    readonly params: MailParams[K];
    readonly attachments?: readonly MailAttachment[];
  };
}[MailKind];
