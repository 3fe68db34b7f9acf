import type { OrganisationDirectoryEntry, OrganisationKind } from '@atergang/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectory } from '../lib/queries';
import { ErrorMessage, Field } from './ui';

interface OrganisationPickerProps {
  /** Only organisations of this kind (null: every kind). */
  kind: OrganisationKind | null;
  /** The chosen organisation's id, or '' for none. */
  value: string;
  onChange: (organisation: OrganisationDirectoryEntry | null) => void;
  searchLabel: string;
  chooseLabel: string;
  /** The option for "none chosen" ("Ingen arbetsgivare", "Välj organisation"). */
  noneLabel: string;
  error?: string | undefined;
  /** Ties the chooser to its register: `{...form.register(name)}`-style, for focus on error. */
  name?: string;
}

/** How long typing may pause before the directory is asked (one request per pause). */
const SEARCH_PAUSE_MS = 250;

/**
 * Choose an organisation from the directory (GET /api/organisations/directory): a search box
 * by name, then a list of what matches. The choice stays in the list while the search
 * changes, so narrowing the search never drops it silently.
 */
export function OrganisationPicker({
  kind,
  value,
  onChange,
  searchLabel,
  chooseLabel,
  noneLabel,
  error,
  name,
}: OrganisationPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<OrganisationDirectoryEntry | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(text.trim());
    }, SEARCH_PAUSE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [text]);
  const directory = useDirectory(kind, query);
  const found = directory.data ?? [];
  const options =
    chosen && chosen.id === value && !found.some((entry) => entry.id === chosen.id)
      ? [chosen, ...found]
      : found;
  const noMatch = directory.isSuccess && query !== '' && found.length === 0;

  return (
    <div className="organisation-picker">
      <Field label={searchLabel} hint={t('openCase.searchHint')}>
        {(props) => (
          <input
            type="text"
            enterKeyHint="search"
            autoComplete="off"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
            }}
            {...props}
          />
        )}
      </Field>
      <div aria-live="polite">
        {noMatch ? <p className="muted">{t('openCase.noMatch')}</p> : null}
      </div>
      {directory.error ? <ErrorMessage error={directory.error} /> : null}
      <Field label={chooseLabel} error={error}>
        {(props) => (
          <select
            name={name}
            value={value}
            onChange={(event) => {
              const entry = options.find((option) => option.id === event.target.value) ?? null;
              setChosen(entry);
              onChange(entry);
            }}
            {...props}
          >
            <option value="">{noneLabel}</option>
            {options.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
