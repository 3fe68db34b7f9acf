import {
  type CreateMeetingRequest,
  createMeetingRequestSchema,
  MEETING_KINDS,
  type MeetingKind,
} from '@atergang/contracts';
import { useEffect, useRef, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  ErrorMessage,
  Field,
  PageTitle,
  problemFieldErrors,
  problemText,
  useExplain,
} from '../components/ui';
import { blank, contractResolver } from '../lib/forms';
import { useMeetingRequests } from '../lib/meeting-requests';
import { suggestion, toInstant, useCreateMeeting } from '../lib/meetings';
import { useWorkspace } from '../lib/workspace';

interface SlotForm {
  start: string;
  end: string;
}
interface MeetingForm {
  kind: MeetingKind;
  title: string;
  agenda: string;
  participantIds: string[];
  slots: SlotForm[];
  location: string;
  videoUrl: string;
}

function toRequest(values: MeetingForm): CreateMeetingRequest {
  return {
    kind: values.kind,
    title: values.title,
    agenda: blank(values.agenda),
    participantIds: values.participantIds,
    slots: values.slots.map((slot) => ({ start: toInstant(slot.start), end: toInstant(slot.end) })),
    location: blank(values.location),
    videoUrl: blank(values.videoUrl),
  };
}

export function NewMeetingPage() {
  const { t } = useTranslation();
  const explain = useExplain();
  const ws = useWorkspace();
  const navigate = useNavigate();
  const others = ws.participants.filter((p) => p.id !== ws.me.participantId);
  // The kinds the caller's party arranges, as the API's policy says (meeting:create:<KIND>).
  const kinds = MEETING_KINDS.filter((kind) => ws.can(`meeting:create:${kind}`));
  // "Ordna möte" for a request (…/meetings/new?request=<id>): an avstämningsmöte that, once
  // proposed, accepts the request (FK's answer names it).
  const [search] = useSearchParams();
  const requestId = ws.can('meeting-request:answer') ? search.get('request') : null;
  const requests = useMeetingRequests(ws.id, requestId !== null);
  const forRequest =
    requests.data?.requests.find((request) => request.id === requestId && request.may.answer) ??
    null;
  const [acceptError, setAcceptError] = useState<unknown>(null);
  const firstKind =
    requestId !== null && kinds.includes('AVSTAMNINGSMOTE')
      ? 'AVSTAMNINGSMOTE'
      : (kinds[0] ?? 'FOLLOW_UP');
  const defaultTitle = (kind: MeetingKind) =>
    t(`newMeeting.defaultTitles.${kind}`, { name: ws.firstName });
  const form = useForm<MeetingForm>({
    defaultValues: {
      kind: firstKind,
      title: defaultTitle(firstKind),
      agenda: '',
      participantIds: others
        .filter((p) => p.party === 'PATIENT' || p.party === 'EMPLOYER' || p.party === 'CARE')
        .map((p) => p.id),
      slots: [
        { start: suggestion(7, 9), end: suggestion(7, 10) },
        { start: suggestion(8, 13), end: suggestion(8, 14) },
      ],
      location: '',
      videoUrl: '',
    },
    resolver: contractResolver(createMeetingRequestSchema, toRequest),
  });
  const slots = useFieldArray({ control: form.control, name: 'slots' });
  const create = useCreateMeeting(ws.id, {
    onSuccess: async ({ answered }) => {
      // The meeting is proposed; the request stays open and says so below.
      if (answered) {
        setAcceptError(answered);
        return;
      }
      await navigate(`/w/${ws.id}/meetings`, { state: { sent: true } });
    },
    onError: (error) => {
      // A kind not the party's (path `kind`) or the wrong people (participantIds) show there.
      for (const { path, message } of problemFieldErrors(error)) {
        const field = path.split('.')[0];
        if (field === 'kind' || field === 'participantIds' || field === 'title') {
          form.setError(field, { type: 'server', message });
        }
      }
    },
  });
  const { errors } = form.formState;
  const kind = form.watch('kind');
  // A title the user has not changed (still the one suggested) follows the kind of meeting.
  // (defaultTitle depends only on the language and the patient's name: no dependency.)
  const suggested = useRef(defaultTitle(firstKind));
  useEffect(() => {
    if (form.getValues('title') !== suggested.current) return;
    suggested.current = defaultTitle(kind);
    form.setValue('title', suggested.current);
  }, [kind, form]);
  const onSubmit = form.handleSubmit((values) => {
    create.mutate({ body: toRequest(values), requestId: forRequest?.id ?? null });
  });
  const participantsMessage =
    errors.participantIds?.message ?? errors.participantIds?.root?.message;
  // The API's own refusal (its text) or the form's check (choose at least one).
  const participantsError =
    errors.participantIds?.type === 'server' ? participantsMessage : explain(participantsMessage);
  const slotsError = explain(errors.slots?.message ?? errors.slots?.root?.message);

  return (
    <div>
      <PageTitle>{t('newMeeting.title')}</PageTitle>
      {forRequest ? (
        <p className="notice">
          {t('meetingRequests.forRequest', {
            name: forRequest.requestedBy.name,
            reason: forRequest.reason,
          })}
        </p>
      ) : null}
      {acceptError ? (
        <div role="alert" className="error">
          <p>{t('meetingRequests.acceptFailed', { problem: problemText(acceptError) })}</p>
          <p>
            <Link to={`/w/${ws.id}/meetings`}>{t('meetingRequests.backToMeetings')}</Link>
          </p>
        </div>
      ) : null}
      {create.error && problemFieldErrors(create.error).length === 0 ? (
        <ErrorMessage error={create.error} />
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="card">
        <Field label={t('newMeeting.kind')} error={errors.kind?.message}>
          {(props) => (
            <select {...props} {...form.register('kind')}>
              {kinds.map((option) => (
                <option key={option} value={option}>
                  {t(`meetings.kinds.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('newMeeting.name')} error={errors.title?.message}>
          {(props) => <input type="text" {...props} {...form.register('title')} />}
        </Field>
        <Field label={t('newMeeting.agenda')} error={errors.agenda?.message}>
          {(props) => <textarea rows={3} {...props} {...form.register('agenda')} />}
        </Field>
        <fieldset aria-describedby="participants-help participants-error">
          <legend>{t('newMeeting.participants')}</legend>
          <p id="participants-help" className="hint">
            {kind === 'AVSTAMNINGSMOTE' ? `${t('newMeeting.avstamningHelp')} ` : ''}
            {t('newMeeting.participantsHelp')}
          </p>
          {others.map((p) => (
            <label key={p.id} className="checkbox">
              <input type="checkbox" value={p.id} {...form.register('participantIds')} /> {p.name} (
              {t(`parties.${p.party}`)}
              {p.organisation ? `, ${p.organisation.name}` : ''})
            </label>
          ))}
          {participantsError ? (
            <p id="participants-error" className="error-text">
              {errors.participantIds?.type === 'server'
                ? participantsError
                : t('errors.participants')}
            </p>
          ) : null}
        </fieldset>
        <fieldset aria-describedby={slotsError ? 'slots-error' : undefined}>
          <legend>{t('newMeeting.slots')}</legend>
          {slots.fields.map((field, index) => {
            const e = errors.slots?.[index];
            return (
              <div key={field.id} className="slot-input">
                <p className="slot-label">{t('newMeeting.slotLegend', { n: index + 1 })}</p>
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
                    className="button button-quiet"
                    onClick={() => {
                      slots.remove(index);
                    }}
                  >
                    {t('newMeeting.removeSlot', { n: index + 1 })}
                  </button>
                ) : null}
              </div>
            );
          })}
          {slotsError ? (
            <p id="slots-error" className="error-text">
              {slotsError}
            </p>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() => {
              slots.append({ start: suggestion(9, 10), end: suggestion(9, 11) });
            }}
          >
            {t('newMeeting.addSlot')}
          </button>
        </fieldset>
        <div className="row">
          <Field label={t('newMeeting.location')} error={errors.location?.message}>
            {(props) => <input type="text" {...props} {...form.register('location')} />}
          </Field>
          <Field label={t('newMeeting.videoUrl')} error={errors.videoUrl?.message}>
            {(props) => <input type="url" {...props} {...form.register('videoUrl')} />}
          </Field>
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('newMeeting.submit')}
        </button>
      </form>
    </div>
  );
}
