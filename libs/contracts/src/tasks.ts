import { z } from 'zod';
import { isoDateSchema } from './common';
import { categorySchema, partySchema, taskStatusSchema } from './enums';

// Tasks: concrete actions with an owner and a due date (domain.md, "Tasks"). The owner is a
// participant (a person) or a whole party, the patient included.

const MAX_VERSION = 2_147_483_647;

const withoutNul = (value: string): boolean => !value.includes('\u0000');
/** Free text: bounded, and without NUL characters (PostgreSQL text cannot hold them). */
const taskText = (max: number) =>
  z.string().max(max).refine(withoutNul, { message: 'must not contain NUL characters' });
const requiredTaskText = (max: number) =>
  z.string().trim().min(1).max(max).refine(withoutNul, {
    message: 'must not contain NUL characters',
  });

/** A due date: a calendar day inside a range a sick-leave case can plausibly span. */
export const taskDueDateSchema = isoDateSchema.refine(
  (value) => value >= '1900-01-01' && value <= '2199-12-31',
  { message: 'must be between 1900-01-01 and 2199-12-31' },
);

export const TASK_CATEGORIES = ['TASKS', 'MEDICAL'] as const;

/** The fields a PATCH may change, as the API's policy names them (its field rules). */
export const TASK_UPDATE_FIELDS = [
  'title',
  'description',
  'dueDate',
  'status',
  'assigneeParticipantId',
  'assigneeParty',
] as const;
export const taskUpdateFieldSchema = z.enum(TASK_UPDATE_FIELDS);
export type TaskUpdateField = z.infer<typeof taskUpdateFieldSchema>;
export const taskCategorySchema = z.enum(TASK_CATEGORIES);
export type TaskCategory = z.infer<typeof taskCategorySchema>;

// ---------------------------------------------------------------------------------------
// A task as read
// ---------------------------------------------------------------------------------------

export const taskSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  status: taskStatusSchema,
  /** TASKS, or MEDICAL for a task that reveals medical information. */
  category: taskCategorySchema,
  /** The party that owns the task (also set when a person is assigned: their party). */
  assigneeParty: partySchema.nullable(),
  /** The person assigned, if the task is not just for a party. */
  assignee: z.object({ participantId: z.uuid(), name: z.string(), party: partySchema }).nullable(),
  dueDate: isoDateSchema.nullable(),
  /** Due before today (Europe/Stockholm) and neither done nor cancelled. */
  overdue: z.boolean(),
  measureId: z.uuid().nullable(),
  meetingId: z.uuid().nullable(),
  /** The meeting note whose next step became this task. */
  noteId: z.uuid().nullable(),
  /** Set for the rehab-chain deadline tasks the system creates (e.g. RETURN_TO_WORK_PLAN). */
  deadlineKey: z.string().nullable(),
  createdBy: z.object({ userId: z.uuid(), name: z.string() }).nullable(),
  /** Null for tasks the system created. */
  createdByParty: partySchema.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  /** Why the system closed a deadline task (its obligation no longer applies), in Swedish. */
  closedReason: z.string().nullable(),
  /** Send it back with PATCH: a stale version gets 409. */
  version: z.number().int(),
  /**
   * The fields the caller may change in this task, computed by the API from the same policy
   * that judges the PATCH (empty in a closed case): the client offers exactly these.
   */
  editableFields: z.array(taskUpdateFieldSchema),
});
export type TaskView = z.infer<typeof taskSchema>;

export const taskListSchema = z.object({
  tasks: z.array(taskSchema),
  /** Categories of tasks the caller's party has not been granted: those were left out. */
  withheld: z.array(categorySchema),
});
export type TaskList = z.infer<typeof taskListSchema>;

// ---------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------

export const taskParamsSchema = z.strictObject({ id: z.uuid(), taskId: z.uuid() });

const queryFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const tasksQuerySchema = z.strictObject({
  /** Only tasks assigned to me or to my party. */
  mine: queryFlag.optional(),
  /** Only tasks due before today (Europe/Stockholm) that are neither done nor cancelled. */
  overdue: queryFlag.optional(),
  /** Comma-separated statuses, e.g. `OPEN,IN_PROGRESS`. */
  status: z
    .string()
    .max(100)
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(taskStatusSchema).min(1).max(4))
    .optional(),
});
export type TasksQuery = z.infer<typeof tasksQuerySchema>;

/** Who a task is for: a participant of the workspace, or a whole party (or both, agreeing). */
const assigneeFields = {
  assigneeParticipantId: z.uuid().optional(),
  assigneeParty: partySchema.optional(),
};

export const createTaskRequestSchema = z
  .strictObject({
    title: requiredTaskText(200),
    description: taskText(4000).nullable().optional(),
    dueDate: taskDueDateSchema.nullable().optional(),
    ...assigneeFields,
    /** A plan measure of this workspace the task carries out. */
    measureId: z.uuid().optional(),
    /** A meeting of this workspace the task belongs to. */
    meetingId: z.uuid().optional(),
    /** A task revealing medical information (category MEDICAL); care and the patient only. */
    medical: z.boolean().optional(),
  })
  .superRefine((task, ctx) => {
    if (!task.assigneeParticipantId && !task.assigneeParty) {
      ctx.addIssue({
        code: 'custom',
        path: ['assigneeParticipantId'],
        message: 'give assigneeParticipantId or assigneeParty: every task has an owner',
        params: { reason: 'ASSIGNEE_REQUIRED' },
      });
    }
  });
export type CreateTaskRequest = z.infer<typeof createTaskRequestSchema>;

export const updateTaskRequestSchema = z.strictObject({
  /** The version read; a stale one gets 409 with the current version. */
  version: z.number().int().min(1).max(MAX_VERSION),
  status: taskStatusSchema.optional(),
  title: requiredTaskText(200).optional(),
  description: taskText(4000).nullable().optional(),
  dueDate: taskDueDateSchema.nullable().optional(),
  /** A participant of this workspace; null leaves the task to the party alone. */
  assigneeParticipantId: z.uuid().nullable().optional(),
  assigneeParty: partySchema.optional(),
});
export type UpdateTaskRequest = z.infer<typeof updateTaskRequestSchema>;
