import {
  DOCUMENT_CATEGORIES,
  type DocumentList,
  type DocumentSummary,
  MAX_DOCUMENT_BYTES,
  type Party,
  UPLOAD_DOCUMENT_KINDS,
} from '@atergang/contracts';
import { type DragEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ErrorMessage,
  formatBytes,
  formatDate,
  formatDateTime,
  Loading,
  PageTitle,
  problemText,
  Withheld,
} from '../components/ui';
import { ApiError } from '../lib/api';
import {
  downloadDocument,
  previewKindOf,
  useDeleteDocument,
  useDocument,
  useDocumentPreview,
  useUploadDocument,
} from '../lib/documents';
import { useDocuments } from '../lib/queries';
import { useWorkspace } from '../lib/workspace';

type UploadKind = (typeof UPLOAD_DOCUMENT_KINDS)[number];
type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];
type Reach = NonNullable<DocumentList['uploadReach']>;

type UploadState =
  | { kind: 'idle' }
  | { kind: 'review'; file: File }
  | { kind: 'uploading'; name: string; percent: number }
  | { kind: 'done'; name: string }
  | { kind: 'failed'; message: string };

/** The parties an upload reaches, in a sentence; the patient by her first name. */
function useReachText(): (parties: readonly Party[]) => string {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  return (parties) => {
    const own = ws.isPatient ? t('documents.reachYou') : t('documents.reachUs');
    const others = parties.map((party) =>
      party === 'PATIENT' ? ws.firstName : t(`parties.${party}`),
    );
    return new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
      style: 'long',
      type: 'conjunction',
    }).format([own, ...others]);
  };
}

/**
 * Choosing a file leads to a summary (what, as what, seen by whom: the API's `uploadReach`,
 * judged by its policy with the consents in force), and only a confirmation sends it.
 * Without `target` it uploads a new document; with one, that document's next version
 * (which keeps its kind and category).
 */
function Uploader({
  reach,
  target,
  onDone,
}: {
  reach: Reach;
  target?: DocumentSummary;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const inputId = useId();
  const uploadDocument = useUploadDocument(ws.id);
  const reachText = useReachText();
  const [state, setState] = useState<UploadState>({ kind: 'idle' });
  const [over, setOver] = useState(false);
  const [title, setTitle] = useState('');
  // The kinds and categories offered are those the API's policy allows the caller: a
  // läkarintyg is always medical, so it is offered only to those who may upload medical.
  const mayUploadMedical = ws.can('document:upload-medical');
  const kinds = UPLOAD_DOCUMENT_KINDS.filter(
    (kind) => kind !== 'MEDICAL_CERTIFICATE' || mayUploadMedical,
  );
  const [kind, setKind] = useState<UploadKind>(
    ws.me.party === 'EMPLOYER' ? 'RETURN_TO_WORK_PLAN' : 'OTHER',
  );
  const [category, setCategory] = useState<DocumentCategory>('DOCUMENTS');
  const certificate = !target && kind === 'MEDICAL_CERTIFICATE';
  const effectiveCategory: DocumentCategory = target
    ? target.category
    : certificate
      ? 'MEDICAL'
      : category;
  const headingId = `${inputId}-heading`;

  const choose = (file: File) => {
    if (file.size > MAX_DOCUMENT_BYTES) {
      setState({
        kind: 'failed',
        message: t('documents.tooLarge', { name: file.name, size: formatBytes(file.size) }),
      });
      return;
    }
    setState({ kind: 'review', file });
  };

  const send = async (file: File) => {
    setState({ kind: 'uploading', name: file.name, percent: 0 });
    try {
      await uploadDocument.mutateAsync({
        file,
        fields: target
          ? { documentId: target.id }
          : {
              ...(title.trim() ? { title: title.trim() } : {}),
              kind,
              ...(mayUploadMedical ? { category: effectiveCategory } : {}),
            },
        onProgress: ({ loaded, total }) => {
          const percent = total > 0 ? Math.round((loaded / total) * 100) : 0;
          setState({ kind: 'uploading', name: file.name, percent });
        },
      });
      setState({ kind: 'done', name: file.name });
      setTitle('');
      onDone?.();
    } catch (error) {
      let message: string;
      if (error instanceof ApiError && error.status === 415) {
        message = t('documents.wrongType', { name: file.name });
      } else if (error instanceof ApiError && error.status === 413) {
        message = t('documents.tooLarge', { name: file.name, size: formatBytes(file.size) });
      } else {
        message = t('documents.failed', { name: file.name, message: problemText(error) });
      }
      setState({ kind: 'failed', message });
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) choose(file);
  };

  // The heading fits the party: the employer is asked for its plan, clinical care for
  // läkarintyg, everyone else for a document (AF is not asked for the employer's plan).
  const headingKey =
    ws.me.party === 'CARE' && !mayUploadMedical ? 'CARE_NON_CLINICAL' : ws.me.party;
  return (
    <section className={target ? 'confirm' : 'card'} aria-labelledby={headingId}>
      {target ? (
        <h4 id={headingId}>{t('documents.newVersionOf', { title: target.title })}</h4>
      ) : (
        <>
          <h3 id={headingId}>{t(`documents.uploadHeading.${headingKey}`)}</h3>
          <p>{t(`documents.uploadIntro.${headingKey}`, { patient: ws.firstName })}</p>
        </>
      )}
      {state.kind === 'review' ? (
        <div role="group" aria-labelledby={`${inputId}-summary`} data-testid="upload-summary">
          <p id={`${inputId}-summary`}>
            <strong>
              {target
                ? t('documents.confirmVersion', {
                    name: state.file.name,
                    version: target.currentVersion + 1,
                    title: target.title,
                  })
                : t('documents.confirmNew', {
                    name: state.file.name,
                    kind: t(`documents.kinds.${kind}`),
                    title: title.trim() || state.file.name,
                  })}
            </strong>
          </p>
          <p>
            {t(`documents.confirmCategory.${effectiveCategory}`)}{' '}
            {t('documents.confirmReach', { who: reachText(reach[effectiveCategory]) })}
          </p>
          <p className="actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => void send(state.file)}
            >
              {t('documents.confirmUpload')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setState({ kind: 'idle' });
              }}
            >
              {t('app.cancel')}
            </button>
          </p>
        </div>
      ) : (
        <>
          {target ? null : (
            <>
              <div className="field">
                <label htmlFor={`${inputId}-title`}>{t('documents.docTitle')}</label>
                <input
                  id={`${inputId}-title`}
                  type="text"
                  value={title}
                  onChange={(event) => {
                    setTitle(event.target.value);
                  }}
                />
              </div>
              <div className="row">
                <div className="field">
                  <label htmlFor={`${inputId}-kind`}>{t('documents.kind')}</label>
                  <select
                    id={`${inputId}-kind`}
                    value={kind}
                    onChange={(event) => {
                      setKind(event.target.value as UploadKind);
                    }}
                  >
                    {kinds.map((option) => (
                      <option key={option} value={option}>
                        {t(`documents.kinds.${option}`)}
                      </option>
                    ))}
                  </select>
                </div>
                {mayUploadMedical && !certificate ? (
                  <div className="field">
                    <label htmlFor={`${inputId}-category`}>{t('documents.category')}</label>
                    <p id={`${inputId}-category-hint`} className="hint">
                      {t('documents.categoryHint', { patient: ws.firstName })}
                    </p>
                    <select
                      id={`${inputId}-category`}
                      aria-describedby={`${inputId}-category-hint`}
                      value={category}
                      onChange={(event) => {
                        setCategory(event.target.value as DocumentCategory);
                      }}
                    >
                      {DOCUMENT_CATEGORIES.map((option) => (
                        <option key={option} value={option}>
                          {t(`documents.categories.${option}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
              </div>
              {certificate ? (
                <p className="hint" data-testid="certificate-medical">
                  {t('documents.certificateAlwaysMedical', { patient: ws.firstName })}
                </p>
              ) : null}
            </>
          )}
          <div
            className={over ? 'dropzone dropzone-over' : 'dropzone'}
            data-testid="dropzone"
            onDragOver={(event) => {
              event.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => {
              setOver(false);
            }}
            onDrop={onDrop}
          >
            <p>{t('documents.drop')}</p>
            <input
              id={inputId}
              className="file-input"
              type="file"
              aria-describedby={`${inputId}-accepted`}
              accept=".pdf,.docx,.odt,.png,.jpg,.jpeg"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) choose(file);
                event.target.value = '';
              }}
            />
            <label htmlFor={inputId} className="button button-primary file-label">
              {target ? t('documents.chooseVersion') : t('documents.choose')}
            </label>
            <p id={`${inputId}-accepted`} className="hint">
              {t('documents.accepted')}
            </p>
          </div>
          {target && onDone ? (
            <p className="actions">
              <button type="button" className="button" onClick={onDone}>
                {t('app.cancel')}
              </button>
            </p>
          ) : null}
        </>
      )}
      <div aria-live="polite">
        {state.kind === 'uploading' ? (
          <div className="progress">
            <label htmlFor={`${inputId}-progress`}>
              {t('documents.uploading', { name: state.name })}
            </label>
            <progress id={`${inputId}-progress`} max={100} value={state.percent}>
              {state.percent} %
            </progress>
          </div>
        ) : null}
        {state.kind === 'done' ? (
          <p role="status" className="alert alert-ok">
            {t('documents.uploaded', { name: state.name })}
          </p>
        ) : null}
      </div>
      {state.kind === 'failed' ? (
        <p role="alert" className="alert alert-error">
          {state.message}
        </p>
      ) : null}
    </section>
  );
}

/** A PDF in the browser's own viewer, an image as an image; both from a local blob: copy. */
function Preview({
  doc,
  version,
}: {
  doc: DocumentSummary;
  version: { readonly version: number; readonly mediaType: string; readonly fileName: string };
}) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const preview = useDocumentPreview(ws.id, doc, version);
  if (preview.status === 'loading') return <Loading />;
  if (preview.status === 'failed') return <ErrorMessage error={preview.error} />;
  const label = t('documents.previewOf', { name: version.fileName, version: version.version });
  return preview.kind === 'pdf' ? (
    <iframe
      className="document-preview"
      src={preview.url}
      title={label}
      data-testid="document-preview"
    />
  ) : (
    <img
      className="document-preview-image"
      src={preview.url}
      alt={label}
      data-testid="document-preview"
    />
  );
}

/** Every version: who uploaded it and when, each downloadable. */
function Versions({ doc }: { doc: DocumentSummary }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const detail = useDocument(ws.id, doc.id);
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorMessage error={detail.error} />;
  return (
    <ol className="document-versions" aria-label={t('documents.versionsOf', { title: doc.title })}>
      {detail.data.versions.map((version) => (
        <li key={version.version}>
          <span>
            {t('documents.versionLine', {
              version: version.version,
              name: version.fileName,
              size: formatBytes(version.sizeBytes),
              who: version.uploadedBy.name,
              date: formatDateTime(version.uploadedAt),
            })}
          </span>{' '}
          <button
            type="button"
            className="button button-small"
            aria-label={t('documents.downloadVersion', {
              version: version.version,
              title: doc.title,
            })}
            onClick={() => void downloadDocument(ws.id, doc.id, version.fileName, version.version)}
          >
            {t('app.download')}
          </button>
        </li>
      ))}
    </ol>
  );
}

/** The soft delete, after a confirmation that says what it means for the others. */
function DeleteDocument({ doc, onClose }: { doc: DocumentSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const remove = useDeleteDocument(ws.id);
  const id = useId();
  return (
    <div className="confirm" role="group" aria-labelledby={id}>
      <p id={id}>
        <strong>{t('documents.confirmDelete', { title: doc.title })}</strong>
      </p>
      <p>{t('documents.deleteExplained')}</p>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <p className="actions">
        <button
          type="button"
          className="button button-danger"
          disabled={remove.isPending}
          onClick={() => {
            remove.mutate(doc.id);
          }}
        >
          {t('documents.yesDelete')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('app.cancel')}
        </button>
      </p>
    </div>
  );
}

type Open = 'none' | 'versions' | 'preview' | 'newVersion' | 'delete';

function DocumentRow({ doc, reach }: { doc: DocumentSummary; reach: Reach | null }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [open, setOpen] = useState<Open>('none');
  const toggle = (next: Open) => {
    setOpen((current) => (current === next ? 'none' : next));
  };
  const previewable = previewKindOf(doc.current.mediaType) !== null;
  return (
    <li className="card document">
      <p>
        <strong>{doc.title}</strong> <span className="tag">{t(`documents.kinds.${doc.kind}`)}</span>{' '}
        <span className="tag" data-testid="document-category">
          {t(`documents.categories.${doc.category}`)}
        </span>
      </p>
      <p className="muted">
        {doc.current.fileName} · {formatBytes(doc.current.sizeBytes)} ·{' '}
        {t('documents.version', { version: doc.currentVersion })} ·{' '}
        {t('documents.by', {
          name: doc.current.uploadedBy.name,
          date: formatDate(doc.current.uploadedAt),
        })}
      </p>
      <p className="actions">
        <button
          type="button"
          className="button button-small"
          aria-label={`${t('app.download')} ${doc.title}`}
          onClick={() => void downloadDocument(ws.id, doc.id, doc.current.fileName)}
        >
          {t('app.download')}
        </button>
        {previewable ? (
          <button
            type="button"
            className="button button-small"
            aria-expanded={open === 'preview'}
            aria-label={t('documents.preview', { title: doc.title })}
            onClick={() => {
              toggle('preview');
            }}
          >
            {t('documents.previewShort')}
          </button>
        ) : null}
        <button
          type="button"
          className="button button-small"
          aria-expanded={open === 'versions'}
          aria-label={t('documents.versions', { title: doc.title, n: doc.versionCount })}
          onClick={() => {
            toggle('versions');
          }}
        >
          {t('documents.versionsShort', { n: doc.versionCount })}
        </button>
        {/* Offered exactly as the API's policy says (the uploader's party). */}
        {doc.may.addVersion && reach ? (
          <button
            type="button"
            className="button button-small"
            aria-expanded={open === 'newVersion'}
            aria-label={t('documents.newVersion', { title: doc.title })}
            onClick={() => {
              toggle('newVersion');
            }}
          >
            {t('documents.newVersionShort')}
          </button>
        ) : null}
        {doc.may.delete ? (
          <button
            type="button"
            className="button button-small button-danger"
            aria-expanded={open === 'delete'}
            aria-label={t('documents.delete', { title: doc.title })}
            onClick={() => {
              toggle('delete');
            }}
          >
            {t('documents.deleteShort')}
          </button>
        ) : null}
      </p>
      {open === 'preview' ? <Preview doc={doc} version={doc.current} /> : null}
      {open === 'versions' ? <Versions doc={doc} /> : null}
      {open === 'newVersion' && reach ? (
        <Uploader
          reach={reach}
          target={doc}
          onDone={() => {
            setOpen('versions');
          }}
        />
      ) : null}
      {open === 'delete' ? (
        <DeleteDocument
          doc={doc}
          onClose={() => {
            setOpen('none');
          }}
        />
      ) : null}
    </li>
  );
}

export function DocumentsPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const documents = useDocuments(ws.id);
  const reach = documents.data?.uploadReach ?? null;
  return (
    <div>
      <PageTitle>{t('documents.title')}</PageTitle>
      {documents.isPending ? <Loading /> : null}
      {documents.error ? <ErrorMessage error={documents.error} /> : null}
      {ws.can('document:upload') && reach ? <Uploader reach={reach} /> : null}
      {documents.data ? (
        <>
          {documents.data.withheld.length > 0 ? (
            // Said instead of "no documents yet", which would be false while documents
            // exist that the caller may not read.
            <div className="withheld" role="note">
              <p>
                {documents.data.withheld.includes('DOCUMENTS')
                  ? t('documents.withheld', { patient: ws.firstName })
                  : t('documents.medicalWithheld', { patient: ws.firstName })}
              </p>
            </div>
          ) : null}
          <Withheld
            categories={documents.data.withheld.filter(
              (category) => category !== 'DOCUMENTS' && category !== 'MEDICAL',
            )}
            patientName={ws.patient.name}
            party={ws.me.party}
          />
          {documents.data.documents.length === 0 && documents.data.withheld.length === 0 ? (
            <p className="muted">{t('documents.empty')}</p>
          ) : null}
          <ul className="documents">
            {documents.data.documents.map((doc) => (
              <DocumentRow key={doc.id} doc={doc} reach={reach} />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
