import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

export interface AppliedMigration {
  readonly name: string;
  readonly finished: boolean;
}

@Injectable()
export class HealthRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Throws when the database cannot be reached. */
  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }

  /** Migrations Prisma recorded; an empty list when the table does not exist yet. */
  async appliedMigrations(): Promise<AppliedMigration[]> {
    const [table] = await this.prisma.$queryRaw<{ exists: boolean }[]>`
      SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`;
    if (!table?.exists) {
      return [];
    }
    const rows = await this.prisma.$queryRaw<{ migration_name: string; finished: boolean }[]>`
      SELECT migration_name, (finished_at IS NOT NULL AND rolled_back_at IS NULL) AS finished
      FROM _prisma_migrations`;
    return rows.map((row) => ({ name: row.migration_name, finished: row.finished }));
  }
}
