import {
  type ChangeRolesRequest,
  changeRolesRequestSchema,
  type OrganisationKind,
  rolesOfOrganisationKind,
  type StaffMemberView,
} from '@atergang/contracts';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ui';
import { contractResolver } from '../../lib/forms';
import { useChangeRoles } from '../../lib/organisation-admin';
import { showAtFields } from '../account/problem-fields';
import { RoleCheckboxes } from './role-checkboxes';
import { useRoleNames } from './role-names';

/** Changes a member's roles; what a role lets them do follows at once (the API decides). */
export function RolesEditor({
  organisationId,
  kind,
  member,
  onClose,
  onDone,
}: {
  organisationId: string;
  kind: OrganisationKind;
  member: StaffMemberView;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const names = useRoleNames();
  const titleId = useId();
  const [shownAtField, setShownAtField] = useState(false);
  const form = useForm<ChangeRolesRequest>({
    defaultValues: { roles: member.roles },
    resolver: contractResolver(changeRolesRequestSchema, (values) => values),
  });
  const change = useChangeRoles(organisationId, member.userId, {
    onSuccess: (body) => {
      onDone(t('admin.rolesChanged', { name: member.name, roles: names.sentence(body.roles) }));
    },
    onError: (error) => {
      setShownAtField(
        showAtFields(error, form.setError, (path) => (path.startsWith('roles') ? 'roles' : null)),
      );
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    setShownAtField(false);
    change.mutate(values);
  });
  return (
    <div className="confirm" role="group" aria-labelledby={titleId}>
      <p id={titleId}>
        <strong>{t('admin.changeRolesFor', { name: member.name })}</strong>
      </p>
      {change.error && !shownAtField ? <ErrorMessage error={change.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <RoleCheckboxes
          legend={t('admin.rolesOf', { name: member.name })}
          roles={rolesOfOrganisationKind(kind)}
          error={form.formState.errors.roles}
          registration={form.register('roles')}
        />
        <p className="actions">
          <button type="submit" className="button button-primary" disabled={change.isPending}>
            {t('admin.saveRoles')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
        </p>
      </form>
    </div>
  );
}
