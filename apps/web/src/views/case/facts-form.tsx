import {
  type CaseFactUpdateField,
  EMPLOYMENT_STATUSES,
  type UpdateCaseFactsRequest,
  updateCaseFactsRequestSchema,
} from '@atergang/contracts';
import { useEffect, useRef, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field, problemFieldErrors, useExplain } from '../../components/ui';
import { useUpdateCaseFacts } from '../../lib/case-facts';
import { contractResolver } from '../../lib/forms';
import { useWorkspace } from '../../lib/workspace';
import { factsChanges, factsFieldOf, type FactsForm } from './case-model';

/**
 * The caller's correction of the facts their role keeps (`case:update-facts:<field>`):
 * only those fields are offered, only what was changed is sent, always with a reason
 * (every change is a revision on the timeline, with its author).
 */
export function FactsEditor({
  initial: current,
  editable,
  onDone,
}: {
  initial: FactsForm;
  editable: readonly CaseFactUpdateField[];
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  // What the form started from: a change someone else makes meanwhile (live) must not make
  // this form send the old value back as if the user had typed it.
  const [initial] = useState(current);
  const explain = useExplain();
  const ws = useWorkspace();
  const [nothingChanged, setNothingChanged] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const form = useForm<FactsForm>({
    defaultValues: initial,
    // With nothing changed there is nothing to check: the submit says so instead.
    resolver: (values, context, options) => {
      const request = factsChanges(initial, values, editable);
      if (!request) return { values, errors: {} };
      return contractResolver<FactsForm, UpdateCaseFactsRequest>(
        updateCaseFactsRequestSchema,
        () => request,
      )(values, context, options);
    },
  });
  const periods = useFieldArray({ control: form.control, name: 'earlierPeriods' });
  const save = useUpdateCaseFacts(ws.id, {
    onSuccess: () => {
      onDone(true);
    },
    onError: (error) => {
      for (const { path, message } of problemFieldErrors(error)) {
        const field = factsFieldOf(path);
        if (field) form.setError(field, { type: 'server', message });
      }
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    const request = factsChanges(initial, values, editable);
    setNothingChanged(request === null);
    if (request) save.mutate(request);
  });
  const { errors } = form.formState;
  const may = (field: CaseFactUpdateField) => editable.includes(field);
  const mapped = problemFieldErrors(save.error).some(({ path }) => factsFieldOf(path) !== null);
  const periodsError = explain(
    errors.earlierPeriods?.message ?? errors.earlierPeriods?.root?.message,
  );

  return (
    <section className="card" aria-labelledby="facts-edit-heading">
      <h4 id="facts-edit-heading" tabIndex={-1} ref={headingRef}>
        {t('case.facts.editTitle')}
      </h4>
      <p className="hint">{t('case.facts.editIntro')}</p>
      {save.error && !mapped ? <ErrorMessage error={save.error} /> : null}
      {nothingChanged ? (
        <p role="alert" className="alert">
          {t('case.facts.nothingChanged')}
        </p>
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        {may('sickPeriodStart') ? (
          <Field
            label={t('case.fields.sickPeriodStart')}
            hint={t('case.facts.sickPeriodStartHint')}
            error={errors.sickPeriodStart?.message}
          >
            {(props) => <input type="date" {...props} {...form.register('sickPeriodStart')} />}
          </Field>
        ) : null}
        {may('earlierPeriods') ? (
          <fieldset aria-describedby={`earlier-hint${periodsError ? ' earlier-error' : ''}`}>
            <legend>{t('case.fields.earlierPeriods')}</legend>
            <p id="earlier-hint" className="hint">
              {t('case.facts.earlierHint')}
            </p>
            {periods.fields.length === 0 ? (
              <p className="muted">{t('case.facts.noEarlier')}</p>
            ) : null}
            {periods.fields.map((field, index) => {
              const e = errors.earlierPeriods?.[index];
              return (
                <div key={field.id} className="slot-input">
                  <p className="slot-label">{t('case.facts.periodN', { n: index + 1 })}</p>
                  <div className="row">
                    <Field label={t('case.facts.periodFrom')} error={e?.from?.message}>
                      {(props) => (
                        <input
                          type="date"
                          {...props}
                          {...form.register(`earlierPeriods.${index}.from`)}
                        />
                      )}
                    </Field>
                    <Field label={t('case.facts.periodTo')} error={e?.to?.message}>
                      {(props) => (
                        <input
                          type="date"
                          {...props}
                          {...form.register(`earlierPeriods.${index}.to`)}
                        />
                      )}
                    </Field>
                  </div>
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => {
                      periods.remove(index);
                    }}
                  >
                    {t('case.facts.removePeriod', { n: index + 1 })}
                  </button>
                </div>
              );
            })}
            {periodsError ? (
              <p id="earlier-error" className="error-text">
                {periodsError}
              </p>
            ) : null}
            <button
              type="button"
              className="button"
              onClick={() => {
                periods.append({ from: '', to: '' });
              }}
            >
              {t('case.facts.addPeriod')}
            </button>
          </fieldset>
        ) : null}
        {may('employmentStatus') ? (
          <Field
            label={t('case.fields.employmentStatus')}
            hint={t('case.facts.employmentHint')}
            error={errors.employmentStatus?.message}
          >
            {(props) => (
              <select {...props} {...form.register('employmentStatus')}>
                {EMPLOYMENT_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(`case.employment.${status}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {may('expectedLengthDays') ? (
          <Field
            label={t('case.fields.expectedLengthDays')}
            hint={t('case.facts.expectedLengthHint')}
            error={errors.expectedLengthDays?.message}
          >
            {(props) => (
              <input
                type="text"
                inputMode="numeric"
                {...props}
                {...form.register('expectedLengthDays')}
              />
            )}
          </Field>
        ) : null}
        {may('expectedLengthBasis') ? (
          <Field
            label={t('case.fields.expectedLengthBasis')}
            error={errors.expectedLengthBasis?.message}
          >
            {(props) => <textarea rows={2} {...props} {...form.register('expectedLengthBasis')} />}
          </Field>
        ) : null}
        <Field
          label={t('case.facts.reason')}
          hint={t('case.facts.reasonHint')}
          error={errors.reason?.message}
        >
          {(props) => <textarea rows={2} required {...props} {...form.register('reason')} />}
        </Field>
        <p className="actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {t('case.facts.save')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              onDone(false);
            }}
          >
            {t('app.cancel')}
          </button>
        </p>
      </form>
    </section>
  );
}
