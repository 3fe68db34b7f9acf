import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@prisma/client';
import fc from 'fast-check';
import {
  CATEGORIES,
  type Category,
  CONSENT_PARTIES,
  PARTIES,
  type Party,
  type Role,
  ROLES_BY_PARTY,
  TASK_STATUSES,
  type TaskStatus,
} from '@atergang/contracts';
import { PlanRepository } from '../plan/plan.repository';
import { seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';
import { type TaskFilters, TasksRepository, taskSelect } from '../tasks/tasks.repository';
import {
  type ConditionNode,
  conditionSql,
  modelColumns,
  readableSql,
  readRulesAst,
  type SqlScopedModel,
} from './ability-sql';
import { allows } from './authorization';
import { buildWorkspaceAbility, readableWhere, type WorkspaceAbility } from './workspace-ability';

// Issue 20, items 1 and 2. The hot lists select their rows in one statement whose WHERE is
// compiled from the ability's rules (ability-sql.ts). Over random rows of every model the
// compiler scopes, inserted into a real case on a real PostgreSQL, and random abilities
// (party, role, person or whole party, consents, an open or closed case), three answers
// must be the same set of rows: the ability in memory (CASL, row by row), the ability as a
// Prisma `where` (accessibleBy) and the compiled SQL. The property must be able to fail: the
// same runs with one AND term dropped from the compiled rules find a counterexample. And
// the repositories built on it give what the Prisma queries they replace gave, row for row,
// in the same order, with the same shapes.

const MODELS: readonly SqlScopedModel[] = ['Task', 'PlanMeasure', 'MeetingNote', 'Document'];

type RowSpec =
  | {
      readonly model: 'Task';
      readonly creator: Party | null;
      readonly category: 'TASKS' | 'MEDICAL';
      readonly assigneeParty: Party | null;
      readonly assignee: number | null;
      readonly fromNote: boolean;
      readonly status: TaskStatus;
      readonly due: string | null;
    }
  | { readonly model: 'PlanMeasure'; readonly owner: Party; readonly category: 'PLAN' | 'MEDICAL' }
  | {
      readonly model: 'MeetingNote';
      readonly author: Party;
      readonly category: 'MEETING_NOTES' | 'MEDICAL';
    }
  | {
      readonly model: 'Document';
      readonly uploader: Party;
      readonly category: 'DOCUMENTS' | 'MEDICAL';
    };

const party = fc.constantFrom(...PARTIES);
const DAYS = ['2026-11-01', '2026-12-04', '2027-01-15'] as const;

const rowSpec: fc.Arbitrary<RowSpec> = fc.oneof(
  fc.record({
    model: fc.constant('Task' as const),
    creator: fc.option(party, { freq: 4 }),
    category: fc.constantFrom('TASKS' as const, 'MEDICAL' as const),
    assigneeParty: fc.option(party, { freq: 2 }),
    assignee: fc.option(fc.nat(99), { freq: 2 }),
    fromNote: fc.boolean(),
    status: fc.constantFrom(...TASK_STATUSES),
    due: fc.option(fc.constantFrom(...DAYS), { freq: 3 }),
  }),
  fc.record({
    model: fc.constant('PlanMeasure' as const),
    owner: party,
    category: fc.constantFrom('PLAN' as const, 'MEDICAL' as const),
  }),
  fc.record({
    model: fc.constant('MeetingNote' as const),
    author: party,
    category: fc.constantFrom('MEETING_NOTES' as const, 'MEDICAL' as const),
  }),
  fc.record({
    model: fc.constant('Document' as const),
    uploader: party,
    category: fc.constantFrom('DOCUMENTS' as const, 'MEDICAL' as const),
  }),
);

interface AbilitySpec {
  readonly party: Party;
  readonly person: number;
  /** Judged for the whole party (no person), as a recipient is. */
  readonly asParty: boolean;
  readonly role: number;
  readonly granted: readonly Category[];
  readonly caseClosed: boolean;
}

const abilitySpec: fc.Arbitrary<AbilitySpec> = fc.record({
  party,
  person: fc.nat(99),
  asParty: fc.nat(4).map((draw) => draw === 0),
  role: fc.nat(9),
  granted: fc.subarray([...CATEGORIES]),
  caseClosed: fc.boolean(),
});

interface FilterSpec {
  readonly mine: boolean;
  readonly overdue: string | null;
  readonly statuses: readonly TaskStatus[] | null;
}

const filterSpec: fc.Arbitrary<FilterSpec> = fc.record({
  mine: fc.boolean(),
  overdue: fc.option(fc.constantFrom(...DAYS), { freq: 2 }),
  statuses: fc.option(fc.subarray([...TASK_STATUSES]), { freq: 2 }),
});

function rolesFor(of: Party): (Role | null)[] {
  const own = ROLES_BY_PARTY[of].filter((role) => role !== 'ORG_ADMIN');
  const foreign: Role = of === 'CARE' ? 'MANAGER' : 'DOCTOR';
  return [null, ...own, foreign];
}

/** One AND term dropped from the compiled rules: the first conjunction of two or more. */
function dropOneAndTerm(node: ConditionNode | null): ConditionNode | null {
  let dropped = false;
  const visit = (current: ConditionNode): ConditionNode => {
    if (dropped || !Array.isArray(current.value)) return current;
    const kids = current.value as ConditionNode[];
    if ((current.operator === 'and' || current.operator === 'AND') && kids.length >= 2) {
      dropped = true;
      return { ...current, value: kids.slice(0, -1) };
    }
    return { ...current, value: kids.map(visit) };
  };
  return node === null ? null : visit(node);
}

type Compile = (ability: WorkspaceAbility, model: SqlScopedModel, alias: string) => Prisma.Sql;

describe('the ability compiled to SQL selects exactly what the ability allows (property)', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  let planId: string;
  let meetingId: string;
  let someUserId: string;
  const people: { participantId: string; party: Party }[] = [];
  const notes = new Map<'MEETING_NOTES' | 'MEDICAL', string>();
  let position = 10_000;
  /** How often a run told rows apart (some readable, some not): the runs mean something. */
  const split = new Map<string, number>();
  const count = (key: string) => split.set(key, (split.get(key) ?? 0) + 1);

  const personOf = (of: Party, index: number) => {
    const ofParty = people.filter((person) => person.party === of);
    return ofParty[index % ofParty.length];
  };

  async function insert(spec: RowSpec): Promise<void> {
    const base = { id: randomUUID(), workspaceId };
    switch (spec.model) {
      case 'Task': {
        const assignee = spec.assignee === null ? null : people[spec.assignee % people.length];
        const noteId = spec.fromNote
          ? (notes.get(spec.category === 'MEDICAL' ? 'MEDICAL' : 'MEETING_NOTES') ?? null)
          : null;
        await prisma.task.create({
          data: {
            ...base,
            title: 'Uppgift',
            category: spec.category,
            status: spec.status,
            dueDate: spec.due === null ? null : new Date(`${spec.due}T00:00:00Z`),
            createdByParty: spec.creator,
            createdById: spec.creator === null ? null : someUserId,
            assigneeParty: spec.assigneeParty,
            assigneeParticipantId: assignee?.participantId ?? null,
            noteId,
            meetingId: noteId === null ? null : meetingId,
          },
        });
        return;
      }
      case 'PlanMeasure':
        position += 1;
        await prisma.planMeasure.create({
          data: {
            ...base,
            planId,
            ownerParty: spec.owner,
            kind: spec.category === 'MEDICAL' ? 'TREATMENT' : 'WORKPLACE_ADAPTATION',
            category: spec.category,
            title: 'Insats',
            startDate: new Date('2026-12-07T00:00:00Z'),
            position,
            createdById: someUserId,
          },
        });
        return;
      case 'MeetingNote':
        await prisma.meetingNote.create({
          data: {
            ...base,
            meetingId,
            authorId: someUserId,
            authorParty: spec.author,
            category: spec.category,
            situation: 'Läget.',
          },
        });
        return;
      case 'Document':
        await prisma.document.create({
          data: {
            ...base,
            title: 'Dokument',
            kind: spec.category === 'MEDICAL' ? 'MEDICAL_CERTIFICATE' : 'OTHER',
            category: spec.category,
            uploadedById: someUserId,
            uploaderParty: spec.uploader,
          },
        });
        return;
    }
  }

  function abilityOf(spec: AbilitySpec): {
    ability: WorkspaceAbility;
    participantId: string | null;
  } {
    const person = personOf(spec.party, spec.person);
    if (!person) throw new Error(`no participant of ${spec.party}`);
    const isPatient = spec.party === 'PATIENT';
    const roles = rolesFor(spec.party);
    const participantId = spec.asParty && !isPatient ? null : person.participantId;
    const ability = buildWorkspaceAbility({
      party: spec.party,
      role: roles[spec.role % roles.length] ?? null,
      participantId,
      isPatient,
      grantedCategories: new Set(spec.granted),
      caseClosed: spec.caseClosed,
    });
    return { ability, participantId };
  }

  /** Every row of the model in the case, as the ability judges rows in memory. */
  async function allRows(model: SqlScopedModel): Promise<{ id: string }[]> {
    const where = { workspaceId };
    switch (model) {
      case 'Task':
        return prisma.task.findMany({ where });
      case 'PlanMeasure':
        return prisma.planMeasure.findMany({ where });
      case 'MeetingNote':
        return prisma.meetingNote.findMany({ where });
      case 'Document':
        return prisma.document.findMany({ where });
    }
  }

  async function byPrisma(
    model: SqlScopedModel,
    ability: WorkspaceAbility,
  ): Promise<{ id: string }[]> {
    const select = { id: true } as const;
    switch (model) {
      case 'Task':
        return prisma.task.findMany({
          where: { AND: [{ workspaceId }, readableWhere(ability, 'Task')] },
          select,
        });
      case 'PlanMeasure':
        return prisma.planMeasure.findMany({
          where: { AND: [{ workspaceId }, readableWhere(ability, 'PlanMeasure')] },
          select,
        });
      case 'MeetingNote':
        return prisma.meetingNote.findMany({
          where: { AND: [{ workspaceId }, readableWhere(ability, 'MeetingNote')] },
          select,
        });
      case 'Document':
        return prisma.document.findMany({
          where: { AND: [{ workspaceId }, readableWhere(ability, 'Document')] },
          select,
        });
    }
  }

  async function bySql(model: SqlScopedModel, where: Prisma.Sql): Promise<{ id: string }[]> {
    const table = Prisma.raw(`"${modelColumns(model).table}"`);
    return prisma.$queryRaw<{ id: string }[]>`
      SELECT x.id::text AS id FROM ${table} x
      WHERE x.workspace_id = ${workspaceId}::uuid AND ${where}`;
  }

  const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id).sort();

  /** Random rows, then random abilities: in memory, Prisma and the compiled SQL agree. */
  const agreement = (compile: Compile) =>
    fc.asyncProperty(
      fc.array(rowSpec, { minLength: 1, maxLength: 4 }),
      fc.array(abilitySpec, { minLength: 1, maxLength: 4 }),
      async (rows, specs) => {
        for (const row of rows) await insert(row);
        for (const spec of specs) {
          const { ability } = abilityOf(spec);
          for (const model of MODELS) {
            const all = await allRows(model);
            const inMemory = ids(all.filter((row) => allows(ability, 'read', model, row)));
            const inPrisma = ids(await byPrisma(model, ability));
            const inSql = ids(await bySql(model, compile(ability, model, 'x')));
            if (inMemory.length > 0 && inMemory.length < all.length) count(model);
            expect({ model, spec, inPrisma, inSql }).toEqual({
              model,
              spec,
              inPrisma: inMemory,
              inSql: inMemory,
            });
          }
        }
      },
    );

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ prisma, workspaceId } = await seedDemo(testApp));
    planId = (await prisma.plan.findUniqueOrThrow({ where: { workspaceId } })).id;
    meetingId = (await prisma.meeting.findFirstOrThrow({ where: { workspaceId } })).id;
    const patient = await prisma.participant.findFirstOrThrow({
      where: { workspaceId, party: 'PATIENT' },
    });
    someUserId = patient.userId;
    for (const of of CONSENT_PARTIES) {
      const organisation = await prisma.organisation.create({
        data: { kind: of === 'CARE' ? 'CARE_UNIT' : of, name: `SQL viewers ${of}` },
      });
      for (const role of [ROLES_BY_PARTY[of][0], null]) {
        const user = await prisma.user.create({
          data: { email: `sql-viewer-${randomUUID()}@atergang.test`, name: `Viewer ${of}` },
        });
        await prisma.membership.create({
          data: { userId: user.id, organisationId: organisation.id, role: role ?? 'ORG_ADMIN' },
        });
        await prisma.participant.create({
          data: { workspaceId, userId: user.id, party: of, role, organisationId: organisation.id },
        });
      }
    }
    people.push(
      ...(
        await prisma.participant.findMany({
          where: { workspaceId },
          select: { id: true, party: true },
          orderBy: { id: 'asc' },
        })
      ).map((row) => ({ participantId: row.id, party: row.party })),
    );
    for (const category of ['MEETING_NOTES', 'MEDICAL'] as const) {
      const note = await prisma.meetingNote.create({
        data: { workspaceId, meetingId, authorId: someUserId, authorParty: 'FK', category },
      });
      notes.set(category, note.id);
    }
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('selects in SQL exactly the rows the ability allows in memory and its Prisma where finds', async () => {
    await fc.assert(agreement(readableSql), {
      numRuns: 60,
      seed: 2020,
      interruptAfterTimeLimit: 60_000,
    });
    expect(MODELS.filter((model) => (split.get(model) ?? 0) < 20)).toEqual([]);
  }, 90_000);

  it('finds a counterexample when the compiler drops one AND term (the property can fail)', async () => {
    const broken: Compile = (ability, model, alias) =>
      conditionSql(dropOneAndTerm(readRulesAst(ability, model)), model, alias);
    const result = await fc.check(agreement(broken), { numRuns: 60, seed: 2020 });
    expect(result.failed).toBe(true);
    expect(result.counterexample).not.toBeNull();
  }, 90_000);

  it('lists tasks and plan measures as the Prisma queries they replace did: same rows, order and shapes', async () => {
    const tasks = testApp.app.get(TasksRepository);
    const plans = testApp.app.get(PlanRepository);
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowSpec, { maxLength: 3 }),
        abilitySpec,
        filterSpec,
        async (rows, spec, filter) => {
          for (const row of rows) await insert(row);
          const { ability, participantId } = abilityOf(spec);
          const filters: TaskFilters = {
            ...(filter.mine && participantId !== null
              ? { mine: { participantId, party: spec.party } }
              : {}),
            ...(filter.overdue ? { overdueBefore: new Date(`${filter.overdue}T00:00:00Z`) } : {}),
            ...(filter.statuses ? { statuses: filter.statuses } : {}),
          };
          // The tasks query as it was: the ability's Prisma where and the filters.
          const and: Prisma.TaskWhereInput[] = [{ workspaceId }, readableWhere(ability, 'Task')];
          if (filters.mine) {
            and.push({
              OR: [
                { assigneeParticipantId: filters.mine.participantId },
                { assigneeParty: filters.mine.party },
              ],
            });
          }
          if (filters.overdueBefore) {
            and.push({
              dueDate: { lt: filters.overdueBefore },
              status: { notIn: ['DONE', 'CANCELLED'] },
            });
          }
          if (filters.statuses) and.push({ status: { in: [...filters.statuses] } });
          const expectedTasks = await prisma.task.findMany({
            where: { AND: and },
            orderBy: [
              { dueDate: { sort: 'asc', nulls: 'last' } },
              { createdAt: 'asc' },
              { id: 'asc' },
            ],
            select: taskSelect,
          });
          expect(await tasks.list(workspaceId, ability, filters)).toStrictEqual(expectedTasks);
          if (expectedTasks.length >= 2) count('task list');

          const expectedMeasures = await prisma.planMeasure.findMany({
            where: { AND: [{ planId, workspaceId }, readableWhere(ability, 'PlanMeasure')] },
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
              position: true,
            },
          });
          const visible = await plans.findVisible(workspaceId, ability, []);
          expect(visible.plan?.measures).toStrictEqual(expectedMeasures);
          if (expectedMeasures.length >= 2) count('measure list');
        },
      ),
      { numRuns: 40, seed: 2021, interruptAfterTimeLimit: 60_000 },
    );
    expect(split.get('task list') ?? 0).toBeGreaterThan(10);
    expect(split.get('measure list') ?? 0).toBeGreaterThan(10);
  }, 90_000);
});
