import {
  type InviteParticipantRequest,
  inviteParticipantRequestSchema,
  ORGANISATION_KINDS,
  type OrganisationKind,
} from '@atergang/contracts';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { OrganisationPicker } from '../components/organisation-picker';
import { ErrorMessage, Field, problemFieldErrors } from '../components/ui';
import { contractResolver } from '../lib/forms';
import { useInviteParticipant } from '../lib/people';
import { useWorkspace } from '../lib/workspace';

interface InviteForm {
  email: string;
  /** 'own': the inviter's own organisation (the API's default); 'other': the one chosen. */
  where: 'own' | 'other';
  organisationId: string;
}

const toRequest = (values: InviteForm): InviteParticipantRequest =>
  values.where === 'other'
    ? { email: values.email.trim(), organisationId: values.organisationId }
    : { email: values.email.trim() };

/**
 * Invite someone into the case by e-mail, for an organisation: the inviter's own by default,
 * or another from the directory (whose participation waits for the patient's approval, unless
 * the patient invites). The invitee's role comes from their organisation, not from here.
 */
export function InviteForm({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const kindId = useId();
  const own = ws.participants.find((p) => p.id === ws.me.participantId)?.organisation ?? null;
  const [kind, setKind] = useState<OrganisationKind | null>(null);
  const form = useForm<InviteForm>({
    defaultValues: { email: '', where: own ? 'own' : 'other', organisationId: '' },
    resolver: contractResolver(inviteParticipantRequestSchema, toRequest),
  });
  const where = form.watch('where');
  const organisationId = form.watch('organisationId');
  const invite = useInviteParticipant(ws.id, {
    onSuccess: (invitation) => {
      form.reset({ email: '', where: own ? 'own' : 'other', organisationId: '' });
      onDone(
        invitation.status === 'AWAITING_PATIENT'
          ? t('people.invitedAwaiting', { email: invitation.email, patient: ws.firstName })
          : t('people.invited', { email: invitation.email }),
      );
    },
    onError: (error) => {
      for (const { path, message } of problemFieldErrors(error)) {
        if (path === 'email' || path === 'organisationId') {
          form.setError(path, { type: 'server', message });
        }
      }
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    invite.mutate(toRequest(values));
  });
  const { errors } = form.formState;
  const shownAtField = problemFieldErrors(invite.error).some(
    ({ path }) => path === 'email' || path === 'organisationId',
  );
  // A request with `organisationId` whose value the contract refuses is an empty choice.
  const organisationError = errors.organisationId
    ? errors.organisationId.type === 'server'
      ? errors.organisationId.message
      : t('people.chooseOrganisationFirst')
    : undefined;

  return (
    <section aria-labelledby="invite-title" className="card">
      <h3 id="invite-title">{t('people.inviteTitle')}</h3>
      <p>{t('people.inviteIntro')}</p>
      {invite.error && !shownAtField ? <ErrorMessage error={invite.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field label={t('people.email')} error={errors.email?.message}>
          {(props) => (
            <input type="email" autoComplete="off" {...props} {...form.register('email')} />
          )}
        </Field>
        {own ? (
          <fieldset>
            <legend>{t('people.organisation')}</legend>
            <label className="checkbox">
              <input type="radio" value="own" {...form.register('where')} />{' '}
              {t('people.ownOrganisation', { name: own.name })}
            </label>
            <label className="checkbox">
              <input type="radio" value="other" {...form.register('where')} />{' '}
              {t('people.otherOrganisation')}
            </label>
          </fieldset>
        ) : null}
        {where === 'other' ? (
          <div>
            <p className="hint">
              {ws.isPatient
                ? t('people.otherHintPatient')
                : t('people.otherHint', { patient: ws.firstName })}
            </p>
            <div className="field">
              <label htmlFor={kindId}>{t('people.kind')}</label>
              <select
                id={kindId}
                value={kind ?? ''}
                onChange={(event) => {
                  setKind((event.target.value || null) as OrganisationKind | null);
                  form.setValue('organisationId', '');
                }}
              >
                <option value="">{t('people.allKinds')}</option>
                {ORGANISATION_KINDS.map((option) => (
                  <option key={option} value={option}>
                    {t(`people.kinds.${option}`)}
                  </option>
                ))}
              </select>
            </div>
            <OrganisationPicker
              kind={kind}
              value={organisationId}
              onChange={(entry) => {
                form.setValue('organisationId', entry?.id ?? '');
                form.clearErrors('organisationId');
              }}
              searchLabel={t('people.searchOrganisation')}
              chooseLabel={t('people.chooseOrganisation')}
              noneLabel={t('people.noOrganisation')}
              error={organisationError}
            />
          </div>
        ) : null}
        <button type="submit" className="button button-primary" disabled={invite.isPending}>
          {t('people.inviteSubmit')}
        </button>
      </form>
    </section>
  );
}
