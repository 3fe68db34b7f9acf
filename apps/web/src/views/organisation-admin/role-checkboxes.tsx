import type { Role } from '@atergang/contracts';
import { useId } from 'react';
import type { FieldError, Merge, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useRoleNames } from './role-names';

interface Props {
  legend: string;
  roles: readonly Role[];
  error: Merge<FieldError, (FieldError | undefined)[]> | undefined;
  registration: UseFormRegisterReturn;
}

/** The roles one can hold in this kind of organisation, each with what it lets you do. */
export function RoleCheckboxes({ legend, roles, error, registration }: Props) {
  const { t } = useTranslation();
  const names = useRoleNames();
  const id = useId();
  // The contract's own message is "too small" (no role ticked): said for a group of boxes.
  const text = error
    ? error.type === 'server' && error.message
      ? error.message
      : t('admin.rolesRequired')
    : null;
  return (
    <fieldset
      className={text ? 'field-invalid' : undefined}
      aria-describedby={text ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {roles.map((role) => (
        <div key={role} className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              value={role}
              aria-describedby={`${id}-${role}-hint`}
              {...registration}
            />{' '}
            {names.label(role)}
          </label>
          <p id={`${id}-${role}-hint`} className="hint">
            {t(`admin.roleHelp.${role}`)}
          </p>
        </div>
      ))}
      {text ? (
        <p id={`${id}-error`} className="error-text">
          {text}
        </p>
      ) : null}
    </fieldset>
  );
}
