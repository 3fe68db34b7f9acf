import type { ReactNode } from 'react';
import { useId } from 'react';
import type { FieldError } from 'react-hook-form';
import { useExplain } from '../../components/ui';

interface FormFieldProps {
  label: string;
  error?: FieldError | undefined;
  hint?: ReactNode;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}

/**
 * A labelled field like `Field` in components/ui, for forms whose server answers land on the
 * field: a message set with type 'server' is already the user's text (from the problem's
 * code or field message) and is shown as it is, while the contract's own zod messages are
 * explained in plain language. (`Field` explains every message, which turns a server text
 * that mentions "e-post" or "minst" into the generic rule for such a field.)
 */
export function FormField({ label, error, hint, children }: FormFieldProps) {
  const id = useId();
  const explain = useExplain();
  const text = error?.type === 'server' ? error.message : explain(error?.message);
  const describedBy = [hint ? `${id}-hint` : '', text ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={text ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <div id={`${id}-hint`} className="hint">
          {hint}
        </div>
      ) : null}
      {children({
        id,
        'aria-invalid': Boolean(text),
        'aria-describedby': describedBy || undefined,
      })}
      {text ? (
        <p id={`${id}-error`} className="error-text">
          {text}
        </p>
      ) : null}
    </div>
  );
}
