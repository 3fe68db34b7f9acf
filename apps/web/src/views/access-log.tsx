import { type AccessLogGroup, CONSENT_PARTIES, type ConsentParty } from '@atergang/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading, PageTitle, today } from '../components/ui';
import { useAccessLog } from '../lib/queries';
import { useWorkspace } from '../lib/workspace';
import { CaseCopy } from './case-copy';

const locale = (language: string): string => (language === 'en' ? 'en-GB' : 'sv-SE');

/** The Swedish calendar day before `day` (YYYY-MM-DD), whatever the browser's zone. */
function dayBefore(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Consecutive groups of the same day under one heading, in the order the API gave them. */
function byDay(groups: readonly AccessLogGroup[]): { day: string; groups: AccessLogGroup[] }[] {
  const days: { day: string; groups: AccessLogGroup[] }[] = [];
  for (const group of groups) {
    const last = days.at(-1);
    if (last?.day === group.day) last.groups.push(group);
    else days.push({ day: group.day, groups: [group] });
  }
  return days;
}

/**
 * "Vem har tittat": what others did in the patient's case, one line per person, action and
 * day ("Maria Lindqvist (Solbacka kommun) tittade på planen 3 gånger"), refused attempts
 * said as such, newest first, older pages on request, and only one party's if she likes.
 */
export function AccessLogPage() {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const [party, setParty] = useState<ConsentParty | null>(null);
  const log = useAccessLog(ws.id, party);
  const filterId = useId();
  const language = locale(i18n.language);
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(language, {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Stockholm',
    });
  const now = today();
  const dayTitle = (day: string): string => {
    if (day === now) return t('accessLog.today');
    if (day === dayBefore(now)) return t('accessLog.yesterday');
    const title = new Date(`${day}T12:00:00Z`).toLocaleDateString(language, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Stockholm',
    });
    return title.charAt(0).toUpperCase() + title.slice(1);
  };
  const groups = log.data?.pages.flatMap((page) => page.groups) ?? [];
  return (
    <div>
      <PageTitle>{t('accessLog.title')}</PageTitle>
      <p>{t('accessLog.intro')}</p>
      <CaseCopy />
      <div className="field">
        <label htmlFor={filterId}>{t('accessLog.party')}</label>
        <select
          id={filterId}
          value={party ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            setParty(CONSENT_PARTIES.find((option) => option === value) ?? null);
          }}
        >
          <option value="">{t('accessLog.allParties')}</option>
          {CONSENT_PARTIES.map((option) => (
            <option key={option} value={option}>
              {t(`partyTitles.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {log.isPending ? <Loading /> : null}
      {log.error ? <ErrorMessage error={log.error} /> : null}
      {log.data && groups.length === 0 ? (
        <p className="muted">
          {party
            ? t('accessLog.emptyParty', { party: t(`partyTitles.${party}`) })
            : t('accessLog.empty')}
        </p>
      ) : null}
      {byDay(groups).map(({ day, groups: ofDay }) => (
        <section key={day} className="access-log-day" aria-labelledby={`${filterId}-${day}`}>
          <h3 id={`${filterId}-${day}`}>
            <time dateTime={day}>{dayTitle(day)}</time>
          </h3>
          <ul className="access-log">
            {ofDay.map((group) => {
              const first = time(group.firstAt);
              const last = time(group.lastAt);
              return (
                <li
                  key={`${group.who.id ?? ''}-${group.action}-${group.outcome}-${group.lastAt}`}
                  className={group.outcome === 'DENIED' ? 'access-log-denied' : undefined}
                >
                  <span>{i18n.language === 'en' ? group.textEn : group.textSv}</span>{' '}
                  <span className="muted">
                    {first === last
                      ? t('accessLog.at', { time: last })
                      : t('accessLog.between', { first, last })}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {log.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={log.isFetchingNextPage}
          onClick={() => {
            void log.fetchNextPage();
          }}
        >
          {log.isFetchingNextPage ? t('accessLog.loadingOlder') : t('accessLog.showOlder')}
        </button>
      ) : null}
      {log.data && groups.length > 0 && !log.hasNextPage ? (
        <p className="muted">{t('accessLog.everything')}</p>
      ) : null}
    </div>
  );
}
