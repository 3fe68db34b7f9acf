import { Injectable } from '@nestjs/common';
import type { Party } from '@prisma/client';
import { readableWhere, type WorkspaceAbility } from '../access/workspace-ability';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

const userRef = { select: { id: true, name: true } } as const;

const versionSelect = {
  version: true,
  fileName: true,
  mediaType: true,
  sizeBytes: true,
  sha256: true,
  uploaderParty: true,
  createdAt: true,
  uploadedBy: userRef,
} as const;

// Every scalar column, so a row is a CASL 'Document' subject as it is.
const documentSelect = {
  id: true,
  workspaceId: true,
  title: true,
  kind: true,
  category: true,
  currentVersion: true,
  uploaderParty: true,
  uploadedById: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
  deletedById: true,
  uploadedBy: userRef,
  _count: { select: { versions: true } },
} as const;

/** A live (not deleted) document of this workspace. */
const live = (workspaceId: string) => ({ workspaceId, deletedAt: null });

@Injectable()
export class DocumentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The documents the caller may read (scoped in SQL by the ability), with their current version. */
  list(workspaceId: string, ability: WorkspaceAbility) {
    return this.prisma.document.findMany({
      where: { AND: [live(workspaceId), readableWhere(ability, 'Document')] },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      select: {
        ...documentSelect,
        versions: { select: versionSelect, orderBy: { version: 'desc' }, take: 1 },
      },
    });
  }

  /** A live document of this workspace with every version, newest first; null when there is none. */
  findInWorkspace(workspaceId: string, documentId: string, tx?: Tx) {
    return (tx ?? this.prisma).document.findFirst({
      where: { id: documentId, ...live(workspaceId) },
      select: {
        ...documentSelect,
        versions: { select: versionSelect, orderBy: { version: 'desc' } },
      },
    });
  }

  /** One version with the key of its bytes. */
  findVersion(workspaceId: string, documentId: string, version: number) {
    return this.prisma.documentVersion.findFirst({
      where: { workspaceId, documentId, version },
      select: { ...versionSelect, storageKey: true },
    });
  }

  createDocument(
    tx: Tx,
    data: {
      workspaceId: string;
      title: string;
      kind: string;
      category: 'DOCUMENTS' | 'MEDICAL';
      uploadedById: string;
      uploaderParty: Party;
    },
  ) {
    return tx.document.create({
      data: { ...data, currentVersion: 1 },
      select: { id: true, currentVersion: true, category: true, uploaderParty: true },
    });
  }

  /**
   * Claims the next version number of a live document (the UPDATE locks its row until
   * commit, so concurrent uploads get 2 and 3, never 2 twice). Null when the document is
   * gone (deleted meanwhile).
   */
  async nextVersion(
    tx: Tx,
    workspaceId: string,
    documentId: string,
    changes: { title?: string; kind?: string },
  ) {
    const { count } = await tx.document.updateMany({
      where: { id: documentId, ...live(workspaceId) },
      data: { currentVersion: { increment: 1 }, ...changes },
    });
    if (count === 0) {
      return null;
    }
    return tx.document.findUniqueOrThrow({
      where: { id: documentId },
      select: { id: true, currentVersion: true, category: true, uploaderParty: true },
    });
  }

  addVersion(
    tx: Tx,
    data: {
      workspaceId: string;
      documentId: string;
      version: number;
      fileName: string;
      mediaType: string;
      sizeBytes: number;
      sha256: string;
      storageKey: string;
      uploadedById: string;
      uploaderParty: Party;
    },
  ) {
    return tx.documentVersion.create({ data, select: { id: true } });
  }

  /** The parties taking part in the workspace now (whom an upload could reach). */
  async partiesOf(tx: Tx, workspaceId: string): Promise<Party[]> {
    const rows = await tx.participant.findMany({
      where: { workspaceId, removedAt: null },
      distinct: ['party'],
      select: { party: true },
    });
    return rows.map((row) => row.party);
  }

  /** Marks a live document deleted; false when it was not live (deleted meanwhile). */
  async softDelete(
    tx: Tx,
    workspaceId: string,
    documentId: string,
    deletedById: string,
  ): Promise<boolean> {
    const { count } = await tx.document.updateMany({
      where: { id: documentId, ...live(workspaceId) },
      data: { deletedAt: new Date(), deletedById },
    });
    return count === 1;
  }
}
