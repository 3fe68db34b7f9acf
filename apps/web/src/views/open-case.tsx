import {
  type CaseOpeningView,
  type CreateWorkspaceRequest,
  createWorkspaceRequestSchema,
  type MeResponse,
} from '@atergang/contracts';
import { parsePersonnummer } from '@atergang/domain';
import { useState } from 'react';
import { type FieldPath, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OrganisationPicker } from '../components/organisation-picker';
import { TopTitle } from '../components/top-title';
import { ErrorMessage, Field, Loading, problemFieldErrors } from '../components/ui';
import { useAuth } from '../lib/auth';
import { useOpenCase } from '../lib/case-openings';
import { contractResolver } from '../lib/forms';

type Organisation = MeResponse['organisations'][number];

/**
 * The organisations the user acts for in cases: a role there other than administrator
 * (an ORG_ADMIN keeps the staff records and opens no case; the API refuses it too).
 */
export function caseRoleOrganisations(me: MeResponse | undefined): Organisation[] {
  return (me?.organisations ?? []).filter((organisation) =>
    organisation.roles.some((role) => role !== 'ORG_ADMIN'),
  );
}

interface OpenCaseForm {
  patientPersonnummer: string;
  patientName: string;
  patientEmail: string;
  actingOrganisationId: string;
  employerOrganisationId: string;
  sickPeriodStart: string;
  sickLeaveDegree: string;
  expectedLengthDays: string;
  earlierSickDays: string;
}

const DEGREES = ['25', '50', '75', '100'] as const;

/** '' → left out; anything else a number (zod then says whether it is a whole, sane one). */
const days = (value: string): number | undefined =>
  value.trim() === '' ? undefined : Number(value.trim());

function toRequest(
  values: OpenCaseForm,
  actingKind: Organisation['kind'] | undefined,
): CreateWorkspaceRequest {
  const request: CreateWorkspaceRequest = {
    patientPersonnummer: values.patientPersonnummer.trim(),
    patientName: values.patientName,
    patientEmail: values.patientEmail.trim(),
    sickPeriodStart: values.sickPeriodStart,
  };
  if (values.actingOrganisationId) request.actingOrganisationId = values.actingOrganisationId;
  // An employer opens the case for its own staff: the employer is the acting organisation.
  if (actingKind !== 'EMPLOYER' && values.employerOrganisationId) {
    request.employerOrganisationId = values.employerOrganisationId;
  }
  // One of DEGREES (the only choices); any other number the contract resolver refuses.
  if (values.sickLeaveDegree) {
    request.sickLeaveDegree = Number(
      values.sickLeaveDegree,
    ) as CreateWorkspaceRequest['sickLeaveDegree'];
  }
  const expected = days(values.expectedLengthDays);
  if (expected !== undefined) request.expectedLengthDays = expected;
  const earlier = days(values.earlierSickDays);
  if (earlier !== undefined) request.earlierSickDays = earlier;
  return request;
}

const FIELDS: ReadonlySet<string> = new Set<FieldPath<OpenCaseForm>>([
  'patientPersonnummer',
  'patientName',
  'patientEmail',
  'actingOrganisationId',
  'employerOrganisationId',
  'sickPeriodStart',
  'sickLeaveDegree',
  'expectedLengthDays',
  'earlierSickDays',
]);
const isField = (path: string): path is FieldPath<OpenCaseForm> => FIELDS.has(path);

export function OpenCasePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [sent, setSent] = useState<CaseOpeningView | null>(null);
  if (!me) return <Loading />;
  const organisations = caseRoleOrganisations(me);
  return (
    <div className="narrow">
      <TopTitle>{t('openCase.title')}</TopTitle>
      {organisations.length === 0 ? (
        <p>{t('openCase.notStaff')}</p>
      ) : sent ? (
        <Sent
          opening={sent}
          onAnother={() => {
            setSent(null);
          }}
        />
      ) : (
        <OpenCaseFormView organisations={organisations} onSent={setSent} />
      )}
    </div>
  );
}

function Sent({ opening, onAnother }: { opening: CaseOpeningView; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <div>
      <p role="status" className="alert alert-ok">
        {t('openCase.sent', { name: opening.patientName })}
      </p>
      <p>{t('openCase.sentNext')}</p>
      <p className="actions">
        <Link className="button button-primary" to="/">
          {t('openCase.back')}
        </Link>
        <button type="button" className="button" onClick={onAnother}>
          {t('openCase.another')}
        </button>
      </p>
    </div>
  );
}

function OpenCaseFormView({
  organisations,
  onSent,
}: {
  organisations: Organisation[];
  onSent: (opening: CaseOpeningView) => void;
}) {
  const { t } = useTranslation();
  const first = organisations[0];
  const kindOf = (id: string) => organisations.find((o) => o.id === id)?.kind;

  // The contract's schema, plus the personnummer's own rules (date and check digit) from
  // libs/domain, each with a message that says what to fix.
  const resolver: Resolver<OpenCaseForm> = async (values, context, options) => {
    const checked = await contractResolver<OpenCaseForm, CreateWorkspaceRequest>(
      createWorkspaceRequestSchema,
      (form) => toRequest(form, kindOf(form.actingOrganisationId)),
    )(values, context, options);
    const errors: Record<string, { type: string; message: string }> = {
      ...(checked.errors as Record<string, { type: string; message: string }>),
    };
    const personnummer = parsePersonnummer(values.patientPersonnummer);
    if (!personnummer.ok) {
      errors.patientPersonnummer = {
        type: 'personnummer',
        message: t(`openCase.personnummerProblems.${personnummer.reason}`),
      };
    }
    for (const name of ['expectedLengthDays', 'earlierSickDays'] as const) {
      if (errors[name]) errors[name] = { type: 'days', message: t('openCase.daysInvalid') };
    }
    return Object.keys(errors).length === 0
      ? checked
      : { values: {}, errors: errors as typeof checked.errors };
  };

  const form = useForm<OpenCaseForm>({
    resolver,
    defaultValues: {
      patientPersonnummer: '',
      patientName: '',
      patientEmail: '',
      actingOrganisationId: first?.id ?? '',
      employerOrganisationId: '',
      sickPeriodStart: '',
      sickLeaveDegree: '',
      expectedLengthDays: '',
      earlierSickDays: '',
    },
  });
  const acting = form.watch('actingOrganisationId');
  const actingOrganisation = organisations.find((o) => o.id === acting) ?? first;
  const employer = form.watch('employerOrganisationId');

  const open = useOpenCase({
    onSuccess: onSent,
    onError: (error) => {
      for (const { path, message } of problemFieldErrors(error)) {
        if (isField(path)) form.setError(path, { type: 'server', message });
      }
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    open.mutate(toRequest(values, actingOrganisation?.kind));
  });
  const { errors } = form.formState;
  const fieldErrorsShown = problemFieldErrors(open.error).some(({ path }) => isField(path));

  return (
    <>
      <p>{t('openCase.intro')}</p>
      {open.error && !fieldErrorsShown ? <ErrorMessage error={open.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="card">
        <fieldset>
          <legend>{t('openCase.person')}</legend>
          <Field
            label={t('openCase.personnummer')}
            hint={t('openCase.personnummerHint')}
            error={errors.patientPersonnummer?.message}
          >
            {(props) => (
              <input
                type="text"
                inputMode="numeric"
                autoComplete="off"
                {...props}
                {...form.register('patientPersonnummer')}
              />
            )}
          </Field>
          <Field label={t('openCase.name')} error={errors.patientName?.message}>
            {(props) => (
              <input type="text" autoComplete="off" {...props} {...form.register('patientName')} />
            )}
          </Field>
          <Field
            label={t('openCase.email')}
            hint={t('openCase.emailHint')}
            error={errors.patientEmail?.message}
          >
            {(props) => (
              <input
                type="email"
                autoComplete="off"
                {...props}
                {...form.register('patientEmail')}
              />
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('openCase.organisations')}</legend>
          {organisations.length > 1 ? (
            <Field label={t('openCase.acting')} error={errors.actingOrganisationId?.message}>
              {(props) => (
                <select {...props} {...form.register('actingOrganisationId')}>
                  {organisations.map((organisation) => (
                    <option key={organisation.id} value={organisation.id}>
                      {organisation.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <p>{t('openCase.actingOnly', { name: actingOrganisation?.name ?? '' })}</p>
          )}
          {actingOrganisation?.kind === 'EMPLOYER' ? (
            <p>{t('openCase.employerOwn', { name: actingOrganisation.name })}</p>
          ) : (
            <OrganisationPicker
              kind="EMPLOYER"
              value={employer}
              onChange={(entry) => {
                form.setValue('employerOrganisationId', entry?.id ?? '');
                form.clearErrors('employerOrganisationId');
              }}
              searchLabel={t('openCase.employerSearch')}
              chooseLabel={t('openCase.employer')}
              noneLabel={t('openCase.employerNone')}
              error={errors.employerOrganisationId?.message}
            />
          )}
        </fieldset>

        <fieldset>
          <legend>{t('openCase.sickLeave')}</legend>
          <Field label={t('openCase.sickPeriodStart')} error={errors.sickPeriodStart?.message}>
            {(props) => <input type="date" {...props} {...form.register('sickPeriodStart')} />}
          </Field>
          <Field label={t('openCase.degree')} error={errors.sickLeaveDegree?.message}>
            {(props) => (
              <select {...props} {...form.register('sickLeaveDegree')}>
                <option value="">{t('openCase.degreeUnknown')}</option>
                {DEGREES.map((degree) => (
                  <option key={degree} value={degree}>
                    {t('openCase.degreeValue', { degree })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t('openCase.expectedLengthDays')}
            hint={t('openCase.optional')}
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
          <Field
            label={t('openCase.earlierSickDays')}
            hint={t('openCase.earlierSickDaysHint')}
            error={errors.earlierSickDays?.message}
          >
            {(props) => (
              <input
                type="text"
                inputMode="numeric"
                {...props}
                {...form.register('earlierSickDays')}
              />
            )}
          </Field>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={open.isPending}>
          {open.isPending ? t('openCase.submitting') : t('openCase.submit')}
        </button>
      </form>
    </>
  );
}
