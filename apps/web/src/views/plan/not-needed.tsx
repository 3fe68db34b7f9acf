import { type PlanNotNeededRequest, planNotNeededRequestSchema } from '@atergang/contracts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field, problemFieldErrors } from '../../components/ui';
import { contractResolver } from '../../lib/forms';
import { useRecordPlanNotNeeded } from '../../lib/plan';
import { useWorkspace } from '../../lib/workspace';

/**
 * The employer's documented assessment that no plan för återgång i arbete is needed
 * (SFB 30 kap. 6 §, e.g. back at work within 60 days), with its reason.
 */
export function NotNeeded() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const form = useForm<PlanNotNeededRequest>({
    defaultValues: { reason: '' },
    resolver: contractResolver(
      planNotNeededRequestSchema,
      (values: PlanNotNeededRequest) => values,
    ),
  });
  const record = useRecordPlanNotNeeded(ws.id, {
    onError: (error) => {
      for (const { path, message } of problemFieldErrors(error)) {
        if (path === 'reason') form.setError('reason', { type: 'server', message });
      }
    },
  });
  const { errors } = form.formState;
  return (
    <details className="card not-needed">
      <summary>{t('plan.notNeededSummary')}</summary>
      <p>{t('plan.notNeededIntro')}</p>
      <form
        noValidate
        onSubmit={(event) =>
          void form.handleSubmit((values) => {
            record.mutate(values);
          })(event)
        }
      >
        <Field label={t('plan.notNeededReason')} error={errors.reason?.message}>
          {(props) => <textarea rows={3} {...props} {...form.register('reason')} />}
        </Field>
        {record.error ? <ErrorMessage error={record.error} /> : null}
        <button type="submit" className="button" disabled={record.isPending}>
          {t('plan.notNeededButton')}
        </button>
      </form>
    </details>
  );
}
