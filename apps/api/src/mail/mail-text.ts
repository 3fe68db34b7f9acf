import type { MailLanguage } from './mail.types';

/** Longest user-given text (a name) a message shows; a longer one is cut with an ellipsis. */
const MAX_NAME_LENGTH = 120;

// Control characters (line breaks included) and the bidirectional overrides and isolates:
// a name must neither start a new line of its own in a plain-text body or a header, nor
// turn the text around it backwards to disguise what a message says.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A user-given name as one plain line: unsafe characters become spaces, runs of white space
 * one space, and it is cut at MAX_NAME_LENGTH. HTML escaping is separate (escapeHtml), done
 * once by the layout, so the text part shows the name exactly as typed.
 */
export function plainName(value: string): string {
  const line = value.replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  return line.length > MAX_NAME_LENGTH ? `${line.slice(0, MAX_NAME_LENGTH - 1)}…` : line;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

const DATE_TIME: Readonly<Record<MailLanguage, Intl.DateTimeFormat>> = {
  sv: new Intl.DateTimeFormat('sv-SE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }),
};

/**
 * A moment as people in Sweden read it (Swedish time, whatever the server's zone): "5 december
 * 2026 kl. 14:30"; English says that it is Swedish time.
 */
export function formatMoment(at: Date, language: MailLanguage): string {
  const text = DATE_TIME[language].format(at);
  return language === 'en' ? `${text} (Swedish time)` : text;
}
