import { STAGE_LABELS, type RunStatus } from '@repolens/contracts';
import { failedStage, type FeedState } from '../feed/feed-reducer.js';
import { SelectionLink, useNavigation } from '../navigation.js';

export interface RunOutcomeProps {
  readonly feed: FeedState;
  /** Offered when the run can be retried from its failed stage. */
  readonly onRetry: (() => void) | null;
  readonly retrying: boolean;
}

/** How the run ended, said plainly: which stage failed and why, or that it was stopped; what to do next. */
export function RunOutcome({ feed, onRetry, retrying }: RunOutcomeProps) {
  const { selection } = useNavigation();
  if (!feed.ended) return null;
  if (feed.runStatus === 'completed') {
    return (
      <div className="outcome outcome--done" role="status">
        <p className="outcome__title">Analysis complete: the assistant is ready.</p>
        <p className="outcome__actions">
          <SelectionLink to={{ ...selection, view: 'overview', lines: null }} className="button">
            Explore the repository
          </SelectionLink>
          <SelectionLink to={{ ...selection, view: 'code' }} className="button button--secondary">
            Browse the code
          </SelectionLink>
        </p>
      </div>
    );
  }
  const stage = failedStage(feed);
  const error = stage?.error ?? feed.runError;
  return (
    <div className={`outcome outcome--${feed.runStatus === 'cancelled' ? 'warning' : 'failed'}`} role="alert">
      <p className="outcome__title">
        {HEADLINES[feed.runStatus]}
        {stage !== undefined ? ` at the “${STAGE_LABELS[stage.stage]}” stage` : ''}
      </p>
      {error !== null ? (
        <p className="outcome__reason">
          {error.message} <code>{error.code}</code>
        </p>
      ) : feed.endMessage !== null ? (
        <p className="outcome__reason">{feed.endMessage}</p>
      ) : null}
      {onRetry !== null ? (
        <p className="outcome__actions">
          <button type="button" className="button" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Retrying…' : stage !== undefined ? `Retry from “${STAGE_LABELS[stage.stage]}”` : 'Retry'}
          </button>
        </p>
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
