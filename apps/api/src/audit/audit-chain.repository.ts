import type { PrismaClient } from '@prisma/client';
import type { AuditAnchor } from './audit-anchor';
import { AuditChainVerifier, type ChainVerdict } from './audit-chain';

const PAGE_SIZE = 5_000;

/**
 * Walks the whole audit log in id order, page by page, and reports the first broken link or
 * unmet anchor. Used by `npm run audit:verify` (audit-verify.cli.ts) and its test.
 */
export async function verifyAuditChain(
  prisma: PrismaClient,
  anchors: readonly AuditAnchor[] = [],
): Promise<ChainVerdict> {
  const verifier = new AuditChainVerifier(anchors);
  let afterId = 0n;
  for (;;) {
    const rows = await prisma.auditLog.findMany({
      where: { id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take: PAGE_SIZE,
    });
    const broken = verifier.check(rows);
    if (broken) {
      return broken;
    }
    const last = rows.at(-1);
    if (!last) {
      return verifier.result();
    }
    afterId = last.id;
  }
}
