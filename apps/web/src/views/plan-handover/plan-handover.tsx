import type { PlanHandoverView, PlanRequestView } from '@atergang/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, formatDate } from '../../components/ui';
import {
  downloadHandedOver,
  useAcknowledgeHandover,
  useHandovers,
  useRequestPlan,
  useSendPlan,
} from '../../lib/plan-handover';
import { useWorkspace } from '../../lib/workspace';

// The plan leaving the case (issue 17): on the plan page the employer sends a version to
// Försäkringskassan, FK sees the plans it received, opens each as it was sent, confirms
// receipt and can ask for the plan; the patient (and everyone who may see them) sees every
// hand-over as a line on her plan. What each sees and may do is the API's (the overview's
// permissions and each hand-over's `mayAcknowledge`).

/** "3 december" this year, "3 december 2025" another year. */
function useDayMonth(): (iso: string) => string {
  const { i18n } = useTranslation();
  return (iso) => {
    const date = new Date(iso);
    const sameYear = date.getFullYear() === new Date().getFullYear();
    return date.toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
      day: 'numeric',
      month: 'long',
      ...(sameYear ? {} : { year: 'numeric' }),
      timeZone: 'Europe/Stockholm',
    });
  };
}

export function PlanHandovers({ planVersion }: { planVersion: number }) {
  const ws = useWorkspace();
  const handovers = useHandovers(ws.id, ws.can('plan:handovers:read'));
  if (!ws.can('plan:handovers:read')) return null;
  if (handovers.error) return <ErrorMessage error={handovers.error} />;
  const data = handovers.data ?? { handovers: [], requests: [] };
  const openRequest = data.requests.find((r) => r.answeredAt === null) ?? null;
  const received = data.handovers.filter((h) => h.recipient === ws.me.party);
  const others = data.handovers.filter((h) => h.recipient !== ws.me.party);
  return (
    <>
      {ws.can('plan:hand-over') && planVersion > 0 ? (
        <SendToFk planVersion={planVersion} openRequest={openRequest} />
      ) : null}
      {ws.can('plan:handover:acknowledge') ? (
        <Received handovers={received} openRequest={openRequest} />
      ) : null}
      {others.length > 0 ? <HandoverLines handovers={others} /> : null}
    </>
  );
}

/** The employer: choose a version, confirm, send. */
function SendToFk({
  planVersion,
  openRequest,
}: {
  planVersion: number;
  openRequest: PlanRequestView | null;
}) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const headingId = useId();
  const versionId = useId();
  const send = useSendPlan(ws.id);
  const [version, setVersion] = useState(planVersion);
  const [confirming, setConfirming] = useState(false);
  const chosen = Math.min(version, planVersion);
  const versions = Array.from({ length: planVersion }, (_, index) => planVersion - index);
  return (
    <section className="card plan-handover" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('planHandover.sendTitle')}</h2>
      <p>{t('planHandover.sendIntro')}</p>
      {openRequest ? (
        <p className="alert" role="status">
          {t('planHandover.requested', {
            who: openRequest.requestedBy.name,
            due: formatDate(openRequest.dueDate),
          })}
        </p>
      ) : null}
      {confirming ? (
        <div role="group" aria-label={t('planHandover.confirmLabel')}>
          <p>{t('planHandover.confirm', { version: chosen })}</p>
          <p className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={send.isPending}
              onClick={() => {
                send.mutate(
                  { version: chosen, recipient: 'FK' },
                  {
                    onSuccess: () => {
                      setConfirming(false);
                    },
                  },
                );
              }}
            >
              {t('planHandover.confirmSend')}
            </button>{' '}
            <button
              type="button"
              className="button"
              onClick={() => {
                setConfirming(false);
              }}
            >
              {t('app.cancel')}
            </button>
          </p>
        </div>
      ) : (
        <p className="actions">
          <label htmlFor={versionId}>{t('planHandover.version')}</label>{' '}
          <select
            id={versionId}
            value={chosen}
            onChange={(event) => {
              setVersion(Number(event.target.value));
            }}
          >
            {versions.map((n) => (
              <option key={n} value={n}>
                {n === planVersion
                  ? t('planHandover.versionCurrent', { version: n })
                  : t('planHandover.versionOption', { version: n })}
              </option>
            ))}
          </select>{' '}
          <button
            type="button"
            className="button"
            onClick={() => {
              send.reset();
              setConfirming(true);
            }}
          >
            {t('planHandover.send')}
          </button>
        </p>
      )}
      {send.isSuccess ? (
        <p role="status" className="alert alert-ok">
          {t('planHandover.sent', { version: send.data.version })}
        </p>
      ) : null}
      {send.error ? <ErrorMessage error={send.error} /> : null}
    </section>
  );
}

/** FK (or care): the plans handed to its party, each opened as sent and acknowledged. */
function Received({
  handovers,
  openRequest,
}: {
  handovers: readonly PlanHandoverView[];
  openRequest: PlanRequestView | null;
}) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const headingId = useId();
  const acknowledge = useAcknowledgeHandover(ws.id);
  const requestPlan = useRequestPlan(ws.id);
  const [openError, setOpenError] = useState<unknown>(null);
  return (
    <section className="card plan-handover" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('planHandover.receivedTitle')}</h2>
      {handovers.length === 0 ? (
        <p className="muted">{t('planHandover.noneReceived')}</p>
      ) : (
        <ul className="handover-list">
          {handovers.map((handover) => (
            <li key={handover.id} data-testid="received-plan">
              <p>
                <strong>{t('planHandover.versionOption', { version: handover.version })}</strong>
                {', '}
                {t('planHandover.sentOn', {
                  date: formatDate(handover.sentAt),
                  who: handover.sentBy.name,
                })}
              </p>
              <p className="actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setOpenError(null);
                    downloadHandedOver(ws.id, handover).catch(setOpenError);
                  }}
                >
                  {t('planHandover.openPdf', { version: handover.version })}
                </button>{' '}
                {handover.mayAcknowledge ? (
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={acknowledge.isPending}
                    onClick={() => {
                      acknowledge.mutate(handover.id);
                    }}
                  >
                    {t('planHandover.acknowledge')}
                  </button>
                ) : handover.acknowledgedAt ? (
                  <span className="muted">
                    {t('planHandover.acknowledged', {
                      date: formatDate(handover.acknowledgedAt),
                      who: handover.acknowledgedBy?.name ?? '',
                    })}
                  </span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      {ws.can('plan:request') ? (
        openRequest ? (
          <p className="muted">
            {t('planHandover.requestWaiting', {
              date: formatDate(openRequest.requestedAt),
              due: formatDate(openRequest.dueDate),
            })}
          </p>
        ) : (
          <p className="actions">
            <button
              type="button"
              className="button"
              disabled={requestPlan.isPending}
              onClick={() => {
                requestPlan.mutate();
              }}
            >
              {t('planHandover.request')}
            </button>{' '}
            <span className="muted">{t('planHandover.requestHint')}</span>
          </p>
        )
      ) : null}
      {acknowledge.error ? <ErrorMessage error={acknowledge.error} /> : null}
      {requestPlan.error ? <ErrorMessage error={requestPlan.error} /> : null}
      {openError ? <ErrorMessage error={openError} /> : null}
    </section>
  );
}

/** Every hand-over as a line: "Planen version 4 skickades till Försäkringskassan den 3 december". */
function HandoverLines({ handovers }: { handovers: readonly PlanHandoverView[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const dayMonth = useDayMonth();
  return (
    <section className="plan-handover-lines" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('planHandover.linesTitle')}</h2>
      <ul>
        {handovers.map((handover) => (
          <li key={handover.id} data-testid="handover-line">
            {t(`planHandover.line.${handover.recipient}`, {
              version: handover.version,
              date: dayMonth(handover.sentAt),
            })}
            {handover.acknowledgedAt
              ? ` ${t('planHandover.lineAcknowledged', { date: dayMonth(handover.acknowledgedAt) })}`
              : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
