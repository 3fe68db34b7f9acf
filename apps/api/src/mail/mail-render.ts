import { absoluteAppLink } from './mail-links';
import { type MailContent, templateFor } from './mail-templates';
import { escapeHtml, plainName } from './mail-text';
import type { MailLanguage, MailRequest } from './mail.types';

/** A message ready for the outbox: what the recipient will read. */
export interface RenderedMail {
  /** The language it is written in. */
  readonly language: MailLanguage;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const FRAME: Readonly<
  Record<
    MailLanguage,
    { readonly signOff: string; readonly automatic: string; readonly copy: string }
  >
> = {
  sv: {
    signOff: 'Hälsningar\nÅtergång',
    automatic: 'Det här mejlet skickades automatiskt. Det går inte att svara på det.',
    copy: 'Fungerar inte knappen? Kopiera länken till webbläsaren:',
  },
  en: {
    signOff: 'Best regards\nÅtergång',
    automatic: 'This e-mail was sent automatically. Replies are not read.',
    copy: 'Does the button not work? Copy the link into your browser:',
  },
};

/**
 * Renders a request in the recipient's language. Its parameters are cleaned first, in one
 * place for every kind: user-given names become one plain line (no line breaks to forge a
 * paragraph or header, no bidirectional overrides) and the link is made absolute under
 * PUBLIC_URL (or refused when it points elsewhere). The layout escapes once for HTML.
 */
export function renderMail(request: MailRequest, publicUrl: string): RenderedMail {
  // Swedish first: a language the types did not foresee (a stored preference) gets Swedish.
  const language: MailLanguage = request.language === 'en' ? 'en' : 'sv';
  const params = cleanParams(request.params, publicUrl);
  // Indexed by the request's own kind, so the template and its parameters always match.
  const template = templateFor(request.kind, language) as (
    p: typeof params,
    context: { url: (path: string) => string },
  ) => MailContent;
  const content = template(params, { url: (path) => absoluteAppLink(publicUrl, path) });
  return {
    language,
    subject: content.subject,
    text: textOf(content, language),
    html: htmlOf(content, language),
  };
}

function cleanParams(params: MailRequest['params'], publicUrl: string): MailRequest['params'] {
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'link' && typeof value === 'string') {
      cleaned[key] = absoluteAppLink(publicUrl, value);
    } else if (typeof value === 'string') {
      cleaned[key] = plainName(value);
    } else {
      cleaned[key] = value;
    }
  }
  return cleaned as MailRequest['params'];
}

function textOf(content: MailContent, language: MailLanguage): string {
  const frame = FRAME[language];
  const blocks = [
    ...content.intro,
    ...(content.action ? [`${content.action.label}:\n${content.action.url}`] : []),
    ...content.outro,
    frame.signOff,
    `-- \n${frame.automatic}`,
  ];
  return `${blocks.join('\n\n')}\n`;
}

const PARAGRAPH = 'margin:0 0 16px 0;';
const BUTTON =
  'display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;' +
  'text-decoration:none;border-radius:6px;font-weight:bold;';
const SMALL = 'margin:0 0 16px 0;font-size:13px;color:#4b5563;';

function htmlOf(content: MailContent, language: MailLanguage): string {
  const frame = FRAME[language];
  const paragraph = (text: string, style = PARAGRAPH) =>
    `<p style="${style}">${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
  const action = content.action
    ? [
        `<p style="${PARAGRAPH}"><a href="${escapeHtml(content.action.url)}" style="${BUTTON}">` +
          `${escapeHtml(content.action.label)}</a></p>`,
        `<p style="${SMALL}">${escapeHtml(frame.copy)}<br>` +
          `<a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.url)}</a></p>`,
      ]
    : [];
  const body = [
    ...content.intro.map((text) => paragraph(text)),
    ...action,
    ...content.outro.map((text) => paragraph(text)),
    paragraph(frame.signOff),
    paragraph(frame.automatic, SMALL),
  ].join('\n');
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#ffffff;color:#111827;' +
      'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">',
    '<div style="max-width:560px;margin:0 auto;">',
    body,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
