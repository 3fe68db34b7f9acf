import {
  type CreateMeetingRequestRequest,
  createMeetingRequestRequestSchema,
  type MeetingRequestList,
  type MeetingRequestView,
} from '@atergang/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateInput } from '../components/date-input';
import {
  ErrorMessage,
  Field,
  formatDate,
  formatDateTime,
  problemFieldErrors,
  problemText,
} from '../components/ui';
import { blank, contractResolver } from '../lib/forms';
import {
  useAnswerMeetingRequest,
  useAskForMeeting,
  useMeetingRequests,
} from '../lib/meeting-requests';
import { useWorkspace } from '../lib/workspace';

// "Önskemål om avstämningsmöte" on the Möten page (issue 15): those allowed ask FK for an
// avstämningsmöte (the API's `meeting-request:create`), see their request's status, and FK
// answers each request (`may.answer`): Ordna möte (the new-meeting form, which accepts the
// request once the meeting is proposed) or Avböj with a message.

interface AskForm {
  reason: string;
  topics: string;
  preferredFrom: string;
  preferredTo: string;
}

function toRequest(values: AskForm): CreateMeetingRequestRequest {
  return {
    reason: values.reason,
    topics: blank(values.topics),
    preferredFrom: blank(values.preferredFrom),
    preferredTo: blank(values.preferredTo),
  };
}

function AskForMeeting({ list }: { list: MeetingRequestList }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const ask = useAskForMeeting(ws.id);
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<MeetingRequestView | null>(null);
  const form = useForm<AskForm>({
    defaultValues: { reason: '', topics: '', preferredFrom: '', preferredTo: '' },
    resolver: contractResolver(createMeetingRequestRequestSchema, toRequest),
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit((values) => {
    ask.mutate(toRequest(values), {
      onSuccess: (created) => {
        setSent(created);
        setOpen(false);
        form.reset();
      },
      onError: (error) => {
        for (const { path, message } of problemFieldErrors(error)) {
          if (
            path === 'reason' ||
            path === 'topics' ||
            path === 'preferredFrom' ||
            path === 'preferredTo'
          ) {
            form.setError(path, { type: 'server', message });
          }
        }
      },
    });
  });
  const status = sent ? (
    <p role="status" className="notice">
      {t('meetingRequests.sent', { date: formatDate(sent.dueDate) })}
    </p>
  ) : null;
  if (!list.fkTakesPart) {
    return <p className="muted">{t('meetingRequests.fkMissing')}</p>;
  }
  if (list.ownOpenRequestId) {
    return (
      <>
        {status}
        <p className="muted">{t('meetingRequests.ownOpen')}</p>
      </>
    );
  }
  if (!open) {
    return (
      <>
        {status}
        <p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setSent(null);
              setOpen(true);
            }}
          >
            {t('meetingRequests.ask')}
          </button>
        </p>
      </>
    );
  }
  const mapped = problemFieldErrors(ask.error).length > 0;
  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      className="card meeting-request-form"
      aria-labelledby="meeting-request-form-title"
    >
      <h3 id="meeting-request-form-title">{t('meetingRequests.ask')}</h3>
      <p className="hint">{t('meetingRequests.intro')}</p>
      {ask.error && !mapped ? <ErrorMessage error={ask.error} /> : null}
      <Field
        label={t('meetingRequests.reason')}
        hint={t('meetingRequests.reasonHint')}
        error={errors.reason?.message}
      >
        {(props) => <textarea rows={3} {...props} {...form.register('reason')} />}
      </Field>
      <Field label={t('meetingRequests.topics')} error={errors.topics?.message}>
        {(props) => <textarea rows={2} {...props} {...form.register('topics')} />}
      </Field>
      <div className="row">
        <Field label={t('meetingRequests.preferredFrom')} error={errors.preferredFrom?.message}>
          {(props) => <DateInput {...props} {...form.register('preferredFrom')} />}
        </Field>
        <Field label={t('meetingRequests.preferredTo')} error={errors.preferredTo?.message}>
          {(props) => <DateInput {...props} {...form.register('preferredTo')} />}
        </Field>
      </div>
      <p className="actions">
        <button type="submit" className="button button-primary" disabled={ask.isPending}>
          {t('meetingRequests.send')}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setOpen(false);
          }}
        >
          {t('app.cancel')}
        </button>
      </p>
    </form>
  );
}

/** FK's "Avböj": a message is required, the asker sees it. */
function DeclineRequest({ request }: { request: MeetingRequestView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const answer = useAnswerMeetingRequest(ws.id);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [missing, setMissing] = useState(false);
  const id = `decline-${request.id}`;
  if (!open) {
    return (
      <button
        type="button"
        className="button"
        aria-label={t('meetingRequests.declineLabel', { name: request.requestedBy.name })}
        onClick={() => {
          setOpen(true);
        }}
      >
        {t('meetingRequests.decline')}
      </button>
    );
  }
  const serverError = problemFieldErrors(answer.error).find((e) => e.path === 'message');
  const error = missing ? t('meetingRequests.declineMissing') : (serverError?.message ?? null);
  return (
    <form
      className="decline-request"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const text = message.trim();
        if (text === '') {
          setMissing(true);
          return;
        }
        setMissing(false);
        answer.mutate({ id: request.id, decision: 'DECLINED', message: text });
      }}
    >
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={id}>{t('meetingRequests.declineMessage')}</label>
        <p id={`${id}-hint`} className="hint">
          {t('meetingRequests.declineHint', { name: request.requestedBy.name })}
        </p>
        <textarea
          id={id}
          rows={3}
          maxLength={2000}
          value={message}
          aria-invalid={Boolean(error)}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => {
            setMessage(event.target.value);
          }}
        />
        {error ? (
          <p id={`${id}-error`} className="error-text">
            {error}
          </p>
        ) : null}
      </div>
      {answer.error && !serverError ? (
        <p role="alert" className="error-text">
          {problemText(answer.error)}
        </p>
      ) : null}
      <p className="actions">
        <button type="submit" className="button button-danger" disabled={answer.isPending}>
          {t('meetingRequests.declineConfirm')}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setOpen(false);
          }}
        >
          {t('app.cancel')}
        </button>
      </p>
    </form>
  );
}

function RequestCard({ request }: { request: MeetingRequestView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const headingId = `meeting-request-${request.id}`;
  const status =
    request.status === 'OPEN'
      ? t('meetingRequests.status.OPEN', { date: formatDate(request.dueDate) })
      : t(`meetingRequests.status.${request.status}`);
  return (
    <li className="card meeting-request">
      <h3 id={headingId}>
        {t('meetingRequests.requestedBy', {
          name: request.requestedBy.name,
          party: t(`parties.${request.requestedBy.party}`),
          date: formatDateTime(request.requestedAt),
        })}
      </h3>
      <p className={`request-status request-status-${request.status.toLowerCase()}`}>
        <strong>{status}</strong>
      </p>
      <dl className="request-facts">
        <dt>{t('meetingRequests.reasonLabel')}</dt>
        <dd>{request.reason}</dd>
        {request.topics ? (
          <>
            <dt>{t('meetingRequests.topicsLabel')}</dt>
            <dd>{request.topics}</dd>
          </>
        ) : null}
        {request.preferredFrom || request.preferredTo ? (
          <>
            <dt>{t('meetingRequests.period')}</dt>
            <dd>
              {t('meetingRequests.periodValue', {
                from: request.preferredFrom ? formatDate(request.preferredFrom) : '…',
                to: request.preferredTo ? formatDate(request.preferredTo) : '…',
              })}
            </dd>
          </>
        ) : null}
        {request.answer?.message ? (
          <>
            <dt>{t('meetingRequests.answerMessage')}</dt>
            <dd>{request.answer.message}</dd>
          </>
        ) : null}
      </dl>
      {request.answer?.meetingId ? (
        <p className="muted">{t('meetingRequests.meetingArranged')}</p>
      ) : null}
      {request.may.answer ? (
        <div className="actions">
          <Link
            className="button button-primary"
            to={`/w/${ws.id}/meetings/new?request=${request.id}`}
            aria-label={t('meetingRequests.arrangeLabel', { name: request.requestedBy.name })}
          >
            {t('meetingRequests.arrange')}
          </Link>{' '}
          <DeclineRequest request={request} />
        </div>
      ) : null}
    </li>
  );
}

/** The section on the Möten page; nothing at all for those who may neither ask nor see any. */
export function MeetingRequests() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const requests = useMeetingRequests(ws.id);
  const mayAsk = ws.can('meeting-request:create');
  const mayAnswer = ws.can('meeting-request:answer');
  if (requests.isPending) return null;
  if (requests.error) return <ErrorMessage error={requests.error} />;
  const list = requests.data;
  if (!mayAsk && !mayAnswer && list.requests.length === 0) return null;
  return (
    <section className="meeting-requests" aria-labelledby="meeting-requests-heading">
      <h2 id="meeting-requests-heading">{t('meetingRequests.heading')}</h2>
      {mayAsk ? <AskForMeeting list={list} /> : null}
      {list.requests.length > 0 ? (
        <ul className="meeting-request-list">
          {list.requests.map((request) => (
            <RequestCard key={request.id} request={request} />
          ))}
        </ul>
      ) : mayAnswer ? (
        <p className="muted">{t('meetingRequests.none')}</p>
      ) : null}
    </section>
  );
}
