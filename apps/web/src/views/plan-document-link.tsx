import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../components/ui';
import { downloadDocument, latestPlanDocument } from '../lib/documents';
import { useDocuments } from '../lib/queries';
import { useWorkspace } from '../lib/workspace';

/**
 * A small line at the top of the plan: the plan för återgång i arbete uploaded last as a
 * document (many employers write it in Word or as a PDF), to download, and a link to all
 * documents. Nothing when the caller may not read documents or none is uploaded: the
 * documents view says why when they are withheld.
 */
export function PlanDocumentLink() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const mayRead = ws.can('document:read');
  const documents = useDocuments(ws.id, mayRead);
  const latest = documents.data ? latestPlanDocument(documents.data.documents) : null;
  if (!latest) return null;
  return (
    <p className="plan-document-link" data-testid="plan-document-link">
      {t('documents.planDocument')}{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => void downloadDocument(ws.id, latest.id, latest.current.fileName)}
      >
        {t('documents.planDocumentDownload', { title: latest.title })}
      </button>{' '}
      <span className="muted">
        (
        {t('documents.planDocumentMeta', {
          version: latest.currentVersion,
          date: formatDate(latest.current.uploadedAt),
        })}
        )
      </span>{' '}
      · <Link to="../documents">{t('documents.planDocumentAll')}</Link>
    </p>
  );
}
