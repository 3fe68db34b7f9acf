import {
  correctNoteRequestSchema,
  type MeetingNoteView,
  type MeetingView,
  type NextStepInput,
  type NextStepView,
  type Party,
} from '@atergang/contracts';
import { useId, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  ErrorMessage,
  Field,
  formatDate,
  formatDateTime,
  Loading,
  problemFieldErrors,
  useExplain,
} from '../components/ui';
import { ApiError } from '../lib/api';
import { blank, contractResolver } from '../lib/forms';
import {
  changedNoteFields,
  type NoteDraft,
  useCorrectNote,
  useNoteRevisions,
} from '../lib/meetings';
import { useWorkspace } from '../lib/workspace';

// Correcting a meeting note (issue 15): offered only where the API's `may.correct` says so,
// the form prefilled with the note as read, and only the fields changed sent. Who attended is
// chosen among the meeting's invitees, on writing and on correcting; earlier versions are
// listed on demand for everyone who reads the note.

/** Who attended, as checkboxes of the meeting's invitees (the API refuses anyone else). */
export function AttendeeChoice({
  meeting,
  value,
  onChange,
  error,
}: {
  meeting: MeetingView;
  value: readonly string[];
  onChange: (next: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const explain = useExplain();
  const id = useId();
  const text = explain(error);
  return (
    <fieldset
      className={text ? 'field field-invalid' : 'field'}
      aria-describedby={`${id}-hint${text ? ` ${id}-error` : ''}`}
    >
      <legend>{t('meetings.attendeesLegend')}</legend>
      <p id={`${id}-hint`} className="hint">
        {t('meetings.attendeesHint')}
      </p>
      {meeting.invitees.map((invitee) => (
        <label key={invitee.participantId} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(invitee.participantId)}
            onChange={(event) => {
              onChange(
                event.currentTarget.checked
                  ? [...value, invitee.participantId]
                  : value.filter((each) => each !== invitee.participantId),
              );
            }}
          />{' '}
          {invitee.name} ({t(`parties.${invitee.party}`)})
        </label>
      ))}
      {text ? (
        <p id={`${id}-error`} className="error-text">
          {text}
        </p>
      ) : null}
    </fieldset>
  );
}

/** "Närvarande: …" under a note that records who attended. */
export function NoteAttendance({ note }: { note: MeetingNoteView }) {
  const { t, i18n } = useTranslation();
  if (note.attendees.length === 0) return null;
  const names = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
    note.attendees.map((attendee) => attendee.name),
  );
  return <p data-testid="note-attendance">{t('meetings.attended', { names })}</p>;
}

/** The note's latest correction, its history on demand, and the correction form. */
export function NoteCorrection({ meeting, note }: { meeting: MeetingView; note: MeetingNoteView }) {
  const { t } = useTranslation();
  const [correcting, setCorrecting] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [saved, setSaved] = useState(false);
  const historyId = useId();
  return (
    <>
      {note.lastCorrection ? (
        <p className="muted" data-testid="note-corrected">
          {t('meetings.correctedBy', {
            date: formatDateTime(note.lastCorrection.at),
            name: note.lastCorrection.by.name,
            party: t(`parties.${note.lastCorrection.by.party}`),
          })}
          {note.lastCorrection.reason
            ? ` ${t('meetings.correctedReason', { reason: note.lastCorrection.reason })}`
            : ''}
        </p>
      ) : null}
      {saved ? <p role="status">{t('meetings.correctionSaved')}</p> : null}
      <p className="actions no-print">
        {note.may.correct && !correcting ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setSaved(false);
              setCorrecting(true);
            }}
          >
            {t('meetings.correctNote')}
          </button>
        ) : null}
        {note.lastCorrection ? (
          <button
            type="button"
            className="button button-small button-quiet"
            aria-expanded={showHistory}
            aria-controls={historyId}
            onClick={() => {
              setShowHistory((shown) => !shown);
            }}
          >
            {showHistory ? t('meetings.hideRevisions') : t('meetings.showRevisions')}
          </button>
        ) : null}
      </p>
      {correcting ? (
        <NoteCorrectionForm
          meeting={meeting}
          note={note}
          onDone={(didSave) => {
            setCorrecting(false);
            setSaved(didSave);
          }}
        />
      ) : null}
      <div id={historyId}>{showHistory ? <NoteHistory meeting={meeting} note={note} /> : null}</div>
    </>
  );
}

function StepSummary({ step }: { step: NextStepView }) {
  return (
    <>
      {step.title}
      {step.dueDate ? ` (${formatDate(step.dueDate)})` : ''}
    </>
  );
}

function NoteHistory({ meeting, note }: { meeting: MeetingView; note: MeetingNoteView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const revisions = useNoteRevisions(ws.id, meeting.id, note.id, true);
  if (revisions.isPending) return <Loading />;
  if (revisions.error) return <ErrorMessage error={revisions.error} />;
  return (
    <section className="note-history" aria-label={t('meetings.revisionsHeading')}>
      <h5>{t('meetings.revisionsHeading')}</h5>
      <ol>
        {revisions.data.revisions.map((revision) => (
          <li key={revision.version} data-testid={`note-revision-${revision.version}`}>
            <p className="muted">
              {t('meetings.revisionSaved', {
                version: revision.version,
                date: formatDateTime(revision.savedAt),
                name: revision.savedBy.name,
                party: t(`parties.${revision.savedBy.party}`),
              })}
            </p>
            {revision.situation ? (
              <p>
                <strong>{t('meetings.situation')}:</strong> {revision.situation}
              </p>
            ) : null}
            {revision.workCapacity ? (
              <p>
                <strong>{t('meetings.workCapacity')}:</strong> {revision.workCapacity}
              </p>
            ) : null}
            {revision.rehabilitationNeeds ? (
              <p>
                <strong>{t('meetings.rehabNeeds')}:</strong> {revision.rehabilitationNeeds}
              </p>
            ) : null}
            {revision.decisions.length > 0 ? (
              <>
                <p>
                  <strong>{t('meetings.decisions')}</strong>
                </p>
                <ul>
                  {revision.decisions.map((decision, index) => (
                    <li key={index}>{decision}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {revision.nextSteps.length > 0 ? (
              <>
                <p>
                  <strong>{t('meetings.nextSteps')}</strong>
                </p>
                <ul>
                  {revision.nextSteps.map((step, index) => (
                    <li key={index}>
                      <StepSummary step={step} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {revision.attendees.length > 0 ? (
              <p>
                {t('meetings.attended', {
                  names: revision.attendees.map((attendee) => attendee.name).join(', '),
                })}
              </p>
            ) : null}
            <p className="muted">
              {t('meetings.revisionReplaced', {
                date: formatDateTime(revision.replacedAt),
                name: revision.replacedBy.name,
                party: t(`parties.${revision.replacedBy.party}`),
              })}
              {revision.reason
                ? ` ${t('meetings.correctedReason', { reason: revision.reason })}`
                : ''}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

interface StepForm {
  title: string;
  assignee: string;
  dueDate: string;
  createTask: boolean;
}
interface CorrectionFormValues {
  situation: string;
  workCapacity: string;
  rehabilitationNeeds: string;
  decisions: string;
  nextSteps: StepForm[];
  attendees: string[];
  reason: string;
}

const assigneeOf = (step: NextStepView): string =>
  step.assigneeParticipantId
    ? `p:${step.assigneeParticipantId}`
    : step.assigneeParty
      ? `party:${step.assigneeParty}`
      : '';

function stepInput(step: StepForm): NextStepInput {
  const [kind, value] = step.assignee.split(':');
  return {
    title: step.title,
    dueDate: blank(step.dueDate),
    createTask: step.createTask,
    ...(kind === 'p' && value ? { assigneeParticipantId: value } : {}),
    ...(kind === 'party' && value ? { assigneeParty: value as Party } : {}),
  };
}

/** The form's values as the fields a correction may send. */
const toDraft = (values: CorrectionFormValues): NoteDraft => ({
  situation: blank(values.situation),
  workCapacity: blank(values.workCapacity),
  rehabilitationNeeds: blank(values.rehabilitationNeeds),
  decisions: values.decisions
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
  nextSteps: values.nextSteps.map(stepInput),
  attendeeParticipantIds: values.attendees,
});

/** The note as the form opens it: its text, its steps not yet tasks, who attended. */
const initialValues = (note: MeetingNoteView): CorrectionFormValues => ({
  situation: note.situation ?? '',
  workCapacity: note.workCapacity ?? '',
  rehabilitationNeeds: note.rehabilitationNeeds ?? '',
  decisions: note.decisions.join('\n'),
  nextSteps: note.nextSteps
    .filter((step) => step.taskId === null)
    .map((step) => ({
      title: step.title,
      assignee: assigneeOf(step),
      dueDate: step.dueDate ?? '',
      createTask: false,
    })),
  attendees: note.attendees.map((attendee) => attendee.participantId),
  reason: '',
});

function NoteCorrectionForm({
  meeting,
  note,
  onDone,
}: {
  meeting: MeetingView;
  note: MeetingNoteView;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [unchanged, setUnchanged] = useState(false);
  const [initial] = useState(() => initialValues(note));
  const form = useForm<CorrectionFormValues>({
    defaultValues: initial,
    resolver: contractResolver(correctNoteRequestSchema, (values) => ({
      version: note.version,
      ...toDraft(values),
      reason: blank(values.reason),
    })),
  });
  const steps = useFieldArray({ control: form.control, name: 'nextSteps' });
  const correct = useCorrectNote(ws.id, meeting.id, note.id);
  const attendees = form.watch('attendees');
  const { errors } = form.formState;
  const fieldErrors = problemFieldErrors(correct.error);
  const attendeeError =
    errors.attendees?.message ??
    fieldErrors.find((entry) => entry.path.startsWith('attendeeParticipantIds'))?.message;
  const stepError = (index: number, field: string) =>
    fieldErrors.find((entry) => entry.path.startsWith(`nextSteps.${index}.${field}`))?.message;
  const conflict =
    correct.error instanceof ApiError && correct.error.problem?.code === 'NOTE_VERSION_CONFLICT'
      ? (correct.error.problem.savedBy as { name: string; party: Party; at: string } | undefined)
      : undefined;
  const onSubmit = form.handleSubmit((values) => {
    const changed = changedNoteFields(toDraft(initial), toDraft(values));
    if (!changed) {
      setUnchanged(true);
      return;
    }
    setUnchanged(false);
    correct.mutate(
      { version: note.version, ...changed, reason: blank(values.reason) },
      {
        onSuccess: () => {
          onDone(true);
        },
      },
    );
  });
  const kept = note.nextSteps.filter((step) => step.taskId !== null);
  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      className="note-form"
      aria-label={t('meetings.correctNoteLabel', { date: formatDate(note.createdAt) })}
    >
      {unchanged ? <p role="status">{t('meetings.nothingToCorrect')}</p> : null}
      {correct.error ? <ErrorMessage error={correct.error} /> : null}
      {conflict ? (
        <p role="alert" className="alert alert-error">
          {t('meetings.conflictSavedBy', {
            name: conflict.name,
            party: t(`parties.${conflict.party}`),
            date: formatDateTime(conflict.at),
          })}
        </p>
      ) : null}
      <Field label={t('meetings.situation')} error={errors.situation?.message}>
        {(props) => <textarea rows={2} {...props} {...form.register('situation')} />}
      </Field>
      <Field label={t('meetings.workCapacity')} error={errors.workCapacity?.message}>
        {(props) => <textarea rows={2} {...props} {...form.register('workCapacity')} />}
      </Field>
      <Field label={t('meetings.rehabNeeds')} error={errors.rehabilitationNeeds?.message}>
        {(props) => <textarea rows={2} {...props} {...form.register('rehabilitationNeeds')} />}
      </Field>
      <Field label={t('meetings.decisionsLabel')} error={errors.decisions?.message}>
        {(props) => <textarea rows={3} {...props} {...form.register('decisions')} />}
      </Field>
      <AttendeeChoice
        meeting={meeting}
        value={attendees}
        onChange={(next) => {
          form.setValue('attendees', next, { shouldDirty: true });
        }}
        error={attendeeError}
      />
      {kept.length > 0 ? (
        <div className="field">
          <p>{t('meetings.keptSteps')}</p>
          <ul>
            {kept.map((step, index) => (
              <li key={index}>
                <StepSummary step={step} /> – {t('meetings.becameTask')}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {steps.fields.map((field, index) => {
        const e = errors.nextSteps?.[index] as
          Record<string, { message?: string } | undefined> | undefined;
        const initialAssignee = initial.nextSteps[index]?.assignee ?? '';
        return (
          <fieldset key={field.id}>
            <legend>{t('meetings.nextStepLegend', { n: kept.length + index + 1 })}</legend>
            <Field
              label={t('meetings.stepTitle')}
              error={e?.title?.message ?? stepError(index, 'title')}
            >
              {(props) => (
                <input type="text" {...props} {...form.register(`nextSteps.${index}.title`)} />
              )}
            </Field>
            <div className="row">
              <Field
                label={t('tasks.assignee')}
                error={e?.assigneeParticipantId?.message ?? stepError(index, 'assignee')}
              >
                {(props) => (
                  <select {...props} {...form.register(`nextSteps.${index}.assignee`)}>
                    <option value="">–</option>
                    {initialAssignee.startsWith('party:') ? (
                      <option value={initialAssignee}>
                        {t(`parties.${initialAssignee.slice('party:'.length) as Party}`)}
                      </option>
                    ) : null}
                    {ws.participants.map((p) => (
                      <option key={p.id} value={`p:${p.id}`}>
                        {p.name} ({t(`parties.${p.party}`)})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                label={t('tasks.dueLabel')}
                error={e?.dueDate?.message ?? stepError(index, 'dueDate')}
              >
                {(props) => (
                  <input type="date" {...props} {...form.register(`nextSteps.${index}.dueDate`)} />
                )}
              </Field>
            </div>
            <label className="checkbox">
              <input type="checkbox" {...form.register(`nextSteps.${index}.createTask`)} />{' '}
              {t('meetings.makeTask')}
            </label>
          </fieldset>
        );
      })}
      <Field
        label={t('meetings.correctionReason')}
        hint={t('meetings.correctionReasonHint')}
        error={errors.reason?.message}
      >
        {(props) => <input type="text" {...props} {...form.register('reason')} />}
      </Field>
      <p className="actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            steps.append({ title: '', assignee: '', dueDate: '', createTask: true });
          }}
        >
          {t('meetings.addStep')}
        </button>
        <button type="submit" className="button button-primary" disabled={correct.isPending}>
          {t('meetings.saveCorrection')}
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
    </form>
  );
}
