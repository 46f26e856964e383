import { STAGE_LABELS } from '@repolens/contracts';
import { elapsedMs, estimateRemainingMs, formatDetails, formatDuration, formatPercent, formatRemaining } from '../format.js';
import type { StageView, StageViewStatus } from '../feed/feed-reducer.js';
import { STAGE_STATUS_LOOKS } from '../status-labels.js';
import { ProgressBar, type ProgressBarProps } from './ProgressBar.js';
import { StatusBadge } from './StatusBadge.js';

const BAR_TONES = {
  pending: 'idle',
  running: 'running',
  completed: 'done',
  failed: 'failed',
  skipped: 'idle',
  stopped: 'idle',
} as const satisfies Record<StageViewStatus, ProgressBarProps['tone']>;

export interface StageRowProps {
  readonly stage: StageView;
  readonly now: number;
}

export function StageRow({ stage, now }: StageRowProps) {
  const look = STAGE_STATUS_LOOKS[stage.status];
  const label = STAGE_LABELS[stage.stage];
  const elapsed = elapsedMs(stage.startedAt, stage.finishedAt, now);
  const remaining = stage.status === 'running' ? estimateRemainingMs(stage.progress, elapsed) : null;
  const details = formatDetails(stage.details);
  // A stage waiting to run again may still carry the name from its earlier attempt.
  const worker = stage.status === 'pending' ? null : stage.worker;
  return (
    <li className={`stage stage--${stage.status}`} data-stage={stage.stage}>
      <div className="stage__head">
        <span className="stage__marker" aria-hidden="true" />
        <span className="stage__label">{label}</span>
        <StatusBadge tone={look.tone}>{look.label}</StatusBadge>
        <span className="stage__side">
          {worker !== null ? (
            <span className="stage__worker" title={`Run by the worker named ${worker}`}>
              on {worker}
            </span>
          ) : null}
          <span className="stage__time">
            {elapsed === null ? '' : <span title="Elapsed time">{formatDuration(elapsed)}</span>}
            {remaining !== null ? <span className="stage__eta"> · {formatRemaining(remaining)}</span> : null}
          </span>
        </span>
      </div>
      <div className="stage__body">
        <ProgressBar value={stage.progress} label={`${label}: ${formatPercent(stage.progress)}`} tone={BAR_TONES[stage.status]} />
        {stage.message !== null && stage.message !== '' ? (
          <p className="stage__message">
            {stage.message}
          </p>
        ) : null}
        {details !== null && stage.status === 'running' ? <p className="stage__details">{details}</p> : null}
        {stage.error !== null ? (
          <p className="stage__error">
            {stage.error.message} <code>{stage.error.code}</code>
          </p>
        ) : null}
      </div>
    </li>
  );
}
