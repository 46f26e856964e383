import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface LanguagesChartProps {
  readonly languages: ReadonlyArray<{ readonly language: string; readonly files: number; readonly bytes: number }>;
}

/** Languages beyond this many are summed up as "Other". */
const MAX_BARS = 8;
/** Bar colours, by position; CSS variables so light and dark mode each get readable ones. */
const COLOURS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-6)', 'var(--chart-7)', 'var(--chart-8)', 'var(--chart-other)'];

interface Row {
  readonly language: string;
  readonly share: number;
  readonly files: number;
}

/** Share of the code by bytes, as linguist counts it, biggest first; the same figures as a list below. */
export default function LanguagesChart({ languages }: LanguagesChartProps) {
  const total = languages.reduce((sum, language) => sum + language.bytes, 0);
  if (total === 0) return <p className="muted">No code to chart.</p>;
  const sorted = [...languages].sort((a, b) => b.bytes - a.bytes);
  const rows: Row[] = sorted.slice(0, MAX_BARS).map((language) => ({ language: language.language, share: (language.bytes / total) * 100, files: language.files }));
  const rest = sorted.slice(MAX_BARS);
  if (rest.length > 0) {
    rows.push({ language: 'Other', share: (rest.reduce((sum, language) => sum + language.bytes, 0) / total) * 100, files: rest.reduce((sum, language) => sum + language.files, 0) });
  }
  return (
    <figure className="chart">
      <div className="chart__canvas" aria-hidden="true">
        <ResponsiveContainer width="100%" height={rows.length * 30 + 8}>
          <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
            <XAxis type="number" domain={[0, 100]} hide />
            <YAxis type="category" dataKey="language" width={110} tickLine={false} axisLine={false} tick={{ fill: 'var(--text-muted)', fontSize: 13 }} />
            <Tooltip cursor={{ fill: 'var(--surface-muted)' }} formatter={(value) => [`${Number(value).toFixed(1)}%`, 'Share of code']} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />
            <Bar dataKey="share" radius={[0, 4, 4, 0]} barSize={18} isAnimationActive={false}>
              {rows.map((row, index) => (
                <Cell key={row.language} fill={(row.language === 'Other' ? COLOURS[8] : COLOURS[index % 8]) ?? 'var(--chart-1)'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <ul className="chart__legend">
          {rows.map((row) => (
            <li key={row.language}>
              <strong>{row.language}</strong> {row.share.toFixed(1)}% <span className="muted">· {row.files.toLocaleString()} files</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
