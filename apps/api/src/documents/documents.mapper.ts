import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentSummary,
  type DocumentVersionView,
  type DocumentView,
} from '@atergang/contracts';
import { allows } from '../access/authorization';
import type { WorkspaceAbility } from '../access/workspace-ability';
import type { DocumentsRepository } from './documents.repository';

type ListRow = Awaited<ReturnType<DocumentsRepository['list']>>[number];
type DocumentRow = NonNullable<Awaited<ReturnType<DocumentsRepository['findInWorkspace']>>>;
type VersionRow = DocumentRow['versions'][number];

function toKind(kind: string): DocumentKind {
  // The database CHECK allows exactly these; anything else would be a bug upstream.
  return (DOCUMENT_KINDS as readonly string[]).includes(kind) ? (kind as DocumentKind) : 'OTHER';
}

/** The stored category (the database CHECK allows DOCUMENTS and MEDICAL only). */
export function toDocumentCategory(category: string): 'DOCUMENTS' | 'MEDICAL' {
  if (category !== 'DOCUMENTS' && category !== 'MEDICAL') {
    throw new Error(`a document has category ${category}`);
  }
  return category;
}

export function toDocumentVersion(row: VersionRow): DocumentVersionView {
  return {
    version: row.version,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: Number(row.sizeBytes),
    sha256: row.sha256,
    uploadedBy: { userId: row.uploadedBy.id, name: row.uploadedBy.name },
    uploaderParty: row.uploaderParty,
    uploadedAt: row.createdAt.toISOString(),
  };
}

export function toDocumentSummary(
  row: ListRow | DocumentRow,
  ability: WorkspaceAbility,
): DocumentSummary {
  const current = row.versions[0];
  if (!current) {
    // Every document is created together with its first version, in one transaction.
    throw new Error(`document ${row.id} has no version`);
  }
  return {
    id: row.id,
    title: row.title,
    kind: toKind(row.kind),
    category: toDocumentCategory(row.category),
    uploaderParty: row.uploaderParty,
    uploadedBy: { userId: row.uploadedBy.id, name: row.uploadedBy.name },
    currentVersion: row.currentVersion,
    versionCount: row._count.versions,
    current: toDocumentVersion(current),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    // Asked of the policy with the row as it is (the rule is written only there).
    may: {
      addVersion: allows(ability, 'update', 'Document', row),
      delete: allows(ability, 'delete', 'Document', row),
    },
  };
}

export function toDocumentView(row: DocumentRow, ability: WorkspaceAbility): DocumentView {
  return { ...toDocumentSummary(row, ability), versions: row.versions.map(toDocumentVersion) };
}

/**
 * `attachment` with the name twice (RFC 6266): a plain ASCII fallback for old clients and
 * the exact UTF-8 name in `filename*` (RFC 8187), so "Plan för återgång.pdf" survives.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
