import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

/**
 * At start-up, checks that the API's own database role cannot rewrite the audit log: it
 * must not be able to UPDATE, DELETE or TRUNCATE audit_log, nor own it (an owner can
 * disable the table's triggers). A role that can is an operator's misconfiguration, which
 * is logged loudly; the database role the migrations set up (atergang_app) cannot.
 */
@Injectable()
export class AuditPrivilegesCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditPrivilegesCheck.name);

  constructor(private readonly prisma: PrismaService) {}

  onApplicationBootstrap(): void {
    // Not awaited: the API starts (and reports not ready) while the database is down.
    void this.mayRewrite().then(
      (role) => {
        if (role.mayRewrite) {
          this.logger.warn(
            `The API's database role ${role.name} may change or remove audit log rows: run ` +
              'the API as a member of atergang_app instead (README, "Audit log")',
          );
        }
      },
      (error: unknown) => {
        this.logger.warn({ err: error }, 'Could not check the database role of the audit log');
      },
    );
  }

  async mayRewrite(): Promise<{ name: string; mayRewrite: boolean }> {
    const [row] = await this.prisma.$queryRaw<{ name: string; may_rewrite: boolean }[]>`
      SELECT current_user::text AS name,
             has_table_privilege('audit_log', 'UPDATE')
          OR has_table_privilege('audit_log', 'DELETE')
          OR has_table_privilege('audit_log', 'TRUNCATE')
          OR pg_has_role(owner.tableowner, 'MEMBER') AS may_rewrite
        FROM (SELECT tableowner FROM pg_tables
               WHERE tablename = 'audit_log' AND schemaname = current_schema()) AS owner`;
    return { name: row?.name ?? 'unknown', mayRewrite: row?.may_rewrite ?? true };
  }
}
