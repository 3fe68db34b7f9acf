import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { PlanController } from './plan.controller';
import { PlanRepository } from './plan.repository';
import { PlanService } from './plan.service';

/** The shared plan; the tasks of deleted measures and of its deadline go through TasksService. */
@Module({
  imports: [TasksModule],
  controllers: [PlanController],
  providers: [PlanService, PlanRepository],
  exports: [PlanService],
})
export class PlanModule {}
