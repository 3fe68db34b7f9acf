import { type ChangePasswordRequest, changePasswordRequestSchema } from '@atergang/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../components/ui';
import { useChangePassword, useSignOutEverywhere } from '../lib/account';
import { useAuth } from '../lib/auth';
import { contractResolver } from '../lib/forms';
import { FormField } from './account/form-field';
import { setLoginNotice } from './account/login-notice';
import { NewPasswordField } from './account/new-password-field';
import { PageHeading } from './account/page-heading';
import { showAtFields } from './account/problem-fields';

const passwordField = (path: string): keyof ChangePasswordRequest | null =>
  path === 'currentPassword' || path === 'newPassword' ? path : null;

function ChangePassword() {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const form = useForm<ChangePasswordRequest>({
    defaultValues: { currentPassword: '', newPassword: '' },
    resolver: contractResolver(changePasswordRequestSchema, (values) => values),
  });
  // A refusal that names a field is said there; anything else as an alert above the form.
  const [shownAtField, setShownAtField] = useState(false);
  const change = useChangePassword({
    onSuccess: () => {
      form.reset();
      setDone(true);
    },
    onError: (error) => {
      setShownAtField(showAtFields(error, form.setError, passwordField));
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    setDone(false);
    setShownAtField(false);
    change.mutate(values);
  });
  const { errors } = form.formState;
  return (
    <section className="card" aria-labelledby="change-password-heading">
      <h2 id="change-password-heading">{t('account.change.title')}</h2>
      <p>{t('account.change.intro')}</p>
      <div aria-live="polite">
        {done ? (
          <p role="status" className="alert alert-ok">
            {t('account.change.done')}
          </p>
        ) : null}
      </div>
      {change.error && !shownAtField ? <ErrorMessage error={change.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <FormField label={t('account.change.current')} error={errors.currentPassword}>
          {(props) => (
            <input
              type="password"
              autoComplete="current-password"
              {...props}
              {...form.register('currentPassword')}
            />
          )}
        </FormField>
        <NewPasswordField
          label={t('account.change.new')}
          value={form.watch('newPassword')}
          error={errors.newPassword}
          registration={form.register('newPassword')}
        />
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {change.isPending ? t('account.change.submitting') : t('account.change.submit')}
        </button>
      </form>
    </section>
  );
}

function SignOutEverywhere() {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const end = useSignOutEverywhere({
    onSuccess: async () => {
      setLoginNotice('signedOutEverywhere');
      // This browser's session ended with the others: forget it here too.
      await logout();
      void navigate('/login', { replace: true });
    },
  });
  return (
    <section className="card" aria-labelledby="sign-out-everywhere-heading">
      <h2 id="sign-out-everywhere-heading">{t('account.everywhere.title')}</h2>
      <p>{t('account.everywhere.intro')}</p>
      {end.error ? <ErrorMessage error={end.error} /> : null}
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="sign-out-everywhere-confirm">
          <p id="sign-out-everywhere-confirm">
            <strong>{t('account.everywhere.confirm')}</strong>
          </p>
          <p className="actions">
            <button
              type="button"
              className="button button-danger"
              disabled={end.isPending}
              onClick={() => {
                end.mutate();
              }}
            >
              {t('account.everywhere.yes')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setConfirming(false);
              }}
            >
              {t('app.cancel')}
            </button>
          </p>
        </div>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => {
            setConfirming(true);
          }}
        >
          {t('account.everywhere.submit')}
        </button>
      )}
    </section>
  );
}

/** Mitt konto: the signed-in person's password and sessions. */
export function AccountPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  return (
    <div className="narrow">
      <PageHeading>{t('account.title')}</PageHeading>
      {session ? (
        <p>{t('account.signedInAs', { name: session.user.name, email: session.user.email })}</p>
      ) : null}
      <section className="card" aria-labelledby="notification-settings-heading">
        <h2 id="notification-settings-heading">{t('account.notifications.title')}</h2>
        <p>{t('account.notifications.intro')}</p>
        <p>
          <Link to="/konto/aviseringar">{t('account.notifications.link')}</Link>
        </p>
      </section>
      <ChangePassword />
      <SignOutEverywhere />
    </div>
  );
}
