import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as enums from './enums';

// The database enums (prisma/schema.prisma) and the contract enums must name the same
// values, or a row could hold something the API cannot describe.

const schema = readFileSync(join(__dirname, '../../../prisma/schema.prisma'), 'utf8');

function prismaEnum(name: string): string[] {
  const block = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema);
  if (!block?.[1]) {
    throw new Error(`enum ${name} not found in schema.prisma`);
  }
  return block[1]
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, '').trim())
    .filter((line) => line && !line.startsWith('@@'))
    .map((line) => line.split(/\s+/)[0] ?? '');
}

describe('contract enums and database enums', () => {
  it.each([
    ['Party', enums.PARTIES],
    ['Category', enums.CATEGORIES],
    ['OrganisationKind', enums.ORGANISATION_KINDS],
    ['Role', enums.ROLES],
    ['WorkspaceStatus', enums.WORKSPACE_STATUSES],
    ['EmploymentStatus', enums.EMPLOYMENT_STATUSES],
    ['CaseClosingReason', enums.CASE_CLOSING_REASONS],
    ['MeasureKind', enums.MEASURE_KINDS],
    ['MeasureStatus', enums.MEASURE_STATUSES],
    ['MeasureCategory', enums.MEASURE_CATEGORIES],
    ['MeetingKind', enums.MEETING_KINDS],
    ['MeetingStatus', enums.MEETING_STATUSES],
    ['SlotAnswer', enums.SLOT_ANSWERS],
    ['TaskStatus', enums.TASK_STATUSES],
    ['AuditOutcome', enums.AUDIT_OUTCOMES],
  ])('%s has the same values in both', (name, values) => {
    expect(prismaEnum(name)).toEqual([...values]);
  });

  it('offers consent to every party but the patient', () => {
    expect([...enums.CONSENT_PARTIES].sort()).toEqual(
      enums.PARTIES.filter((p) => p !== 'PATIENT').sort(),
    );
  });
});
