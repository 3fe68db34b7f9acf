/**
 * The web client's pages that e-mail links to, in one place so no caller hand-writes a path.
 * The pages read a link's token from the URL fragment (never sent to a server, so it stays
 * out of access logs, proxies and Referer headers).
 */
export const MAIL_LINKS = {
  /** Accept a staff account invitation (token). */
  accountInvitation: '/konto/inbjudan',
  /** Choose a new password (token). */
  passwordReset: '/konto/aterstall',
  /** Answer a request to open a case (token). */
  caseOpening: '/arende/svar',
  /** Accept an invitation to take part in a case (token). */
  caseInvitation: '/inbjudan',
  /** Sign-in page (no token). */
  signIn: '/',
  /** A case's page of participants, where the patient approves invitations (no token: sign in). */
  people: (workspaceId: string): string => `/w/${encodeURIComponent(workspaceId)}/deltagare`,
  /** A page of a case (its overview for ''), where a notification leads (sign in first). */
  casePage: (workspaceId: string, page: string): string =>
    `/w/${encodeURIComponent(workspaceId)}${page ? `/${page}` : ''}`,
  /** The person's notifications (the bell's page). */
  notifications: '/aviseringar',
  /** The person's e-mail settings for notifications. */
  notificationSettings: '/konto/aviseringar',
} as const;

/**
 * A link into the web client: a root-relative path and, for links that carry one, the token
 * in the fragment. Mail templates get it as a parameter (`link`) and the outbox makes it
 * absolute with PUBLIC_URL when it renders the message, so callers never need the config:
 * `appLink(MAIL_LINKS.passwordReset, token)` → `/konto/aterstall#<token>`, mailed as
 * `${PUBLIC_URL}/konto/aterstall#<token>`.
 */
export function appLink(path: string, token?: string): string {
  if (!path.startsWith('/') || path.startsWith('//') || /[#?\s]/.test(path)) {
    // A programming error (the paths are the constants above): fail where it is written.
    throw new Error(`appLink: "${path}" is not a root-relative path without query or fragment`);
  }
  return token === undefined ? path : `${path}#${encodeURIComponent(token)}`;
}

/**
 * The absolute URL of an app link for a message. Root-relative links (from `appLink`) get
 * PUBLIC_URL in front; an absolute link is accepted only when it already points under
 * PUBLIC_URL. Anything else throws: our mail links only to our own web client.
 */
export function absoluteAppLink(publicUrl: string, link: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  if (link.startsWith('/') && !link.startsWith('//')) return `${base}${link}`;
  if (link === base || link.startsWith(`${base}/`) || link.startsWith(`${base}#`)) return link;
  throw new Error('a mail link must be an app link (appLink) or point under PUBLIC_URL');
}
