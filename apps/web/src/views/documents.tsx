import {
  DOCUMENT_CATEGORIES,
  type DocumentView,
  MAX_DOCUMENT_BYTES,
  UPLOAD_DOCUMENT_KINDS,
} from '@atergang/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ErrorMessage,
  formatBytes,
  formatDate,
  Loading,
  PageTitle,
  problemText,
  Withheld,
} from '../components/ui';
import { ApiError, download, upload } from '../lib/api';
import { keys, useDocuments } from '../lib/queries';
import { useWorkspace } from '../lib/workspace';

type UploadKind = (typeof UPLOAD_DOCUMENT_KINDS)[number];
type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];

type UploadState =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; percent: number }
  | { kind: 'done'; name: string }
  | { kind: 'failed'; message: string };

function Uploader() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const queryClient = useQueryClient();
  const inputId = useId();
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
  const certificate = kind === 'MEDICAL_CERTIFICATE';
  const effectiveCategory: DocumentCategory = certificate ? 'MEDICAL' : category;

  const send = async (file: File) => {
    if (file.size > MAX_DOCUMENT_BYTES) {
      setState({
        kind: 'failed',
        message: t('documents.tooLarge', { name: file.name, size: formatBytes(file.size) }),
      });
      return;
    }
    setState({ kind: 'uploading', name: file.name, percent: 0 });
    const form = new FormData();
    if (title.trim()) form.append('title', title.trim());
    form.append('kind', kind);
    if (mayUploadMedical) form.append('category', effectiveCategory);
    form.append('file', file, file.name);
    try {
      await upload<DocumentView>(`/workspaces/${ws.id}/documents`, form, ({ loaded, total }) => {
        const percent = total > 0 ? Math.round((loaded / total) * 100) : 0;
        setState({ kind: 'uploading', name: file.name, percent });
      });
      setState({ kind: 'done', name: file.name });
      setTitle('');
      await queryClient.invalidateQueries({ queryKey: keys.documents(ws.id) });
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
    if (file) void send(file);
  };

  return (
    <section className="card" aria-labelledby="upload-heading">
      <h3 id="upload-heading">{t('documents.upload')}</h3>
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
            if (file) void send(file);
            event.target.value = '';
          }}
        />
        <label htmlFor={inputId} className="button button-primary file-label">
          {t('documents.choose')}
        </label>
        <p id={`${inputId}-accepted`} className="hint">
          {t('documents.accepted')}
        </p>
      </div>
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

export function DocumentsPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const documents = useDocuments(ws.id);
  return (
    <div>
      <PageTitle>{t('documents.title')}</PageTitle>
      {ws.can('document:upload') ? <Uploader /> : null}
      {documents.isPending ? <Loading /> : null}
      {documents.error ? <ErrorMessage error={documents.error} /> : null}
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
              <li key={doc.id} className="card document">
                <p>
                  <strong>{doc.title}</strong>{' '}
                  <span className="tag">{t(`documents.kinds.${doc.kind}`)}</span>{' '}
                  <span className="tag" data-testid="document-category">
                    {t(`documents.categories.${doc.category}`)}
                  </span>
                </p>
                <p className="muted">
                  {doc.current.fileName} · {formatBytes(doc.current.sizeBytes)} ·{' '}
                  {t('documents.version', { version: doc.currentVersion })} ·{' '}
                  {t('documents.by', {
                    name: doc.uploadedBy.name,
                    date: formatDate(doc.updatedAt),
                  })}
                </p>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`${t('app.download')} ${doc.title}`}
                  onClick={() =>
                    void download(
                      `/workspaces/${ws.id}/documents/${doc.id}/content`,
                      doc.current.fileName,
                    )
                  }
                >
                  {t('app.download')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
