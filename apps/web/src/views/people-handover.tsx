import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage, Field, Loading } from '../components/ui';
import { useHandOver } from '../lib/people';
import { useColleagues } from '../lib/queries';
import { useWorkspace } from '../lib/workspace';

/**
 * A member hands their own place in the case to a colleague of the same organisation (a
 * holiday, a new post): the colleague takes part instead, and the member no longer does.
 */
export function HandOver() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const navigate = useNavigate();
  const mine = ws.participants.find((p) => p.id === ws.me.participantId);
  const organisation = mine?.organisation ?? null;
  const colleagues = useColleagues(organisation?.id ?? null);
  const [chosen, setChosen] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState(false);
  const handOver = useHandOver(ws.id, {
    onHandedOver: async (toUserId) => {
      const name = colleagues.data?.find((c) => c.userId === toUserId)?.name ?? '';
      await navigate('/', {
        state: { notice: t('people.handedOver', { patient: ws.patient.name, name }) },
      });
    },
  });
  if (!mine || !organisation) return null;
  const inCase = new Set(ws.participants.map((p) => p.userId));
  const eligible = (colleagues.data ?? []).filter((c) => !inCase.has(c.userId));
  const chosenName = eligible.find((c) => c.userId === chosen)?.name ?? '';

  return (
    <section aria-labelledby="handover-title" className="card">
      <h3 id="handover-title">{t('people.handOverTitle')}</h3>
      <p>{t('people.handOverIntro', { organisation: organisation.name })}</p>
      {colleagues.isPending ? <Loading /> : null}
      {colleagues.error ? <ErrorMessage error={colleagues.error} /> : null}
      {colleagues.isSuccess && eligible.length === 0 ? (
        <p className="muted">{t('people.noColleagues', { organisation: organisation.name })}</p>
      ) : null}
      {eligible.length > 0 ? (
        <>
          <Field
            label={t('people.colleague')}
            error={missing ? t('people.chooseColleagueFirst') : undefined}
          >
            {(props) => (
              <select
                value={chosen}
                onChange={(event) => {
                  setChosen(event.target.value);
                  setMissing(false);
                  setConfirming(false);
                }}
                {...props}
              >
                <option value="">{t('people.chooseColleague')}</option>
                {eligible.map((colleague) => (
                  <option key={colleague.userId} value={colleague.userId}>
                    {colleague.name}
                    {colleague.roles.length > 0
                      ? ` (${colleague.roles.map((role) => t(`people.roles.${role}`)).join(', ')})`
                      : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {confirming && chosen ? (
            <div className="confirm" role="group" aria-labelledby="handover-question">
              <p id="handover-question">
                <strong>{t('people.handOverQuestion', { name: chosenName })}</strong>
              </p>
              <p>{t('people.handOverMeans', { name: chosenName, patient: ws.firstName })}</p>
              {handOver.error ? <ErrorMessage error={handOver.error} /> : null}
              <p className="actions">
                <button
                  type="button"
                  className="button button-danger"
                  disabled={handOver.isPending}
                  onClick={() => {
                    handOver.mutate(chosen);
                  }}
                >
                  {t('people.handOverYes')}
                </button>
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
            <button
              type="button"
              className="button"
              onClick={() => {
                if (!chosen) {
                  setMissing(true);
                  return;
                }
                setConfirming(true);
              }}
            >
              {t('people.handOverButton')}
            </button>
          )}
        </>
      ) : null}
    </section>
  );
}
