import {
  type Permission,
  type PlanSignoffView,
  type PlanView,
  SIGNOFF_DECISIONS,
  type SignoffDecision,
} from '@atergang/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, formatDate } from '../../components/ui';
import { blank } from '../../lib/forms';
import { useSignPlan } from '../../lib/plan';
import { useWorkspace } from '../../lib/workspace';
import { isWithheld } from './plan-form';

/** The decisions the caller's sign-off may make, in the policy's order (from permissions). */
function myDecisions(can: (permission: Permission) => boolean): SignoffDecision[] {
  return SIGNOFF_DECISIONS.filter((decision) => can(`plan:sign:${decision}`));
}

/** "Maria Lindqvist (Arbetsgivaren) fastställde planen 2 dec 2026" and its siblings. */
export function SignoffLine({ signoff }: { signoff: PlanSignoffView }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`plan.decided.${signoff.decision}`, {
        name: signoff.name,
        party: t(`parties.${signoff.party}`),
        date: formatDate(signoff.signedAt),
      })}
      {signoff.comment ? (
        <>
          {' '}
          <q>{signoff.comment}</q>
        </>
      ) : null}
    </>
  );
}

/**
 * Sign-off: the employer establishes its plan (fastställer); the patient confirms she took
 * part and agrees, or records that she does not. A save that changed what someone signed
 * makes it an earlier sign-off: they are told so here and asked again.
 */
export function SignOff({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [comment, setComment] = useState('');
  const sign = useSignPlan(ws.id, {
    onSuccess: () => {
      setComment('');
    },
  });
  if (plan.version === 0 || isWithheld(plan, 'goal')) return null;
  const decisions = myDecisions(ws.can);
  const mine = plan.signoffs.find((s) => s.byMe);
  const myEarlier = plan.earlierSignoffs.find((s) => s.byMe);
  const others = plan.earlierSignoffs.filter((s) => s !== myEarlier);
  const commentId = 'signoff-comment';
  return (
    <section aria-labelledby="signoff-heading" className="signoff">
      <h3 id="signoff-heading">{t('plan.signoffs', { version: plan.version })}</h3>
      {plan.signoffs.length > 0 ? (
        <ul>
          {plan.signoffs.map((s) => (
            <li key={`${s.party}-${s.name}`}>
              <SignoffLine signoff={s} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('plan.noSignoffs')}</p>
      )}
      {others.length > 0 ? (
        <>
          <p className="muted">{t('plan.earlierSignoffs')}</p>
          <ul className="muted">
            {others.map((s) => (
              <li key={`${s.party}-${s.name}`}>
                {t('plan.earlierVersion', { version: s.version })}: <SignoffLine signoff={s} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {myEarlier && !mine ? (
        <p role="status" className="alert" data-testid="signoff-asked-again">
          {t(`plan.askAgain.${myEarlier.decision}`, {
            version: myEarlier.version,
            current: plan.version,
          })}
        </p>
      ) : null}
      {mine ? (
        <p className="ok" data-testid="signoff-mine">
          {t(`plan.signedMine.${mine.decision}`)}
        </p>
      ) : null}
      {decisions.length > 0 && (!mine || decisions.length > 1) ? (
        <div className="signoff-actions">
          {decisions.includes('DISAGREED') ? (
            <div className="field">
              <label htmlFor={commentId}>{t('plan.signoffComment')}</label>
              <textarea
                id={commentId}
                rows={2}
                value={comment}
                onChange={(event) => {
                  setComment(event.target.value);
                }}
              />
            </div>
          ) : null}
          <p className="actions">
            {decisions
              .filter((decision) => decision !== mine?.decision)
              .map((decision) => (
                <button
                  key={decision}
                  type="button"
                  className={decision === decisions[0] ? 'button button-primary' : 'button'}
                  onClick={() => {
                    sign.mutate({ version: plan.version, decision, comment: blank(comment) });
                  }}
                  disabled={sign.isPending}
                >
                  {t(`plan.decide.${decision}`)}
                </button>
              ))}
          </p>
        </div>
      ) : null}
      {sign.error ? <ErrorMessage error={sign.error} /> : null}
    </section>
  );
}
