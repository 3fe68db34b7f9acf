import {
  type CaseFactUpdateField,
  MEETING_KINDS,
  type MeetingKind,
  type Party,
  PERMISSIONS,
  type Permission,
  PLAN_HANDOVER_RECIPIENTS,
  type SignoffDecision,
} from '@atergang/contracts';
import { allows } from './authorization';
import type { WorkspaceAbility } from './workspace-ability';

// The overview's `permissions`: asked of the same ability the API enforces, so the web
// client offers exactly what the API allows. Instance rules are asked about an item of the
// caller's own party (a measure of theirs, a document they would upload).

interface Caller {
  readonly party: Party;
  readonly ability: WorkspaceAbility;
  readonly caseClosed?: boolean;
}

type Check = (caller: Caller) => boolean;

const ownMeasure =
  (category: 'PLAN' | 'MEDICAL'): Check =>
  (caller) =>
    allows(caller.ability, 'create', 'PlanMeasure', { ownerParty: caller.party, category });

const mayDecide =
  (decision: SignoffDecision): Check =>
  ({ ability }) =>
    allows(ability, 'sign', 'Plan', undefined, decision);

const mayCorrect =
  (field: CaseFactUpdateField): Check =>
  ({ ability }) =>
    allows(ability, 'update', 'CaseFacts', undefined, field);

const meetingOfKind =
  (kind: MeetingKind): Check =>
  (caller) =>
    allows(caller.ability, 'create', 'Meeting', { kind });

const CHECKS: Readonly<Record<Permission, Check>> = {
  'workspace:read': ({ ability }) => allows(ability, 'read', 'Workspace'),
  'participant:invite': ({ ability }) => allows(ability, 'invite', 'Participant'),
  'participant:remove': ({ ability }) => allows(ability, 'remove', 'Participant'),
  'participant:hand-over': ({ ability, party }) =>
    allows(ability, 'handOver', 'Participant', { party }),
  'invitation:read': ({ ability, party }) =>
    allows(ability, 'read', 'CaseInvitation', { inviterParty: party }),
  'invitation:approve': ({ ability }) => allows(ability, 'approve', 'CaseInvitation'),
  'consent:read': ({ ability }) => allows(ability, 'read', 'Consent'),
  'consent:manage': ({ ability }) => allows(ability, 'manage', 'Consent'),
  'access-log:read': ({ ability }) => allows(ability, 'read', 'AccessLog'),
  'plan:read': ({ ability }) =>
    allows(ability, 'read', 'PlanSection') || allows(ability, 'read', 'PlanMeasure'),
  'plan:update': (caller) => allows(caller.ability, 'update', 'Plan') || ownMeasure('PLAN')(caller),
  'plan:update-employer-part': ({ ability }) =>
    allows(ability, 'update', 'Plan', undefined, 'goal'),
  'plan:update-sick-leave-steps': ({ ability }) =>
    allows(ability, 'update', 'Plan', undefined, 'sickLeaveSteps'),
  'plan:update-patient-view': ({ ability }) =>
    allows(ability, 'update', 'Plan', undefined, 'patientView'),
  'plan:update-measures': ownMeasure('PLAN'),
  'plan:update-medical-measures': ownMeasure('MEDICAL'),
  'plan:record-not-needed': ({ ability }) =>
    allows(ability, 'update', 'Plan', undefined, 'notNeededReason'),
  'plan:sign': ({ ability }) => allows(ability, 'sign', 'Plan'),
  'plan:sign:ESTABLISHED': mayDecide('ESTABLISHED'),
  'plan:sign:AGREED': mayDecide('AGREED'),
  'plan:sign:DISAGREED': mayDecide('DISAGREED'),
  'plan:hand-over': ({ ability, party }) =>
    allows(ability, 'create', 'PlanHandover', { senderParty: party, recipientParty: 'FK' }),
  'plan:handovers:read': ({ ability }) =>
    allows(ability, 'read', 'PlanHandover') || allows(ability, 'read', 'PlanRequest'),
  // Offered to the parties a plan is handed to (FK, care), not to every party's own rule.
  'plan:handover:acknowledge': ({ ability, party }) =>
    (PLAN_HANDOVER_RECIPIENTS as readonly Party[]).includes(party) &&
    allows(ability, 'acknowledge', 'PlanHandover', { recipientParty: party }),
  'plan:request': ({ ability, party }) =>
    allows(ability, 'create', 'PlanRequest', { requestedByParty: party, askedParty: 'EMPLOYER' }),
  'task:read': ({ ability }) => allows(ability, 'read', 'Task'),
  'task:create': ({ ability, party }) =>
    allows(ability, 'create', 'Task', { createdByParty: party, category: 'TASKS' }),
  'task:create-medical': ({ ability, party }) =>
    allows(ability, 'create', 'Task', { createdByParty: party, category: 'MEDICAL' }),
  'meeting:read': ({ ability }) => allows(ability, 'read', 'Meeting'),
  'meeting:create': (caller) => MEETING_KINDS.some((kind) => meetingOfKind(kind)(caller)),
  'meeting:create:AVSTAMNINGSMOTE': meetingOfKind('AVSTAMNINGSMOTE'),
  'meeting:create:SASSAM': meetingOfKind('SASSAM'),
  'meeting:create:GEMENSAM_KARTLAGGNING': meetingOfKind('GEMENSAM_KARTLAGGNING'),
  'meeting:create:OMSTALLNINGSMOTE': meetingOfKind('OMSTALLNINGSMOTE'),
  'meeting:create:WORKPLACE_REHAB': meetingOfKind('WORKPLACE_REHAB'),
  'meeting:create:FOLLOW_UP': meetingOfKind('FOLLOW_UP'),
  'meeting-request:create': ({ ability, party }) =>
    allows(ability, 'request', 'MeetingRequest', { requestedByParty: party }),
  'meeting-request:answer': ({ ability }) => allows(ability, 'answer', 'MeetingRequest'),
  'note:read': ({ ability }) => allows(ability, 'read', 'MeetingNote'),
  'note:create': ({ ability, party }) =>
    allows(ability, 'takeNotes', 'Meeting') &&
    allows(ability, 'create', 'MeetingNote', { authorParty: party, category: 'MEETING_NOTES' }),
  'note:create-medical': ({ ability, party }) =>
    allows(ability, 'takeNotes', 'Meeting') &&
    allows(ability, 'create', 'MeetingNote', { authorParty: party, category: 'MEDICAL' }),
  'document:read': ({ ability }) => allows(ability, 'read', 'Document'),
  'document:upload': ({ ability, party }) =>
    allows(ability, 'create', 'Document', { uploaderParty: party, category: 'DOCUMENTS' }),
  'document:upload-medical': ({ ability, party }) =>
    allows(ability, 'create', 'Document', { uploaderParty: party, category: 'MEDICAL' }),
  'event:read': ({ ability }) => allows(ability, 'read', 'WorkspaceEvent'),
  'certificate:create': ({ ability, party }) =>
    allows(ability, 'create', 'Certificate', { authorParty: party }),
  'case:update-facts': ({ ability }) => allows(ability, 'update', 'CaseFacts'),
  'case:update-facts:sickPeriodStart': mayCorrect('sickPeriodStart'),
  'case:update-facts:earlierPeriods': mayCorrect('earlierPeriods'),
  'case:update-facts:employmentStatus': mayCorrect('employmentStatus'),
  'case:update-facts:expectedLengthDays': mayCorrect('expectedLengthDays'),
  'case:update-facts:expectedLengthBasis': mayCorrect('expectedLengthBasis'),
  'case:close': ({ ability }) => allows(ability, 'close', 'Workspace'),
  // Offered only where there is something to reopen.
  'case:reopen': ({ ability, caseClosed }) =>
    caseClosed === true && allows(ability, 'reopen', 'Workspace'),
  'case:export': ({ ability }) => allows(ability, 'read', 'CaseExport'),
};

/** Every permission the caller's ability grants, in the contract's order. */
export function permissionsOf(caller: Caller): Permission[] {
  return PERMISSIONS.filter((permission) => CHECKS[permission](caller));
}
