import { Global, Module } from '@nestjs/common';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import { Authorization } from './authorization';
import { WorkspaceGuard } from './workspace.guard';

@Global()
@Module({
  providers: [AccessService, AccessRepository, Authorization, WorkspaceGuard],
  exports: [AccessService, Authorization, WorkspaceGuard],
})
export class AccessModule {}
