import type {
  ParticipantView,
  Permission,
  RehabChainView,
  WorkspaceOverview,
  WorkspaceSummary,
} from '@atergang/contracts';
import { computeRehabChain, type EmploymentStatus, lastJoiningStart } from '@atergang/domain';
import type { WorkspaceAccess } from '../access/access.types';
import { toIsoDate } from '../common/calendar';
import type { WorkspacesRepository } from './workspaces.repository';
import { categoriesInForce } from '../access/consent-rules';

type OverviewRow = NonNullable<Awaited<ReturnType<WorkspacesRepository['overview']>>>;
type SummaryRow = Awaited<ReturnType<WorkspacesRepository['listForUser']>>[number];

export function rehabChainView(
  sickPeriodStart: Date,
  earlierSickDays: number,
  today: string,
  employmentStatus: EmploymentStatus = 'EMPLOYED',
): RehabChainView {
  const chain = computeRehabChain({
    sickPeriodStart: toIsoDate(sickPeriodStart),
    earlierSickDays,
    today,
    employmentStatus,
  });
  return {
    day: chain.day,
    phase: chain.phase,
    phaseLabelSv: chain.phaseLabelSv,
    phaseLabelEn: chain.phaseLabelEn,
    milestones: chain.milestones.map((milestone) => ({
      ...milestone,
      owner: milestone.owner ?? null,
    })),
  };
}

export function toSummary(row: SummaryRow, today: string): WorkspaceSummary {
  const { workspace } = row;
  const chain = rehabChainView(
    workspace.sickPeriodStart,
    workspace.earlierSickDays,
    today,
    workspace.employmentStatus,
  );
  return {
    id: workspace.id,
    patient: workspace.patient,
    employer: workspace.employer,
    status: workspace.status,
    sickPeriodStart: toIsoDate(workspace.sickPeriodStart),
    myParty: row.party,
    rehabChain: { day: chain.day, phase: chain.phase },
  };
}

export function toParticipant(row: OverviewRow['participants'][number]): ParticipantView {
  return {
    id: row.id,
    userId: row.userId,
    name: row.user.name,
    party: row.party,
    role: row.role,
    organisation: row.organisation,
    joinedAt: row.joinedAt.toISOString(),
  };
}

export function toOverview(
  row: OverviewRow,
  access: WorkspaceAccess,
  permissions: Permission[],
  today: string,
): WorkspaceOverview {
  return {
    id: row.id,
    status: row.status,
    patient: row.patient,
    employer: row.employer,
    sickPeriodStart: toIsoDate(row.sickPeriodStart),
    earlierSickDays: row.earlierSickDays,
    expectedLengthDays: row.expectedLengthDays,
    expectedLengthBasis: row.expectedLengthBasis,
    employmentStatus: row.employmentStatus,
    sickLeaveDegree: row.sickLeaveDegree,
    rehabChain: rehabChainView(
      row.sickPeriodStart,
      row.earlierSickDays,
      today,
      row.employmentStatus,
    ),
    closing:
      row.status === 'CLOSED' && row.closedOn && row.closingReason
        ? {
            closedOn: toIsoDate(row.closedOn),
            reason: row.closingReason,
            note: row.closingNote,
            reopenUntil: lastJoiningStart(toIsoDate(row.closedOn)),
          }
        : null,
    previousCaseId: row.previousWorkspaceId,
    participants: row.participants.map(toParticipant),
    me: { participantId: access.participantId, party: access.party, role: access.role },
    grantedCategories: categoriesInForce(access),
    permissions,
  };
}
