import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../components/ui';
import { useAuth } from '../lib/auth';
import { PageHeading } from './account/page-heading';
import { InvitationList } from './organisation-admin/invitation-list';
import { InviteForm } from './organisation-admin/invite-form';
import { StaffList } from './organisation-admin/staff-list';

/**
 * /organisation/:organisationId, for its administrators (ORG_ADMIN): who belongs to the
 * organisation and in which roles. The API decides who may; a non-administrator gets its
 * refusal as text.
 */
export function OrganisationAdminPage() {
  const { t } = useTranslation();
  const { organisationId = '' } = useParams();
  const { me } = useAuth();
  const [message, setMessage] = useState('');
  if (!me) return <Loading />;
  const organisation = me.organisations.find((entry) => entry.id === organisationId);
  if (!organisation?.roles.includes('ORG_ADMIN')) {
    return (
      <div>
        <PageHeading>{t('admin.title')}</PageHeading>
        <p role="alert" className="alert alert-error">
          {t('admin.notAdmin')}
        </p>
      </div>
    );
  }
  return (
    <div>
      <PageHeading>{t('admin.heading', { organisation: organisation.name })}</PageHeading>
      <p>{t('admin.intro', { organisation: organisation.name })}</p>
      <div aria-live="polite">
        {message ? (
          <p role="status" className="alert alert-ok">
            {message}
          </p>
        ) : null}
      </div>
      <StaffList
        organisationId={organisation.id}
        organisationName={organisation.name}
        kind={organisation.kind}
        onDone={setMessage}
      />
      <InviteForm
        organisationId={organisation.id}
        organisationName={organisation.name}
        kind={organisation.kind}
      />
      <InvitationList organisationId={organisation.id} onDone={setMessage} />
    </div>
  );
}
