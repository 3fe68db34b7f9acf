import { AbilityBuilder } from '@casl/ability';
import { createPrismaAbility } from '@casl/prisma';
import { AbilitySqlError, conditionSql, modelColumns, readableSql } from './ability-sql';
import { buildWorkspaceAbility, type WorkspaceAbility } from './workspace-ability';

// The pure part of the rules-to-SQL compiler: each operator's SQL and parameters, nesting,
// negation, the empty cases, and refusal of anything it does not compile. Whether the SQL
// selects exactly the rows the ability allows is the property test's
// (ability-sql.property.int-spec.ts).

function abilityWith(
  define: (
    can: AbilityBuilder<WorkspaceAbility>['can'],
    cannot: AbilityBuilder<WorkspaceAbility>['cannot'],
  ) => void,
) {
  const { can, cannot, build } = new AbilityBuilder<WorkspaceAbility>(createPrismaAbility);
  define(can, cannot);
  return build();
}

/** The statement text with $n placeholders, and its parameters. */
function sqlOf(ability: WorkspaceAbility, model: 'Task' | 'PlanMeasure' = 'Task') {
  const sql = readableSql(ability, model, 't');
  return { text: sql.text, values: sql.values };
}

describe('the ability compiled to SQL', () => {
  it('takes column names from Prisma’s model metadata (@map)', () => {
    const task = modelColumns('Task');
    expect(task.columns.get('assigneeParty')).toBe('assignee_party');
    expect(task.columns.get('category')).toBe('category');
    expect(task.relations.has('assigneeParticipant')).toBe(true);
    expect(modelColumns('PlanMeasure').columns.get('ownerParty')).toBe('owner_party');
  });

  it('is FALSE when no rule lets the ability read the model', () => {
    expect(sqlOf(abilityWith(() => undefined))).toEqual({ text: 'FALSE', values: [] });
    // Only `cannot` rules: still nothing.
    expect(
      sqlOf(abilityWith((_can, cannot) => cannot('read', 'Task', { category: 'MEDICAL' }))),
    ).toEqual({ text: 'FALSE', values: [] });
    // A rule of another action or model gives no read.
    expect(
      sqlOf(abilityWith((can) => can(['update', 'read'], 'PlanMeasure', { ownerParty: 'FK' }))),
    ).toEqual({ text: 'FALSE', values: [] });
  });

  it('is TRUE for a rule without conditions (the patient reads all)', () => {
    expect(sqlOf(abilityWith((can) => can('read', 'all')))).toEqual({ text: 'TRUE', values: [] });
    const patient = buildWorkspaceAbility({
      party: 'PATIENT',
      role: null,
      participantId: 'p',
      isPatient: true,
      grantedCategories: new Set(),
    });
    expect(sqlOf(patient).text).toBe('TRUE');
  });

  it('compiles equality, null tests, lists and the rules OR-ed', () => {
    const ability = abilityWith((can) => {
      can('read', 'Task', { category: 'TASKS', assigneeParty: 'FK' });
      can('read', 'Task', { noteId: { not: null }, category: { in: ['TASKS', 'MEDICAL'] } });
      can('read', 'Task', { createdByParty: null });
    });
    // CASL flattens the rules highest priority (last written) first.
    expect(sqlOf(ability)).toEqual({
      text:
        '(t."created_by_party" IS NULL OR (t."note_id" IS NOT NULL AND t."category" = ANY($1))' +
        ' OR (t."category" = $2 AND t."assignee_party" = $3))',
      values: [['TASKS', 'MEDICAL'], 'TASKS', 'FK'],
    });
  });

  it('keeps NULL columns where CASL does: not-equal is IS DISTINCT FROM, a listed null is IS NULL', () => {
    const ability = abilityWith((can) => {
      can('read', 'Task', { assigneeParty: { not: 'FK' } });
      can('read', 'Task', { createdByParty: { in: ['CARE', null] } } as never);
      can('read', 'Task', { createdByParty: { in: [] } });
    });
    expect(sqlOf(ability)).toEqual({
      text:
        '(FALSE OR (t."created_by_party" = ANY($1) OR t."created_by_party" IS NULL)' +
        ' OR t."assignee_party" IS DISTINCT FROM $2)',
      values: [['CARE'], 'FK'],
    });
  });

  it('bounds each rule by the cannot rules above it, two-valued under NOT', () => {
    const ability = abilityWith((can, cannot) => {
      can('read', 'Task', { createdByParty: 'CARE' });
      cannot('read', 'Task', { category: 'MEDICAL', assigneeParty: { in: ['FK'] } });
    });
    expect(sqlOf(ability)).toEqual({
      text:
        '(t."created_by_party" = $1 AND NOT (((t."category" = $2) IS TRUE' +
        ' AND (t."assignee_party" = ANY($3)) IS TRUE)))',
      values: ['CARE', 'MEDICAL', ['FK']],
    });
  });

  it('compiles Prisma’s own AND, OR, NOT and notIn inside a rule', () => {
    const ability = abilityWith((can) => {
      can('read', 'Task', {
        OR: [{ assigneeParty: 'FK' }, { createdByParty: { notIn: ['CARE', 'AF'] } }],
        NOT: [{ status: 'DONE' }, { status: 'CANCELLED' }],
        AND: [{ category: 'TASKS' }],
      } as never);
    });
    expect(sqlOf(ability)).toEqual({
      text:
        '((t."assignee_party" = $1 OR NOT ((t."created_by_party" = ANY($2)) IS TRUE))' +
        ' AND NOT ((t."status" = $3) IS TRUE OR (t."status" = $4) IS TRUE) AND t."category" = $5)',
      values: ['FK', ['CARE', 'AF'], 'DONE', 'CANCELLED', 'TASKS'],
    });
  });

  it('compiles the policy’s own rules for a task reader', () => {
    const reader = buildWorkspaceAbility({
      party: 'EMPLOYER',
      role: 'MANAGER',
      participantId: '7d0c6a5e-0000-4000-8000-000000000001',
      isPatient: false,
      grantedCategories: new Set(['TASKS']),
    });
    const { text, values } = sqlOf(reader);
    expect(text).toContain('t."note_id" IS NULL');
    expect(text).toContain('t."assignee_participant_id" = $');
    expect(values).toContain('7d0c6a5e-0000-4000-8000-000000000001');
    // MEETING_NOTES not granted: no rule reads tasks made from a note by consent.
    expect(text).not.toContain('note_id" IS NOT NULL');
  });

  it('refuses an operator it does not compile, when the statement is built', () => {
    const cases: Record<string, unknown>[] = [
      { dueDate: { lt: '2026-12-01' } },
      { title: { startsWith: 'A' } },
      { title: { contains: 'a', mode: 'insensitive' } },
      { assigneeParticipant: { is: { party: 'FK' } } },
      { createdBy: { isNot: { name: 'x' } } },
    ];
    for (const conditions of cases) {
      const ability = abilityWith((can) => can('read', 'Task', conditions as never));
      expect(() => readableSql(ability, 'Task', 't')).toThrow(AbilitySqlError);
    }
    expect(() =>
      conditionSql({ operator: 'hasSome', field: 'title', value: ['a'] }, 'Task', 't'),
    ).toThrow('the operator "hasSome"');
  });

  it('refuses relations, unknown fields, values it cannot bind and strange aliases', () => {
    expect(() =>
      conditionSql(
        {
          operator: 'some',
          field: 'invitees',
          value: { operator: 'equals', field: 'x', value: 1 },
        },
        'Meeting',
        'm',
      ),
    ).toThrow('relation Meeting.invitees');
    expect(() =>
      conditionSql({ operator: 'equals', field: 'nope', value: 'a' }, 'Task', 't'),
    ).toThrow('no column for the field "nope"');
    expect(() =>
      conditionSql({ operator: 'equals', field: 'title', value: { a: 1 } }, 'Task', 't'),
    ).toThrow(AbilitySqlError);
    expect(() =>
      conditionSql({ operator: 'equals', field: 'title', value: new Date() }, 'Task', 't'),
    ).toThrow(AbilitySqlError);
    expect(() =>
      conditionSql({ operator: 'in', field: 'title', value: [{}] }, 'Task', 't'),
    ).toThrow(AbilitySqlError);
    expect(() =>
      conditionSql({ operator: 'equals', field: 'title', value: 'a' }, 'Task', 't; DROP'),
    ).toThrow('unexpected alias');
    expect(() => conditionSql(null, 'NoSuchModel', 't')).not.toThrow();
    expect(() =>
      conditionSql({ operator: 'equals', field: 'a', value: 1 }, 'NoSuchModel', 't'),
    ).toThrow('Prisma has no model NoSuchModel');
  });

  it('binds every value as a parameter, never into the text', () => {
    const ability = abilityWith((can) =>
      can('read', 'Task', { title: "x' OR TRUE --", createdByParty: { in: ["y'"] } } as never),
    );
    const { text, values } = sqlOf(ability);
    expect(text).not.toContain("'");
    expect(values).toEqual(["x' OR TRUE --", ["y'"]]);
  });
});
