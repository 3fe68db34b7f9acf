import { createCertificateRequestSchema } from '@atergang/contracts';
import { useEffect, useRef } from 'react';
import { type FieldError, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field, problemFieldErrors } from '../../components/ui';
import { useCreateCertificate } from '../../lib/case-facts';
import { contractResolver } from '../../lib/forms';
import { useWorkspace } from '../../lib/workspace';
import { certificateRequest, type CertificateForm, DEGREES } from './case-model';

const FIELDS = [
  'periodFrom',
  'periodTo',
  'degree',
  'diagnosisCode',
  'diagnosisText',
  'activityLimitations',
  'remainingCapacity',
  'prognosis',
  'recommendedMeasures',
  'expectedLengthDays',
] as const satisfies readonly (keyof CertificateForm)[];
type FormField = (typeof FIELDS)[number];

const formField = (path: string): FormField | null => {
  const field = path.split('.')[0];
  return FIELDS.find((name) => name === field) ?? null;
};

/**
 * The treating doctor's läkarintyg: a new one, or a renewal (`renewing`) prefilled from the
 * latest. Its period and degree become the case's facts and the plan's sick-leave steps.
 */
export function CertificateEditor({
  initial,
  renewing,
  onDone,
}: {
  initial: CertificateForm;
  renewing: boolean;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const form = useForm<CertificateForm>({
    defaultValues: initial,
    resolver: contractResolver(createCertificateRequestSchema, certificateRequest),
  });
  const create = useCreateCertificate(ws.id, {
    onSuccess: () => {
      onDone(true);
    },
    onError: (error) => {
      for (const { path, message } of problemFieldErrors(error)) {
        const field = formField(path);
        if (field) form.setError(field, { type: 'server', message });
      }
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    create.mutate(certificateRequest(values));
  });
  const { errors } = form.formState;
  // The contract's own words are for developers where they are not about one rule the
  // reader can follow: these fields say what to write instead.
  const own = (error: FieldError | undefined, text: string) =>
    error === undefined ? undefined : error.type === 'server' ? error.message : text;
  const mapped = problemFieldErrors(create.error).some(({ path }) => formField(path) !== null);
  const degreeError = own(errors.degree, t('case.certificateForm.degreeRequired'));
  const title = renewing ? t('case.certificateForm.renewTitle') : t('case.certificateForm.title');

  return (
    <section className="card" aria-labelledby="certificate-form-heading">
      <h4 id="certificate-form-heading" tabIndex={-1} ref={headingRef}>
        {title}
      </h4>
      <p className="hint">
        {renewing ? t('case.certificateForm.renewIntro') : t('case.certificateForm.intro')}
      </p>
      {create.error && !mapped ? <ErrorMessage error={create.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <fieldset>
          <legend>{t('case.certificateForm.period')}</legend>
          <div className="row">
            <Field label={t('case.certificateForm.from')} error={errors.periodFrom?.message}>
              {(props) => <input type="date" {...props} {...form.register('periodFrom')} />}
            </Field>
            <Field
              label={t('case.certificateForm.to')}
              error={
                errors.periodTo?.type === 'custom'
                  ? t('case.certificateForm.toBeforeFrom')
                  : errors.periodTo?.message
              }
            >
              {(props) => <input type="date" {...props} {...form.register('periodTo')} />}
            </Field>
          </div>
        </fieldset>
        <fieldset
          className={degreeError ? 'field-invalid' : undefined}
          aria-describedby={degreeError ? 'certificate-degree-error' : undefined}
        >
          <legend>{t('case.certificateForm.degree')}</legend>
          {DEGREES.map((degree) => (
            <label key={degree} className="checkbox">
              <input type="radio" value={degree} {...form.register('degree')} />{' '}
              {t('case.percent', { degree })}
            </label>
          ))}
          {degreeError ? (
            <p id="certificate-degree-error" className="error-text">
              {degreeError}
            </p>
          ) : null}
        </fieldset>
        <div className="row">
          <Field
            label={t('case.certificateForm.diagnosisCode')}
            hint={t('case.certificateForm.diagnosisCodeHint')}
            error={own(errors.diagnosisCode, t('case.certificateForm.diagnosisCodeInvalid'))}
          >
            {(props) => (
              <input
                type="text"
                autoComplete="off"
                {...props}
                {...form.register('diagnosisCode')}
              />
            )}
          </Field>
          <Field
            label={t('case.certificateForm.diagnosisText')}
            error={errors.diagnosisText?.message}
          >
            {(props) => <input type="text" {...props} {...form.register('diagnosisText')} />}
          </Field>
        </div>
        <Field
          label={t('case.medical.activityLimitations')}
          hint={t('case.certificateForm.activityLimitationsHint')}
          error={errors.activityLimitations?.message}
        >
          {(props) => <textarea rows={3} {...props} {...form.register('activityLimitations')} />}
        </Field>
        <Field
          label={t('case.certificateForm.optional', { label: t('case.medical.remainingCapacity') })}
          error={errors.remainingCapacity?.message}
        >
          {(props) => <textarea rows={2} {...props} {...form.register('remainingCapacity')} />}
        </Field>
        <Field
          label={t('case.certificateForm.optional', { label: t('case.medical.prognosis') })}
          error={errors.prognosis?.message}
        >
          {(props) => <textarea rows={2} {...props} {...form.register('prognosis')} />}
        </Field>
        <Field
          label={t('case.certificateForm.optional', {
            label: t('case.medical.recommendedMeasures'),
          })}
          error={errors.recommendedMeasures?.message}
        >
          {(props) => <textarea rows={2} {...props} {...form.register('recommendedMeasures')} />}
        </Field>
        <Field
          label={t('case.certificateForm.optional', {
            label: t('case.fields.expectedLengthDays'),
          })}
          hint={t('case.certificateForm.expectedLengthHint')}
          error={own(errors.expectedLengthDays, t('case.certificateForm.expectedLengthInvalid'))}
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
        <p className="actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('case.certificateForm.save')}
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
