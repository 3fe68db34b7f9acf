import {
  linkTokenSchema,
  passwordResetConfirmSchema,
  type PasswordResetRequest,
  passwordResetRequestSchema,
} from '@atergang/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/ui';
import { useConfirmPasswordReset, useRequestPasswordReset } from '../../lib/account';
import { ApiError } from '../../lib/api';
import { useFragmentToken } from '../../lib/fragment-token';
import { contractResolver } from '../../lib/forms';
import { OutboxHint } from '../outbox';
import { FormField } from './form-field';
import { NewPasswordField } from './new-password-field';
import { PageHeading } from './page-heading';
import { PublicPage } from './public-page';
import { showAtFields } from './problem-fields';

/** Step 1: the e-mail address; the answer is the same whether or not there is an account. */
function RequestLink() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<PasswordResetRequest>({
    defaultValues: { email: '' },
    resolver: contractResolver(passwordResetRequestSchema, (values) => values),
  });
  const request = useRequestPasswordReset({
    onSuccess: (body) => {
      setSentTo(body.email);
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    setSentTo(null);
    request.mutate(values);
  });
  return (
    <>
      <PageHeading>{t('account.reset.title')}</PageHeading>
      <p>{t('account.reset.intro')}</p>
      <div aria-live="polite">
        {sentTo ? (
          <div role="status" className="alert alert-ok">
            <p>{t('account.reset.sent')}</p>
            <p>{t('account.reset.sentHelp')}</p>
          </div>
        ) : null}
      </div>
      {sentTo ? <OutboxHint /> : null}
      {request.error ? <ErrorMessage error={request.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="card">
        <FormField label={t('login.email')} error={form.formState.errors.email}>
          {(props) => (
            <input type="email" autoComplete="username" {...props} {...form.register('email')} />
          )}
        </FormField>
        <button type="submit" className="button button-primary" disabled={request.isPending}>
          {t('account.reset.submit')}
        </button>
      </form>
      <p>
        <Link to="/login">{t('account.reset.backToLogin')}</Link>
      </p>
    </>
  );
}

interface NewPasswordForm {
  password: string;
}

/** Step 2, from the e-mailed link: a new password; every session of the account ends. */
function ChooseNewPassword({ token }: { token: string }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const [shownAtField, setShownAtField] = useState(false);
  const form = useForm<NewPasswordForm>({
    defaultValues: { password: '' },
    resolver: contractResolver(passwordResetConfirmSchema, (values) => ({
      token,
      password: values.password,
    })),
  });
  const confirm = useConfirmPasswordReset({
    onSuccess: () => {
      setDone(true);
    },
    onError: (error) => {
      setShownAtField(
        showAtFields(error, form.setError, (path) => (path === 'password' ? 'password' : null)),
      );
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    setShownAtField(false);
    confirm.mutate({ token, password: values.password });
  });
  const expired =
    confirm.error instanceof ApiError && confirm.error.problem?.code === 'INVALID_RESET_TOKEN';

  if (done) {
    return (
      <>
        <PageHeading>{t('account.reset.doneTitle')}</PageHeading>
        <p role="status" className="alert alert-ok">
          {t('account.reset.done')}
        </p>
        <p>
          <Link className="button button-primary" to="/login">
            {t('account.reset.toLogin')}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeading>{t('account.reset.chooseTitle')}</PageHeading>
      <p>{t('account.reset.chooseIntro')}</p>
      {confirm.error && !shownAtField ? <ErrorMessage error={confirm.error} /> : null}
      {expired ? (
        <p>
          <Link to="/konto/aterstall">{t('account.reset.newLink')}</Link>
        </p>
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="card">
        <NewPasswordField
          label={t('account.reset.newPassword')}
          value={form.watch('password')}
          error={form.formState.errors.password}
          registration={form.register('password')}
        />
        <button type="submit" className="button button-primary" disabled={confirm.isPending}>
          {t('account.reset.save')}
        </button>
      </form>
    </>
  );
}

/** /konto/aterstall: ask for a link; /konto/aterstall#<token>: choose the new password. */
export function PasswordResetPage() {
  const token = useFragmentToken();
  return (
    <PublicPage>
      {token === '' ? (
        <RequestLink />
      ) : linkTokenSchema.safeParse(token).success ? (
        <ChooseNewPassword key={token} token={token} />
      ) : (
        <BrokenLink />
      )}
    </PublicPage>
  );
}

/** A link cut short (a mail program that wrapped it): say so, and offer a new one. */
function BrokenLink() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('account.reset.chooseTitle')}</PageHeading>
      <p role="alert" className="alert alert-error">
        {t('account.brokenLink')}
      </p>
      <p>
        <Link to="/konto/aterstall">{t('account.reset.newLink')}</Link>
      </p>
    </>
  );
}
