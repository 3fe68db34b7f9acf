import { Global, Module } from '@nestjs/common';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import { WorkspaceGuard } from './workspace.guard';

@Global()
@Module({
  providers: [AccessService, AccessRepository, WorkspaceGuard],
  exports: [AccessService, WorkspaceGuard],
})
export class AccessModule {}
