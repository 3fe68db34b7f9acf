import {
  CASE_CLOSING_REASONS,
  type CaseClosingReason,
  type CloseCaseRequest,
  closeCaseRequestSchema,
} from '@atergang/contracts';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field, formatDate, problemFieldErrors, today } from '../../components/ui';
import { useCloseCase } from '../../lib/case-facts';
import { blank, contractResolver } from '../../lib/forms';
import { useWorkspace } from '../../lib/workspace';
import { closingDateRange, reopenUntilFor } from './case-model';

interface CloseForm {
  reason: CaseClosingReason | '';
  closedOn: string;
  note: string;
}

function toRequest(values: CloseForm): CloseCaseRequest {
  const note = blank(values.note);
  return {
    reason: values.reason as CaseClosingReason,
    ...(values.closedOn ? { closedOn: values.closedOn } : {}),
    ...(note ? { note } : {}),
  };
}

/**
 * Ending the case: what it means comes first (read-only, reminders stop, reopening within
 * 90 days, the retention clock, the omställningsmöte after the benefit), then the reason,
 * the last day of the sick period and a comment.
 */
function CloseDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const now = today();
  const range = closingDateRange(ws.sickPeriodStart, now);
  const form = useForm<CloseForm>({
    defaultValues: { reason: '', closedOn: now, note: '' },
    resolver: contractResolver(closeCaseRequestSchema, toRequest),
  });
  const close = useCloseCase(ws.id, {
    onSuccess: onClose,
    onError: (error) => {
      for (const { path, message } of problemFieldErrors(error)) {
        const field = path.split('.')[0];
        if (field === 'reason' || field === 'closedOn' || field === 'note') {
          form.setError(field, { type: 'server', message });
        }
      }
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    close.mutate(toRequest(values));
  });
  const { errors } = form.formState;
  const reason = form.watch('reason');
  const closedOn = form.watch('closedOn');
  const reopenUntil = reopenUntilFor(closedOn);
  const reasonError =
    errors.reason === undefined
      ? undefined
      : errors.reason.type === 'server'
        ? errors.reason.message
        : t('case.close.reasonRequired');
  const mapped = problemFieldErrors(close.error).some(({ path }) =>
    ['reason', 'closedOn', 'note'].includes(path.split('.')[0] ?? ''),
  );
  const patient = ws.firstName;

  return (
    <section className="confirm" aria-labelledby="close-dialog-heading">
      <h3 id="close-dialog-heading" tabIndex={-1} ref={headingRef}>
        {t('case.close.title')}
      </h3>
      <p>
        <strong>{t('case.close.before')}</strong>
      </p>
      <ul className="consequences" data-testid="close-consequences">
        <li>{t('case.close.readOnly')}</li>
        <li>{t('case.close.reminders')}</li>
        <li>
          {reopenUntil
            ? t('case.close.reopenUntil', { patient, date: formatDate(reopenUntil) })
            : t('case.close.reopen', { patient })}
        </li>
        <li>{t('case.close.retention')}</li>
        <li>{t('case.close.benefitEnded', { patient })}</li>
      </ul>
      {close.error && !mapped ? <ErrorMessage error={close.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <fieldset
          className={reasonError ? 'field-invalid' : undefined}
          aria-describedby={reasonError ? 'close-reason-error' : undefined}
        >
          <legend>{t('case.close.reason')}</legend>
          {CASE_CLOSING_REASONS.map((option) => (
            <label key={option} className="checkbox">
              <input type="radio" value={option} {...form.register('reason')} />{' '}
              {t(`case.closingReasons.${option}`)}
            </label>
          ))}
          {reasonError ? (
            <p id="close-reason-error" className="error-text">
              {reasonError}
            </p>
          ) : null}
        </fieldset>
        <div aria-live="polite">
          {reason === 'BENEFIT_ENDED' ? (
            <p className="alert" data-testid="close-next-step">
              {t('case.close.benefitEndedNext', { patient })}
            </p>
          ) : null}
        </div>
        <Field
          label={t('case.close.closedOn')}
          hint={t('case.close.closedOnHint')}
          error={errors.closedOn?.message}
        >
          {(props) => (
            <input
              type="date"
              min={range.min}
              max={range.max}
              {...props}
              {...form.register('closedOn')}
            />
          )}
        </Field>
        <Field label={t('case.close.note')} error={errors.note?.message}>
          {(props) => <textarea rows={2} {...props} {...form.register('note')} />}
        </Field>
        <p className="actions">
          <button type="submit" className="button button-danger" disabled={close.isPending}>
            {t('case.close.confirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
        </p>
      </form>
    </section>
  );
}

/** The way to end the case, for the roles that may (`case:close`), while it is open. */
export function CloseCase() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [open, setOpen] = useState(false);
  if (!ws.can('case:close') || ws.closing !== null) return null;
  if (open) {
    return (
      <CloseDialog
        onClose={() => {
          setOpen(false);
        }}
      />
    );
  }
  return (
    <section aria-labelledby="close-heading">
      <h3 id="close-heading">{t('case.close.sectionTitle')}</h3>
      <p>{t('case.close.sectionIntro')}</p>
      <button
        type="button"
        className="button"
        onClick={() => {
          setOpen(true);
        }}
      >
        {t('case.close.open')}
      </button>
    </section>
  );
}
