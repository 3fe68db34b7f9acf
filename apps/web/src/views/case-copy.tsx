import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ui';
import { download } from '../lib/api';
import { useWorkspace } from '../lib/workspace';

type Format = 'pdf' | 'json';

const FILES: Readonly<Record<Format, { path: string; fileName: string }>> = {
  pdf: { path: 'export.pdf', fileName: 'mitt-arende.pdf' },
  json: { path: 'export.json', fileName: 'mitt-arende.fhir.json' },
};

/**
 * "Ladda ner en kopia av ditt ärende": the patient's own copy of her whole case (GDPR art.
 * 15 and 20), as a PDF to read and as a FHIR file to take to another system. Shown only
 * with the `case:export` permission (the patient's alone).
 */
export function CaseCopy() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const headingId = useId();
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!ws.can('case:export')) return null;

  const fetchCopy = async (format: Format) => {
    setBusy(format);
    setError(null);
    try {
      await download(`/workspaces/${ws.id}/${FILES[format].path}`, FILES[format].fileName);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card case-copy" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('caseCopy.title')}</h2>
      <p>{t('caseCopy.intro')}</p>
      <p className="actions">
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void fetchCopy('pdf')}
        >
          {busy === 'pdf' ? t('caseCopy.preparing') : t('caseCopy.pdf')}
        </button>{' '}
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void fetchCopy('json')}
        >
          {busy === 'json' ? t('caseCopy.preparing') : t('caseCopy.json')}
        </button>
      </p>
      <p className="muted">{t('caseCopy.jsonHint')}</p>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
