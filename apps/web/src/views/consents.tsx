import {
  CATEGORIES,
  type Category,
  CONSENT_PARTIES,
  type ConsentParty,
  type ConsentView,
} from '@atergang/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, formatDate, Loading, PageTitle } from '../components/ui';
import { activeConsentsFor, useChangeConsent } from '../lib/consents';
import { useConsents } from '../lib/queries';
import { useWorkspace } from '../lib/workspace';

interface Pending {
  party: ConsentParty;
  category: Category;
  action: 'share' | 'stop';
}

function Confirm({
  pending,
  consents,
  onClose,
  onDone,
}: {
  pending: Pending;
  consents: ConsentView[];
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const checkboxId = useId();
  const [confirmed, setConfirmed] = useState(false);
  const [missingConfirm, setMissingConfirm] = useState(false);
  const medicalToEmployer = pending.party === 'EMPLOYER' && pending.category === 'MEDICAL';
  const party = t(`parties.${pending.party}`);
  const what = t(`categoryObjects.${pending.category}`);
  const change = useChangeConsent(ws.id, {
    onSuccess: () => {
      const partyTitle = t(`partyTitles.${pending.party}`);
      onDone(
        t('consents.done', {
          party: partyTitle,
          change:
            pending.action === 'share'
              ? t('consents.nowSees', { what })
              : t('consents.noLonger', { what }),
        }),
      );
    },
  });

  return (
    <div className="confirm" role="group" aria-labelledby={`${checkboxId}-title`}>
      <p id={`${checkboxId}-title`}>
        <strong>
          {pending.action === 'share'
            ? t('consents.share', { what, party })
            : t('consents.stop', { what, party })}
        </strong>
      </p>
      <p>
        {pending.action === 'share'
          ? t('consents.confirmShare', { party: t(`partyTitles.${pending.party}`), what })
          : t('consents.confirmStop', { party, what })}
      </p>
      {pending.action === 'share' && medicalToEmployer ? (
        <div className="warning" role="note">
          <p>{t('consents.medicalWarning')}</p>
          <label className="checkbox" htmlFor={checkboxId}>
            <input
              id={checkboxId}
              type="checkbox"
              checked={confirmed}
              aria-invalid={missingConfirm}
              aria-describedby={missingConfirm ? `${checkboxId}-error` : undefined}
              onChange={(event) => {
                setConfirmed(event.target.checked);
                setMissingConfirm(false);
              }}
            />{' '}
            {t('consents.medicalConfirm')}
          </label>
          {missingConfirm ? (
            <p id={`${checkboxId}-error`} className="error-text">
              {t('consents.medicalRequired')}
            </p>
          ) : null}
        </div>
      ) : null}
      {change.error ? <ErrorMessage error={change.error} /> : null}
      <p className="actions">
        <button
          type="button"
          className={pending.action === 'stop' ? 'button button-danger' : 'button button-primary'}
          disabled={change.isPending}
          onClick={() => {
            if (pending.action === 'share' && medicalToEmployer && !confirmed) {
              setMissingConfirm(true);
              return;
            }
            change.mutate({ ...pending, consents });
          }}
        >
          {pending.action === 'share' ? t('consents.yesShare') : t('consents.yesStop')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('app.cancel')}
        </button>
      </p>
    </div>
  );
}

export function ConsentsPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const consents = useConsents(ws.id);
  const [pending, setPending] = useState<Pending | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (consents.isPending) return <Loading />;
  if (consents.error) return <ErrorMessage error={consents.error} />;
  const parties = CONSENT_PARTIES.filter(
    (party) =>
      ws.participants.some((p) => p.party === party) ||
      consents.data.some((c) => c.active && c.party === party),
  );

  return (
    <div>
      <PageTitle>{t('consents.title')}</PageTitle>
      <p>{t('consents.intro')}</p>
      <p className="muted">{t('consents.legal')}</p>
      <div aria-live="polite">
        {message ? (
          <p role="status" className="alert alert-ok">
            {message}
          </p>
        ) : null}
      </div>
      {parties.map((party) => {
        const people = ws.participants.filter((p) => p.party === party);
        const headingId = `party-${party}`;
        return (
          <section key={party} className="card consent-party" aria-labelledby={headingId}>
            <h3 id={headingId}>{t(`partyTitles.${party}`)}</h3>
            {people.length > 0 ? (
              <p className="muted">
                {people
                  .map((p) => `${p.name}${p.organisation ? `, ${p.organisation.name}` : ''}`)
                  .join(' · ')}
              </p>
            ) : null}
            <ul className="consent-list">
              {CATEGORIES.map((category) => {
                const active = activeConsentsFor(consents.data, party, category);
                const shared = active.length > 0;
                const expires = active.find((c) => c.expiresAt)?.expiresAt;
                const label = t(`categories.${category}`);
                const isPending = pending?.party === party && pending.category === category;
                return (
                  <li
                    key={category}
                    className="consent-row"
                    data-testid={`consent-${party}-${category}`}
                  >
                    <div className="consent-text">
                      <p>
                        <strong>{label}</strong>{' '}
                        <span className={shared ? 'badge badge-ok' : 'badge'}>
                          {shared ? t('consents.shared') : t('consents.notShared')}
                          {expires ? ` ${t('consents.until', { date: formatDate(expires) })}` : ''}
                        </span>
                      </p>
                      <p className="muted">{t(`categoryHelp.${category}`)}</p>
                    </div>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={
                        shared
                          ? t('consents.stop', {
                              what: t(`categoryObjects.${category}`),
                              party: t(`parties.${party}`),
                            })
                          : t('consents.share', {
                              what: t(`categoryObjects.${category}`),
                              party: t(`parties.${party}`),
                            })
                      }
                      aria-expanded={isPending}
                      onClick={() => {
                        setMessage(null);
                        setPending({ party, category, action: shared ? 'stop' : 'share' });
                      }}
                    >
                      {shared ? t('consents.stopShort') : t('consents.shareShort')}
                    </button>
                    {isPending ? (
                      <Confirm
                        pending={pending}
                        consents={consents.data}
                        onClose={() => {
                          setPending(null);
                        }}
                        onDone={(text) => {
                          setPending(null);
                          setMessage(text);
                        }}
                      />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
