import { organisationPermissionsOf } from './organisation-permissions';

// GET /me's organisation permissions come from the organisation ability: the statistics
// link shows exactly for those the statistics route lets in.

describe('organisationPermissionsOf', () => {
  it.each([
    ['EMPLOYER', ['HR'], ['statistics:read']],
    ['EMPLOYER', ['MANAGER', 'HR'], ['statistics:read']],
    ['EMPLOYER', ['ORG_ADMIN'], ['statistics:read']],
    ['EMPLOYER', ['MANAGER'], []],
    ['CARE_UNIT', ['ORG_ADMIN'], ['statistics:read']],
    ['CARE_UNIT', ['DOCTOR', 'COORDINATOR'], []],
    // A role outside the organisation's kind counts for nothing.
    ['CARE_UNIT', ['HR'], []],
    ['FK', ['CASE_OFFICER'], []],
    ['FK', ['ORG_ADMIN'], ['statistics:read']],
    ['AF', ['ORG_ADMIN'], ['statistics:read']],
  ] as const)('%s with %j may %j', (kind, roles, expected) => {
    expect(organisationPermissionsOf({ kind, roles })).toEqual(expected);
  });
});
