import { Global, Module } from '@nestjs/common';
import { AccessLogController } from './access-log.controller';
import { AccessLogService } from './access-log.service';
import { AuditAnchorService } from './audit-anchor.service';
import { AuditPrivilegesCheck } from './audit-privileges';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AccessLogController],
  providers: [
    AuditService,
    AuditRepository,
    AccessLogService,
    AuditAnchorService,
    AuditPrivilegesCheck,
  ],
  exports: [AuditService, AccessLogService],
})
export class AuditModule {}
