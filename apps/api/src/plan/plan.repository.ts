import { Injectable } from '@nestjs/common';
import { readableWhere, type WorkspaceAbility } from '../access/workspace-ability';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class PlanRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The plan with only the measures the caller may read: the ability becomes part of the
   * query, so hidden measures never leave the database.
   */
  findVisible(workspaceId: string, ability: WorkspaceAbility) {
    return this.prisma.plan.findUnique({
      where: { workspaceId },
      select: {
        id: true,
        version: true,
        goal: true,
        expectedReturnDate: true,
        expectedReturnBasis: true,
        contactArrangements: true,
        patientView: true,
        updatedAt: true,
        measures: {
          where: readableWhere(ability, 'PlanMeasure'),
          orderBy: { position: 'asc' },
          select: {
            id: true,
            ownerParty: true,
            kind: true,
            category: true,
            title: true,
            description: true,
            responsibleName: true,
            startDate: true,
            endDate: true,
            status: true,
            followUpDate: true,
          },
        },
        sickLeaveSteps: {
          orderBy: { position: 'asc' },
          select: { degree: true, fromDate: true, toDate: true },
        },
        followUps: {
          orderBy: [{ position: 'asc' }, { date: 'asc' }],
          select: { date: true, description: true, ownerParty: true, done: true },
        },
      },
    });
  }
}
