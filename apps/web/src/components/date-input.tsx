import type { ComponentPropsWithRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The pattern a typed date follows: ÅÅÅÅ-MM-DD (the value the API takes, as it is). */
export const DATE_PATTERN = '\\d{4}-\\d{2}-\\d{2}';

/**
 * A date typed as ÅÅÅÅ-MM-DD, whatever the browser's own locale: a text field (the
 * browser's date field shows mm/dd/yyyy under an American locale) with the pattern as its
 * placeholder. The value is the ISO date the contracts' zod schema checks, so an invalid
 * date gets the form's own message ("Skriv ett datum, till exempel 2026-03-01").
 */
export function DateInput(props: Omit<ComponentPropsWithRef<'input'>, 'type'>) {
  const { t } = useTranslation();
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      pattern={DATE_PATTERN}
      placeholder={t('app.datePlaceholder')}
      maxLength={10}
      size={12}
      className="date-input"
      {...props}
    />
  );
}
