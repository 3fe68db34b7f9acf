import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { CaseOpeningsController } from './case-openings.controller';
import { CaseOpeningsRepository } from './case-openings.repository';
import { CaseOpeningsService } from './case-openings.service';

/** Opening a case for a person: pending until she accepts; then WorkspacesService opens it. */
@Module({
  imports: [WorkspacesModule, AuthModule],
  controllers: [CaseOpeningsController],
  providers: [CaseOpeningsService, CaseOpeningsRepository],
  // A closed case's follow-up (case-facts) is asked for the same way.
  exports: [CaseOpeningsService],
})
export class CaseOpeningsModule {}
