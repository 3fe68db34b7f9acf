import { type StaffMemberView } from '@atergang/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ui';
import { useDeactivateMember } from '../../lib/organisation-admin';
import { useColleagues } from '../../lib/queries';
import { useRoleNames } from './role-names';

/**
 * The confirm step of a deactivation: what happens (sessions end at once, open cases go to a
 * colleague whom the patient sees), and the colleague who takes over.
 */
export function DeactivateMember({
  organisationId,
  organisationName,
  member,
  onClose,
  onDone,
}: {
  organisationId: string;
  organisationName: string;
  member: StaffMemberView;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const names = useRoleNames();
  const id = useId();
  const needsHandOver = member.openCases > 0;
  const colleagues = useColleagues(needsHandOver ? organisationId : null);
  const [handOverTo, setHandOverTo] = useState('');
  const [missing, setMissing] = useState(false);
  const others = (colleagues.data ?? []).filter((colleague) => colleague.userId !== member.userId);
  const deactivate = useDeactivateMember(organisationId, member.userId, {
    onSuccess: (result) => {
      const colleague = others.find((other) => other.userId === handOverTo)?.name ?? '';
      onDone(
        result.handedOverCases > 0
          ? t('admin.deactivate.doneHandedOver', {
              name: member.name,
              count: result.handedOverCases,
              colleague,
            })
          : t('admin.deactivate.done', { name: member.name }),
      );
    },
  });
  const submit = () => {
    if (needsHandOver && handOverTo === '') {
      setMissing(true);
      return;
    }
    deactivate.mutate(handOverTo ? { handOverToUserId: handOverTo } : {});
  };
  return (
    <div className="confirm" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <strong>{t('admin.deactivate.title', { name: member.name })}</strong>
      </p>
      <p>{t('admin.deactivate.explain', { name: member.name, organisation: organisationName })}</p>
      {needsHandOver ? (
        <>
          <p>
            {t('admin.deactivate.cases', {
              name: member.name,
              count: member.openCases,
            })}
          </p>
          {colleagues.isPending ? <Loading /> : null}
          {colleagues.error ? <ErrorMessage error={colleagues.error} /> : null}
          {colleagues.data && others.length === 0 ? (
            <p className="warning" role="note">
              {t('admin.deactivate.noColleague')}
            </p>
          ) : null}
          {others.length > 0 ? (
            <div className={missing ? 'field field-invalid' : 'field'}>
              <label htmlFor={`${id}-colleague`}>{t('admin.deactivate.colleague')}</label>
              <p id={`${id}-hint`} className="hint">
                {t('admin.deactivate.colleagueHint')}
              </p>
              <select
                id={`${id}-colleague`}
                value={handOverTo}
                aria-invalid={missing}
                aria-describedby={`${id}-hint${missing ? ` ${id}-error` : ''}`}
                onChange={(event) => {
                  setHandOverTo(event.target.value);
                  setMissing(false);
                }}
              >
                <option value="">{t('admin.deactivate.choose')}</option>
                {others.map((colleague) => (
                  <option key={colleague.userId} value={colleague.userId}>
                    {colleague.roles.length > 0
                      ? `${colleague.name} (${names.sentence(colleague.roles)})`
                      : colleague.name}
                  </option>
                ))}
              </select>
              {missing ? (
                <p id={`${id}-error`} className="error-text">
                  {t('admin.deactivate.colleagueRequired')}
                </p>
              ) : null}
            </div>
          ) : null}
        </>
      ) : (
        <p>{t('admin.deactivate.noCases', { name: member.name })}</p>
      )}
      {deactivate.error ? <ErrorMessage error={deactivate.error} /> : null}
      <p className="actions">
        {/* With open cases and nobody to take them, there is nothing to confirm yet. */}
        {needsHandOver && others.length === 0 ? null : (
          <button
            type="button"
            className="button button-danger"
            disabled={deactivate.isPending}
            onClick={submit}
          >
            {t('admin.deactivate.yes', { name: member.name })}
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          {t('app.cancel')}
        </button>
      </p>
    </div>
  );
}
