import type { TFunction } from 'i18next';
import type { EventType, MeetingList, TaskList, WorkspaceEventView } from '@atergang/contracts';
import { useQuery } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Navigate,
  NavLink,
  Outlet,
  Route,
  Routes,
  useLocation,
  useNavigate,
  useParams,
} from 'react-router';
import { HELP_PAGES } from './components/help-content';
import { NameMark } from './components/name-mark';
import { SiteFooter } from './components/site-footer';
import { ErrorMessage, Loading, requestTitleFocus } from './components/ui';
import { useAuth } from './lib/auth';
import { loginReturningHere } from './lib/fragment-token';
import { type LiveNotice, type LiveStatus, useLive } from './lib/live';
import { LiveSocketProvider } from './lib/live-socket';
import { keys, useOverview, useWorkspaces } from './lib/queries';
import { AcceptInvitationPage } from './views/accept-invitation';
import { AccountPage } from './views/account';
import { AccountLinks } from './views/account/account-links';
import { NotificationPreferencesPage } from './views/account/notification-preferences';
import { PasswordResetPage } from './views/account/password-reset';
import { StaffInvitationPage } from './views/account/staff-invitation';
import { AccessLogPage } from './views/access-log';
import { CaseAnswerPage } from './views/case-answer';
import { CasePage } from './views/case/case-page';
import { ClosedCaseBanner } from './views/case/closed-banner';
import { CasesPage } from './views/cases';
import { ConsentsPage } from './views/consents';
import { DocumentsPage } from './views/documents';
import { HelpPage } from './views/help/help-page';
import { LoginPage } from './views/login';
import { MeetingsPage } from './views/meetings';
import { NewMeetingPage } from './views/new-meeting';
import { NotificationsPage } from './views/notifications';
import { OpenCasePage } from './views/open-case';
import { OrganisationAdminPage } from './views/organisation-admin';
import { OutboxPage } from './views/outbox';
import { PeoplePage } from './views/people';
import { PlanPage } from './views/plan';
import { PlanPrintPage } from './views/plan-handover/plan-print';
import { TasksPage } from './views/tasks';

// The statistics page brings the charting library (recharts): its own chunk, loaded when
// the page is opened, so no other page waits for it.
const StatisticsPage = lazy(() =>
  import('./views/statistics/statistics-page').then((module) => ({
    default: module.StatisticsPage,
  })),
);

export function App() {
  return (
    <>
      <AppRoutes />
      {/* Every page, signed in or not, ends with the footer and its public pages. */}
      <SiteFooter />
    </>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {HELP_PAGES.map(({ path, page }) => (
        <Route key={path} path={path} element={<HelpPage page={page} />} />
      ))}
      <Route path="/konto/inbjudan" element={<StaffInvitationPage />} />
      <Route path="/konto/aterstall" element={<PasswordResetPage />} />
      <Route path="/arende/svar" element={<CaseAnswerPage />} />
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        <Route path="nytt-arende" element={<OpenCasePage />} />
        <Route path="inbjudan" element={<AcceptInvitationPage />} />
        <Route path="konto" element={<AccountPage />} />
        <Route path="konto/aviseringar" element={<NotificationPreferencesPage />} />
        <Route path="aviseringar" element={<NotificationsPage />} />
        <Route path="organisation/:organisationId" element={<OrganisationAdminPage />} />
        <Route
          path="organisation/:organisationId/statistik"
          element={
            <Suspense fallback={<Loading />}>
              <StatisticsPage />
            </Suspense>
          }
        />
        <Route path="utkorg" element={<OutboxPage />} />
        <Route path="w/:id" element={<WorkspaceLayout />}>
          <Route index element={<Navigate to="plan" replace />} />
          <Route path="plan" element={<PlanPage />} />
          <Route path="plan/utskrift" element={<PlanPrintPage />} />
          <Route path="arende" element={<CasePage />} />
          <Route path="tasks" element={<TasksPage />} />
          <Route path="meetings" element={<MeetingsPage />} />
          <Route path="meetings/new" element={<NewMeetingPage />} />
          <Route path="documents" element={<DocumentsPage />} />
          <Route path="consents" element={<ConsentsPage />} />
          <Route path="access-log" element={<AccessLogPage />} />
          <Route path="deltagare" element={<PeoplePage />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <p>{t('app.notFound')}</p>;
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (session === undefined) return <Loading />;
  if (session === null) {
    // An e-mailed link's token rides in the fragment and comes back with it after sign-in.
    return (
      <Navigate
        to={loginReturningHere(location.pathname + location.search, location.hash)}
        replace
      />
    );
  }
  return children;
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = t('app.languageCode');
  return (
    <button
      type="button"
      className="link-button"
      lang={next}
      onClick={() => void i18n.changeLanguage(next)}
    >
      {t('app.language')}
    </button>
  );
}

export function Header({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <div className="topbar-inner">
        <p className="brand">
          <a href="/">
            <NameMark />
            {t('app.name')}
          </a>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </p>
        <div className="topbar-actions">
          {children}
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { session, logout } = useAuth();
  const navigate = useNavigate();
  return (
    // One live connection for every signed-in page: the bell and the open case share it.
    <LiveSocketProvider userId={session?.user.id ?? ''}>
      <Header>
        <span className="muted">{t('app.signedInAs', { name: session?.user.name ?? '' })}</span>
        <AccountLinks />
        <button
          type="button"
          className="link-button"
          onClick={() => {
            void logout().then(() => navigate('/login'));
          }}
        >
          {t('app.logout')}
        </button>
      </Header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </LiveSocketProvider>
  );
}

/** The patient with one case goes straight to it; everyone else sees their cases. */
function Home() {
  const workspaces = useWorkspaces();
  if (workspaces.isPending) return <Loading />;
  if (workspaces.error) return <ErrorMessage error={workspaces.error} />;
  const only = workspaces.data.length === 1 ? workspaces.data[0] : undefined;
  if (only && only.myParty === 'PATIENT') return <Navigate to={`/w/${only.id}/plan`} replace />;
  return <CasesPage workspaces={workspaces.data} />;
}

type Lookup = (kind: 'task' | 'meeting', id: unknown) => string | undefined;

function eventText(t: TFunction, event: WorkspaceEventView, lookup: Lookup): string {
  const partyName = event.actor.party ? ` (${t(`parties.${event.actor.party}`)})` : '';
  const who = `${event.actor.name ?? t('events.someone')}${partyName}`;
  const type: EventType = event.type;
  const task = () => lookup('task', event.data.id);
  const meeting = () => lookup('meeting', event.data.id);
  // Exhaustive over the contract's event types: a new type fails the type check here.
  switch (type) {
    case 'workspace.created':
      return t('events.workspaceCreated', { who });
    case 'participant.invited':
      return t('events.participantInvited', { who });
    case 'participant.added':
      return t('events.participantAdded', { who });
    case 'participant.removed':
      return t('events.participantRemoved', { who });
    case 'participant.handed-over':
      return t('events.participantHandedOver', { who });
    case 'invitation.approved':
      return t('events.invitationApproved', { who });
    case 'invitation.withdrawn':
      return t('events.invitationWithdrawn', { who });
    case 'plan.updated':
      return t('events.plan', { who });
    case 'plan.signed':
      return t('events.planSigned', { who });
    case 'plan.not-needed.recorded':
      return t('events.planNotNeeded', { who });
    case 'plan.handed-over':
      return t('events.planHandedOver', { who });
    case 'plan.handover-acknowledged':
      return t('events.planHandoverAcknowledged', { who });
    case 'plan.requested':
      return t('events.planRequested', { who });
    case 'task.created': {
      const title = task();
      return title
        ? t('events.taskCreatedNamed', { who, title })
        : t('events.taskCreated', { who });
    }
    case 'task.updated': {
      const title = task();
      return title
        ? t('events.taskUpdatedNamed', { who, title })
        : t('events.taskUpdated', { who });
    }
    case 'meeting.created': {
      const title = meeting();
      return title
        ? t('events.meetingCreatedNamed', { who, title })
        : t('events.meetingCreated', { who });
    }
    case 'meeting.response.recorded': {
      const title = meeting();
      return title
        ? t('events.meetingAnsweredNamed', { who, title })
        : t('events.meetingAnswered', { who });
    }
    case 'meeting.scheduled': {
      const title = meeting();
      return title
        ? t('events.meetingScheduledNamed', { who, title })
        : t('events.meetingScheduled', { who });
    }
    case 'meeting.cancelled':
      return t('events.meetingCancelled', { who });
    case 'meeting.moved':
      return t('events.meetingMoved', { who });
    case 'meeting.reopened':
      return t('events.meetingReopened', { who });
    case 'meeting.requested':
      return t('events.meetingRequested', { who });
    case 'meeting.request-answered':
      return t('events.meetingRequestAnswered', { who });
    case 'note.created':
      return t('events.note', { who });
    case 'note.corrected':
      return t('events.noteCorrected', { who });
    case 'document.uploaded':
      return t('events.document', { who });
    case 'document.deleted':
      return t('events.documentDeleted', { who });
    case 'certificate.added':
      return t('events.certificate', { who });
    case 'case.facts-changed':
      return t('events.factsChanged', { who });
    case 'case.closed':
      return t('events.caseClosed', { who });
    case 'case.reopened':
      return t('events.caseReopened', { who });
    default: {
      // A type this build does not know yet (a newer server): still say who changed something.
      unhandled(type);
      return t('events.other', { who });
    }
  }
}

function LiveBar({
  workspaceId,
  status,
  notices,
}: {
  workspaceId: string;
  status: LiveStatus;
  notices: LiveNotice[];
}) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState<number[]>([]);
  // Names for "who changed what", from lists already loaded: these observers never fetch,
  // they only follow the cache (so the bar itself reads nothing the user did not open).
  const tasks = useQuery<TaskList>({ queryKey: keys.tasks(workspaceId), enabled: false });
  const meetings = useQuery<MeetingList>({ queryKey: keys.meetings(workspaceId), enabled: false });
  const lookup: Lookup = (kind, id) =>
    kind === 'task'
      ? tasks.data?.tasks.find((task) => task.id === id)?.title
      : meetings.data?.meetings.find((meeting) => meeting.id === id)?.title;
  const visible = notices.filter((notice) => !hidden.includes(notice.id));
  return (
    <div className="live">
      <p className={`live-status live-${status}`} role="status">
        <span className="live-dot" aria-hidden="true" />
        {t(`live.${status}`)}
      </p>
      <ul className="notices" aria-live="polite">
        {visible.map((notice) => (
          <li key={notice.id} className="notice">
            <span>
              {eventText(t, notice.event, lookup)}{' '}
              <time dateTime={notice.event.at} className="muted">
                {new Date(notice.event.at).toLocaleTimeString('sv-SE', {
                  hour: '2-digit',
                  minute: '2-digit',
                })}
              </time>
            </span>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setHidden((list) => [...list, notice.id]);
              }}
            >
              {t('app.close')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function WorkspaceLayout() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const overview = useOverview(id);
  const [revoked, setRevoked] = useState(false);
  const live = useLive(id, () => {
    setRevoked(true);
  });
  const location = useLocation();
  const mainRef = useRef<string>(location.pathname);

  // Moving between views puts the focus on the new view's heading (screen readers hear
  // it); the heading takes it when it renders, also after a loading state. A link to a part
  // of a view (`/plan#measure-…`) puts it on that part instead (useScrollToHash).
  useEffect(() => {
    if (mainRef.current === location.pathname) return;
    mainRef.current = location.pathname;
    if (location.hash.length < 2) requestTitleFocus();
  }, [location.pathname, location.hash]);

  if (revoked) {
    return (
      <div>
        <p role="alert" className="alert alert-error">
          {t('live.revoked')}
        </p>
        <a href="/">{t('app.backToCases')}</a>
      </div>
    );
  }
  if (overview.isPending) return <Loading />;
  if (overview.error) return <ErrorMessage error={overview.error} />;
  const data = overview.data;
  const isPatient = data.me.party === 'PATIENT';
  const can = (permission: string) => data.permissions.includes(permission as never);
  const links: Array<[string, string]> = [
    ['plan', isPatient ? t('workspace.myPlan') : t('workspace.plan')],
    ['arende', t('case.nav')],
    ['tasks', isPatient ? t('workspace.myTasks') : t('workspace.tasks')],
    ['meetings', t('workspace.meetings')],
    ['documents', t('workspace.documents')],
  ];
  if (can('consent:manage')) links.push(['consents', t('workspace.consents')]);
  if (can('access-log:read')) links.push(['access-log', t('workspace.accessLog')]);
  links.push(['deltagare', t('people.nav')]);

  return (
    <div className="workspace">
      <div className="workspace-head">
        <h1>{data.patient.name}</h1>
        <p className="muted">
          {/* The patient's plan says the day in a sentence, the phase behind "Läs mer". */}
          {isPatient
            ? t('workspace.dayLineShort', { day: data.rehabChain.day })
            : t('workspace.dayLine', {
                day: data.rehabChain.day,
                phase:
                  i18n.language === 'en'
                    ? data.rehabChain.phaseLabelEn
                    : data.rehabChain.phaseLabelSv,
              })}
          {data.employer ? ` · ${data.employer.name}` : ''}
        </p>
        <LiveBar workspaceId={id} status={live.status} notices={live.notices} />
        {data.closing ? <ClosedCaseBanner closing={data.closing} isPatient={isPatient} /> : null}
      </div>
      <nav aria-label={t('workspace.nav')} className="tabs">
        <ul>
          {links.map(([path, label]) => (
            <li key={path}>
              <NavLink to={`/w/${id}/${path}`}>{label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <section className="view">
        <Outlet context={data} />
      </section>
    </div>
  );
}

/** Exhaustiveness at compile time: an event type no case above handles is not `never`. */
function unhandled(type: never): void {
  console.warn(`Unknown event type: ${String(type)}`);
}
