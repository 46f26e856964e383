import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ActivityChartProps {
  readonly activity: ReadonlyArray<{ readonly month: string; readonly commits: number }>;
}

const MONTH = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });

function monthLabel(month: string): string {
  return MONTH.format(new Date(`${month}-01T00:00:00Z`));
}

/** Commits per month over the fetched history, oldest first, with the busiest month said in words. */
export default function ActivityChart({ activity }: ActivityChartProps) {
  const total = activity.reduce((sum, month) => sum + month.commits, 0);
  const busiest = activity.reduce((best, month) => (month.commits > best.commits ? month : best), activity[0] ?? { month: '', commits: 0 });
  const rows = activity.map((month) => ({ ...month, label: monthLabel(month.month) }));
  return (
    <figure className="chart">
      <div className="chart__canvas" aria-hidden="true">
        <ResponsiveContainer width="100%" height={180}>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tickLine={false} axisLine={false} tick={{ fill: 'var(--text-muted)', fontSize: 12 }} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={{ fill: 'var(--text-muted)', fontSize: 12 }} />
            <Tooltip cursor={{ fill: 'var(--surface-muted)' }} formatter={(value) => [String(value), 'Commits']} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />
            <Bar dataKey="commits" fill="var(--chart-1)" radius={[3, 3, 0, 0]} maxBarSize={36} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">
        {total.toLocaleString()} commit{total === 1 ? '' : 's'} over {activity.length} month{activity.length === 1 ? '' : 's'}
        {busiest.commits > 0 ? `; the busiest was ${monthLabel(busiest.month)} with ${busiest.commits.toLocaleString()}` : ''}.
      </figcaption>
    </figure>
  );
}
