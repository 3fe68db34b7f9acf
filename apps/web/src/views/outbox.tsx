import type { OutboxMessageView } from '@atergang/contracts';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { ErrorMessage, formatDateTime, Loading } from '../components/ui';
import { ApiError } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useOutbox, useOutboxAvailable } from '../lib/queries';
import { PageHeading } from './account/page-heading';

function useHasOutbox(): boolean {
  const { session } = useAuth();
  return useOutboxAvailable(session?.user.id ?? null).data === true;
}

/** The Utkorg's link in the top bar, only where there is one (demo mode, signed in). */
export function OutboxLink() {
  const { t } = useTranslation();
  if (!useHasOutbox()) return null;
  return (
    <NavLink className="link-button" to="/utkorg">
      {t('outbox.link')}
    </NavLink>
  );
}

/** After something was "e-mailed": where to read it in the demo. */
export function OutboxHint() {
  const { t } = useTranslation();
  if (!useHasOutbox()) return null;
  return (
    <p className="note">
      {t('outbox.hint')} <Link to="/utkorg">{t('outbox.hintLink')}</Link>
    </p>
  );
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** The plain-text body with its links clickable (the text is never parsed as HTML). */
function TextWithLinks({ text }: { text: string }) {
  const parts: ReactNode[] = text.split(URL_PATTERN).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
  return <div className="prewrap">{parts}</div>;
}

function Message({ message }: { message: OutboxMessageView }) {
  const { t } = useTranslation();
  const headingId = `mail-${message.id}`;
  return (
    <li className="card">
      <h2 id={headingId}>{message.subject}</h2>
      <dl className="facts">
        <div>
          <dt>{t('outbox.to')}</dt>
          <dd>{message.to}</dd>
        </div>
        <div>
          <dt>{t('outbox.time')}</dt>
          <dd>
            <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('outbox.status')}</dt>
          <dd>{t(`outbox.statuses.${message.status}`)}</dd>
        </div>
      </dl>
      <details>
        <summary>{t('outbox.showText')}</summary>
        <TextWithLinks text={message.text} />
      </details>
    </li>
  );
}

/** /utkorg (demo mode): the e-mail the product would have sent, newest first. */
export function OutboxPage() {
  const { t } = useTranslation();
  const outbox = useOutbox();
  const messages = [...(outbox.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <div>
      <PageHeading>{t('outbox.title')}</PageHeading>
      <p>{t('outbox.intro')}</p>
      <p>
        <button
          type="button"
          className="button"
          disabled={outbox.isFetching}
          onClick={() => void outbox.refetch()}
        >
          {t('outbox.refresh')}
        </button>
      </p>
      {outbox.isPending ? <Loading /> : null}
      {outbox.error instanceof ApiError && outbox.error.status === 404 ? (
        <p role="alert" className="alert alert-error">
          {t('outbox.notDemo')}
        </p>
      ) : outbox.error ? (
        <ErrorMessage error={outbox.error} />
      ) : null}
      {outbox.data && messages.length === 0 ? <p>{t('outbox.empty')}</p> : null}
      {messages.length > 0 ? (
        <ul className="case-list" aria-label={t('outbox.listLabel')}>
          {messages.map((message) => (
            <Message key={message.id} message={message} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
