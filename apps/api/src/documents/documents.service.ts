import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type DocumentKind,
  type DocumentList,
  type DocumentMediaType,
  type DocumentView,
  MAX_DOCUMENT_BYTES,
  PARTIES,
  type UploadDocumentFields,
  uploadDocumentFieldsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { allows, Authorization, isAuditedRefusal } from '../access/authorization';
import { documentCategory } from '../access/classification';
import { AuditService } from '../audit/audit.service';
import { ApiError, ValidationError } from '../common/api-error';
import { unsafeTextErrors, unsafeTextReason } from '../common/unsafe-text';
import { fieldErrorsFromZodIssues } from '../common/zod-issues';
import { ChangeRecorder } from '../events/change-recorder';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import { DOCUMENT_STORE, type DocumentStore, newStorageKey } from '../storage/document-store';
import {
  checkClaimBeforeUpload,
  type ClientClaim,
  cleanFileName,
  extensionOf,
  inspectHead,
  SNIFF_BYTES,
} from './document-media-type';
import {
  categoryContradictsKind,
  categoryIsKept,
  documentNotFound,
  documentVersionNotFound,
  fileRequired,
  fileTooLarge,
  malformedUpload,
  medicalDocumentNotAllowed,
  onlyUploaderParty,
} from './documents.errors';
import { toDocumentCategory, toDocumentSummary, toDocumentView } from './documents.mapper';
import { DocumentsRepository } from './documents.repository';
import type { MultipartUpload, UploadFilePart } from './multipart-upload';
import { type SniffResult, UploadSniffer } from './upload-sniffer';
import { withheldOf } from '../access/consent-rules';

type DocumentRow = NonNullable<Awaited<ReturnType<DocumentsRepository['findInWorkspace']>>>;
type VersionTarget = Awaited<ReturnType<DocumentsRepository['createDocument']>>;

/** A version's bytes on their way to the client. */
export interface DocumentContent {
  readonly stream: Readable;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
}

interface StoredFile extends SniffResult<DocumentMediaType> {
  readonly fileName: string;
  readonly storageKey: string;
}

const FIELD_NAMES: ReadonlySet<string> = new Set(['title', 'kind', 'category', 'documentId']);

/** Where an upload lands: a new document in a category, or the next version of one. */
type UploadTarget =
  | { readonly kind: 'new'; readonly category: 'DOCUMENTS' | 'MEDICAL' }
  | { readonly kind: 'version'; readonly document: DocumentRow };

/**
 * Documents: files shared in the workspace (the employer's plan för återgång i arbete
 * above all). Uploads stream through a type sniffer and a hash into the document store; the
 * database row is written only once the bytes are stored, and the bytes are removed again
 * when anything fails, so a refused or failed upload leaves neither a row nor a file.
 * Visibility: a party sees its own uploads, others with the patient's consent for the
 * document's category (DOCUMENTS, or MEDICAL for medical documents).
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    private readonly repository: DocumentsRepository,
    private readonly transactions: TransactionRunner,
    private readonly changes: ChangeRecorder,
    private readonly authorization: Authorization,
    private readonly audit: AuditService,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {}

  async list(access: WorkspaceAccess): Promise<DocumentList> {
    const rows = await this.repository.list(access.workspaceId, access.ability);
    const withheld = withheldOf(access, ['DOCUMENTS', 'MEDICAL']);
    await this.audit.record(access, {
      // An empty list because the documents were not shared was not a read of them.
      action:
        rows.length === 0 && withheld.includes('DOCUMENTS')
          ? 'document.read-withheld'
          : 'document.read',
      resourceType: 'Document',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return {
      documents: rows.map((row) => toDocumentSummary(row, access.ability)),
      withheld,
      uploadReach: await this.uploadReach(access),
    };
  }

  /**
   * The other parties that would read a document the caller uploads now, per category the
   * caller may upload in (an empty list for a category it may not), judged by the policy
   * with each party's consents in force: what the upload's confirm step names.
   */
  private async uploadReach(access: WorkspaceAccess): Promise<DocumentList['uploadReach']> {
    const candidate = (category: 'DOCUMENTS' | 'MEDICAL') => ({
      uploaderParty: access.party,
      category,
    });
    const mayCreate = (category: 'DOCUMENTS' | 'MEDICAL') =>
      allows(access.ability, 'create', 'Document', candidate(category));
    if (!mayCreate('DOCUMENTS') && !mayCreate('MEDICAL')) return null;
    return this.transactions.run(async ({ tx }) => {
      const present = new Set(await this.repository.partiesOf(tx, access.workspaceId));
      // In the contract's order, so a sentence built from it reads the same every time.
      const parties = PARTIES.filter((party) => party !== access.party && present.has(party));
      const readers = async (category: 'DOCUMENTS' | 'MEDICAL') =>
        mayCreate(category)
          ? this.authorization.partiesThatMayRead(
              tx,
              access.workspaceId,
              parties,
              'Document',
              candidate(category),
            )
          : [];
      return { DOCUMENTS: await readers('DOCUMENTS'), MEDICAL: await readers('MEDICAL') };
    });
  }

  async get(access: WorkspaceAccess, documentId: string): Promise<DocumentView> {
    const row = await this.readable(access, documentId, 'document.read');
    await this.audit.record(access, {
      action: 'document.read',
      resourceType: 'Document',
      resourceId: row.id,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return toDocumentView(row, access.ability);
  }

  async content(
    access: WorkspaceAccess,
    documentId: string,
    version: number | undefined,
  ): Promise<DocumentContent> {
    const document = await this.readable(access, documentId, 'document.downloaded');
    const row = await this.repository.findVersion(
      access.workspaceId,
      document.id,
      version ?? document.currentVersion,
    );
    if (!row) {
      throw documentVersionNotFound();
    }
    // Recorded before a byte leaves: no audit row, no content.
    await this.audit.record(access, {
      action: 'document.downloaded',
      resourceType: 'Document',
      resourceId: document.id,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return {
      stream: await this.store.get(row.storageKey),
      fileName: row.fileName,
      mediaType: row.mediaType,
      sizeBytes: Number(row.sizeBytes),
    };
  }

  async upload(access: WorkspaceAccess, upload: MultipartUpload): Promise<DocumentView> {
    const storageKey = newStorageKey(access.workspaceId);
    // Set once the file part starts streaming into the store (a closure sets it).
    const progress = { storing: false };
    try {
      const { fields, file } = await this.receive(access, upload, storageKey, () => {
        progress.storing = true;
      });
      // Also when the fields came after the file, and in case consent changed meanwhile.
      const target = await this.targetOf(access, fields);
      return await this.record(access, fields, target, file);
    } catch (error) {
      upload.discard();
      if (progress.storing) {
        await this.forget(storageKey);
      }
      if (error instanceof ApiError && !isAuditedRefusal(error)) {
        await this.audit.record(access, {
          action: 'document.uploaded',
          resourceType: 'Document',
          resourceId: null,
          workspaceId: access.workspaceId,
          outcome: 'DENIED',
          reason: error.code,
        });
      }
      throw error;
    }
  }

  async remove(access: WorkspaceAccess, documentId: string): Promise<void> {
    const row = await this.readable(access, documentId, 'document.deleted');
    await this.authorization.require(access, 'delete', 'Document', row, {
      audit: 'document.deleted',
      resourceType: 'Document',
      resourceId: row.id,
      error: () => onlyUploaderParty('delete'),
    });
    await this.transactions.run(async (unit) => {
      if (!(await this.repository.softDelete(unit.tx, access.workspaceId, row.id, access.userId))) {
        throw documentNotFound();
      }
      await this.recordChange(unit, access, 'document.deleted', row);
    });
    // The bytes stay: a deleted document is kept (soft delete) for the record, like the row.
  }

  /**
   * Where the upload goes, judged by the policy before anything is written: a new document
   * in a category the caller's role may author (the kind may force MEDICAL), or the next
   * version of a live document the caller may read and its party uploaded.
   */
  private async targetOf(
    access: WorkspaceAccess,
    fields: UploadDocumentFields,
  ): Promise<UploadTarget> {
    if (fields.documentId) {
      const document = await this.documentForNewVersion(access, fields.documentId);
      const category = toDocumentCategory(document.category);
      if (fields.category !== undefined && fields.category !== category) {
        throw categoryIsKept(category);
      }
      if (documentCategory(fields.kind ?? documentKindOf(document), category) === null) {
        throw categoryContradictsKind();
      }
      return { kind: 'version', document };
    }
    const category = documentCategory(fields.kind ?? 'OTHER', fields.category);
    if (category === null) {
      throw categoryContradictsKind();
    }
    await this.authorization.require(
      access,
      'create',
      'Document',
      { uploaderParty: access.party, category },
      {
        audit: 'document.uploaded',
        resourceType: 'Document',
        error: medicalDocumentNotAllowed,
      },
    );
    return { kind: 'new', category };
  }

  /**
   * Reads the multipart parts in order. Fields may come before or after the file; those
   * before it are checked before a byte is stored, all of them again at the end.
   */
  private async receive(
    access: WorkspaceAccess,
    upload: MultipartUpload,
    storageKey: string,
    onStoring: () => void,
  ): Promise<{ fields: UploadDocumentFields; file: StoredFile }> {
    const raw: Record<string, unknown> = {};
    let file: StoredFile | undefined;
    for await (const part of upload.parts()) {
      if (part.kind === 'field') {
        if (!FIELD_NAMES.has(part.fieldName)) {
          throw malformedUpload(part.fieldName, 'is not a known field');
        }
        if (Object.hasOwn(raw, part.fieldName)) {
          throw malformedUpload(part.fieldName, 'is given more than once');
        }
        if (part.truncated) {
          throw malformedUpload(part.fieldName, 'is too long');
        }
        raw[part.fieldName] = part.value;
        continue;
      }
      if (part.fieldName !== 'file') {
        throw malformedUpload(part.fieldName, 'is not a known field (send the file as `file`)');
      }
      if (file) {
        throw malformedUpload('file', 'send exactly one file');
      }
      // Fields before the file are judged before a byte is stored.
      await this.targetOf(access, parseFields(raw));
      onStoring();
      file = await this.storeFile(part, storageKey);
    }
    if (!file) {
      throw fileRequired();
    }
    return { fields: parseFields(raw), file };
  }

  /** Streams the file through the sniffer into the store: refused types never get stored. */
  private async storeFile(part: UploadFilePart, storageKey: string): Promise<StoredFile> {
    const unsafeName = unsafeTextReason(part.fileName);
    if (unsafeName) {
      // A name shown to others must not display as another (a right-to-left override).
      throw malformedUpload('file', `has a name that ${unsafeName}`);
    }
    const fileName = cleanFileName(part.fileName);
    if (!fileName) {
      throw malformedUpload('file', 'needs a file name');
    }
    const claim: ClientClaim = { fileName, clientType: part.clientType };
    checkClaimBeforeUpload(claim);
    const sniffer = new UploadSniffer<DocumentMediaType>({
      sampleBytes: SNIFF_BYTES,
      maxBytes: MAX_DOCUMENT_BYTES,
      tooLarge: fileTooLarge,
      inspect: (head, complete) => inspectHead(head, complete, claim),
    });
    // The sniffer's failure (415, 413) or the client's (a broken body) reaches the store
    // as a stream error, so put() rejects with it.
    pipeline(part.body, sniffer, () => undefined);
    await this.store.put(storageKey, sniffer);
    return { ...sniffer.result(), fileName, storageKey };
  }

  /** Writes the document (or its next version), its event and its audit row together. */
  private async record(
    access: WorkspaceAccess,
    fields: UploadDocumentFields,
    target: UploadTarget,
    file: StoredFile,
  ): Promise<DocumentView> {
    const row = await this.transactions.run(async (unit) => {
      const { tx } = unit;
      let document: VersionTarget;
      if (target.kind === 'version') {
        // Null when the document was deleted since it was checked.
        const next = await this.repository.nextVersion(tx, access.workspaceId, target.document.id, {
          ...(fields.title !== undefined ? { title: fields.title } : {}),
          ...(fields.kind !== undefined ? { kind: fields.kind } : {}),
        });
        if (!next) {
          throw documentNotFound('documentId');
        }
        document = next;
      } else {
        document = await this.repository.createDocument(tx, {
          workspaceId: access.workspaceId,
          title: fields.title ?? titleFromFileName(file.fileName),
          kind: fields.kind ?? 'OTHER',
          category: target.category,
          uploadedById: access.userId,
          uploaderParty: access.party,
        });
      }
      await this.repository.addVersion(tx, {
        workspaceId: access.workspaceId,
        documentId: document.id,
        version: document.currentVersion,
        fileName: file.fileName,
        mediaType: file.accepted,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storageKey: file.storageKey,
        uploadedById: access.userId,
        uploaderParty: access.party,
      });
      await this.recordChange(unit, access, 'document.uploaded', document);
      const created = await this.repository.findInWorkspace(access.workspaceId, document.id, tx);
      if (!created) {
        throw new Error(`document ${document.id} vanished inside its own transaction`);
      }
      return created;
    });
    return toDocumentView(row, access.ability);
  }

  private recordChange(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    type: 'document.uploaded' | 'document.deleted',
    document: { readonly id: string; readonly currentVersion: number },
  ): Promise<void> {
    return this.changes.record(unit, access, {
      type,
      resource: { type: 'Document', id: document.id, version: document.currentVersion },
      visibleAs: [{ subject: 'Document', row: document }],
    });
  }

  /** The document a new version is for: live, readable, and uploaded by the caller's party. */
  private async documentForNewVersion(
    access: WorkspaceAccess,
    documentId: string,
  ): Promise<DocumentRow> {
    const row = await this.repository.findInWorkspace(access.workspaceId, documentId);
    if (!row) {
      throw documentNotFound('documentId');
    }
    await this.authorization.requireReadable(access, 'Document', row, 'document.uploaded');
    await this.authorization.require(access, 'update', 'Document', row, {
      audit: 'document.uploaded',
      resourceType: 'Document',
      resourceId: row.id,
      error: () => onlyUploaderParty('add versions to'),
    });
    return row;
  }

  /** A live document of this workspace the caller may read: 404 if not here, 403 if not shared. */
  private async readable(
    access: WorkspaceAccess,
    documentId: string,
    action: 'document.read' | 'document.downloaded' | 'document.deleted',
  ): Promise<DocumentRow> {
    const row = await this.repository.findInWorkspace(access.workspaceId, documentId);
    if (!row) {
      throw await this.authorization.deny(access, {
        audit: action,
        resourceType: 'Document',
        resourceId: documentId,
        error: () => documentNotFound(),
      });
    }
    await this.authorization.requireReadable(access, 'Document', row, action);
    return row;
  }

  private async forget(storageKey: string): Promise<void> {
    try {
      await this.store.delete(storageKey);
    } catch (error) {
      // The upload already failed; the orphan is logged for an operator to remove.
      this.logger.error(
        { err: error, storageKey },
        'could not remove the bytes of a failed upload',
      );
    }
  }
}

function parseFields(raw: Record<string, unknown>): UploadDocumentFields {
  // The multipart fields meet the same text rule as every JSON body (unsafe-text.ts).
  const unsafe = unsafeTextErrors(raw, '');
  if (unsafe.length > 0) throw new ValidationError(unsafe);
  const parsed = uploadDocumentFieldsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(fieldErrorsFromZodIssues(parsed.error.issues, '', raw));
  }
  return parsed.data;
}

/** The stored kind of a document (the database CHECK allows only the contract's kinds). */
const documentKindOf = (row: DocumentRow): DocumentKind => row.kind as DocumentKind;

/** 'Plan för återgång.pdf' → 'Plan för återgång' (at most 200 characters, as a title). */
function titleFromFileName(fileName: string): string {
  const extension = extensionOf(fileName);
  const base = extension ? fileName.slice(0, -(extension.length + 1)) : fileName;
  return (base.trim() || fileName).slice(0, 200);
}
