import type { OrganisationKind, StaffMemberView } from '@atergang/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, formatDate, Loading } from '../../components/ui';
import { useAuth } from '../../lib/auth';
import { useMembers } from '../../lib/queries';
import { DeactivateMember } from './deactivate-member';
import { RolesEditor } from './roles-editor';
import { useRoleNames } from './role-names';

type Open = { userId: string; what: 'roles' | 'deactivate' } | null;

/** The organisation's staff: who they are, their roles and open cases, and what to change. */
export function StaffList({
  organisationId,
  organisationName,
  kind,
  onDone,
}: {
  organisationId: string;
  organisationName: string;
  kind: OrganisationKind;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const { session } = useAuth();
  const names = useRoleNames();
  const members = useMembers(organisationId);
  const [open, setOpen] = useState<Open>(null);
  if (members.isPending) return <Loading />;
  if (members.error) return <ErrorMessage error={members.error} />;
  const done = (text: string) => {
    setOpen(null);
    onDone(text);
  };
  const row = (member: StaffMemberView) => {
    const isOpen = (what: 'roles' | 'deactivate') =>
      open?.userId === member.userId && open.what === what;
    const toggle = (what: 'roles' | 'deactivate') => {
      onDone('');
      setOpen(isOpen(what) ? null : { userId: member.userId, what });
    };
    const headingId = `member-${member.userId}`;
    return (
      <li key={member.userId} className="card">
        <h3 id={headingId}>
          {member.name}
          {member.userId === session?.user.id ? (
            <span className="badge">{t('admin.staff.you')}</span>
          ) : null}
        </h3>
        <dl className="facts">
          <div>
            <dt>{t('admin.staff.email')}</dt>
            <dd>{member.email}</dd>
          </div>
          <div>
            <dt>{t('admin.staff.roles')}</dt>
            <dd>{member.roles.map((role) => names.label(role)).join(', ') || '–'}</dd>
          </div>
          <div>
            <dt>{t('admin.staff.openCases')}</dt>
            <dd>{member.openCases}</dd>
          </div>
          <div>
            <dt>{t('admin.staff.since')}</dt>
            <dd>{formatDate(member.since)}</dd>
          </div>
        </dl>
        <p className="actions">
          <button
            type="button"
            className="button button-small"
            aria-expanded={isOpen('roles')}
            aria-label={t('admin.staff.changeRolesOf', { name: member.name })}
            onClick={() => {
              toggle('roles');
            }}
          >
            {t('admin.staff.changeRoles')}
          </button>
          <button
            type="button"
            className="button button-small"
            aria-expanded={isOpen('deactivate')}
            aria-label={t('admin.staff.deactivateName', { name: member.name })}
            onClick={() => {
              toggle('deactivate');
            }}
          >
            {t('admin.staff.deactivate')}
          </button>
        </p>
        {isOpen('roles') ? (
          <RolesEditor
            organisationId={organisationId}
            kind={kind}
            member={member}
            onClose={() => {
              setOpen(null);
            }}
            onDone={done}
          />
        ) : null}
        {isOpen('deactivate') ? (
          <DeactivateMember
            organisationId={organisationId}
            organisationName={organisationName}
            member={member}
            onClose={() => {
              setOpen(null);
            }}
            onDone={done}
          />
        ) : null}
      </li>
    );
  };
  return (
    <section aria-labelledby="staff-heading">
      <h2 id="staff-heading">{t('admin.staff.title')}</h2>
      {members.data.length === 0 ? (
        <p>{t('admin.staff.empty')}</p>
      ) : (
        <ul className="case-list">{members.data.map(row)}</ul>
      )}
    </section>
  );
}
