import type { StatisticsTable } from '@atergang/contracts';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { chartPoints, type StatisticsLabels } from './statistics-model';

// One bar per column and period, side by side (a stack would look shorter where a part is
// hidden). A suppressed cell is null: no bar at all, never a bar of 0. The chart is a
// picture for those who see it; its summary and the table next to it say the same in text.

/** Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart in the legend. */
const COLOURS = [
  '#0b4f6c',
  '#b3461f',
  '#2e7d32',
  '#6a3d9a',
  '#8a6d00',
  '#00707a',
  '#a1266a',
  '#4d4d4d',
  '#9c4f00',
  '#3949ab',
  '#5d7a1f',
  '#7b1e1e',
];

export function StatisticsChart({
  table,
  labels,
}: {
  table: StatisticsTable;
  labels: StatisticsLabels;
}) {
  const points = chartPoints(table, labels);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart
        data={points}
        accessibilityLayer={false}
        margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="period" />
        <YAxis allowDecimals={false} width={40} />
        {/* In the table's order, not sorted by name. */}
        {table.columns.length > 1 ? (
          <Legend itemSorter={(item) => table.columns.indexOf(String(item.dataKey))} />
        ) : null}
        {table.columns.map((key, index) => (
          <Bar
            key={key}
            dataKey={key}
            name={labels.column(table.id, key)}
            fill={COLOURS[index % COLOURS.length]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
