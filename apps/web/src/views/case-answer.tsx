import { type CaseOpeningLookup, caseOpeningLookupSchema } from '@atergang/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { Header } from '../app';
import { TopTitle } from '../components/top-title';
import { ErrorMessage, formatDate, Loading } from '../components/ui';
import { api } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useAcceptCaseOpening, useDeclineCaseOpening } from '../lib/case-openings';
import { loginReturningHere, useFragmentToken } from '../lib/fragment-token';
import { RegisterAndAccept } from './case-answer-register';

/**
 * `/arende/svar#<token>`: the person a case is to be opened for answers the request from
 * her e-mail. Outside the signed-in part: she may have no account yet.
 */
export function CaseAnswerPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1} className="narrow">
        <TopTitle>{t('caseAnswer.title')}</TopTitle>
        {token === '' ? <p>{t('caseAnswer.missingToken')}</p> : <Answer token={token} />}
      </main>
    </>
  );
}

function Answer({ token }: { token: string }) {
  const { t } = useTranslation();
  const [declined, setDeclined] = useState(false);
  const lookup = useQuery({
    queryKey: ['case-opening-lookup', token],
    queryFn: () =>
      api('/case-openings/lookup', caseOpeningLookupSchema, { method: 'POST', body: { token } }),
    retry: false,
    refetchOnWindowFocus: false,
  });
  if (declined) {
    return (
      <p role="status" className="alert alert-ok">
        {t('caseAnswer.declined', { opener: lookup.data?.opener.name ?? '' })}
      </p>
    );
  }
  if (lookup.isPending) return <Loading />;
  if (lookup.error) return <ErrorMessage error={lookup.error} />;
  const request = lookup.data;
  const opener = request.opener.name;
  switch (request.status) {
    case 'ACCEPTED':
      return (
        <>
          <p>{t('caseAnswer.alreadyAccepted')}</p>
          <p>
            <Link to="/">{t('caseAnswer.toCase')}</Link>
          </p>
        </>
      );
    case 'DECLINED':
      return <p>{t('caseAnswer.alreadyDeclined')}</p>;
    case 'WITHDRAWN':
      return <p>{t('caseAnswer.withdrawn', { opener })}</p>;
    case 'PENDING':
      if (new Date(request.expiresAt).getTime() < Date.now()) {
        return <p>{t('caseAnswer.expired', { opener, date: formatDate(request.expiresAt) })}</p>;
      }
      return (
        <Pending
          token={token}
          request={request}
          onDeclined={() => {
            setDeclined(true);
          }}
        />
      );
  }
}

/** What saying yes means, in plain words, before she is asked to decide. */
function Explanation({ request }: { request: CaseOpeningLookup }) {
  const { t } = useTranslation();
  const opener = request.opener.name;
  const organisation = request.organisation.name;
  return (
    <>
      <p>
        <strong>{t('caseAnswer.request', { opener, organisation })}</strong>
      </p>
      <p>
        {t('caseAnswer.since', { date: formatDate(request.sickPeriodStart) })}
        {request.employer ? ` ${t('caseAnswer.employer', { name: request.employer.name })}` : ''}
      </p>
      {request.followsEarlierCase ? (
        <p data-testid="follows-earlier-case">{t('caseAnswer.followsEarlierCase')}</p>
      ) : null}
      <h2>{t('caseAnswer.whatTitle')}</h2>
      <ul>
        <li>{t('caseAnswer.whatTogether', { organisation })}</li>
        <li>{t('caseAnswer.whatYouDecide')}</li>
        <li>{t('caseAnswer.whatNobodyElse')}</li>
        <li>{t('caseAnswer.whatNo', { opener })}</li>
      </ul>
      <p className="muted">{t('caseAnswer.expires', { date: formatDate(request.expiresAt) })}</p>
    </>
  );
}

function Pending({
  token,
  request,
  onDeclined,
}: {
  token: string;
  request: CaseOpeningLookup;
  onDeclined: () => void;
}) {
  const { t } = useTranslation();
  const { session } = useAuth();
  const location = useLocation();
  return (
    <>
      <Explanation request={request} />
      <section aria-labelledby="answer-title" className="card">
        <h2 id="answer-title">{t('caseAnswer.answerTitle')}</h2>
        {!request.accountExists ? (
          <RegisterAndAccept token={token} />
        ) : session === undefined ? (
          <Loading />
        ) : session === null ? (
          <>
            <p>{t('caseAnswer.signInIntro')}</p>
            <p>
              <Link
                className="button button-primary"
                to={loginReturningHere(location.pathname, location.hash)}
              >
                {t('caseAnswer.signIn')}
              </Link>
            </p>
          </>
        ) : (
          <AcceptSignedIn token={token} name={session.user.name} />
        )}
        <Decline token={token} opener={request.opener.name} onDeclined={onDeclined} />
      </section>
    </>
  );
}

/** She has an account and is signed in: the token alone opens the case. */
function AcceptSignedIn({ token, name }: { token: string; name: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptCaseOpening({
    onSuccess: async ({ workspaceId }) => {
      await navigate(`/w/${workspaceId}/plan`);
    },
  });
  return (
    <>
      <p>{t('caseAnswer.signedInAs', { name })}</p>
      {accept.error ? <ErrorMessage error={accept.error} /> : null}
      <p>
        <button
          type="button"
          className="button button-primary"
          disabled={accept.isPending}
          onClick={() => {
            accept.mutate({ token });
          }}
        >
          {accept.isPending ? t('caseAnswer.accepting') : t('caseAnswer.accept')}
        </button>
      </p>
    </>
  );
}

/** Saying no, after a second look at what it means: no case is opened. */
function Decline({
  token,
  opener,
  onDeclined,
}: {
  token: string;
  opener: string;
  onDeclined: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const decline = useDeclineCaseOpening({ onSuccess: onDeclined });
  if (!asking) {
    return (
      <p>
        <button
          type="button"
          className="button"
          aria-expanded={false}
          onClick={() => {
            setAsking(true);
          }}
        >
          {t('caseAnswer.decline')}
        </button>
      </p>
    );
  }
  return (
    <div className="confirm" role="group" aria-labelledby="decline-title">
      <p id="decline-title">
        <strong>{t('caseAnswer.declineQuestion')}</strong>
      </p>
      <p>{t('caseAnswer.declineMeans', { opener })}</p>
      {decline.error ? <ErrorMessage error={decline.error} /> : null}
      <p className="actions">
        <button
          type="button"
          className="button button-danger"
          disabled={decline.isPending}
          onClick={() => {
            decline.mutate({ token });
          }}
        >
          {t('caseAnswer.declineYes')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setAsking(false);
          }}
        >
          {t('app.cancel')}
        </button>
      </p>
    </div>
  );
}
