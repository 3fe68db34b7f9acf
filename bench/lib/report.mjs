// The markdown summary of a bench run (bench/results/latest.md).
const fmt = (v, unit = '') => (v === null || v === undefined ? '–' : `${v}${unit}`);

export function renderMarkdown(r) {
  const lines = [];
  const m = r.machine;
  lines.push('# Benchmark results', '');
  lines.push(
    `Run ${r.startedAt} → ${r.finishedAt}. Machine: ${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${m.postgres}; load average at start ${m.loadAverageAtStart.join(' / ')}. ${m.note}.`,
    '',
  );
  if (r.rig)
    lines.push(
      `Rig check: ${r.rig.compared} read responses from ours and from the baseline compared: ${r.rig.identical ? 'identical JSON' : 'DIFFERENT (see latest.json)'}.`,
      '',
    );

  lines.push(
    '## Goals (perf-reliability.md §6)',
    '',
    '| # | goal | measured | met |',
    '|---|---|---|---|',
  );
  for (const g of r.goals ?? [])
    lines.push(
      `| ${g.id} | ${g.goal} | ${fmt(g.value)} | ${g.pass === null ? 'not measured' : g.pass ? 'yes' : '**no**'} |`,
    );
  lines.push('');

  if (r.statistics?.scenarios) {
    const st = r.statistics;
    lines.push('## Follow-up statistics at 10⁵ cases (issue 18)', '');
    lines.push(
      `${st.cases} cases of one employer and one care unit (and ${st.otherCases} of others), seeded ${st.seedSeconds === null ? 'by an earlier run' : `in ${st.seedSeconds} s`}. Each request alternates with the same SQL statement through pg (no Nest); medians of ${st.scenarios[0]?.runs} runs after a warm-up.`,
      '',
      '| scenario | API (ms) | bare SQL (ms) | ratio | EXPLAIN ANALYZE of each statement (ms) | seq scans |',
      '|---|---|---|---|---|---|',
    );
    for (const sc of st.scenarios)
      lines.push(
        `| ${sc.scenario} | ${fmt(sc.apiMedianMs)} | ${fmt(sc.sqlMedianMs)} | ${fmt(sc.ratio)} | ${[sc.explainExecutionMs].flat().map(fmt).join(' / ')} | ${sc.seqScans.join(', ') || '–'} |`,
      );
    lines.push('');
  }

  for (const part of ['growth', 'http', 'live', 'statistics']) {
    if (r[part]?.error) lines.push(`**${part} failed**: ${r[part].error.split('\n')[0]}`, '');
  }
  if (r.http?.readWorkspace) {
    const s = r.http.settings;
    lines.push('## HTTP: ours (Nest + Prisma, production build) vs Fastify + pg baseline', '');
    lines.push(
      `autocannon, ${s.connections} connections, ${s.rounds} alternating rounds of ${s.durationSeconds} s after a ${s.warmupSeconds} s warm-up each, ${s.workspaces} seeded workspaces. Medians of the rounds; ratio = median of per-round ratios.`,
      '',
    );
    lines.push(
      '| workload | ours req/s | ours p50 / p99 ms | baseline req/s | baseline p50 / p99 ms | throughput ratio | p99 ratio |',
      '|---|---|---|---|---|---|---|',
    );
    for (const [name, w] of [
      ['read-workspace (overview, plan, tasks GETs in turn)', r.http.readWorkspace],
      ['update-task (PATCH: change + event + audit, one transaction)', r.http.updateTask],
    ]) {
      lines.push(
        `| ${name} | ${w.ours.rps} | ${w.ours.p50} / ${w.ours.p99} | ${w.baseline.rps} | ${w.baseline.p50} / ${w.baseline.p99} | ${w.ratio} | ${w.ratioP99} |`,
      );
    }
    lines.push('');
  }
  if (r.queries) {
    const q = r.queries.perRequest;
    lines.push('## SQL statements per request', '');
    lines.push(
      '| route | ours at small | ours at large | baseline at large |',
      '|---|---|---|---|',
    );
    for (const key of Object.keys(q.small))
      lines.push(
        `| ${key} | ${q.small[key]} | ${q.large[key]} | ${q.baselineLarge?.[key] ?? '–'} |`,
      );
    lines.push(
      '',
      `Constant across sizes: ${r.queries.constant ? 'yes' : 'no'} (BEGIN and COMMIT count as statements). Sequential scans on large tables in the EXPLAIN of the hot statements at the large size: ${r.queries.seqScansOnLargeTables.length ? r.queries.seqScansOnLargeTables.join(', ') : 'none'}.`,
      '',
    );
  }
  if (r.growth?.small) {
    const g = r.growth;
    lines.push('## Growth: read-workspace at 10² vs 10⁵ workspaces', '');
    lines.push(
      `${g.settings.connections} connections, ${g.settings.rounds} alternating rounds of ${g.settings.durationSeconds} s.`,
      '',
    );
    lines.push('| workspaces | req/s | p50 ms | p99 ms |', '|---|---|---|---|');
    lines.push(
      `| ${g.settings.workspaces.small} | ${g.small.rps} | ${g.small.p50} | ${g.small.p99} |`,
    );
    lines.push(
      `| ${g.settings.workspaces.large} | ${g.large.rps} | ${g.large.p50} | ${g.large.p99} |`,
    );
    lines.push(
      '',
      `p50 ratio large/small: ${g.readWorkspaceP50Ratio_1e5_vs_1e2}; p99 ratio: ${g.readWorkspaceP99Ratio_1e5_vs_1e2}.`,
      '',
    );
  }
  if (r.live && !r.live.error) {
    lines.push('## Live', '');
    if (r.live.skipped) {
      lines.push(`Not measured: ${r.live.skipped}`, '');
    } else {
      lines.push(
        '| case | ours p50 / p99 ms | raw ws p50 / p99 ms | p99 ratio |',
        '|---|---|---|---|',
      );
      for (const [key, v] of Object.entries(r.live)) {
        if (v && typeof v === 'object' && v.ours && v.baseline) {
          lines.push(
            `| ${key} | ${v.ours.p50} / ${v.ours.p99} | ${v.baseline.p50} / ${v.baseline.p99} | ${v.ratioP99} |`,
          );
        }
      }
      lines.push('');
      if (r.live.crossInstance) {
        const c = r.live.crossInstance;
        lines.push(
          `Cross-instance (two API processes + Redis): same-instance p50 / p99 ${c.local.p50} / ${c.local.p99} ms, other instance ${c.remote.p50} / ${c.remote.p99} ms.`,
          '',
        );
      }
      for (const key of ['fanout1000', 'fanout5000']) {
        const v = r.live[key];
        if (!v?.ours) continue;
        lines.push(
          `${key}: ${v.ours.clients} clients, ${v.ours.writesOk} writes; deliveries ours ${v.ours.deliveriesReceived}/${v.ours.deliveriesExpected}, baseline ${v.baseline.deliveriesReceived}/${v.baseline.deliveriesExpected}. The event reached its client before the writer had its HTTP response in ${Math.round(100 * v.ours.eventBeforeWriteResponseShare)} % (ours) and ${Math.round(100 * v.baseline.eventBeforeWriteResponseShare)} % (baseline) of deliveries, so these latencies are mostly the write's own latency. Joining took ${v.ours.connectSeconds} s (ours) vs ${v.baseline.connectSeconds} s.`,
          '',
        );
      }
      lines.push(
        `Heap per idle socket: ours ${fmt(r.live.heapPerSocketKB, ' KB')}, raw ws ${fmt(r.live.baselineHeapPerSocketKB, ' KB')}.`,
        '',
      );
    }
  }
  if (r.notes?.length) {
    lines.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  }
  return `${lines.join('\n')}\n`;
}
