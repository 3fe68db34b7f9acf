import { type LoginRequest, loginRequestSchema } from '@atergang/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { Header } from '../app';
import { Field, problemText } from '../components/ui';
import { ApiError } from '../lib/api';
import { contractResolver } from '../lib/forms';
import { useAuth } from '../lib/auth';
import { clearLoginNotice, readLoginNotice } from './account/login-notice';

export function LoginPage() {
  const { t } = useTranslation();
  const { session, login } = useAuth();
  const [params] = useSearchParams();
  const { hash } = useLocation();
  // After "Logga ut överallt" (the account page): say that it happened, once.
  const [notice] = useState(readLoginNotice);
  useEffect(clearLoginNotice, []);
  const [failure, setFailure] = useState<string | null>(null);
  const oidc = useQuery({
    queryKey: ['oidc'],
    queryFn: async () => {
      const response = await fetch('/api/auth/oidc');
      return response.ok ? ((await response.json()) as { enabled: boolean }) : { enabled: false };
    },
  });
  const form = useForm<LoginRequest>({
    resolver: contractResolver(loginRequestSchema, (values: LoginRequest) => values),
    defaultValues: { email: '', password: '' },
  });
  useEffect(() => {
    document.title = `${t('login.title')} – Återgång`;
  }, [t]);
  const next = params.get('next');
  // The fragment of the page that sent the user here (an e-mailed link's token) is kept as
  // this page's own fragment, so it never travels in the query string: it goes back on.
  const target = `${next?.startsWith('/') && !next.startsWith('//') ? next : '/'}${hash}`;
  if (session) return <Navigate to={target} replace />;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await login(values);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setFailure(t('login.wrong'));
      else if (error instanceof ApiError && error.status === 429) setFailure(problemText(error));
      else setFailure(t('login.failed'));
    }
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <>
      <Header />
      <main id="main" tabIndex={-1} className="narrow">
        <h1>{t('login.title')}</h1>
        <p>{t('login.intro')}</p>
        {oidc.data?.enabled ? (
          <>
            <p>
              <a className="button button-primary" href="/api/auth/oidc/login">
                {t('login.eid')}
              </a>
            </p>
            <p className="muted">{t('login.or')}</p>
          </>
        ) : null}
        {notice === 'signedOutEverywhere' && !failure ? (
          <p role="status" className="alert alert-ok">
            {t('account.everywhere.done')}
          </p>
        ) : null}
        {failure ? (
          <p role="alert" className="alert alert-error">
            {failure}
          </p>
        ) : null}
        <form onSubmit={(event) => void onSubmit(event)} noValidate className="card">
          <Field label={t('login.email')} error={errors.email?.message}>
            {(props) => (
              <input type="email" autoComplete="username" {...props} {...form.register('email')} />
            )}
          </Field>
          <Field label={t('login.password')} error={errors.password?.message}>
            {(props) => (
              <input
                type="password"
                autoComplete="current-password"
                {...props}
                {...form.register('password')}
              />
            )}
          </Field>
          <button type="submit" className="button button-primary" disabled={isSubmitting}>
            {isSubmitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p>
          <Link to="/konto/aterstall">{t('account.forgotPassword')}</Link>
        </p>
      </main>
    </>
  );
}
