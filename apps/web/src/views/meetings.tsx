import {
  type Category,
  type CreateNoteRequest,
  createNoteRequestSchema,
  type MeetingView,
  type MoveMeetingRequest,
  moveMeetingRequestSchema,
  type NextStepInput,
  noteReachSchema,
  type Party,
  type SlotAnswer,
} from '@atergang/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ErrorMessage,
  Field,
  formatDate,
  formatSlot,
  Loading,
  PageTitle,
  problemFieldErrors,
  problemText,
  useListOfParties,
  Withheld,
} from '../components/ui';
import { api, download } from '../lib/api';
import { blank, contractResolver } from '../lib/forms';
import {
  suggestion,
  toInstant,
  useAnswerSlot,
  useCancelMeeting,
  useCreateNote,
  useMoveMeeting,
  useReopenMeeting,
  useScheduleMeeting,
} from '../lib/meetings';
import { useMeetings, useNotes } from '../lib/queries';
import { useScrollToHash } from '../lib/scroll-to-hash';
import { useWorkspace } from '../lib/workspace';
import { MeetingRequests } from './meeting-requests';
import { AttendeeChoice, NoteAttendance, NoteCorrection } from './meeting-note-correction';

const ANSWERS: SlotAnswer[] = ['YES', 'NO', 'MAYBE'];

function SlotRow({ meeting, slotIndex }: { meeting: MeetingView; slotIndex: number }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const slot = meeting.slots[slotIndex];
  const invited = meeting.invitees.some((i) => i.participantId === ws.me.participantId);
  const answer = useAnswerSlot(ws.id, meeting.id);
  const schedule = useScheduleMeeting(ws.id, meeting.id);
  if (!slot) return null;
  const time = formatSlot(slot.start, slot.end);
  const mine = slot.responses.find((r) => r.participantId === ws.me.participantId)?.answer;
  const labels: Record<SlotAnswer, string> = {
    YES: t('meetings.yes'),
    NO: t('meetings.no'),
    MAYBE: t('meetings.maybe'),
  };
  return (
    <tr className={meeting.scheduledSlotId === slot.id ? 'slot slot-fixed' : 'slot'}>
      <th scope="row">{time}</th>
      <td>
        <p className="glance">{t('meetings.glance', slot.counts)}</p>
        {slot.notAnswered.length > 0 ? (
          <p className="muted">
            {t('meetings.notAnswered', { names: slot.notAnswered.map((p) => p.name).join(', ') })}
          </p>
        ) : null}
        {slot.responses.length > 0 ? (
          <ul className="answers">
            {slot.responses.map((r) => (
              <li key={r.participantId}>
                {r.name}: {labels[r.answer]}
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      {meeting.status === 'PROPOSED' && invited ? (
        <td>
          <fieldset className="answer-group">
            <legend>{t('meetings.yourAnswer', { time })}</legend>
            {ANSWERS.map((value) => (
              <button
                key={value}
                type="button"
                className={mine === value ? 'button button-small pressed' : 'button button-small'}
                aria-pressed={mine === value}
                disabled={answer.isPending}
                onClick={() => {
                  answer.mutate({ slotId: slot.id, answer: value });
                }}
              >
                {labels[value]}
              </button>
            ))}
          </fieldset>
          {answer.error ? (
            <p role="alert" className="error-text">
              {problemText(answer.error)}
            </p>
          ) : null}
        </td>
      ) : meeting.status === 'PROPOSED' ? (
        <td />
      ) : null}
      {meeting.may.schedule && meeting.status === 'PROPOSED' ? (
        <td>
          <button
            type="button"
            className="button button-small"
            aria-label={t('meetings.fixLabel', { time })}
            disabled={schedule.isPending}
            onClick={() => {
              schedule.mutate({ slotId: slot.id });
            }}
          >
            {t('meetings.fix')}
          </button>
          {schedule.error ? (
            <p role="alert" className="error-text">
              {problemText(schedule.error)}
            </p>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}

/** "Avboka": shown only where the API says the caller may (`may.cancel`), reason optional. */
function CancelMeeting({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const cancel = useCancelMeeting(ws.id, meeting.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = `cancel-reason-${meeting.id}`;
  if (!open) {
    return (
      <p>
        <button
          type="button"
          className="button button-small"
          aria-label={t('meetings.cancelLabel', { title: meeting.title })}
          onClick={() => {
            setOpen(true);
          }}
        >
          {t('meetings.cancel')}
        </button>
      </p>
    );
  }
  return (
    <form
      className="cancel-meeting"
      onSubmit={(event) => {
        event.preventDefault();
        const text = reason.trim();
        cancel.mutate({ reason: text === '' ? null : text });
      }}
    >
      <label htmlFor={reasonId}>{t('meetings.cancelReason')}</label>
      <textarea
        id={reasonId}
        rows={2}
        maxLength={1000}
        value={reason}
        onChange={(event) => {
          setReason(event.target.value);
        }}
      />
      <p>
        <button
          type="submit"
          className="button button-small button-danger"
          disabled={cancel.isPending}
        >
          {t('meetings.cancelConfirm')}
        </button>{' '}
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => {
            setOpen(false);
          }}
        >
          {t('meetings.cancelKeep')}
        </button>
      </p>
      {cancel.error ? (
        <p role="alert" className="error-text">
          {problemText(cancel.error)}
        </p>
      ) : null}
    </form>
  );
}

interface ChangeTimesForm {
  slots: { start: string; end: string }[];
  reason: string;
}

const toMoveRequest = (values: ChangeTimesForm): MoveMeetingRequest => ({
  slots: values.slots.map((slot) => ({ start: toInstant(slot.start), end: toInstant(slot.end) })),
  reason: blank(values.reason),
});

/**
 * "Flytta" (an open meeting, `may.move`) or "Öppna igen" (a cancelled one, `may.reopen`): new
 * proposed times replace the old ones and everyone's answers are reset. A booked meeting
 * needs a reason, which everyone invited sees (the API says so too: 422 naming `reason`).
 */
function ChangeTimes({ meeting, mode }: { meeting: MeetingView; mode: 'move' | 'reopen' }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const move = useMoveMeeting(ws.id, meeting.id);
  const reopen = useReopenMeeting(ws.id, meeting.id);
  const change = mode === 'move' ? move : reopen;
  const [open, setOpen] = useState(false);
  const booked = mode === 'move' && meeting.status === 'SCHEDULED';
  const form = useForm<ChangeTimesForm>({
    defaultValues: {
      slots: [{ start: suggestion(7, 9), end: suggestion(7, 10) }],
      reason: '',
    },
    resolver: contractResolver(moveMeetingRequestSchema, toMoveRequest),
  });
  const slots = useFieldArray({ control: form.control, name: 'slots' });
  const { errors } = form.formState;
  const headingId = `change-times-${mode}-${meeting.id}`;
  if (!open) {
    return (
      <p>
        <button
          type="button"
          className="button button-small"
          aria-label={t(mode === 'move' ? 'meetings.moveLabel' : 'meetings.reopenLabel', {
            title: meeting.title,
          })}
          onClick={() => {
            setOpen(true);
          }}
        >
          {t(mode === 'move' ? 'meetings.move' : 'meetings.reopen')}
        </button>
      </p>
    );
  }
  const onSubmit = form.handleSubmit((values) => {
    if (booked && !blank(values.reason)) {
      form.setError('reason', { type: 'server', message: t('meetings.moveReasonNeeded') });
      return;
    }
    change.mutate(toMoveRequest(values), {
      onSuccess: () => {
        setOpen(false);
        form.reset();
      },
      onError: (error) => {
        for (const { path, message } of problemFieldErrors(error)) {
          if (path === 'reason') form.setError('reason', { type: 'server', message });
        }
      },
    });
  });
  return (
    <form className="change-times" aria-labelledby={headingId} onSubmit={(e) => void onSubmit(e)}>
      <h4 id={headingId}>
        {t(mode === 'move' ? 'meetings.moveHeading' : 'meetings.reopenHeading')}
      </h4>
      <p className="hint">{t('meetings.moveIntro')}</p>
      {slots.fields.map((field, index) => {
        const e = errors.slots?.[index];
        return (
          <fieldset key={field.id} className="slot-input">
            <legend>{t('newMeeting.slotLegend', { n: index + 1 })}</legend>
            <div className="row">
              <Field label={t('newMeeting.start')} error={e?.start?.message}>
                {(props) => (
                  <input
                    type="datetime-local"
                    {...props}
                    {...form.register(`slots.${index}.start`)}
                  />
                )}
              </Field>
              <Field label={t('newMeeting.end')} error={e?.end?.message}>
                {(props) => (
                  <input
                    type="datetime-local"
                    {...props}
                    {...form.register(`slots.${index}.end`)}
                  />
                )}
              </Field>
            </div>
            {slots.fields.length > 1 ? (
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => {
                  slots.remove(index);
                }}
              >
                {t('newMeeting.removeSlot', { n: index + 1 })}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <p>
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            slots.append({ start: suggestion(8, 13), end: suggestion(8, 14) });
          }}
        >
          {t('newMeeting.addSlot')}
        </button>
      </p>
      <Field
        label={t(booked ? 'meetings.moveReasonRequired' : 'meetings.moveReasonOptional')}
        error={errors.reason?.message}
      >
        {(props) => (
          <textarea
            rows={2}
            maxLength={1000}
            aria-required={booked}
            {...props}
            {...form.register('reason')}
          />
        )}
      </Field>
      <p>
        <button type="submit" className="button button-small" disabled={change.isPending}>
          {t(mode === 'move' ? 'meetings.moveConfirm' : 'meetings.reopenConfirm')}
        </button>{' '}
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => {
            setOpen(false);
          }}
        >
          {t('meetings.moveKeep')}
        </button>
      </p>
      {change.error ? (
        <p role="alert" className="error-text">
          {problemText(change.error)}
        </p>
      ) : null}
    </form>
  );
}

/** The latest move or reopening, with its reason: what everyone invited is told. */
function LastChange({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const change = meeting.lastChange;
  if (!change || meeting.status === 'CANCELLED') return null;
  const date = formatDate(change.at);
  const text =
    change.kind === 'REOPENED'
      ? t('meetings.reopened', { date })
      : change.previousStart && change.previousEnd
        ? t('meetings.movedFrom', {
            date,
            time: formatSlot(change.previousStart, change.previousEnd),
          })
        : t('meetings.moved', { date });
  return (
    <p className="meeting-change" role="note">
      <strong>{text}</strong>
      {change.reason ? ` ${t('meetings.changeReason', { reason: change.reason })}` : null}
    </p>
  );
}

function MeetingCard({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const fixed = meeting.slots.find((s) => s.id === meeting.scheduledSlotId);
  const invited = meeting.invitees.some((i) => i.participantId === ws.me.participantId);
  const headingId = `meeting-${meeting.id}`;
  return (
    <article className="card meeting" aria-labelledby={headingId} data-meeting-id={meeting.id}>
      <h3 id={headingId}>{meeting.title}</h3>
      <p>
        <span className="tag">{t(`meetings.kinds.${meeting.kind}`)}</span>{' '}
        <span className={`tag status-${meeting.status.toLowerCase()}`}>
          {t(`meetings.statuses.${meeting.status}`)}
        </span>
      </p>
      <p className="muted">
        {t('meetings.organiser', {
          name: meeting.organiser.name,
          party: t(`parties.${meeting.organiser.party}`),
        })}
      </p>
      {fixed ? (
        <p className="fixed-time">
          <strong>{t('meetings.scheduledAt', { time: formatSlot(fixed.start, fixed.end) })}</strong>{' '}
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              void download(`/workspaces/${ws.id}/meetings/${meeting.id}/invite.ics`, 'mote.ics')
            }
          >
            {t('meetings.ics')}
          </button>
        </p>
      ) : null}
      {meeting.status === 'CANCELLED' && meeting.cancelReason ? (
        <p className="muted">{t('meetings.cancelledReason', { reason: meeting.cancelReason })}</p>
      ) : null}
      <LastChange meeting={meeting} />
      {meeting.may.move ? <ChangeTimes meeting={meeting} mode="move" /> : null}
      {meeting.may.reopen ? <ChangeTimes meeting={meeting} mode="reopen" /> : null}
      {meeting.may.cancel ? <CancelMeeting meeting={meeting} /> : null}
      {meeting.location ? <p>{t('meetings.where', { place: meeting.location })}</p> : null}
      {meeting.videoUrl ? (
        <p>
          {/* A video call is joined beside the case, not instead of it. */}
          <a href={meeting.videoUrl} target="_blank" rel="noopener noreferrer">
            {t('meetings.video')}
          </a>
        </p>
      ) : null}
      {meeting.agenda ? (
        <>
          <h4>{t('meetings.agenda')}</h4>
          <p className="prewrap">{meeting.agenda}</p>
        </>
      ) : null}
      <h4>{t('meetings.invitees')}</h4>
      <ul className="inline-list">
        {meeting.invitees.map((i) => (
          <li key={i.participantId}>
            {i.name} ({t(`parties.${i.party}`)})
          </li>
        ))}
      </ul>
      <h4>{t('meetings.proposals')}</h4>
      <div className="table-wrap">
        <table className="slots">
          <thead>
            <tr>
              <th scope="col">{t('meetings.time')}</th>
              <th scope="col">{t('meetings.answers')}</th>
              {meeting.status === 'PROPOSED' ? (
                <th scope="col">{invited ? t('meetings.yourAnswerHeader') : ''}</th>
              ) : null}
              {meeting.may.schedule && meeting.status === 'PROPOSED' ? (
                <th scope="col">{t('meetings.fix')}</th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {meeting.slots.map((slot, index) => (
              <SlotRow key={slot.id} meeting={meeting} slotIndex={index} />
            ))}
          </tbody>
        </table>
      </div>
      <Notes meeting={meeting} />
    </article>
  );
}

/**
 * What the patient does not share of the notes, and what the caller still sees: said instead
 * of "no notes yet", which would be false while notes exist that the caller may not read.
 */
function NotesWithheld({ withheld }: { withheld: readonly Category[] }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  if (withheld.length === 0) return null;
  return (
    <div className="withheld" role="note">
      <p>
        {withheld.includes('MEETING_NOTES')
          ? t('meetings.notesWithheld', { patient: ws.firstName })
          : t('meetings.notesMedicalWithheld', { patient: ws.firstName })}
      </p>
    </div>
  );
}

/**
 * Prints one meeting's protocol: the print stylesheet shows only that card (its notes, who
 * was invited, the time), without buttons, forms or the other meetings.
 */
function printProtocol(card: HTMLElement | null): void {
  if (!card) return;
  card.classList.add('print-this');
  document.body.classList.add('printing-one');
  const done = () => {
    card.classList.remove('print-this');
    document.body.classList.remove('printing-one');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

function Notes({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const notes = useNotes(ws.id, meeting.id, ws.can('note:read'));
  const [writing, setWriting] = useState(false);
  // Notes are written by the party that arranged the meeting and by those invited to it
  // (the API's rule; note:create says the caller's role may write notes at all).
  const mayWriteNotes =
    ws.can('note:create') &&
    (meeting.organiser.party === ws.me.party ||
      meeting.invitees.some((i) => i.participantId === ws.me.participantId));
  if (!ws.can('note:read') && !mayWriteNotes) return null;
  return (
    <section aria-label={`${t('meetings.notes')}: ${meeting.title}`}>
      <h4>{t('meetings.notes')}</h4>
      {notes.data && notes.data.notes.length > 0 ? (
        <p className="no-print">
          <button
            type="button"
            className="button button-small"
            aria-label={t('meetings.printProtocolLabel', { title: meeting.title })}
            onClick={(event) => {
              printProtocol(event.currentTarget.closest('article'));
            }}
          >
            {t('meetings.printProtocol')}
          </button>
        </p>
      ) : null}
      {notes.data ? <NotesWithheld withheld={notes.data.withheld} /> : null}
      {notes.data && notes.data.notes.length === 0 && notes.data.withheld.length === 0 ? (
        <p className="muted">{t('meetings.noNotes')}</p>
      ) : null}
      {notes.data?.notes.map((note) => (
        <div key={note.id} className="note">
          <p className="muted">
            {t('meetings.notesBy', {
              name: note.author.name,
              party: t(`parties.${note.author.party}`),
              date: formatDate(note.createdAt),
            })}
          </p>
          <NoteAttendance note={note} />
          {note.situation ? (
            <p>
              <strong>{t('meetings.situation')}:</strong> {note.situation}
            </p>
          ) : null}
          {note.workCapacity ? (
            <p>
              <strong>{t('meetings.workCapacity')}:</strong> {note.workCapacity}
            </p>
          ) : null}
          {note.rehabilitationNeeds ? (
            <p>
              <strong>{t('meetings.rehabNeeds')}:</strong> {note.rehabilitationNeeds}
            </p>
          ) : null}
          {note.decisions.length > 0 ? (
            <>
              <p>
                <strong>{t('meetings.decisions')}</strong>
              </p>
              <ul>
                {note.decisions.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </>
          ) : null}
          {note.nextSteps.length > 0 ? (
            <>
              <p>
                <strong>{t('meetings.nextSteps')}</strong>
              </p>
              <ul>
                {note.nextSteps.map((s) => (
                  <li key={s.title}>
                    {s.title}
                    {s.dueDate ? ` (${formatDate(s.dueDate)})` : ''}
                    {s.taskId ? ` – ${t('meetings.becameTask')}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <NoteCorrection meeting={meeting} note={note} />
        </div>
      ))}
      {mayWriteNotes ? (
        writing ? (
          <NoteForm
            meeting={meeting}
            onDone={() => {
              setWriting(false);
            }}
          />
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => {
              setWriting(true);
            }}
          >
            {t('meetings.writeNotes')}
          </button>
        )
      ) : null}
    </section>
  );
}

interface StepForm {
  title: string;
  assignee: string;
  dueDate: string;
  createTask: boolean;
}
interface NoteFormValues {
  situation: string;
  workCapacity: string;
  rehabilitationNeeds: string;
  decisions: string;
  nextSteps: StepForm[];
  medical: boolean;
  /** Who attended: participant ids among the meeting's invitees. */
  attendees: string[];
}

function stepAssignee(
  step: StepForm,
): Pick<NextStepInput, 'assigneeParticipantId' | 'assigneeParty'> {
  const [kind, value] = step.assignee.split(':');
  return {
    ...(kind === 'p' && value ? { assigneeParticipantId: value } : {}),
    ...(kind === 'party' && value ? { assigneeParty: value as Party } : {}),
  };
}

function toNoteRequest(values: NoteFormValues): CreateNoteRequest {
  return {
    situation: blank(values.situation),
    workCapacity: blank(values.workCapacity),
    rehabilitationNeeds: blank(values.rehabilitationNeeds),
    decisions: values.decisions
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    nextSteps: values.nextSteps.map((step) => ({
      title: step.title,
      dueDate: blank(step.dueDate),
      createTask: step.createTask,
      ...stepAssignee(step),
    })),
    ...(values.medical ? { medical: true } : {}),
    ...(values.attendees.length > 0 ? { attendeeParticipantIds: values.attendees } : {}),
  };
}

/**
 * Who a draft would reach depends only on whether it is medical and on each step's
 * assignee and whether it becomes a task: the reach is asked again only when those change
 * (each check is audited), not on every keystroke.
 */
function reachKey(values: NoteFormValues): string {
  return JSON.stringify({
    medical: values.medical,
    steps: values.nextSteps.map((step) => [step.assignee, step.createTask]),
  });
}

/**
 * The draft as the reach route takes it: a step still without a title is sent with a
 * placeholder (the title does not change who sees it), and a step that is to become a task
 * but has no assignee yet is asked about as a step of the note only (it is flagged).
 */
function reachDraft(values: NoteFormValues): { body: CreateNoteRequest; incomplete: boolean[] } {
  const request = toNoteRequest(values);
  const incomplete = request.nextSteps.map(
    (step) => step.createTask && !step.assigneeParticipantId && !step.assigneeParty,
  );
  return {
    body: {
      ...request,
      nextSteps: request.nextSteps.map((step, index) => ({
        ...step,
        title: step.title.trim() || '…',
        createTask: step.createTask && !incomplete[index],
      })),
    },
    incomplete,
  };
}

function NoteReachSummary({ meeting, values }: { meeting: MeetingView; values: NoteFormValues }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const listOfParties = useListOfParties();
  const [key, setKey] = useState(() => reachKey(values));
  const next = reachKey(values);
  // Asked shortly after the last change of who or what, so choosing in a list asks once.
  useEffect(() => {
    const timer = setTimeout(() => {
      setKey(next);
    }, 400);
    return () => {
      clearTimeout(timer);
    };
  }, [next]);
  const draft = reachDraft(values);
  const reach = useQuery({
    // Outside the meetings' key (events do not refetch it); a consent change does.
    queryKey: ['ws', ws.id, 'note-reach', meeting.id, key],
    queryFn: () =>
      api(`/workspaces/${ws.id}/meetings/${meeting.id}/notes/reach`, noteReachSchema, {
        method: 'POST',
        body: draft.body,
      }),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
  const nameOf = (step: StepForm): string => {
    const id = stepAssignee(step).assigneeParticipantId;
    const participant = ws.participants.find((p) => p.id === id);
    return participant ? participant.name : t('tasks.assignee');
  };
  return (
    <section className="reach" aria-labelledby={`reach-${meeting.id}`} aria-live="polite">
      <h5 id={`reach-${meeting.id}`}>{t('meetings.reachHeading')}</h5>
      {reach.isPending || reach.isPlaceholderData || key !== next ? (
        <p className="muted">{t('meetings.reachChecking')}</p>
      ) : null}
      {reach.error ? <ErrorMessage error={reach.error} /> : null}
      {reach.data ? (
        <ul className="reach-list">
          <li data-testid="reach-note">
            {t('meetings.reachNote', { parties: listOfParties(reach.data.note.parties) })}
          </li>
          {values.nextSteps.map((step, index) => {
            const result = reach.data.nextSteps[index];
            const n = index + 1;
            if (draft.incomplete[index]) {
              return (
                <li key={index} data-testid={`reach-step-${n}`}>
                  {t('meetings.reachNeedsAssignee', { n })}
                </li>
              );
            }
            if (!result) return null;
            return (
              <li key={index} data-testid={`reach-step-${n}`}>
                {t('meetings.reachStep', { n, parties: listOfParties(result.parties) })}
                {result.assigneeMayRead ? null : (
                  <strong className="error-text reach-refused">
                    {' '}
                    {t('meetings.reachRefused', {
                      n,
                      who: nameOf(step),
                      patient: ws.firstName,
                    })}
                  </strong>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

function NoteForm({ meeting, onDone }: { meeting: MeetingView; onDone: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [savedCount, setSavedCount] = useState<number | null>(null);
  const form = useForm<NoteFormValues>({
    defaultValues: {
      situation: '',
      workCapacity: '',
      rehabilitationNeeds: '',
      decisions: '',
      nextSteps: [{ title: '', assignee: '', dueDate: '', createTask: true }],
      medical: false,
      attendees: [],
    },
    resolver: contractResolver(createNoteRequestSchema, toNoteRequest),
  });
  const steps = useFieldArray({ control: form.control, name: 'nextSteps' });
  const values = form.watch();
  const create = useCreateNote(ws.id, meeting.id, {
    onCreated: (created) => {
      setSavedCount(created.taskIds.length);
    },
    onSuccess: onDone,
    onError: (error) => {
      // `nextSteps.<i>.assigneeParty` (the assignee may not read it) and `medical` show there.
      for (const { path, message } of problemFieldErrors(error)) {
        const [head, index, field] = path.split('.');
        if (head === 'medical') form.setError('medical', { type: 'server', message });
        if (head === 'nextSteps' && index !== undefined && /^\d+$/.test(index)) {
          const name =
            field === 'assigneeParty' || field === 'assigneeParticipantId' ? 'assignee' : field;
          if (name === 'assignee' || name === 'title' || name === 'dueDate') {
            form.setError(`nextSteps.${Number(index)}.${name}`, { type: 'server', message });
          }
        }
      }
    },
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit((submitted) => {
    create.mutate(toNoteRequest(submitted));
  });
  const mayMarkMedical = ws.can('note:create-medical');
  const medicalError = errors.medical?.message;
  const mapped = problemFieldErrors(create.error).length > 0;
  const ids = `note-${meeting.id}`;
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="note-form">
      {savedCount !== null ? (
        <p role="status">{t('meetings.notesSaved', { count: savedCount })}</p>
      ) : null}
      {create.error && !mapped ? <ErrorMessage error={create.error} /> : null}
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
      {mayMarkMedical ? (
        <div className={medicalError ? 'field field-invalid' : 'field'}>
          <label className="checkbox">
            <input
              type="checkbox"
              aria-describedby={`${ids}-medical-hint${medicalError ? ` ${ids}-medical-error` : ''}`}
              aria-invalid={Boolean(medicalError)}
              {...form.register('medical')}
            />{' '}
            {t('meetings.medical')}
          </label>
          <p id={`${ids}-medical-hint`} className="hint">
            {t('meetings.medicalHint', { patient: ws.firstName })}
          </p>
          {medicalError ? (
            <p id={`${ids}-medical-error`} className="error-text">
              {medicalError}
            </p>
          ) : null}
        </div>
      ) : null}
      {steps.fields.map((field, index) => {
        const e = errors.nextSteps?.[index] as
          Record<string, { message?: string } | undefined> | undefined;
        return (
          <fieldset key={field.id}>
            <legend>{t('meetings.nextStepLegend', { n: index + 1 })}</legend>
            <Field label={t('meetings.stepTitle')} error={e?.title?.message}>
              {(props) => (
                <input type="text" {...props} {...form.register(`nextSteps.${index}.title`)} />
              )}
            </Field>
            <div className="row">
              <Field
                label={t('tasks.assignee')}
                error={e?.assignee?.message ?? e?.assigneeParticipantId?.message}
              >
                {(props) => (
                  <select {...props} {...form.register(`nextSteps.${index}.assignee`)}>
                    <option value="">–</option>
                    {ws.participants.map((p) => (
                      <option key={p.id} value={`p:${p.id}`}>
                        {p.name} ({t(`parties.${p.party}`)})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('tasks.dueLabel')} error={e?.dueDate?.message}>
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
      <AttendeeChoice
        meeting={meeting}
        value={values.attendees}
        onChange={(next) => {
          form.setValue('attendees', next, { shouldDirty: true });
        }}
        error={
          problemFieldErrors(create.error).find((entry) =>
            entry.path.startsWith('attendeeParticipantIds'),
          )?.message
        }
      />
      <NoteReachSummary meeting={meeting} values={values} />
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
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('meetings.saveNotes')}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t('app.cancel')}
        </button>
      </p>
    </form>
  );
}

export function MeetingsPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const meetings = useMeetings(ws.id);
  useScrollToHash(meetings.isSuccess);
  if (meetings.isPending) return <Loading />;
  if (meetings.error) return <ErrorMessage error={meetings.error} />;
  return (
    <div className="meetings-page">
      <PageTitle>{t('meetings.title')}</PageTitle>
      {meetings.data.withheld.includes('MEETINGS') ? (
        <div className="withheld" role="note">
          <p>{t('meetings.withheld', { patient: ws.firstName })}</p>
        </div>
      ) : null}
      <Withheld
        categories={meetings.data.withheld.filter((category) => category !== 'MEETINGS')}
        patientName={ws.patient.name}
        party={ws.me.party}
      />
      {ws.can('meeting:create') ? (
        <p>
          <Link className="button button-primary" to={`/w/${ws.id}/meetings/new`}>
            {ws.can('meeting:create:AVSTAMNINGSMOTE') ? t('meetings.arrange') : t('meetings.new')}
          </Link>
        </p>
      ) : null}
      <MeetingRequests />
      {meetings.data.meetings.length === 0 && meetings.data.withheld.length === 0 ? (
        <p className="muted">{t('meetings.empty')}</p>
      ) : null}
      {meetings.data.meetings.map((meeting) => (
        <MeetingCard key={meeting.id} meeting={meeting} />
      ))}
    </div>
  );
}
