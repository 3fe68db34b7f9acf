import type { Party, Permission } from '@atergang/contracts';

// Every participant may look: what they then see is narrowed per item by the ability
// (authorship, assignment, consent).
const READ: readonly Permission[] = [
  'workspace:read',
  'consent:read',
  'plan:read',
  'task:read',
  'meeting:read',
  'note:read',
  'document:read',
  'event:read',
];

// What each party's role in the process lets it do (domain.md, "The parties"). Consent
// never adds to this; it only narrows what can be seen.
const WRITE_BY_PARTY: Readonly<Record<Party, readonly Permission[]>> = {
  PATIENT: [
    'consent:manage',
    'access-log:read',
    'participant:invite',
    'participant:remove',
    'plan:update',
    'plan:sign',
    'task:create',
    'document:upload',
  ],
  EMPLOYER: [
    'participant:invite',
    'plan:update',
    'plan:sign',
    'task:create',
    'meeting:create',
    'document:upload',
  ],
  OCCUPATIONAL_HEALTH: [
    'plan:update',
    'task:create',
    'meeting:create',
    'note:create',
    'document:upload',
  ],
  CARE: [
    'participant:invite',
    'plan:update',
    'task:create',
    'meeting:create',
    'note:create',
    'document:upload',
  ],
  FK: [
    'participant:invite',
    'plan:update',
    'task:create',
    'meeting:create',
    'note:create',
    'document:upload',
  ],
  AF: ['plan:update', 'task:create', 'meeting:create', 'note:create', 'document:upload'],
};

export function permissionsFor(party: Party): Permission[] {
  return [...READ, ...WRITE_BY_PARTY[party]];
}

export function hasPermission(party: Party, permission: Permission): boolean {
  return permissionsFor(party).includes(permission);
}
