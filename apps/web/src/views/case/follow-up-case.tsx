import { type FollowUpCaseRequest, followUpCaseRequestSchema } from '@atergang/contracts';
import { addDays } from '@atergang/domain';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Field, formatDate, problemFieldErrors } from '../../components/ui';
import { useAskFollowUpCase } from '../../lib/case-openings';
import { contractResolver } from '../../lib/forms';
import { useWorkspace } from '../../lib/workspace';

interface FollowUpForm {
  newPeriodStart: string;
}

const toRequest = (values: FollowUpForm): FollowUpCaseRequest => ({ ...values });

type Closing = NonNullable<ReturnType<typeof useWorkspace>['closing']>;

/**
 * A new sick period that starts too late to reopen the case (90 days or more after it
 * closed) is a new case. What that means first; then the request goes to the person, who
 * decides, exactly as when any case is opened.
 */
function FollowUpDialog({ closing, onClose }: { closing: Closing; onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const earliest = addDays(closing.reopenUntil, 1);
  const form = useForm<FollowUpForm>({
    defaultValues: { newPeriodStart: '' },
    resolver: contractResolver(followUpCaseRequestSchema, toRequest),
  });
  const ask = useAskFollowUpCase(ws.id, {
    onError: (error) => {
      for (const { path, message } of problemFieldErrors(error)) {
        if (path === 'newPeriodStart') form.setError(path, { type: 'server', message });
      }
    },
  });
  const patient = ws.firstName;
  if (ask.data) {
    return (
      <section className="confirm" aria-labelledby="follow-up-sent-heading">
        <h3 id="follow-up-sent-heading">{t('case.followUp.sentTitle')}</h3>
        <p role="status" data-testid="follow-up-sent">
          {t('case.followUp.sent', { patient })}
        </p>
        <p className="actions">
          <button type="button" className="button" onClick={onClose}>
            {t('case.followUp.done')}
          </button>
        </p>
      </section>
    );
  }
  const { errors } = form.formState;
  const mapped = problemFieldErrors(ask.error).some(({ path }) => path === 'newPeriodStart');
  return (
    <section className="confirm" aria-labelledby="follow-up-dialog-heading">
      <h3 id="follow-up-dialog-heading" tabIndex={-1} ref={headingRef}>
        {t('case.followUp.title')}
      </h3>
      <p>
        <strong>{t('case.followUp.before')}</strong>
      </p>
      <ul className="consequences" data-testid="follow-up-consequences">
        <li>{t('case.followUp.newChain', { date: formatDate(closing.reopenUntil) })}</li>
        <li>{t('case.followUp.asked', { patient })}</li>
        <li>{t('case.followUp.people', { patient })}</li>
        <li>{t('case.followUp.oldStays')}</li>
      </ul>
      {ask.error && !mapped ? <ErrorMessage error={ask.error} /> : null}
      <form
        onSubmit={(event) =>
          void form.handleSubmit((values) => {
            ask.mutate(toRequest(values));
          })(event)
        }
        noValidate
      >
        <Field
          label={t('case.followUp.newPeriodStart')}
          hint={t('case.followUp.newPeriodStartHint', { from: formatDate(earliest) })}
          error={errors.newPeriodStart?.message}
        >
          {(props) => (
            <input type="date" min={earliest} {...props} {...form.register('newPeriodStart')} />
          )}
        </Field>
        <p className="actions">
          <button type="submit" className="button button-primary" disabled={ask.isPending}>
            {t('case.followUp.confirm', { patient })}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
        </p>
      </form>
    </section>
  );
}

/** For the roles that may reopen (`case:reopen`): a new period after the 90 days. */
export function FollowUpCase() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [open, setOpen] = useState(false);
  const closing = ws.closing;
  if (!ws.can('case:reopen') || closing === null) return null;
  if (open) {
    return (
      <FollowUpDialog
        closing={closing}
        onClose={() => {
          setOpen(false);
        }}
      />
    );
  }
  return (
    <section aria-labelledby="follow-up-heading">
      <h3 id="follow-up-heading">{t('case.followUp.sectionTitle')}</h3>
      <p>{t('case.followUp.sectionIntro', { date: formatDate(closing.reopenUntil) })}</p>
      <button
        type="button"
        className="button"
        onClick={() => {
          setOpen(true);
        }}
      >
        {t('case.followUp.openButton')}
      </button>
    </section>
  );
}

/** A case that follows a closed one links back to it. */
export function PreviousCaseLink() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  if (!ws.previousCaseId) return null;
  return (
    <p data-testid="previous-case">
      {t('case.followUp.previous')}{' '}
      <Link to={`/w/${ws.previousCaseId}/arende`}>{t('case.followUp.previousLink')}</Link>
    </p>
  );
}
