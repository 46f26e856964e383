import { formatPercent } from '../format.js';

export interface ProgressBarProps {
  readonly value: number;
  readonly label: string;
  readonly tone?: 'running' | 'done' | 'failed' | 'idle';
  readonly size?: 'small' | 'large';
}

/** A labelled bar; the tone colours it, the text beside it says the same thing in words. */
export function ProgressBar({ value, label, tone = 'running', size = 'small' }: ProgressBarProps) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className={`progress progress--${size} progress--${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={formatPercent(value)}
    >
      <div className="progress__fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
