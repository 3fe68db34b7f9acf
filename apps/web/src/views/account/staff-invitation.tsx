import {
  type AcceptAccountInvitationRequest,
  acceptAccountInvitationRequestSchema,
  type AccountInvitationLookup,
  accountInvitationLookupSchema,
  linkTokenSchema,
} from '@atergang/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage, formatDate, Loading } from '../../components/ui';
import { useCreateInvitedAccount, useJoinOrganisation } from '../../lib/account';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { loginReturningHere, useFragmentToken } from '../../lib/fragment-token';
import { contractResolver } from '../../lib/forms';
import { useRoleNames } from '../organisation-admin/role-names';
import { FormField } from './form-field';
import { NewPasswordField } from './new-password-field';
import { PageHeading } from './page-heading';
import { showAtFields } from './problem-fields';
import { PublicPage } from './public-page';

interface NewAccountForm {
  name: string;
  password: string;
}

/** No account with the invited address yet: a name and a password make one, signed in. */
function CreateAccount({
  token,
  invitation,
}: {
  token: string;
  invitation: AccountInvitationLookup;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [shownAtField, setShownAtField] = useState(false);
  // The name is sent only when corrected: the invitation's own is the default.
  const toRequest = (values: NewAccountForm): AcceptAccountInvitationRequest => {
    const name = values.name.trim();
    return { token, password: values.password, ...(name !== invitation.name ? { name } : {}) };
  };
  const form = useForm<NewAccountForm>({
    defaultValues: { name: invitation.name, password: '' },
    resolver: contractResolver(acceptAccountInvitationRequestSchema, (values: NewAccountForm) => ({
      ...toRequest(values),
      // An emptied name is a mistake to show, not a reason to keep the old one.
      ...(values.name.trim() === '' ? { name: '' } : {}),
    })),
  });
  const create = useCreateInvitedAccount({
    onSuccess: () => {
      void navigate('/', { replace: true });
    },
    onError: (error) => {
      setShownAtField(
        showAtFields(error, form.setError, (path) =>
          path === 'password' || path === 'name' ? path : null,
        ),
      );
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    setShownAtField(false);
    create.mutate(toRequest(values));
  });
  const { errors } = form.formState;
  return (
    <section className="card" aria-labelledby="create-account-heading">
      <h2 id="create-account-heading">{t('account.invitation.createTitle')}</h2>
      <p>{t('account.invitation.createIntro', { email: invitation.email })}</p>
      {create.error && !shownAtField ? <ErrorMessage error={create.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <FormField label={t('account.invitation.name')} error={errors.name}>
          {(props) => (
            <input type="text" autoComplete="name" {...props} {...form.register('name')} />
          )}
        </FormField>
        <NewPasswordField
          label={t('account.invitation.password')}
          value={form.watch('password')}
          error={errors.password}
          registration={form.register('password')}
        />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? t('account.invitation.creating') : t('account.invitation.create')}
        </button>
      </form>
    </section>
  );
}

/** An account exists: its owner signs in first (and comes back here), then accepts. */
function AcceptAsExisting({
  token,
  invitation,
}: {
  token: string;
  invitation: AccountInvitationLookup;
}) {
  const { t } = useTranslation();
  const { session, logout } = useAuth();
  const roles = useRoleNames();
  const join = useJoinOrganisation();
  if (!session) {
    // Back to this very link after signing in, the token still in the fragment.
    const next = loginReturningHere('/konto/inbjudan', `#${encodeURIComponent(token)}`);
    return (
      <section className="card" aria-labelledby="sign-in-first-heading">
        <h2 id="sign-in-first-heading">{t('account.invitation.signInTitle')}</h2>
        <p>{t('account.invitation.signInIntro', { email: invitation.email })}</p>
        <p>
          <Link className="button button-primary" to={next}>
            {t('account.invitation.signIn')}
          </Link>
        </p>
      </section>
    );
  }
  if (session.user.email.toLowerCase() !== invitation.email.toLowerCase()) {
    return (
      <section className="card" aria-labelledby="other-account-heading">
        <h2 id="other-account-heading">{t('account.invitation.otherAccountTitle')}</h2>
        <p>
          {t('account.invitation.otherAccount', {
            email: invitation.email,
            name: session.user.name,
            signedInEmail: session.user.email,
          })}
        </p>
        <button type="button" className="button" onClick={() => void logout()}>
          {t('app.logout')}
        </button>
      </section>
    );
  }
  if (join.isSuccess) {
    return (
      <div role="status" className="alert alert-ok">
        <p>
          {t('account.invitation.joined', {
            organisation: invitation.organisation.name,
            roles: roles.sentence(invitation.roles),
          })}
        </p>
        <p>
          <Link to="/">{t('account.invitation.toStart')}</Link>
        </p>
      </div>
    );
  }
  return (
    <section className="card" aria-labelledby="accept-heading">
      <h2 id="accept-heading">{t('account.invitation.acceptTitle')}</h2>
      <p>{t('account.invitation.acceptIntro', { name: session.user.name })}</p>
      {join.error ? <ErrorMessage error={join.error} /> : null}
      <button
        type="button"
        className="button button-primary"
        disabled={join.isPending}
        onClick={() => {
          join.mutate({ token });
        }}
      >
        {t('account.invitation.accept')}
      </button>
    </section>
  );
}

function Invitation({ token }: { token: string }) {
  const { t } = useTranslation();
  const roles = useRoleNames();
  const lookup = useQuery({
    queryKey: ['account-invitation', token],
    queryFn: () =>
      api('/account-invitations/lookup', accountInvitationLookupSchema, {
        method: 'POST',
        body: { token },
      }),
    // What the link is for does not change while the page is open.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  if (lookup.isPending) return <Loading />;
  if (lookup.error) {
    return (
      <>
        <PageHeading>{t('account.invitation.title')}</PageHeading>
        <ErrorMessage error={lookup.error} />
        <p>{t('account.invitation.askAgain')}</p>
      </>
    );
  }
  const invitation = lookup.data;
  return (
    <>
      <PageHeading>
        {t('account.invitation.welcome', { organisation: invitation.organisation.name })}
      </PageHeading>
      <p>
        {invitation.invitedBy
          ? t('account.invitation.summaryBy', {
              inviter: invitation.invitedBy.name,
              organisation: invitation.organisation.name,
              roles: roles.sentence(invitation.roles),
            })
          : t('account.invitation.summary', {
              organisation: invitation.organisation.name,
              roles: roles.sentence(invitation.roles),
            })}
      </p>
      <p className="muted">
        {t('account.invitation.expires', { date: formatDate(invitation.expiresAt) })}
      </p>
      {invitation.accountExists ? (
        <AcceptAsExisting token={token} invitation={invitation} />
      ) : (
        <CreateAccount token={token} invitation={invitation} />
      )}
    </>
  );
}

/** /konto/inbjudan#<token>: a colleague's invitation to join an organisation's staff. */
export function StaffInvitationPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  return (
    <PublicPage>
      {linkTokenSchema.safeParse(token).success ? (
        <Invitation key={token} token={token} />
      ) : (
        <>
          <PageHeading>{t('account.invitation.title')}</PageHeading>
          <p role="alert" className="alert alert-error">
            {t('account.brokenLink')}
          </p>
          <p>{t('account.invitation.askAgain')}</p>
        </>
      )}
    </PublicPage>
  );
}
