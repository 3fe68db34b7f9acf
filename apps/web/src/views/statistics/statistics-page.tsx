import type { StatisticsGroup, StatisticsPeriod, StatisticsResponse } from '@atergang/contracts';
import { type SyntheticEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import {
  ErrorMessage,
  Field,
  Loading,
  problemFieldErrors,
  problemText,
  today,
} from '../../components/ui';
import { ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useStatistics } from '../../lib/statistics';
import { PageHeading } from '../account/page-heading';
import { StatisticsChart } from './statistics-chart';
import { statisticsLabels, summaryText } from './statistics-labels';
import {
  csvFileName,
  filtersFrom,
  monthProblem,
  type StatisticsFilters,
  type StatisticsLabels,
  statisticsCsv,
  tableView,
} from './statistics-model';

/**
 * /organisation/:organisationId/statistik: the organisation's follow-up statistics, for
 * those its ability allows (GET /me's `statistics:read`, which puts the link in the top bar).
 * The API decides: anyone else who comes here gets its refusal as text and no chart.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const { organisationId = '' } = useParams();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params, today());
  const statistics = useStatistics(organisationId, filters);
  const organisation = me?.organisations.find((entry) => entry.id === organisationId);
  const heading = organisation
    ? t('statistics.heading', { organisation: organisation.name })
    : t('statistics.title');

  const error = statistics.error;
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    return (
      <div>
        <PageHeading>{t('statistics.title')}</PageHeading>
        <div role="alert" className="alert alert-error">
          <p>{t('statistics.notAllowed')}</p>
          <p>{problemText(error)}</p>
        </div>
      </div>
    );
  }

  const apply = (next: StatisticsFilters) => {
    setParams(
      { period: next.period, from: next.from, to: next.to, group: next.group },
      { replace: false },
    );
  };

  return (
    <div className="statistics">
      <PageHeading>{heading}</PageHeading>
      <p>{t('statistics.intro', { organisation: organisation?.name ?? '' })}</p>
      <p>{t('statistics.privacy')}</p>
      <FiltersForm key={params.toString()} filters={filters} error={error} onApply={apply} />
      {error ? <ErrorMessage error={error} /> : null}
      {statistics.isPending ? <Loading /> : null}
      {statistics.data ? (
        <Figures
          data={statistics.data}
          organisationName={organisation?.name ?? ''}
          updating={statistics.isPlaceholderData}
        />
      ) : null}
    </div>
  );
}

function FiltersForm({
  filters,
  error,
  onApply,
}: {
  filters: StatisticsFilters;
  error: unknown;
  onApply: (filters: StatisticsFilters) => void;
}) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<StatisticsPeriod>(filters.period);
  const [from, setFrom] = useState(filters.from);
  const [to, setTo] = useState(filters.to);
  const [group, setGroup] = useState<StatisticsGroup>(filters.group);
  const [problems, setProblems] = useState<{ from?: string; to?: string }>({});
  const fromApi = Object.fromEntries(
    problemFieldErrors(error).map((entry) => [entry.path, entry.message]),
  ) as { from?: string; to?: string };
  const shown = { ...fromApi, ...problems };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const next: { from?: string; to?: string } = {};
    if (monthProblem(from)) next.from = t('statistics.monthHint');
    if (monthProblem(to)) next.to = t('statistics.monthHint');
    if (!next.from && !next.to && to < from) next.to = t('errors.endBeforeStart');
    setProblems(next);
    if (next.from || next.to) return;
    onApply({ period, from, to, group });
  };

  return (
    <form className="card stats-filters" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('statistics.filters')}</legend>
        <div className="row">
          <Field label={t('statistics.period')}>
            {(props) => (
              <select
                {...props}
                value={period}
                onChange={(event) => {
                  setPeriod(event.target.value as StatisticsPeriod);
                }}
              >
                <option value="month">{t('statistics.periods.month')}</option>
                <option value="quarter">{t('statistics.periods.quarter')}</option>
                <option value="year">{t('statistics.periods.year')}</option>
              </select>
            )}
          </Field>
          <Field label={t('statistics.from')} hint={t('statistics.monthHint')} error={shown.from}>
            {(props) => (
              <input
                {...props}
                type="month"
                value={from}
                onChange={(event) => {
                  setFrom(event.target.value);
                }}
              />
            )}
          </Field>
          <Field label={t('statistics.to')} hint={t('statistics.monthHint')} error={shown.to}>
            {(props) => (
              <input
                {...props}
                type="month"
                value={to}
                onChange={(event) => {
                  setTo(event.target.value);
                }}
              />
            )}
          </Field>
          <Field label={t('statistics.group')}>
            {(props) => (
              <select
                {...props}
                value={group}
                onChange={(event) => {
                  setGroup(event.target.value as StatisticsGroup);
                }}
              >
                <option value="none">{t('statistics.groups.none')}</option>
                <option value="sex">{t('statistics.groups.sex')}</option>
                <option value="ageBand">{t('statistics.groups.ageBand')}</option>
              </select>
            )}
          </Field>
        </div>
        <button type="submit" className="button button-primary">
          {t('statistics.show')}
        </button>
      </fieldset>
    </form>
  );
}

function Figures({
  data,
  organisationName,
  updating,
}: {
  data: StatisticsResponse;
  organisationName: string;
  updating: boolean;
}) {
  const { t, i18n } = useTranslation();
  const labels = statisticsLabels(t, i18n.language, data.group);
  const first = data.periods[0];
  const last = data.periods[data.periods.length - 1];
  const shown: StatisticsFilters = {
    period: data.period,
    from: data.from.slice(0, 7),
    to: data.to.slice(0, 7),
    group: data.group,
  };

  const downloadCsv = () => {
    const csv = statisticsCsv(
      {
        title: t('statistics.csvTitle', { organisation: organisationName }),
        filters: [
          [t('statistics.period'), t(`statistics.periods.${shown.period}`)],
          [t('statistics.from'), shown.from],
          [t('statistics.to'), shown.to],
          [t('statistics.group'), t(`statistics.groups.${shown.group}`)],
        ],
        note: t('statistics.privacy'),
      },
      data.tables,
      labels,
    );
    const name = csvFileName(organisationName, shown, {
      prefix: t('statistics.filePrefix'),
      period: t(`statistics.periods.${shown.period}`),
      group: shown.group === 'none' ? null : t(`statistics.groups.${shown.group}`),
    });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 10_000);
  };

  return (
    <div aria-busy={updating}>
      <p role="status">
        {first && last
          ? t('statistics.showing', {
              from: labels.periodName(first),
              to: labels.periodName(last),
              period: t(`statistics.periods.${data.period}`),
            })
          : null}{' '}
        {data.group !== 'none'
          ? t('statistics.groupNote', { group: t(`statistics.groups.${data.group}`) })
          : null}
      </p>
      <p>
        <button type="button" className="button" onClick={downloadCsv}>
          {t('statistics.download')}
        </button>
        <span className="hint"> {t('statistics.downloadHint')}</span>
      </p>
      {data.tables.map((table) => (
        <TableSection key={table.id} table={table} labels={labels} />
      ))}
    </div>
  );
}

function TableSection({
  table,
  labels,
}: {
  table: StatisticsResponse['tables'][number];
  labels: StatisticsLabels;
}) {
  const { t } = useTranslation();
  const id = useId();
  const view = tableView(table, labels);
  const note = t(`statistics.tableNotes.${table.id}`);
  const summary = summaryText(t, table, labels);
  const drawable = table.rows.some((row) =>
    row.cells.some((cell) => !cell.suppressed && (cell.value ?? 0) > 0),
  );
  return (
    <section className="card stats-table" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{view.title}</h2>
      {note ? <p className="muted">{note}</p> : null}
      <figure className="stats-figure">
        {drawable ? (
          <div className="stats-chart" aria-hidden="true">
            <StatisticsChart table={table} labels={labels} />
          </div>
        ) : null}
        <figcaption>{summary}</figcaption>
      </figure>
      <div
        className="table-wrap"
        tabIndex={0}
        role="region"
        aria-label={t('statistics.tableLabel', { title: view.title })}
      >
        <table>
          <caption>{view.title}</caption>
          <thead>
            <tr>
              {view.headers.map((header, index) => (
                <th key={`${String(index)}-${header}`} scope="col">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, index) => (
                  <td
                    key={String(index)}
                    className={cell === labels.suppressed ? 'stats-suppressed' : undefined}
                  >
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
