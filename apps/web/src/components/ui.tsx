import {
  type Category,
  type Party,
  PROBLEM_CODES,
  type ProblemCode,
  type ProblemFieldErrorView,
} from '@atergang/contracts';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';
import { ApiError } from '../lib/api';
import { retryAfterOf, retryWaitPhrase } from '../lib/retry-wait';
import { type IssueLike, isValidationKey, validationKey } from '../lib/validation-text';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'sv-SE');

/** '2026-03-01' → '1 mars 2026'. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return date.toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(locale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatSlot(start: string, end: string): string {
  const endTime = new Date(end).toLocaleTimeString(locale(), {
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${formatDateTime(start)}–${endTime}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const number = (value: number, digits: number) =>
    value.toLocaleString(locale(), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 0)} kB`;
  return `${number(bytes / 1024 / 1024, 1)} MB`;
}

/** Today in Europe/Stockholm as 'YYYY-MM-DD'. */
export function today(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/**
 * A form error's message for the field it belongs to: a validation key (contractResolver
 * chose it by the zod issue's code) in the reader's language; a text set by hand as it is.
 */
export function useExplain(): (message: string | undefined) => string | undefined {
  const { t } = useTranslation();
  return (message) => {
    if (!message) return undefined;
    return isValidationKey(message) ? t(message) : message;
  };
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}

/** A labelled form field whose error and hint are tied to the control (aria-describedby). */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const explain = useExplain();
  const text = explain(error);
  const describedBy = [hint ? `${id}-hint` : '', text ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={text ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-invalid': Boolean(text),
        'aria-describedby': describedBy || undefined,
      })}
      {text ? (
        <p id={`${id}-error`} className="error-text">
          {text}
        </p>
      ) : null}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="muted">
      {t('app.loading')}
    </p>
  );
}

const KNOWN_CODES: ReadonlySet<string> = new Set(PROBLEM_CODES);

const isProblemCode = (code: unknown): code is ProblemCode =>
  typeof code === 'string' && KNOWN_CODES.has(code);

/** The problem's text in the user's language when the client knows its code, else null. */
export function knownProblemText(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const code = error.problem?.code;
  if (!isProblemCode(code)) return null;
  // A refusal that ends by itself (a lockout, a rate limit) says when, from its retryAfter.
  const retryAfter = retryAfterOf(error.problem);
  const when =
    retryAfter === null ? i18n.t('retrySoon') : retryWaitPhrase(retryAfter, i18n.language);
  return i18n.t(`problems.${code}`, { when });
}

/**
 * What to tell the user about a failed request, always in their language: the text for the
 * problem's code, else a plain sentence for the kind of failure. Never the API's `detail`,
 * which is English for developers and integrators.
 */
export function problemText(error: unknown): string {
  const known = knownProblemText(error);
  if (known) return known;
  if (error instanceof ApiError) {
    if (error.status === 0) return i18n.t('problemFallback.network');
    return i18n.t(error.status >= 500 ? 'problemFallback.server' : 'problemFallback.request');
  }
  // fetch rejects with a TypeError when the request never got an answer.
  if (error instanceof TypeError) return i18n.t('problemFallback.network');
  return i18n.t('problemFallback.request');
}

/**
 * A field error from the API as an issue: its `code` and details (contracts'
 * problemFieldErrorSchema). `missing` stands for the value zod saw, which the API never echoes.
 */
function issueOf(entry: ProblemFieldErrorView): IssueLike {
  return {
    code: entry.code ?? 'unknown',
    ...(entry.format === undefined ? {} : { format: entry.format }),
    ...(entry.origin === undefined ? {} : { origin: entry.origin }),
    ...(entry.minimum === undefined ? {} : { minimum: entry.minimum }),
    ...(entry.code === 'invalid_type' ? { input: entry.missing === false ? true : undefined } : {}),
    ...(entry.params === undefined ? {} : { params: entry.params }),
  };
}

/**
 * The fields a refused request names (the problem's `errors[].path`), each with the text
 * to show at that field: for a validation failure the field's own rule in plain language,
 * otherwise the text of the problem's code.
 */
export function problemFieldErrors(error: unknown): Array<{ path: string; message: string }> {
  if (!(error instanceof ApiError)) return [];
  const validation = error.problem?.code === 'VALIDATION_FAILED';
  const text = problemText(error);
  return (error.problem?.errors ?? []).map((entry) => ({
    path: entry.path,
    // The API's issue code when it sends one; its English message is never read.
    message: validation ? i18n.t(validationKey(issueOf(entry))) : text,
  }));
}

export function ErrorMessage({ error }: { error: unknown }) {
  // Subscribes to the language, so the text follows a switch of language.
  useTranslation();
  return (
    <p role="alert" className="alert alert-error">
      {problemText(error)}
    </p>
  );
}

/** Parties in a sentence: 'den sjukskrivna, vården och Försäkringskassan'. */
export function useListOfParties(): (parties: readonly Party[]) => string {
  const { t, i18n: instance } = useTranslation();
  return (parties) =>
    new Intl.ListFormat(instance.language === 'en' ? 'en-GB' : 'sv-SE', {
      style: 'long',
      type: 'conjunction',
    }).format(parties.map((party) => t(`parties.${party}`)));
}

/** "Anna har inte delat planen med Arbetsförmedlingen." for each withheld category. */
export function Withheld({
  categories,
  patientName,
  party,
}: {
  categories: readonly Category[];
  patientName: string;
  party: Party;
}) {
  const { t } = useTranslation();
  if (categories.length === 0 || party === 'PATIENT') return null;
  const first = patientName.split(' ')[0] ?? patientName;
  return (
    <div className="withheld" role="note">
      {categories.map((category) => (
        <p key={category}>
          {t('withheld', {
            patient: first,
            what: t(`categoryObjects.${category}`),
            party: t(`parties.${party}`),
          })}
        </p>
      ))}
    </div>
  );
}

let titleFocusRequested = false;

/** After a move to another view: the next view heading to render takes the focus. */
export function requestTitleFocus(): void {
  const heading = document.querySelector<HTMLElement>('.page-title');
  if (heading) heading.focus();
  else titleFocusRequested = true;
}

/** The view's heading; it also names the browser tab (WCAG 2.4.2). */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – Återgång`;
  }, [children]);
  useEffect(() => {
    if (titleFocusRequested) {
      titleFocusRequested = false;
      ref.current?.focus();
    }
  }, []);
  return (
    <h2 className="page-title" tabIndex={-1} ref={ref}>
      {children}
    </h2>
  );
}
