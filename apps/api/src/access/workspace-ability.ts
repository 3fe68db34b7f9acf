import { type Ability, AbilityBuilder } from '@casl/ability';
import {
  accessibleBy,
  createPrismaAbility,
  type PrismaQuery,
  type Subjects,
  type WhereInput,
} from '@casl/prisma';
import type {
  Consent,
  Document,
  Meeting,
  MeetingNote,
  Participant,
  PlanMeasure,
  Task,
  Workspace,
  WorkspaceEvent,
} from '@prisma/client';
import { CATEGORIES, type Category, type Party, type Role } from '@atergang/contracts';

export type WorkspaceAction = 'read' | 'create' | 'update' | 'manage' | 'sign';

export type WorkspaceSubject =
  | Subjects<{
      Workspace: Workspace;
      Participant: Participant;
      Consent: Consent;
      PlanMeasure: PlanMeasure;
      Task: Task;
      Meeting: Meeting;
      MeetingNote: MeetingNote;
      Document: Document;
      WorkspaceEvent: WorkspaceEvent;
    }>
  /** The plan's shared fields (goal, dates, schedule, follow-ups): category PLAN. */
  | 'Plan'
  | 'AccessLog'
  | 'all';

export type WorkspaceAbility = Ability<[WorkspaceAction, WorkspaceSubject], PrismaQuery>;

type ScopedModel =
  'Consent' | 'PlanMeasure' | 'Task' | 'Meeting' | 'MeetingNote' | 'Document' | 'WorkspaceEvent';

/**
 * The Prisma `where` for the records of a model the caller may read. When no rule allows
 * any, CASL's marker condition would make Prisma throw; this returns a condition that
 * matches nothing instead, so a list is simply empty (fail closed, no 500).
 */
export function readableWhere<M extends ScopedModel>(
  ability: WorkspaceAbility,
  model: M,
): WhereInput<M> {
  if (!ability.can('read', model)) {
    return { workspaceId: { in: [] } };
  }
  return accessibleBy(ability).ofType(model);
}

export interface AbilityInput {
  readonly party: Party;
  readonly role: Role | null;
  readonly participantId: string;
  readonly isPatient: boolean;
  readonly grantedCategories: ReadonlySet<Category>;
}

/**
 * The visibility rules of domain.md, as one CASL ability per request. Conditions are
 * Prisma `where` clauses, so repositories scope lists in the database (accessibleBy)
 * and services check single items with the same rules.
 *
 * - The patient sees and manages everything in their own workspace.
 * - A party always sees what it authored itself and what is assigned to it, and the
 *   meetings it is invited to.
 * - Anything else only by category, while a consent in force grants that category to the
 *   party. Consent only narrows: it never lets a party write what its role may not.
 * - MEDICAL reaches the employer only when the patient granted it explicitly (the consent
 *   service refuses MEDICAL to the employer without the confirmed warning).
 */
export function buildWorkspaceAbility(input: AbilityInput): WorkspaceAbility {
  const { can, build } = new AbilityBuilder<WorkspaceAbility>(createPrismaAbility);
  const { party, participantId, grantedCategories: granted } = input;

  can('read', 'Workspace');
  can('read', 'Participant');

  if (input.isPatient) {
    can('manage', 'all');
    return build();
  }

  const has = (category: Category): boolean => granted.has(category);

  // Consents that concern the caller's own party (so a party knows what it may see).
  can('read', 'Consent', { party });

  // The plan: own measures always; others by category.
  can('read', 'PlanMeasure', { ownerParty: party });
  if (has('PLAN')) {
    can('read', 'Plan');
    can('read', 'PlanMeasure', { category: 'PLAN' });
  }
  if (has('MEDICAL')) {
    can('read', 'PlanMeasure', { category: 'MEDICAL' });
  }

  // Tasks: assigned to the party or the person, or created by the party; all with TASKS.
  can('read', 'Task', { assigneeParty: party });
  can('read', 'Task', { assigneeParticipantId: participantId });
  can('read', 'Task', { createdByParty: party });
  // A medical task (e.g. from a medical meeting note) needs MEDICAL, like every medical item.
  if (has('TASKS')) can('read', 'Task', { category: 'TASKS' });
  if (has('MEDICAL')) can('read', 'Task', { category: 'MEDICAL' });

  // Meetings: invited to or organised by the party; all with MEETINGS.
  can('read', 'Meeting', { invitees: { some: { participantId } } });
  can('read', 'Meeting', { organiserParty: party });
  if (has('MEETINGS')) can('read', 'Meeting');

  // Meeting notes: own party's; others by MEETING_NOTES, medical notes by MEDICAL.
  can('read', 'MeetingNote', { authorParty: party });
  if (has('MEETING_NOTES')) can('read', 'MeetingNote', { category: 'MEETING_NOTES' });
  if (has('MEDICAL')) can('read', 'MeetingNote', { category: 'MEDICAL' });

  // Documents: own uploads; others with DOCUMENTS.
  can('read', 'Document', { uploaderParty: party });
  if (has('DOCUMENTS')) can('read', 'Document', { category: 'DOCUMENTS' });

  // Events follow the item they describe: uncategorised ones (participants joining) go to
  // everyone; the rest by authorship, assignment or a granted category.
  can('read', 'WorkspaceEvent', { category: null });
  can('read', 'WorkspaceEvent', { actorParty: party });
  can('read', 'WorkspaceEvent', { authorParty: party });
  can('read', 'WorkspaceEvent', { assigneeParty: party });
  can('read', 'WorkspaceEvent', { assigneeParticipantId: participantId });
  const grantedList = CATEGORIES.filter(has);
  if (grantedList.length > 0) {
    can('read', 'WorkspaceEvent', { category: { in: grantedList } });
  }

  return build();
}
