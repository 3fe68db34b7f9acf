import type { Category, WorkspaceSummary } from '@atergang/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { problemText, today } from '../components/ui';
import { type CaseSignals, type CaseSignalState, useCaseSignals } from '../lib/case-signals';
import { CaseOpenings, OpenCaseLink } from './case-openings';

type FilterKey = 'mine' | 'overdue' | 'planMissing' | 'meetingsThisWeek';
const FILTERS: readonly FilterKey[] = ['mine', 'overdue', 'planMissing', 'meetingsThisWeek'];
type SortKey = 'name' | 'dayDesc' | 'dayAsc';

/** Whether a case shows under a filter: only what the caller can see counts. */
function matches(signals: CaseSignals, filter: FilterKey): boolean {
  switch (filter) {
    case 'mine':
      return signals.mine > 0;
    case 'overdue':
      return (signals.overdue ?? 0) > 0;
    case 'planMissing':
      return signals.planMissing === true;
    case 'meetingsThisWeek':
      return (signals.meetingsThisWeek ?? 0) > 0;
  }
}

/**
 * Signals for care and FK: plan missing after day 30, no follow-up booked, overdue tasks.
 * Each is judged only on what the patient shares with the caller (each response's
 * `withheld`, the plan's `withheldParts`): a plan, follow-up or task hidden from the caller
 * is not missing, so the list says what is not shared instead of a false alarm or all-clear.
 * Until all three answers are in, it says so: never a default "nothing to note".
 */
function Signals({ workspace, state }: { workspace: WorkspaceSummary; state: CaseSignalState }) {
  const { t, i18n } = useTranslation();
  if (state.status === 'loading') {
    return (
      <span className="muted" data-testid="signals-loading">
        {t('cases.signalsLoading')}
      </span>
    );
  }
  if (state.status === 'error')
    return <span className="error-text">{problemText(state.error)}</span>;
  const { signals: s } = state;
  const patient = workspace.patient.name.split(' ')[0] ?? workspace.patient.name;
  const sentence = (categories: readonly Category[]) =>
    new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
      style: 'long',
      type: 'conjunction',
    }).format(categories.map((category) => t(`categoryObjects.${category}`)));
  const signals: string[] = [];
  if (s.planMissing) signals.push(t('cases.planMissing'));
  if (s.noFollowUp === true) signals.push(t('cases.noFollowUp'));
  if (s.noFollowUp === null) {
    const unseen = s.hidden.filter((category) => category !== 'TASKS');
    signals.push(t('cases.followUpWithheld', { patient, what: sentence(unseen) }));
  }
  if (s.overdue) signals.push(t('cases.overdue', { count: s.overdue }));
  if (s.meetingsThisWeek) signals.push(t('cases.meetingsThisWeek', { count: s.meetingsThisWeek }));
  if (signals.length === 0) {
    return (
      <span className="muted">
        {s.hidden.length === 0
          ? t('cases.noSignals')
          : t('cases.noSignalsWithheld', { patient, what: sentence(s.hidden) })}
      </span>
    );
  }
  return (
    <ul className="signals">
      {signals.map((signal) => (
        <li key={signal} className="signal">
          {signal}
        </li>
      ))}
    </ul>
  );
}

export function CasesPage({ workspaces }: { workspaces: WorkspaceSummary[] }) {
  const { t, i18n } = useTranslation();
  // A change made elsewhere that took the user here (a case handed over) says so here.
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  useEffect(() => {
    document.title = `${t('cases.title')} – Återgång`;
  }, [t]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<ReadonlySet<FilterKey>>(new Set());
  const [sort, setSort] = useState<SortKey>('dayDesc');
  const states = useCaseSignals(workspaces, today());
  const ready = [...states.values()].every((state) => state.status === 'ready');
  const signalsOf = (id: string): CaseSignals | null => {
    const state = states.get(id);
    return state?.status === 'ready' ? state.signals : null;
  };
  const needle = query.trim().toLocaleLowerCase('sv-SE');
  const named = workspaces.filter((ws) =>
    ws.patient.name.toLocaleLowerCase('sv-SE').includes(needle),
  );
  const count = (filter: FilterKey) =>
    named.filter((ws) => {
      const signals = signalsOf(ws.id);
      return signals !== null && matches(signals, filter);
    }).length;
  const collator = new Intl.Collator(i18n.language === 'en' ? 'en-GB' : 'sv-SE');
  const shown = named
    .filter((ws) => {
      if (active.size === 0) return true;
      const signals = signalsOf(ws.id);
      return signals !== null && [...active].every((filter) => matches(signals, filter));
    })
    .sort((a, b) =>
      sort === 'name'
        ? collator.compare(a.patient.name, b.patient.name)
        : sort === 'dayDesc'
          ? b.rehabChain.day - a.rehabChain.day
          : a.rehabChain.day - b.rehabChain.day,
    );
  const toggle = (filter: FilterKey) => {
    setActive((current) => {
      const next = new Set(current);
      if (next.has(filter)) next.delete(filter);
      else next.add(filter);
      return next;
    });
  };
  return (
    <div>
      <h1 className="page-title" tabIndex={-1}>
        {t('cases.title')}
      </h1>
      {notice ? (
        <p role="status" className="alert alert-ok">
          {notice}
        </p>
      ) : null}
      <OpenCaseLink />
      {workspaces.length === 0 ? (
        <p>{t('cases.empty')}</p>
      ) : (
        <>
          <section className="card case-tools" aria-label={t('cases.toolsLabel')}>
            <div className="row">
              <div className="field">
                <label htmlFor="case-search">{t('cases.search')}</label>
                <input
                  id="case-search"
                  type="search"
                  value={query}
                  onChange={(event) => {
                    setQuery(event.target.value);
                  }}
                />
              </div>
              <div className="field">
                <label htmlFor="case-sort">{t('cases.sort')}</label>
                <select
                  id="case-sort"
                  value={sort}
                  onChange={(event) => {
                    setSort(event.target.value as SortKey);
                  }}
                >
                  <option value="dayDesc">{t('cases.sortDayDesc')}</option>
                  <option value="dayAsc">{t('cases.sortDayAsc')}</option>
                  <option value="name">{t('cases.sortName')}</option>
                </select>
              </div>
            </div>
            <div role="group" aria-labelledby="case-filters-label" className="filters">
              <span id="case-filters-label">{t('cases.filters')}</span>{' '}
              {FILTERS.map((filter) => (
                <button
                  key={filter}
                  type="button"
                  className={
                    active.has(filter)
                      ? 'button button-small button-primary'
                      : 'button button-small'
                  }
                  aria-pressed={active.has(filter)}
                  onClick={() => {
                    toggle(filter);
                  }}
                >
                  {t(`cases.filter.${filter}`)}{' '}
                  <span className="count">({ready ? count(filter) : '…'})</span>
                </button>
              ))}
            </div>
            <p role="status" className="muted" data-testid="case-count">
              {ready || active.size === 0
                ? t('cases.showing', { count: shown.length, total: workspaces.length })
                : t('cases.signalsLoading')}
            </p>
          </section>
          {shown.length === 0 ? (
            <p>{t('cases.noMatch')}</p>
          ) : (
            <ul className="case-list">
              {shown.map((workspace) => (
                <li key={workspace.id} className="card case">
                  <h2>
                    <Link
                      to={`/w/${workspace.id}/plan`}
                      aria-label={t('cases.open', { name: workspace.patient.name })}
                    >
                      {workspace.patient.name}
                    </Link>
                  </h2>
                  <dl className="facts">
                    <div>
                      <dt>{t('cases.employer')}</dt>
                      <dd>{workspace.employer?.name ?? '–'}</dd>
                    </div>
                    <div>
                      <dt>{t('cases.day')}</dt>
                      <dd>{workspace.rehabChain.day}</dd>
                    </div>
                    <div>
                      <dt>{t('cases.signals')}</dt>
                      <dd>
                        <Signals
                          workspace={workspace}
                          state={states.get(workspace.id) ?? { status: 'loading' }}
                        />
                      </dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <CaseOpenings />
    </div>
  );
}
