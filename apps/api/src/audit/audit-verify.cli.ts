// `npm run audit:verify`: checks the audit log's hash chain, and with AUDIT_ANCHOR_FILE and
// AUDIT_ANCHOR_KEY also against the anchors written outside the database, and names the
// first broken row. Exit code 0 when intact, 1 when broken or tampered with, 2 when it
// could not run.
import { readFile } from 'node:fs/promises';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { parseAnchors, type ParsedAnchors } from './audit-anchor';
import { verifyAuditChain } from './audit-chain.repository';

const out = (line: string): void => void process.stdout.write(`${line}\n`);

interface AnchorFile extends ParsedAnchors {
  readonly file: string;
  readonly missing: boolean;
}

async function readAnchors(): Promise<AnchorFile | undefined> {
  const file = process.env.AUDIT_ANCHOR_FILE;
  const key = process.env.AUDIT_ANCHOR_KEY;
  if (!file || !key) return undefined;
  try {
    return { file, missing: false, ...parseAnchors(await readFile(file, 'utf8'), key) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { file, missing: true, anchors: [], problems: [] };
    }
    throw error;
  }
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('audit:verify: DATABASE_URL is not set\n');
    return 2;
  }
  const anchors = await readAnchors();
  for (const problem of anchors?.problems ?? []) {
    out(`Anchor file line ${String(problem.line)} ${problem.reason}`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const verdict = await verifyAuditChain(prisma, anchors?.anchors);
    if (!verdict.ok) {
      out(
        `Audit log BROKEN at row id ${verdict.brokenAt.toString()}: ${verdict.reason} ` +
          `(${String(verdict.rows)} rows before it are intact)`,
      );
      return 1;
    }
    out(`Audit log intact: ${String(verdict.rows)} rows, last hash ${verdict.lastHash}`);
    if (!anchors) {
      out(
        'Not checked against anchors (AUDIT_ANCHOR_FILE and AUDIT_ANCHOR_KEY unset): ' +
          'rows removed from the end of the log would not be noticed',
      );
    } else if (anchors.missing && verdict.rows > 0) {
      // The API anchors as soon as it starts: a log with rows and no file means the file
      // was removed, or AUDIT_ANCHOR_FILE names another one.
      out(`Anchor file ${anchors.file} does not exist, though the log has rows`);
      return 1;
    } else if (verdict.latestAnchor) {
      out(
        `Matches all ${String(verdict.anchors)} anchors; the newest, of ` +
          `${verdict.latestAnchor.at}, saw ${String(verdict.latestAnchor.rows)} rows`,
      );
    } else {
      out('No anchor written yet: rows removed from the end would not be noticed');
    }
    // A forged, edited or missing anchor file is itself a sign of tampering.
    return anchors?.problems.length ? 1 : 0;
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `audit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  },
);
