// The editor of the parts the caller writes, and the merge after a conflict.
import {
  MEASURE_CATEGORIES,
  MEASURE_KINDS,
  MEASURE_STATUSES,
  type PlanView,
  SICK_LEAVE_DEGREES,
  updatePlanRequestSchema,
} from '@atergang/contracts';
import { useEffect, useState } from 'react';
import { type FieldPath, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field, problemFieldErrors } from '../../components/ui';
import { DateInput } from '../../components/date-input';
import { ApiError } from '../../lib/api';
import { contractResolver } from '../../lib/forms';
import { useSavePlan } from '../../lib/plan';
import { useWorkspace } from '../../lib/workspace';
import { ConflictMerge } from './conflict-merge';
import {
  type Baseline,
  changesOf,
  type Conflict,
  type EditRights,
  emptyMeasure,
  type PlanForm,
  savedByOf,
  toForm,
  writableParts,
} from './plan-form';

export function PlanEditor({ plan, rights }: { plan: PlanView; rights: EditRights }) {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const party = ws.me.party;
  // The version this form is based on: it changes only when the user loads a newer one.
  const [baseline, setBaseline] = useState<Baseline>(() => ({
    version: plan.version,
    form: toForm(plan, party, rights),
  }));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  const form = useForm<PlanForm>({
    defaultValues: baseline.form,
    // Only what the caller may write is checked (and sent): other parts are not in the form.
    resolver: contractResolver(updatePlanRequestSchema, (values: PlanForm) => ({
      version: baseline.version,
      ...writableParts(values, rights),
    })),
  });
  const measures = useFieldArray({ control: form.control, name: 'measures' });
  const steps = useFieldArray({ control: form.control, name: 'sickLeaveSteps' });
  const followUps = useFieldArray({ control: form.control, name: 'followUps' });
  const { errors, isDirty } = form.formState;

  const loadBaseline = (next: PlanView) => {
    const nextForm = toForm(next, party, rights);
    form.reset(nextForm);
    setBaseline({ version: next.version, form: nextForm });
  };

  // A newer plan arrives live: an untouched form follows it; a form being edited keeps the
  // user's text, and a save will meet the conflict view instead of overwriting.
  useEffect(() => {
    if (!isDirty && plan.version !== baseline.version) {
      const nextForm = toForm(plan, party, rights);
      form.reset(nextForm);
      setBaseline({ version: plan.version, form: nextForm });
    }
  }, [plan, isDirty, baseline.version, form, party, rights]);

  const save = useSavePlan(ws.id, {
    onSaved: (next) => {
      loadBaseline(next);
      setConflict(null);
      setSaved(next.version);
    },
    onConflict: (theirs, error) => {
      setConflict({ mine: form.getValues(), theirs, savedBy: savedByOf(error.problem) });
    },
    onError: (error) => {
      // A refusal that names a field (a part not the caller's, a medical measure) shows there.
      for (const { path, message } of problemFieldErrors(error)) {
        form.setError(path as FieldPath<PlanForm>, { type: 'server', message });
      }
    },
  });

  const submit = (values: PlanForm, base: Baseline) => {
    setSaved(null);
    const request = changesOf(values, base.form, base.version, rights);
    setUnchanged(request === null);
    if (request) save.mutate(request);
  };
  const onSubmit = form.handleSubmit((values) => {
    submit(values, baseline);
  });

  const listFormat = new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
    style: 'long',
    type: 'conjunction',
  });
  const parts = [
    ...(rights.employerPart ? [t('plan.partEmployer')] : []),
    ...(rights.steps ? [t('plan.partSteps')] : []),
    ...(rights.measures ? [t('plan.partMeasures', { party: t(`parties.${party}`) })] : []),
  ];
  const mine = ws.isPatient;

  return (
    <section className="card editor" aria-labelledby="edit-heading">
      <h3 id="edit-heading">{mine ? t('plan.editMine') : t('plan.edit')}</h3>
      <p className="muted">
        {mine ? t('plan.editIntroMine') : t('plan.editIntro', { parts: listFormat.format(parts) })}
      </p>
      {saved !== null ? (
        <p role="status" className="alert alert-ok">
          {t('plan.saved', { version: saved })}
        </p>
      ) : null}
      {unchanged ? (
        <p role="status" className="alert">
          {t('plan.nothingChanged')}
        </p>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <p role="alert" className="alert alert-error">
          {t('plan.formErrors')}
        </p>
      ) : null}
      {save.error && !(save.error instanceof ApiError && save.error.status === 409) ? (
        <ErrorMessage error={save.error} />
      ) : null}
      {conflict ? (
        <ConflictMerge
          conflict={conflict}
          rights={rights}
          onDiscard={() => {
            loadBaseline(conflict.theirs);
            setConflict(null);
          }}
          onSave={(merged) => {
            const base = {
              version: conflict.theirs.version,
              form: toForm(conflict.theirs, party, rights),
            };
            form.reset(merged);
            setBaseline(base);
            const request = changesOf(merged, base.form, base.version, rights);
            if (request) {
              save.mutate(request);
            } else {
              // Every part taken from the saved version: nothing of mine is left to save.
              loadBaseline(conflict.theirs);
              setConflict(null);
            }
          }}
        />
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate hidden={conflict !== null}>
        {rights.employerPart ? (
          <>
            <h4>{t('plan.employerPart')}</h4>
            <Field label={t('plan.goalLabel')} error={errors.goal?.message}>
              {(props) => <textarea rows={3} {...props} {...form.register('goal')} />}
            </Field>
            <div className="row">
              <Field label={t('plan.returnLabel')} error={errors.expectedReturnDate?.message}>
                {(props) => <DateInput {...props} {...form.register('expectedReturnDate')} />}
              </Field>
              <Field label={t('plan.basisLabel')} error={errors.expectedReturnBasis?.message}>
                {(props) => (
                  <input type="text" {...props} {...form.register('expectedReturnBasis')} />
                )}
              </Field>
            </div>
            <Field label={t('plan.contactLabel')} error={errors.contactArrangements?.message}>
              {(props) => (
                <textarea rows={2} {...props} {...form.register('contactArrangements')} />
              )}
            </Field>
            <h4>{t('plan.followUps')}</h4>
            {followUps.fields.map((field, index) => {
              const e = errors.followUps?.[index];
              return (
                <fieldset key={field.id}>
                  <legend>{t('plan.followUpLegend', { n: index + 1 })}</legend>
                  <div className="row">
                    <Field label={t('plan.followUpDate')} error={e?.date?.message}>
                      {(props) => (
                        <DateInput {...props} {...form.register(`followUps.${index}.date`)} />
                      )}
                    </Field>
                    <Field label={t('plan.followUpWhat')} error={e?.description?.message}>
                      {(props) => (
                        <input
                          type="text"
                          {...props}
                          {...form.register(`followUps.${index}.description`)}
                        />
                      )}
                    </Field>
                  </div>
                  <label className="checkbox">
                    <input type="checkbox" {...form.register(`followUps.${index}.done`)} />{' '}
                    {t('plan.followUpDone')}
                  </label>
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => {
                      followUps.remove(index);
                    }}
                  >
                    {t('plan.removeFollowUp', { n: index + 1 })}
                  </button>
                </fieldset>
              );
            })}
            <p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  followUps.append({ date: '', description: '', ownerParty: party, done: false });
                }}
              >
                {t('plan.addFollowUp')}
              </button>
            </p>
          </>
        ) : null}
        {rights.steps ? (
          <>
            <h4>{t('plan.stepsOthers')}</h4>
            {steps.fields.map((field, index) => {
              const e = errors.sickLeaveSteps?.[index];
              return (
                <fieldset key={field.id}>
                  <legend>{t('plan.stepLegend', { n: index + 1 })}</legend>
                  <div className="row">
                    <Field label={t('plan.degree')} error={e?.degree?.message}>
                      {(props) => (
                        <select {...props} {...form.register(`sickLeaveSteps.${index}.degree`)}>
                          {SICK_LEAVE_DEGREES.map((degree) => (
                            <option key={degree} value={String(degree)}>
                              {degree} %
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field label={t('plan.from')} error={e?.fromDate?.message}>
                      {(props) => (
                        <DateInput
                          {...props}
                          {...form.register(`sickLeaveSteps.${index}.fromDate`)}
                        />
                      )}
                    </Field>
                    <Field label={t('plan.to')} error={e?.toDate?.message}>
                      {(props) => (
                        <DateInput
                          {...props}
                          {...form.register(`sickLeaveSteps.${index}.toDate`)}
                        />
                      )}
                    </Field>
                  </div>
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => {
                      steps.remove(index);
                    }}
                  >
                    {t('plan.removeStep', { n: index + 1 })}
                  </button>
                </fieldset>
              );
            })}
            <p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  steps.append({ degree: '50', fromDate: '', toDate: '' });
                }}
              >
                {t('plan.addStep')}
              </button>
            </p>
          </>
        ) : null}
        {rights.measures ? (
          <>
            <h4>{mine ? t('plan.myMeasuresMine') : t('plan.myMeasures')}</h4>
            {measures.fields.map((field, index) => {
              const e = errors.measures?.[index];
              return (
                <fieldset key={field.id} className="measure-form">
                  <legend>{t('plan.measureLegend', { n: index + 1 })}</legend>
                  <div className="row">
                    <Field label={t('plan.kind')} error={e?.kind?.message}>
                      {(props) => (
                        <select {...props} {...form.register(`measures.${index}.kind`)}>
                          {MEASURE_KINDS.map((kind) => (
                            <option key={kind} value={kind}>
                              {t(`measureKinds.${kind}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field label={t('plan.status')} error={e?.status?.message}>
                      {(props) => (
                        <select {...props} {...form.register(`measures.${index}.status`)}>
                          {MEASURE_STATUSES.map((status) => (
                            <option key={status} value={status}>
                              {t(`measureStatuses.${status}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    {rights.medicalMeasures ? (
                      <Field
                        label={t('plan.category')}
                        error={e?.category?.message}
                        hint={
                          mine
                            ? t('plan.categoryHintMine')
                            : t('plan.categoryHint', { patient: ws.firstName })
                        }
                      >
                        {(props) => (
                          <select {...props} {...form.register(`measures.${index}.category`)}>
                            {MEASURE_CATEGORIES.map((category) => (
                              <option key={category} value={category}>
                                {category === 'MEDICAL'
                                  ? t('plan.categoryMedical')
                                  : t('plan.categoryPlan')}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                    ) : null}
                  </div>
                  <Field label={t('plan.measureTitle')} error={e?.title?.message}>
                    {(props) => (
                      <input type="text" {...props} {...form.register(`measures.${index}.title`)} />
                    )}
                  </Field>
                  <Field label={t('plan.descriptionLabel')} error={e?.description?.message}>
                    {(props) => (
                      <textarea
                        rows={2}
                        {...props}
                        {...form.register(`measures.${index}.description`)}
                      />
                    )}
                  </Field>
                  <Field label={t('plan.responsibleLabel')} error={e?.responsibleName?.message}>
                    {(props) => (
                      <input
                        type="text"
                        {...props}
                        {...form.register(`measures.${index}.responsibleName`)}
                      />
                    )}
                  </Field>
                  <div className="row">
                    <Field label={t('plan.start')} error={e?.startDate?.message}>
                      {(props) => (
                        <DateInput {...props} {...form.register(`measures.${index}.startDate`)} />
                      )}
                    </Field>
                    <Field label={t('plan.end')} error={e?.endDate?.message}>
                      {(props) => (
                        <DateInput {...props} {...form.register(`measures.${index}.endDate`)} />
                      )}
                    </Field>
                    <Field label={t('plan.followUpLabel')} error={e?.followUpDate?.message}>
                      {(props) => (
                        <DateInput
                          {...props}
                          {...form.register(`measures.${index}.followUpDate`)}
                        />
                      )}
                    </Field>
                  </div>
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => {
                      measures.remove(index);
                    }}
                  >
                    {t('plan.removeMeasure', {
                      title: form.getValues(`measures.${index}.title`) || index + 1,
                    })}
                  </button>
                </fieldset>
              );
            })}
            <p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  measures.append(emptyMeasure(party));
                }}
              >
                {t('plan.addMeasure')}
              </button>
            </p>
          </>
        ) : null}
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('plan.saving') : t('plan.saveButton')}
        </button>
      </form>
    </section>
  );
}
