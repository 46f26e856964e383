import { STAGE_LABELS, type RunStatus } from '@repolens/contracts';
import { failedStage, type FeedState } from '../feed/feed-reducer.js';

export interface RunOutcomeProps {
  readonly feed: FeedState;
}

/** How the run ended, said plainly: which stage failed and why, or that it was stopped. */
export function RunOutcome({ feed }: RunOutcomeProps) {
  if (!feed.ended) return null;
  if (feed.runStatus === 'completed') {
    return (
      <p className="outcome outcome--done" role="status">
        Analysis complete. Ask a question below.
      </p>
    );
  }
  const stage = failedStage(feed);
  const error = stage?.error ?? feed.runError;
  const headline = HEADLINES[feed.runStatus];
  return (
    <div className={`outcome outcome--${feed.runStatus === 'cancelled' ? 'warning' : 'failed'}`} role="alert">
      <p className="outcome__title">
        {headline}
        {stage !== undefined ? ` at “${STAGE_LABELS[stage.stage]}”` : ''}
      </p>
      {error !== null ? (
        <p className="outcome__reason">
          {error.message} <code>{error.code}</code>
        </p>
      ) : feed.endMessage !== null ? (
        <p className="outcome__reason">{feed.endMessage}</p>
      ) : null}
    </div>
  );
}

const HEADLINES = {
  queued: 'The analysis stopped',
  running: 'The analysis stopped',
  completed: 'Analysis complete',
  failed: 'The analysis failed',
  cancelled: 'The analysis was cancelled',
  timed_out: 'The analysis timed out',
} as const satisfies Record<RunStatus, string>;
