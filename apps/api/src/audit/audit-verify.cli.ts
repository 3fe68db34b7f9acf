// `npm run audit:verify`: checks the audit log's hash chain and names the first broken row.
// Exit code 0 when intact, 1 when broken, 2 when it could not run.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { verifyAuditChain } from './audit-chain.repository';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('audit:verify: DATABASE_URL is not set\n');
    return 2;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const verdict = await verifyAuditChain(prisma);
    if (verdict.ok) {
      process.stdout.write(
        `Audit log intact: ${String(verdict.rows)} rows, last hash ${verdict.lastHash}\n`,
      );
      return 0;
    }
    process.stdout.write(
      `Audit log BROKEN at row id ${verdict.brokenAt.toString()}: ${verdict.reason} ` +
        `(${String(verdict.rows)} rows before it are intact)\n`,
    );
    return 1;
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
