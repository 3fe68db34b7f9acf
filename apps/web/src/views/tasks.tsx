import type { TFunction } from 'i18next';
import {
  type CreateTaskRequest,
  createTaskRequestSchema,
  PARTIES,
  type Party,
  TASK_STATUSES,
  type TaskStatus,
  type TaskView,
  type UpdateTaskRequest,
  updateTaskRequestSchema,
} from '@atergang/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ErrorMessage,
  Field,
  formatDate,
  Loading,
  PageTitle,
  problemFieldErrors,
  problemText,
  Withheld,
} from '../components/ui';
import { ApiError } from '../lib/api';
import { blank, contractResolver } from '../lib/forms';
import { useMeetings, usePlan } from '../lib/queries';
import {
  changedTaskFields,
  type TaskFilters,
  useCreateTask,
  useTaskList,
  useUpdateTask,
} from '../lib/tasks';
import { useWorkspace } from '../lib/workspace';

/** The form's `assignee` select: `p:<participantId>` or `party:<PARTY>`. */
function assigneeFields(
  value: string,
): Pick<CreateTaskRequest, 'assigneeParticipantId' | 'assigneeParty'> {
  const [kind, id] = value.split(':');
  return {
    ...(kind === 'p' && id ? { assigneeParticipantId: id } : {}),
    ...(kind === 'party' && id ? { assigneeParty: id as Party } : {}),
  };
}

/** Which field of a task form a problem's `errors[].path` names. */
function taskField(
  path: string,
): 'title' | 'description' | 'assignee' | 'dueDate' | 'medical' | null {
  const field = path.split('.')[0];
  if (field === 'assigneeParty' || field === 'assigneeParticipantId') return 'assignee';
  if (field === 'title' || field === 'description' || field === 'dueDate' || field === 'medical')
    return field;
  return null;
}

/** Whether the API lets the caller give the task to someone else. */
const mayReassign = (task: TaskView): boolean =>
  task.editableFields.includes('assigneeParticipantId') &&
  task.editableFields.includes('assigneeParty');

/** Whether the API lets the caller change more than the status. */
const mayEdit = (task: TaskView): boolean =>
  mayReassign(task) || task.editableFields.some((f) => f !== 'status' && !f.startsWith('assignee'));

/** The measure or meeting a task belongs to, named when the caller may see it, and a link. */
function TaskLinks({ task }: { task: TaskView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const plan = usePlan(ws.id, task.measureId !== null);
  const meetings = useMeetings(ws.id, task.meetingId !== null);
  const measure = plan.data?.measures.find((m) => m.id === task.measureId);
  const meeting = meetings.data?.meetings.find((m) => m.id === task.meetingId);
  if (!task.measureId && !task.meetingId) return null;
  return (
    <p className="task-links">
      {task.measureId ? (
        <Link to={`/w/${ws.id}/plan#measure-${task.measureId}`}>
          {measure
            ? t('tasks.measureLink', { title: measure.title })
            : t('tasks.measureLinkUnnamed')}
        </Link>
      ) : null}
      {task.measureId && task.meetingId ? ' · ' : null}
      {task.meetingId ? (
        <Link to={`/w/${ws.id}/meetings#meeting-${task.meetingId}`}>
          {meeting
            ? t('tasks.meetingLink', { title: meeting.title })
            : t('tasks.meetingLinkUnnamed')}
        </Link>
      ) : null}
    </p>
  );
}

type Workspace = ReturnType<typeof useWorkspace>;
type T = TFunction;

/** The party doing the task: the assigned party, else the assigned person's. */
const ownerParty = (task: TaskView): Party | null =>
  task.assigneeParty ?? task.assignee?.party ?? null;

/** Whether the task is the caller's to do: given to them, or to their party. */
function isMine(task: TaskView, ws: Workspace): boolean {
  return task.assignee?.participantId === ws.me.participantId || ownerParty(task) === ws.me.party;
}

/**
 * Who does the task, as the caller reads it: "dig" for the caller (and, for the patient,
 * the patient party, which is her), else the person with their party, else the party.
 */
function assigneeName(task: TaskView, ws: Workspace, t: T): string {
  const party = ownerParty(task);
  if (task.assignee?.participantId === ws.me.participantId) return t('tasks.you');
  if (ws.isPatient && party === 'PATIENT') return t('tasks.you');
  if (task.assignee) return `${task.assignee.name} (${t(`parties.${task.assignee.party}`)})`;
  return party ? t(`parties.${party}`) : '';
}

function AssigneeOptions() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return (
    <>
      <option value="">–</option>
      {ws.participants.map((p) => (
        <option key={p.id} value={`p:${p.id}`}>
          {p.id === ws.me.participantId
            ? t('tasks.yourself')
            : `${p.name} (${t(`parties.${p.party}`)})`}
        </option>
      ))}
    </>
  );
}

/** `mine`: listed under the caller's own tasks; otherwise under what others do. */
function TaskItem({ task, mine }: { task: TaskView; mine: boolean }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [changed, setChanged] = useState(false);
  // What the caller may change in this task comes from the API, asked of the same policy
  // that judges the PATCH (task.editableFields; empty in a closed case): never worked out here.
  const mayChangeStatus = task.editableFields.includes('status');
  const editable = mayEdit(task);
  const done = task.status === 'DONE';
  // Ticked at once; the server's answer confirms it (or the box returns with a message).
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const toggle = useUpdateTask(ws.id, task.id);
  const tick = () => {
    toggle.mutate(
      { version: task.version, status: done ? 'OPEN' : 'DONE' },
      {
        onSuccess: () => {
          setProblem(null);
          setOptimistic(null);
        },
        onError: (error) => {
          setOptimistic(null);
          if (error instanceof ApiError && error.status === 409) setProblem(t('tasks.conflict'));
          else setProblem(problemText(error));
        },
      },
    );
  };
  const who = assigneeName(task, ws, t);
  const owner = ownerParty(task);
  // Under "för dig" the patient needs no "för: dig"; under others' tasks, whose it is, so
  // their lateness does not read as hers.
  const whoText = mine
    ? who && !(ws.isPatient && who === t('tasks.you'))
      ? t('tasks.for', { who })
      : ''
    : who
      ? t('tasks.theirs', { who })
      : t('tasks.noAssignee');
  const meta = [
    whoText,
    task.dueDate ? t('tasks.due', { date: formatDate(task.dueDate) }) : '',
    task.noteId ? t('tasks.fromNote') : '',
  ].filter(Boolean);
  const checkboxId = `task-${task.id}`;
  return (
    <li className={done ? 'task task-done' : 'task'}>
      <div className="task-main">
        {mayChangeStatus ? (
          <input
            id={checkboxId}
            type="checkbox"
            checked={optimistic ?? done}
            disabled={toggle.isPending}
            onChange={() => {
              setOptimistic(!done);
              tick();
            }}
            aria-describedby={`${checkboxId}-meta`}
          />
        ) : null}
        <label htmlFor={mayChangeStatus ? checkboxId : undefined} className="task-title">
          {task.title}
        </label>
        {task.category === 'MEDICAL' ? <span className="tag">{t('tasks.medicalTag')}</span> : null}
      </div>
      <p id={`${checkboxId}-meta`} className="muted task-meta">
        {meta.join(' · ')}
        {task.overdue ? (
          <>
            {' '}
            <strong className="badge badge-warn">
              {mine || !owner
                ? t('tasks.overdue')
                : t('tasks.overdueTheirs', { party: t(`parties.${owner}`) })}
            </strong>
          </>
        ) : null}
      </p>
      {task.description ? <p className="task-description">{task.description}</p> : null}
      <TaskLinks task={task} />
      {problem ? (
        <p role="alert" className="error-text">
          {problem}
        </p>
      ) : null}
      {changed ? (
        <p role="status" className="ok">
          {t('tasks.saved')}
        </p>
      ) : null}
      {editable && !editing ? (
        <button
          type="button"
          className="button button-small"
          aria-label={t('tasks.editLabel', { title: task.title })}
          onClick={() => {
            setChanged(false);
            setEditing(true);
          }}
        >
          {t('tasks.edit')}
        </button>
      ) : null}
      {editable && editing ? (
        <EditTask
          task={task}
          onDone={(saved) => {
            setEditing(false);
            setChanged(saved);
          }}
        />
      ) : null}
    </li>
  );
}

interface EditTaskForm extends Record<string, string> {
  title: string;
  description: string;
  assignee: string;
  dueDate: string;
}

/** An edit of a task: the fields the API lets the caller change; only changed ones are sent. */
function EditTask({ task, onDone }: { task: TaskView; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const initial: EditTaskForm = {
    title: task.title,
    description: task.description ?? '',
    assignee: task.assignee ? `p:${task.assignee.participantId}` : '',
    dueDate: task.dueDate ?? '',
  };
  const may = (field: 'title' | 'description' | 'dueDate') => task.editableFields.includes(field);
  const reassign = mayReassign(task);
  const toRequest = (values: EditTaskForm): UpdateTaskRequest =>
    changedTaskFields(task.version, initial, values, (field, value) => {
      switch (field) {
        case 'title':
          return { title: value };
        case 'description':
          return { description: value.trim() === '' ? null : value };
        case 'dueDate':
          return { dueDate: blank(value) ?? null };
        case 'assignee':
          return assigneeFields(value);
        default:
          return {};
      }
    });
  const form = useForm<EditTaskForm>({
    defaultValues: initial,
    resolver: contractResolver(updateTaskRequestSchema, toRequest),
  });
  const update = useUpdateTask(ws.id, task.id);
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit((values) => {
    const request = toRequest(values);
    if (Object.keys(request).length === 1) {
      onDone(false);
      return;
    }
    update.mutate(request, {
      onSuccess: () => {
        onDone(true);
      },
      onError: (error) => {
        for (const { path, message } of problemFieldErrors(error)) {
          const field = taskField(path);
          if (field && field !== 'medical') form.setError(field, { type: 'server', message });
        }
      },
    });
  });
  const mapped = problemFieldErrors(update.error).some(({ path }) => taskField(path) !== null);
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="task-edit">
      <fieldset>
        <legend>{t('tasks.editLegend')}</legend>
        {update.error && !mapped ? <ErrorMessage error={update.error} /> : null}
        {may('title') ? (
          <Field label={t('tasks.titleLabel')} error={errors.title?.message}>
            {(props) => <input type="text" {...props} {...form.register('title')} />}
          </Field>
        ) : null}
        {may('description') ? (
          <Field label={t('tasks.descriptionLabel')} error={errors.description?.message}>
            {(props) => <textarea rows={3} {...props} {...form.register('description')} />}
          </Field>
        ) : null}
        <div className="row">
          {reassign ? (
            <Field label={t('tasks.assignee')} error={errors.assignee?.message}>
              {(props) => (
                <select {...props} {...form.register('assignee')}>
                  <AssigneeOptions />
                </select>
              )}
            </Field>
          ) : null}
          {may('dueDate') ? (
            <Field label={t('tasks.dueLabel')} error={errors.dueDate?.message}>
              {(props) => <input type="date" {...props} {...form.register('dueDate')} />}
            </Field>
          ) : null}
        </div>
        <p className="actions">
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {t('tasks.saveEdit')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              onDone(false);
            }}
          >
            {t('app.cancel')}
          </button>
        </p>
      </fieldset>
    </form>
  );
}

interface TaskForm {
  title: string;
  assignee: string;
  dueDate: string;
  medical: boolean;
}

function toCreateRequest(values: TaskForm): Partial<CreateTaskRequest> {
  return {
    title: values.title,
    dueDate: blank(values.dueDate),
    ...assigneeFields(values.assignee),
    ...(values.medical ? { medical: true } : {}),
  };
}

function NewTask() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [added, setAdded] = useState(false);
  // The patient mostly adds something she will do herself: she is the one preselected.
  const defaultValues: TaskForm = {
    title: '',
    assignee: ws.isPatient ? `p:${ws.me.participantId}` : '',
    dueDate: '',
    medical: false,
  };
  const form = useForm<TaskForm>({
    defaultValues,
    resolver: contractResolver(createTaskRequestSchema, toCreateRequest),
  });
  const create = useCreateTask(ws.id, {
    onSuccess: () => {
      form.reset(defaultValues);
      setAdded(true);
    },
    onError: (error) => {
      // ASSIGNEE_MAY_NOT_READ names the assignee, MEDICAL_NOT_ALLOWED `medical`: said there.
      for (const { path, message } of problemFieldErrors(error)) {
        const field = taskField(path);
        if (field && field !== 'description') form.setError(field, { type: 'server', message });
      }
    },
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit((values) => {
    setAdded(false);
    create.mutate(toCreateRequest(values));
  });
  const mayMarkMedical = ws.can('task:create-medical');
  const mapped = problemFieldErrors(create.error).some(({ path }) => taskField(path) !== null);
  const medicalError = errors.medical?.message;
  return (
    <section className="card" aria-labelledby="new-task-heading">
      <h3 id="new-task-heading">{t('tasks.create')}</h3>
      {added ? (
        <p role="status" className="alert alert-ok">
          {t('tasks.added')}
        </p>
      ) : null}
      {create.error && !mapped ? <ErrorMessage error={create.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field label={t('tasks.titleLabel')} error={errors.title?.message}>
          {(props) => <input type="text" {...props} {...form.register('title')} />}
        </Field>
        <div className="row">
          <Field
            label={t('tasks.assignee')}
            error={
              errors.assignee?.message ??
              (errors as Record<string, { message?: string } | undefined>).assigneeParticipantId
                ?.message
            }
          >
            {(props) => (
              <select {...props} {...form.register('assignee')}>
                <AssigneeOptions />
              </select>
            )}
          </Field>
          <Field label={t('tasks.dueLabel')} error={errors.dueDate?.message}>
            {(props) => <input type="date" {...props} {...form.register('dueDate')} />}
          </Field>
        </div>
        {mayMarkMedical ? (
          <div className={medicalError ? 'field field-invalid' : 'field'}>
            <label className="checkbox">
              <input
                type="checkbox"
                aria-describedby={`new-task-medical-hint${medicalError ? ' new-task-medical-error' : ''}`}
                aria-invalid={Boolean(medicalError)}
                {...form.register('medical')}
              />{' '}
              {t('tasks.medical')}
            </label>
            <p id="new-task-medical-hint" className="hint">
              {t('tasks.medicalHint', { patient: ws.firstName })}
            </p>
            {medicalError ? (
              <p id="new-task-medical-error" className="error-text">
                {medicalError}
              </p>
            ) : null}
          </div>
        ) : null}
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('tasks.add')}
        </button>
      </form>
    </section>
  );
}

function TaskItems({ tasks, mine }: { tasks: readonly TaskView[]; mine: boolean }) {
  return (
    <ul className="tasks">
      {tasks.map((task) => (
        <TaskItem key={task.id} task={task} mine={mine} />
      ))}
    </ul>
  );
}

type TaskScope = 'all' | 'mine';

/**
 * "Mina" (the API's `mine=true`: given to the caller or their party) or "Alla i ärendet"
 * (the caller's own first, then what others do, under the party doing it, so another
 * party's late task never reads as the caller's), with the API's other filters: overdue
 * only, and one status.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [scope, setScope] = useState<TaskScope>('all');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [status, setStatus] = useState<TaskStatus | null>(null);
  const filters: TaskFilters = { mine: scope === 'mine', overdue: overdueOnly, status };
  const tasks = useTaskList(ws.id, filters);
  const filtered = overdueOnly || status !== null;
  const controls = (
    <div className="task-filters">
      <div role="group" aria-label={t('tasks.scopeLabel')} className="segmented">
        {(['mine', 'all'] as const).map((value) => (
          <button
            key={value}
            type="button"
            className={
              scope === value ? 'button button-small button-primary' : 'button button-small'
            }
            aria-pressed={scope === value}
            onClick={() => {
              setScope(value);
            }}
          >
            {t(`tasks.scope.${value}`)}
          </button>
        ))}
      </div>
      <div className="row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={overdueOnly}
            onChange={(event) => {
              setOverdueOnly(event.target.checked);
            }}
          />{' '}
          {t('tasks.overdueOnly')}
        </label>
        <div className="field">
          <label htmlFor="task-status-filter">{t('tasks.statusFilter')}</label>
          <select
            id="task-status-filter"
            value={status ?? ''}
            onChange={(event) => {
              setStatus(event.target.value === '' ? null : (event.target.value as TaskStatus));
            }}
          >
            <option value="">{t('tasks.statusAny')}</option>
            {TASK_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`tasks.status.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
  const title = <PageTitle>{ws.isPatient ? t('tasks.myTitle') : t('tasks.title')}</PageTitle>;
  if (tasks.isPending) {
    return (
      <div>
        {title}
        {controls}
        <Loading />
      </div>
    );
  }
  if (tasks.error) {
    return (
      <div>
        {title}
        {controls}
        <ErrorMessage error={tasks.error} />
      </div>
    );
  }
  const list = tasks.data.tasks;
  // With a status chosen, the API has already kept only those: list them all as "open" ones.
  const open = list.filter(
    (task) => status !== null || (task.status !== 'DONE' && task.status !== 'CANCELLED'),
  );
  const done = status !== null ? [] : list.filter((task) => task.status === 'DONE');
  const mine = open.filter((task) => scope === 'mine' || isMine(task, ws));
  const others = open.filter((task) => scope !== 'mine' && !isMine(task, ws));
  const groups = [...PARTIES, null]
    .map((party) => ({ party, tasks: others.filter((task) => ownerParty(task) === party) }))
    .filter((group) => group.tasks.length > 0);
  const groupTitle = (party: Party | null) =>
    party === null
      ? t('tasks.noAssignee')
      : party === 'PATIENT'
        ? t('tasks.patientGroup', { name: ws.patient.name })
        : t(`partyTitles.${party}`);
  // Tasks the patient has not shared are left out: an empty list then says so, never "none".
  const partial = tasks.data.withheld.includes('TASKS') || tasks.data.withheld.includes('MEDICAL');
  return (
    <div>
      {title}
      <Withheld
        categories={tasks.data.withheld}
        patientName={ws.patient.name}
        party={ws.me.party}
      />
      {controls}
      <section aria-labelledby="mine-heading">
        <h3 id="mine-heading">
          {ws.isPatient
            ? t('tasks.forYou')
            : t('tasks.forYouAndParty', { party: t(`parties.${ws.me.party}`) })}
        </h3>
        {mine.length === 0 ? (
          <p className="muted">{filtered ? t('tasks.emptyFiltered') : t('tasks.emptyMine')}</p>
        ) : (
          <TaskItems tasks={mine} mine />
        )}
      </section>
      {scope === 'all' ? (
        <section aria-labelledby="others-heading">
          <h3 id="others-heading">{ws.isPatient ? t('tasks.othersPatient') : t('tasks.others')}</h3>
          {partial ? (
            <p className="muted" data-testid="tasks-withheld">
              {t('tasks.othersWithheld', { patient: ws.firstName })}
            </p>
          ) : null}
          {groups.length === 0 ? (
            partial ? null : (
              <p className="muted">
                {filtered ? t('tasks.emptyFiltered') : t('tasks.emptyOthers')}
              </p>
            )
          ) : (
            groups.map((group) => (
              <div key={group.party ?? 'none'} className="task-group">
                <h4>{groupTitle(group.party)}</h4>
                <TaskItems tasks={group.tasks} mine={false} />
              </div>
            ))
          )}
        </section>
      ) : null}
      {status === null && !overdueOnly ? (
        <section aria-labelledby="done-heading">
          <h3 id="done-heading">{t('tasks.done')}</h3>
          {done.length === 0 ? (
            <p className="muted">{partial ? t('tasks.doneWithheld') : t('tasks.empty')}</p>
          ) : (
            <ul className="tasks">
              {done.map((task) => (
                <TaskItem key={task.id} task={task} mine={isMine(task, ws)} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {ws.can('task:create') ? <NewTask /> : null}
    </div>
  );
}
