import { useState } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormField } from './form-field';

/**
 * Only drives the hint: the API's password policy (apps/api/src/auth/password-policy.ts)
 * decides, and its refusal is shown at the field.
 */
const MIN_LENGTH = 10;

type Strength = 'short' | 'fair' | 'good';

/** A rough, honest hint: length and words. The API also checks how guessable it is. */
function strengthOf(password: string): Strength {
  const length = Array.from(password).length;
  if (length < MIN_LENGTH) return 'short';
  const words = password.trim().split(/\s+/u).length;
  return length >= 16 || words >= 3 ? 'good' : 'fair';
}

const LEVEL: Record<Strength, number> = { short: 1, fair: 2, good: 3 };

interface Props {
  label: string;
  value: string;
  error: FieldError | undefined;
  registration: UseFormRegisterReturn;
}

/** A new password: the rule as a hint, a live strength line, and a way to see what you typed. */
export function NewPasswordField({ label, value, error, registration }: Props) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const strength = strengthOf(value);
  const length = Array.from(value).length;
  return (
    <>
      <FormField
        label={label}
        error={error}
        hint={
          <>
            <p>{t('account.password.hint', { min: MIN_LENGTH })}</p>
            <p className="password-strength">
              <meter
                min={0}
                max={3}
                low={1.5}
                high={2.5}
                optimum={3}
                value={value === '' ? 0 : LEVEL[strength]}
                aria-hidden="true"
              />{' '}
              {value === ''
                ? t('account.password.strengthEmpty')
                : strength === 'short'
                  ? t('account.password.strengthShort', { count: length, min: MIN_LENGTH })
                  : `${t(`account.password.strength.${strength}`)} ${t('account.password.checked')}`}
            </p>
          </>
        }
      >
        {(props) => (
          <input
            type={visible ? 'text' : 'password'}
            autoComplete="new-password"
            spellCheck={false}
            {...props}
            {...registration}
          />
        )}
      </FormField>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={visible}
          onChange={(event) => {
            setVisible(event.target.checked);
          }}
        />{' '}
        {t('account.password.show')}
      </label>
    </>
  );
}
