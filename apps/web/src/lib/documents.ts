import {
  type DocumentSummary,
  documentViewSchema,
  type UploadDocumentFields,
} from '@atergang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, apiFetch, download, upload, type UploadProgress, apiNoContent } from './api';
import { keys } from './queries';

// Documents (issue 15): one document with its versions, the upload (a new document or the
// next version of one), the soft delete and the preview. The live connection refetches
// `keys.documents` on document.uploaded and document.deleted (lib/live.ts); the detail key
// lies under it, so it is refetched too.

const documentsPath = (workspaceId: string) => `/workspaces/${workspaceId}/documents`;

export const documentKey = (workspaceId: string, documentId: string) =>
  [...keys.documents(workspaceId), documentId] as const;

/** One document with every version (who uploaded each, and when), newest first. */
export const useDocument = (workspaceId: string, documentId: string, enabled = true) =>
  useQuery({
    queryKey: documentKey(workspaceId, documentId),
    queryFn: () => api(`${documentsPath(workspaceId)}/${documentId}`, documentViewSchema),
    enabled,
  });

export interface UploadInput {
  readonly file: File;
  /** The fields as the API takes them; `documentId` makes the file that document's next version. */
  readonly fields: UploadDocumentFields;
  readonly onProgress?: (progress: UploadProgress) => void;
}

/** Uploads a file as a new document or as the next version of one. */
export function useUploadDocument(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, fields, onProgress }: UploadInput) => {
      const form = new FormData();
      // The fields before the file: the API judges them before it stores a byte.
      for (const [name, value] of Object.entries(fields)) {
        if (typeof value === 'string' && value !== '') form.append(name, value);
      }
      form.append('file', file, file.name);
      return upload(documentsPath(workspaceId), documentViewSchema, form, onProgress ?? (() => {}));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.documents(workspaceId) }),
  });
}

/** Deletes a document (softly: the API keeps it for the record). */
export function useDeleteDocument(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) =>
      apiNoContent(`${documentsPath(workspaceId)}/${documentId}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.documents(workspaceId) }),
  });
}

const contentPath = (workspaceId: string, documentId: string, version?: number) =>
  `${documentsPath(workspaceId)}/${documentId}/content${version ? `?version=${version}` : ''}`;

/** Saves a version (the current one when left out) under its own file name. */
export function downloadDocument(
  workspaceId: string,
  documentId: string,
  fileName: string,
  version?: number,
): Promise<void> {
  return download(contentPath(workspaceId, documentId, version), fileName);
}

/** The types a browser shows by itself: PDFs in its viewer, images as images. */
export type PreviewKind = 'pdf' | 'image';

export function previewKindOf(mediaType: string): PreviewKind | null {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'image/png' || mediaType === 'image/jpeg') return 'image';
  return null;
}

export type PreviewState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly url: string; readonly kind: PreviewKind }
  | { readonly status: 'failed'; readonly error: unknown };

/**
 * A version's bytes as a blob: URL for an <iframe> or <img> (the API's CSP allows blob: in
 * frame-src and img-src and nothing from elsewhere). The download route needs the bearer
 * token, so the page fetches it and hands the browser a local copy, typed by the API's own
 * detection (never by the file name); the URL is revoked when the preview closes.
 */
export function useDocumentPreview(
  workspaceId: string,
  document: Pick<DocumentSummary, 'id'>,
  version: { readonly version: number; readonly mediaType: string },
): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: 'loading' });
  const kind = previewKindOf(version.mediaType);
  useEffect(() => {
    if (!kind) return undefined;
    let url: string | null = null;
    let cancelled = false;
    setState({ status: 'loading' });
    apiFetch(contentPath(workspaceId, document.id, version.version), {
      headers: { accept: '*/*' },
    })
      .then((response) => response.arrayBuffer())
      .then((bytes) => {
        if (cancelled) return;
        url = URL.createObjectURL(new Blob([bytes], { type: version.mediaType }));
        setState({ status: 'ready', url, kind });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: 'failed', error });
      });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [workspaceId, document.id, version.version, version.mediaType, kind]);
  return state;
}

/** The plan för återgång i arbete uploaded last (the newest current version), or null. */
export function latestPlanDocument(documents: readonly DocumentSummary[]): DocumentSummary | null {
  let latest: DocumentSummary | null = null;
  for (const document of documents) {
    if (document.kind !== 'RETURN_TO_WORK_PLAN') continue;
    if (!latest || document.current.uploadedAt > latest.current.uploadedAt) latest = document;
  }
  return latest;
}
