import type { MeasureStatus } from '@atergang/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../lib/workspace';
import {
  type Conflict,
  differingParts,
  type EditRights,
  type MergeChoice,
  mergeForms,
  type Part,
  partText,
  type PlanForm,
  toForm,
} from './plan-form';

export function ConflictMerge({
  conflict,
  rights,
  onDiscard,
  onSave,
}: {
  conflict: Conflict;
  rights: EditRights;
  onDiscard: () => void;
  onSave: (merged: PlanForm) => void;
}) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const theirs = toForm(conflict.theirs, ws.me.party, rights);
  const mine = conflict.mine;
  const label: Record<Part, string> = {
    goal: t('plan.goalLabel'),
    expectedReturnDate: t('plan.returnLabel'),
    expectedReturnBasis: t('plan.basisLabel'),
    contactArrangements: t('plan.contactLabel'),
    measures: ws.isPatient ? t('plan.myMeasuresMine') : t('plan.myMeasures'),
    sickLeaveSteps: t('plan.stepsOthers'),
    followUps: t('plan.followUps'),
  };
  const statusLabel = (status: MeasureStatus) => t(`measureStatuses.${status}`);
  const show = (form: PlanForm, part: Part): string => partText(form, part, statusLabel);
  // Only the parts the caller writes can differ in a way it chooses between.
  const differing = differingParts(mine, theirs, rights, statusLabel);
  const [choice, setChoice] = useState<MergeChoice>(() =>
    Object.fromEntries(differing.map((part) => [part, 'mine'])),
  );
  const merged = (): PlanForm => mergeForms(mine, theirs, choice);
  return (
    <div className="conflict" role="alert" aria-labelledby="conflict-heading">
      <h4 id="conflict-heading">{t('plan.conflictTitle')}</h4>
      <p data-testid="conflict-intro">
        {conflict.savedBy
          ? t('plan.conflictSavedBy', {
              name: conflict.savedBy.name,
              party: t(`parties.${conflict.savedBy.party}`),
              version: conflict.theirs.version,
            })
          : t('plan.conflictIntro', { version: conflict.theirs.version })}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('plan.conflictTitle')}>
        <table className="compare">
          <caption className="visually-hidden">{t('plan.conflictTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.conflictField')}</th>
              <th scope="col">{t('plan.conflictMine')}</th>
              <th scope="col">{t('plan.conflictTheirs')}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((part) => (
              <tr key={part}>
                <th scope="row">{label[part]}</th>
                <td>
                  <p className="compare-value" data-testid={`mine-${part}`}>
                    {show(mine, part) || t('plan.empty_value')}
                  </p>
                  <label className="choice">
                    <input
                      type="radio"
                      name={`merge-${part}`}
                      checked={choice[part] === 'mine'}
                      onChange={() => {
                        setChoice((c) => ({ ...c, [part]: 'mine' }));
                      }}
                    />{' '}
                    {t('plan.useMine')}
                  </label>
                </td>
                <td>
                  <p className="compare-value" data-testid={`theirs-${part}`}>
                    {show(theirs, part) || t('plan.empty_value')}
                  </p>
                  <label className="choice">
                    <input
                      type="radio"
                      name={`merge-${part}`}
                      checked={choice[part] === 'theirs'}
                      onChange={() => {
                        setChoice((c) => ({ ...c, [part]: 'theirs' }));
                      }}
                    />{' '}
                    {t('plan.useTheirs')}
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            onSave(merged());
          }}
        >
          {t('plan.conflictSave')}
        </button>
        <button type="button" className="button" onClick={onDiscard}>
          {t('plan.conflictDiscard')}
        </button>
      </p>
    </div>
  );
}
