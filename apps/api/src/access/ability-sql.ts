import { rulesToAST } from '@casl/ability/extra';
import { Prisma } from '@prisma/client';
import type { WorkspaceAbility } from './workspace-ability';

// The ability's read rules for a model as one SQL boolean expression with parameters, so a
// hot list is one hand-written statement (rows, joined names and scope together) rather
// than a Prisma query for the readable ids and a second one for the rows. Nothing here
// states a rule: the expression is compiled from the same CASL rules the ability checks in
// memory and `readableWhere` hands to Prisma, through CASL's own flattening of the rules
// (rulesToAST: every `can` rule OR-ed, each bounded by the `cannot` rules above it). The
// columns come from Prisma's model metadata (`@map` names), so a renamed column follows.
//
// Why not @ucast/sql, the CASL family's SQL interpreter: its only releases are alphas
// (1.0.0-alpha.12, checked 2026-12-04) built on @ucast/core 1 (CASL 7 uses 2), meant for
// query builders of ORMs this project does not use (Objection, Sequelize, MikroORM,
// TypeORM); it speaks the Mongo operator names (eq, ne, in) rather than those @casl/prisma
// parses into (equals, notEquals, in, NOT, some, ...), and it renders `ne` as `<>`, which
// drops NULL columns that CASL's `ne` in memory keeps. The few operators the
// policy needs are compiled here with CASL's in-memory semantics, and anything else fails
// when the statement is built, never silently.
//
// Semantics (as @ucast/js judges a row in memory, which is what the ability allows):
// - `equals null` is IS NULL; `notEquals v` is IS DISTINCT FROM (NULL differs from any v);
// - `in [...]` matches a listed value, NULL only when null is listed; `[]` matches nothing;
// - a field test under a negation is made two-valued (`IS TRUE`), so NOT of a comparison
//   with a NULL column is true, as in memory, not NULL (which a WHERE drops);
// - no rule, or only `cannot` rules: FALSE (fail closed).

/** Raised when the rules hold something this compiler cannot turn into the same SQL. */
export class AbilitySqlError extends Error {
  override readonly name = 'AbilitySqlError';
}

/** A node of the condition tree CASL builds from the rules (ucast Condition). */
export interface ConditionNode {
  readonly operator: string;
  readonly value: unknown;
  readonly field?: string;
}

/** The models whose readable rows are selected with this expression. */
export type SqlScopedModel = 'Task' | 'PlanMeasure' | 'MeetingNote' | 'Document';

interface ModelColumns {
  /** The model's table (`@@map`). */
  readonly table: string;
  /** Scalar and enum fields by Prisma name, to their column names. */
  readonly columns: ReadonlyMap<string, string>;
  /** Relation fields: named so a rule on one is refused with a precise message. */
  readonly relations: ReadonlySet<string>;
}

interface RuntimeField {
  readonly name: string;
  readonly kind: string;
  readonly dbName?: string | null;
}

const modelCache = new Map<string, ModelColumns>();

/** The columns of a model, from Prisma's generated model metadata (field → `@map` name). */
export function modelColumns(model: string): ModelColumns {
  const cached = modelCache.get(model);
  if (cached) return cached;
  const found = Prisma.dmmf.datamodel.models.find((candidate) => candidate.name === model);
  if (!found) throw new AbilitySqlError(`Prisma has no model ${model}`);
  const columns = new Map<string, string>();
  const relations = new Set<string>();
  for (const field of found.fields as readonly RuntimeField[]) {
    if (field.kind === 'object') relations.add(field.name);
    else if (field.kind === 'scalar' || field.kind === 'enum') {
      columns.set(field.name, field.dbName ?? field.name);
    }
  }
  const result = { table: found.dbName ?? found.name, columns, relations };
  modelCache.set(model, result);
  return result;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function quoted(identifier: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(identifier)) {
    throw new AbilitySqlError(`unexpected column name ${JSON.stringify(identifier)}`);
  }
  return `"${identifier}"`;
}

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

interface Context {
  readonly model: string;
  readonly alias: string;
  readonly columns: ModelColumns;
}

function column(context: Context, node: ConditionNode): Prisma.Sql {
  const { field } = node;
  if (typeof field !== 'string') {
    throw new AbilitySqlError(`"${node.operator}" without a field on ${context.model}`);
  }
  const name = context.columns.columns.get(field);
  if (name === undefined) {
    if (context.columns.relations.has(field)) {
      throw new AbilitySqlError(
        `"${node.operator}" on the relation ${context.model}.${field}: relations are not compiled`,
      );
    }
    throw new AbilitySqlError(`${context.model} has no column for the field "${field}"`);
  }
  return Prisma.raw(`${context.alias}.${quoted(name)}`);
}

function scalarValue(context: Context, node: ConditionNode): Scalar {
  if (!isScalar(node.value)) {
    throw new AbilitySqlError(
      `"${node.operator}" on ${context.model}.${String(node.field)} with a value that is not a string, number or boolean`,
    );
  }
  return node.value;
}

const TRUE = Prisma.sql`TRUE`;
const FALSE = Prisma.sql`FALSE`;

/** The parts joined with AND or OR (in parentheses when more than one), or `empty`. */
function combine(
  parts: readonly Prisma.Sql[],
  operator: 'AND' | 'OR',
  empty: Prisma.Sql,
): Prisma.Sql {
  const [first, ...rest] = parts;
  if (first === undefined) return empty;
  if (rest.length === 0) return first;
  return Prisma.sql`(${Prisma.join(parts, ` ${operator} `)})`;
}

/** A field test; `negated` when it sits under an odd number of negations (see above). */
function fieldTest(node: ConditionNode, context: Context, negated: boolean): Prisma.Sql {
  const twoValued = (test: Prisma.Sql) => (negated ? Prisma.sql`(${test}) IS TRUE` : test);
  switch (node.operator) {
    case 'equals': {
      const target = column(context, node);
      if (node.value === null) return Prisma.sql`${target} IS NULL`;
      return twoValued(Prisma.sql`${target} = ${scalarValue(context, node)}`);
    }
    case 'notEquals': {
      const target = column(context, node);
      if (node.value === null) return Prisma.sql`${target} IS NOT NULL`;
      return Prisma.sql`${target} IS DISTINCT FROM ${scalarValue(context, node)}`;
    }
    case 'in': {
      const target = column(context, node);
      if (!Array.isArray(node.value)) {
        throw new AbilitySqlError(`"in" on ${context.model}.${String(node.field)} without a list`);
      }
      const listed = node.value as readonly unknown[];
      const values = listed.filter((value) => value !== null);
      for (const value of values) {
        if (!isScalar(value)) {
          throw new AbilitySqlError(
            `"in" on ${context.model}.${String(node.field)} with a value that is not a string, number or boolean`,
          );
        }
      }
      const parts: Prisma.Sql[] = [];
      if (values.length > 0) parts.push(twoValued(Prisma.sql`${target} = ANY(${values})`));
      if (values.length < listed.length) parts.push(Prisma.sql`${target} IS NULL`);
      return combine(parts, 'OR', FALSE);
    }
    case 'has': {
      const target = column(context, node);
      return twoValued(Prisma.sql`${scalarValue(context, node)} = ANY(${target})`);
    }
    default:
      if (typeof node.field === 'string' && context.columns.relations.has(node.field)) {
        // A relation (some, every, is, ...) would need its join, which the generated model
        // metadata does not carry: refused rather than guessed.
        column(context, node);
      }
      throw new AbilitySqlError(
        `the operator "${node.operator}" (on ${context.model}.${String(node.field)}) is not compiled to SQL`,
      );
  }
}

function children(node: ConditionNode, context: Context): readonly ConditionNode[] {
  if (!Array.isArray(node.value)) {
    throw new AbilitySqlError(
      `"${node.operator}" on ${context.model} without a list of conditions`,
    );
  }
  return node.value as readonly ConditionNode[];
}

function compile(node: ConditionNode, context: Context, negated: boolean): Prisma.Sql {
  switch (node.operator) {
    // `and`/`or`/`not` come from CASL's flattening of the rules; `AND`/`OR`/`NOT` from a
    // rule's own Prisma condition.
    case 'and':
    case 'AND': {
      const parts = children(node, context).map((child) => compile(child, context, negated));
      return combine(parts, 'AND', TRUE);
    }
    case 'or':
    case 'OR': {
      const parts = children(node, context).map((child) => compile(child, context, negated));
      return combine(parts, 'OR', FALSE);
    }
    // An inverted rule's condition (`not`, one child) and Prisma's NOT (none of the listed
    // conditions holds): both are NOT of the children OR-ed.
    case 'not':
    case 'NOT': {
      const parts = children(node, context).map((child) => compile(child, context, !negated));
      if (parts.length === 0) return TRUE;
      return Prisma.sql`NOT (${Prisma.join(parts, ' OR ')})`;
    }
    default:
      return fieldTest(node, context, negated);
  }
}

/**
 * The SQL for a condition tree over `model`'s rows aliased `alias`; null (no rule allows
 * any row) is FALSE. Throws AbilitySqlError for anything it does not compile.
 */
export function conditionSql(
  condition: ConditionNode | null,
  model: string,
  alias: string,
): Prisma.Sql {
  if (!IDENTIFIER.test(alias)) throw new AbilitySqlError(`unexpected alias ${alias}`);
  if (condition === null) return FALSE;
  return compile(condition, { model, alias, columns: modelColumns(model) }, false);
}

/** The condition tree of the rules that let the ability read rows of `model` (null: none). */
export function readRulesAst(
  ability: WorkspaceAbility,
  model: SqlScopedModel,
): ConditionNode | null {
  return rulesToAST(ability, 'read', model);
}

/**
 * The rows of `model` (aliased `alias` in the statement) the ability may read, as a SQL
 * boolean expression with parameters: the same rows `readableWhere` gives Prisma and the
 * ability allows in memory (ability-sql.property.int-spec.ts).
 */
export function readableSql(
  ability: WorkspaceAbility,
  model: SqlScopedModel,
  alias: string,
): Prisma.Sql {
  return conditionSql(readRulesAst(ability, model), model, alias);
}
