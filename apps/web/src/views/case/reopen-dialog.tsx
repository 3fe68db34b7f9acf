import { type ReopenCaseRequest, reopenCaseRequestSchema } from '@atergang/contracts';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field, formatDate, problemFieldErrors, today } from '../../components/ui';
import { useReopenCase } from '../../lib/case-facts';
import { contractResolver } from '../../lib/forms';
import { useWorkspace } from '../../lib/workspace';
import { reopenDateRange } from './case-model';

interface ReopenForm {
  newPeriodStart: string;
  reason: string;
}

const toRequest = (values: ReopenForm): ReopenCaseRequest => ({ ...values });

type Closing = NonNullable<ReturnType<typeof useWorkspace>['closing']>;

/**
 * Continuing a closed case when a new sick period starts fewer than 90 days after it
 * ended: what that means first (the chain continues, the ended period counts), then the
 * new period's first day and why.
 */
function ReopenDialog({ closing, onClose }: { closing: Closing; onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const range = reopenDateRange(closing);
  const now = today();
  const form = useForm<ReopenForm>({
    defaultValues: {
      // Today, when a period starting today still continues the case.
      newPeriodStart: now >= range.min && now <= range.max ? now : '',
      reason: '',
    },
    resolver: contractResolver(reopenCaseRequestSchema, toRequest),
  });
  const reopen = useReopenCase(ws.id, {
    onSuccess: onClose,
    onError: (error) => {
      for (const { path, message } of problemFieldErrors(error)) {
        const field = path.split('.')[0];
        if (field === 'newPeriodStart' || field === 'reason') {
          form.setError(field, { type: 'server', message });
        }
      }
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    reopen.mutate(toRequest(values));
  });
  const { errors } = form.formState;
  const mapped = problemFieldErrors(reopen.error).some(({ path }) =>
    ['newPeriodStart', 'reason'].includes(path.split('.')[0] ?? ''),
  );
  const patient = ws.firstName;
  return (
    <section className="confirm" aria-labelledby="reopen-dialog-heading">
      <h3 id="reopen-dialog-heading" tabIndex={-1} ref={headingRef}>
        {t('case.reopen.title')}
      </h3>
      <p>
        <strong>{t('case.reopen.before')}</strong>
      </p>
      <ul className="consequences" data-testid="reopen-consequences">
        <li>{t('case.reopen.open')}</li>
        <li>{t('case.reopen.chain', { patient, closedOn: formatDate(closing.closedOn) })}</li>
        <li>{t('case.reopen.window', { date: formatDate(closing.reopenUntil) })}</li>
        <li>{t('case.reopen.deadlines')}</li>
      </ul>
      {reopen.error && !mapped ? <ErrorMessage error={reopen.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field
          label={t('case.reopen.newPeriodStart')}
          hint={t('case.reopen.newPeriodStartHint', {
            from: formatDate(range.min),
            to: formatDate(range.max),
          })}
          error={errors.newPeriodStart?.message}
        >
          {(props) => (
            <input
              type="date"
              min={range.min}
              max={range.max}
              {...props}
              {...form.register('newPeriodStart')}
            />
          )}
        </Field>
        <Field
          label={t('case.reopen.reason')}
          hint={t('case.facts.reasonHint')}
          error={errors.reason?.message}
        >
          {(props) => <textarea rows={2} required {...props} {...form.register('reason')} />}
        </Field>
        <p className="actions">
          <button type="submit" className="button button-primary" disabled={reopen.isPending}>
            {t('case.reopen.confirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
        </p>
      </form>
    </section>
  );
}

/** The way to continue a closed case, for the roles that may (`case:reopen`). */
export function ReopenCase() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [open, setOpen] = useState(false);
  const closing = ws.closing;
  if (!ws.can('case:reopen') || closing === null) return null;
  if (open) {
    return (
      <ReopenDialog
        closing={closing}
        onClose={() => {
          setOpen(false);
        }}
      />
    );
  }
  return (
    <section aria-labelledby="reopen-heading">
      <h3 id="reopen-heading">{t('case.reopen.sectionTitle')}</h3>
      <p>{t('case.reopen.sectionIntro', { date: formatDate(closing.reopenUntil) })}</p>
      <button
        type="button"
        className="button button-primary"
        onClick={() => {
          setOpen(true);
        }}
      >
        {t('case.reopen.openButton')}
      </button>
    </section>
  );
}
