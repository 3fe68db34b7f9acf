import {
  type OrganisationKind,
  type Role,
  rolesOfOrganisationKind,
  type StaffInvitationRequest,
  staffInvitationRequestSchema,
  type StaffInvitationView,
} from '@atergang/contracts';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, formatDate } from '../../components/ui';
import { contractResolver } from '../../lib/forms';
import { useInviteStaff } from '../../lib/organisation-admin';
import { FormField } from '../account/form-field';
import { showAtFields } from '../account/problem-fields';
import { RoleCheckboxes } from './role-checkboxes';

const inviteField = (path: string): keyof StaffInvitationRequest | null =>
  path === 'email' || path === 'name' || path === 'roles' ? path : null;

/** Invite a colleague by e-mail: the API mails them a link to join with these roles. */
export function InviteForm({
  organisationId,
  organisationName,
  kind,
}: {
  organisationId: string;
  organisationName: string;
  kind: OrganisationKind;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [sent, setSent] = useState<StaffInvitationView | null>(null);
  const [shownAtField, setShownAtField] = useState(false);
  const defaultValues: StaffInvitationRequest = { email: '', name: '', roles: [] };
  const form = useForm<StaffInvitationRequest>({
    defaultValues,
    resolver: contractResolver(staffInvitationRequestSchema, (values) => values),
  });
  const invite = useInviteStaff(organisationId, {
    onSuccess: (invitation) => {
      form.reset(defaultValues);
      setSent(invitation);
    },
    onError: (error) => {
      setShownAtField(showAtFields(error, form.setError, inviteField));
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    setSent(null);
    setShownAtField(false);
    invite.mutate(values);
  });
  const { errors } = form.formState;
  const roles: readonly Role[] = rolesOfOrganisationKind(kind);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('admin.invite.title')}</h2>
      <p>{t('admin.invite.intro', { organisation: organisationName })}</p>
      <div aria-live="polite">
        {sent ? (
          <p role="status" className="alert alert-ok">
            {t('admin.invite.sent', { email: sent.email, date: formatDate(sent.expiresAt) })}
          </p>
        ) : null}
      </div>
      {invite.error && !shownAtField ? <ErrorMessage error={invite.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="row">
          <FormField label={t('admin.invite.name')} error={errors.name}>
            {(props) => (
              <input type="text" autoComplete="off" {...props} {...form.register('name')} />
            )}
          </FormField>
          <FormField label={t('admin.invite.email')} error={errors.email}>
            {(props) => (
              <input type="email" autoComplete="off" {...props} {...form.register('email')} />
            )}
          </FormField>
        </div>
        <RoleCheckboxes
          legend={t('admin.invite.roles')}
          roles={roles}
          error={errors.roles}
          registration={form.register('roles')}
        />
        <button type="submit" className="button button-primary" disabled={invite.isPending}>
          {invite.isPending ? t('admin.invite.sending') : t('admin.invite.submit')}
        </button>
      </form>
    </section>
  );
}
