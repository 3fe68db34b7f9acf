import { type SyntheticEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../components/ui';
import { ApiError } from '../lib/api';
import { useRegisterAndAcceptCaseOpening } from '../lib/case-openings';

/**
 * The API's reason for refusing a new password (password-policy.ts names the rule in its
 * message), as a sentence that says what to do; null when the refusal is about something else.
 */
function passwordReason(error: unknown): 'short' | 'long' | 'weak' | 'other' | null {
  if (!(error instanceof ApiError)) return null;
  const entry = error.problem?.errors?.find((e) => e.path === 'password');
  if (!entry) return error.problem?.code === 'PASSWORD_NOT_ACCEPTABLE' ? 'other' : null;
  if (/at least/i.test(entry.message)) return 'short';
  if (/at most/i.test(entry.message)) return 'long';
  if (/guess/i.test(entry.message)) return 'weak';
  return 'other';
}

/**
 * She has no account yet: the password she chooses creates it, signs her in and opens the
 * case, in one step (POST /api/case-openings/register).
 */
export function RegisterAndAccept({ token }: { token: string }) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [visible, setVisible] = useState(false);
  const [empty, setEmpty] = useState(false);
  const register = useRegisterAndAcceptCaseOpening({
    onSuccess: async ({ workspaceId }) => {
      await navigate(`/w/${workspaceId}/plan`);
    },
  });
  const reason = passwordReason(register.error);
  const fieldError = empty
    ? t('caseAnswer.passwordEmpty')
    : reason
      ? t(`caseAnswer.passwordProblems.${reason}`)
      : null;
  // Anything else (a link gone stale meanwhile, no answer) above the form.
  const otherError = register.error && reason === null ? register.error : null;
  const describedBy = [`${id}-hint`, fieldError ? `${id}-error` : ''].filter(Boolean).join(' ');

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (password === '') {
      setEmpty(true);
      return;
    }
    register.mutate({ token, password });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <p>{t('caseAnswer.registerIntro')}</p>
      {otherError ? <ErrorMessage error={otherError} /> : null}
      <div className={fieldError ? 'field field-invalid' : 'field'}>
        <label htmlFor={id}>{t('caseAnswer.password')}</label>
        <p id={`${id}-hint`} className="hint">
          {t('caseAnswer.passwordHint')}
        </p>
        <input
          id={id}
          type={visible ? 'text' : 'password'}
          autoComplete="new-password"
          value={password}
          aria-invalid={Boolean(fieldError)}
          aria-describedby={describedBy}
          onChange={(event) => {
            setPassword(event.target.value);
            setEmpty(false);
            if (register.error) register.reset();
          }}
        />
        {fieldError ? (
          <p id={`${id}-error`} className="error-text">
            {fieldError}
          </p>
        ) : null}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={visible}
          onChange={(event) => {
            setVisible(event.target.checked);
          }}
        />{' '}
        {t('caseAnswer.showPassword')}
      </label>
      <p>
        <button type="submit" className="button button-primary" disabled={register.isPending}>
          {register.isPending ? t('caseAnswer.accepting') : t('caseAnswer.acceptAndCreate')}
        </button>
      </p>
    </form>
  );
}
