import {
  type CreateTaskRequest,
  createTaskRequestSchema,
  type Party,
  type TaskView,
} from '@atergang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field, formatDate, Loading, PageTitle, Withheld } from '../components/ui';
import { api, ApiError } from '../lib/api';
import { blank, contractResolver } from '../lib/forms';
import { keys, useTasks } from '../lib/queries';
import { useWorkspace } from '../lib/workspace';

function TaskItem({ task }: { task: TaskView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const mine =
    task.assigneeParty === ws.me.party ||
    task.assignee?.participantId === ws.me.participantId ||
    task.createdByParty === ws.me.party;
  const done = task.status === 'DONE';
  // Ticked at once; the server's answer confirms it (or the box returns with a message).
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const toggle = useMutation({
    mutationFn: () =>
      api<TaskView>(`/workspaces/${ws.id}/tasks/${task.id}`, {
        method: 'PATCH',
        body: { version: task.version, status: done ? 'OPEN' : 'DONE' },
      }),
    onSuccess: async () => {
      setProblem(null);
      await queryClient.invalidateQueries({ queryKey: keys.tasks(ws.id) });
      setOptimistic(null);
    },
    onError: (error) => {
      setOptimistic(null);
      if (error instanceof ApiError && error.status === 409) setProblem(t('tasks.conflict'));
      else if (error instanceof ApiError && error.status === 403) setProblem(t('tasks.forbidden'));
      else setProblem(error.message);
      void queryClient.invalidateQueries({ queryKey: keys.tasks(ws.id) });
    },
  });
  const who = task.assignee
    ? `${task.assignee.name} (${t(`parties.${task.assignee.party}`)})`
    : task.assigneeParty
      ? t(`parties.${task.assigneeParty}`)
      : '';
  const checkboxId = `task-${task.id}`;
  return (
    <li className={done ? 'task task-done' : 'task'}>
      <div className="task-main">
        {mine ? (
          <input
            id={checkboxId}
            type="checkbox"
            checked={optimistic ?? done}
            disabled={toggle.isPending}
            onChange={() => {
              setOptimistic(!done);
              toggle.mutate();
            }}
            aria-describedby={`${checkboxId}-meta`}
          />
        ) : null}
        <label htmlFor={mine ? checkboxId : undefined} className="task-title">
          {task.title}
        </label>
      </div>
      <p id={`${checkboxId}-meta`} className="muted task-meta">
        {who ? t('tasks.for', { who }) : ''}
        {task.dueDate ? ` · ${t('tasks.due', { date: formatDate(task.dueDate) })}` : ''}
        {task.noteId ? ` · ${t('tasks.fromNote')}` : ''}
        {task.overdue ? (
          <>
            {' '}
            <strong className="badge badge-warn">{t('tasks.overdue')}</strong>
          </>
        ) : null}
      </p>
      {problem ? (
        <p role="alert" className="error-text">
          {problem}
        </p>
      ) : null}
    </li>
  );
}

interface TaskForm {
  title: string;
  assignee: string;
  dueDate: string;
}

function toCreateRequest(values: TaskForm): Partial<CreateTaskRequest> {
  const [kind, value] = values.assignee.split(':');
  return {
    title: values.title,
    dueDate: blank(values.dueDate),
    ...(kind === 'p' && value ? { assigneeParticipantId: value } : {}),
    ...(kind === 'party' && value ? { assigneeParty: value as Party } : {}),
  };
}

function NewTask() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const queryClient = useQueryClient();
  const [added, setAdded] = useState(false);
  const form = useForm<TaskForm>({
    defaultValues: { title: '', assignee: '', dueDate: '' },
    resolver: contractResolver(createTaskRequestSchema, toCreateRequest),
  });
  const create = useMutation({
    mutationFn: (body: Partial<CreateTaskRequest>) =>
      api<TaskView>(`/workspaces/${ws.id}/tasks`, { method: 'POST', body }),
    onSuccess: () => {
      form.reset();
      setAdded(true);
      return queryClient.invalidateQueries({ queryKey: keys.tasks(ws.id) });
    },
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit((values) => {
    setAdded(false);
    create.mutate(toCreateRequest(values));
  });
  return (
    <section className="card" aria-labelledby="new-task-heading">
      <h3 id="new-task-heading">{t('tasks.create')}</h3>
      {added ? (
        <p role="status" className="alert alert-ok">
          {t('tasks.added')}
        </p>
      ) : null}
      {create.error ? <ErrorMessage error={create.error} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field label={t('tasks.titleLabel')} error={errors.title?.message}>
          {(props) => <input type="text" {...props} {...form.register('title')} />}
        </Field>
        <div className="row">
          <Field
            label={t('tasks.assignee')}
            error={
              (errors as Record<string, { message?: string } | undefined>).assigneeParticipantId
                ?.message ?? errors.assignee?.message
            }
          >
            {(props) => (
              <select {...props} {...form.register('assignee')}>
                <option value="">–</option>
                {ws.participants.map((p) => (
                  <option key={p.id} value={`p:${p.id}`}>
                    {p.name} ({t(`parties.${p.party}`)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('tasks.dueLabel')} error={errors.dueDate?.message}>
            {(props) => <input type="date" {...props} {...form.register('dueDate')} />}
          </Field>
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('tasks.add')}
        </button>
      </form>
    </section>
  );
}

export function TasksPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const tasks = useTasks(ws.id);
  if (tasks.isPending) return <Loading />;
  if (tasks.error) return <ErrorMessage error={tasks.error} />;
  const list = tasks.data.tasks;
  const open = list.filter((task) => task.status !== 'DONE' && task.status !== 'CANCELLED');
  const done = list.filter((task) => task.status === 'DONE');
  return (
    <div>
      <PageTitle>{ws.isPatient ? t('tasks.myTitle') : t('tasks.title')}</PageTitle>
      <Withheld
        categories={tasks.data.withheld}
        patientName={ws.patient.name}
        party={ws.me.party}
      />
      <section aria-labelledby="open-heading">
        <h3 id="open-heading">{t('tasks.open')}</h3>
        {open.length === 0 ? (
          <p className="muted">{t('tasks.empty')}</p>
        ) : (
          <ul className="tasks">
            {open.map((task) => (
              <TaskItem key={task.id} task={task} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="done-heading">
        <h3 id="done-heading">{t('tasks.done')}</h3>
        {done.length === 0 ? (
          <p className="muted">{t('tasks.empty')}</p>
        ) : (
          <ul className="tasks">
            {done.map((task) => (
              <TaskItem key={task.id} task={task} />
            ))}
          </ul>
        )}
      </section>
      {ws.can('task:create') && !ws.isPatient ? <NewTask /> : null}
    </div>
  );
}
