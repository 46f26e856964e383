import { useEffect, useState } from 'react';
import { toAppError, type AppError } from '@repolens/contracts';
import { cancelRun } from '../api-client.js';
import { formatPercent } from '../format.js';
import { useRunFeed } from '../feed/use-run-feed.js';
import { RUN_STATUS_LOOKS } from '../status-labels.js';
import { useNow } from '../use-now.js';
import { ProgressBar } from './ProgressBar.js';
import { RunOutcome } from './RunOutcome.js';
import { StageTimeline } from './StageTimeline.js';
import { StatusBadge } from './StatusBadge.js';

export interface RunPanelProps {
  readonly runId: string;
  /** Told when the assistant becomes ready and when the run ends (or is found over already). */
  readonly onStateChange: (state: { readonly ready: boolean; readonly ended: boolean }) => void;
}

/** One run's progress: the overall bar, the five stages, how it ended, and a way to cancel it. */
export function RunPanel({ runId, onStateChange }: RunPanelProps) {
  const { feed, connection, loadError } = useRunFeed(runId);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<AppError | null>(null);
  const running = feed !== null && !feed.ended;
  const now = useNow(running && feed.stages.some((stage) => stage.status === 'running'));

  const ended = feed?.ended ?? false;
  const ready = feed?.ready ?? false;
  useEffect(() => {
    if (ended || ready) onStateChange({ ready, ended });
    // onStateChange is left out on purpose: a new callback identity must not report the same change twice.
  }, [ended, ready, runId]);

  useEffect(() => {
    setCancelling(false);
    setCancelError(null);
  }, [runId]);

  const cancel = (): void => {
    setCancelling(true);
    setCancelError(null);
    cancelRun(runId).catch((error: unknown) => {
      setCancelling(false);
      setCancelError(toAppError(error));
    });
  };

  if (loadError !== null) {
    return (
      <section className="panel" aria-labelledby="run-title">
        <h2 id="run-title">Analysis</h2>
        <p className="outcome outcome--failed" role="alert">
          Could not load this analysis: {loadError.message} <code>{loadError.code}</code>
        </p>
      </section>
    );
  }
  if (feed === null) return null;

  const look = RUN_STATUS_LOOKS[feed.runStatus];
  const overallTone = feed.ended ? (feed.runStatus === 'completed' ? 'done' : 'failed') : 'running';
  return (
    <section className="panel" aria-labelledby="run-title">
      <div className="panel__head">
        <h2 id="run-title">Analysis</h2>
        <StatusBadge tone={look.tone}>{look.label}</StatusBadge>
        {connection === 'reconnecting' ? (
          <span className="muted" role="status">
            Reconnecting…
          </span>
        ) : null}
        {running ? (
          <button type="button" className="button button--secondary panel__action" onClick={cancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      <div className="overall">
        <div className="overall__text">
          <span>Overall progress</span>
          <span className="overall__percent">{formatPercent(feed.overallProgress)}</span>
        </div>
        <ProgressBar value={feed.overallProgress} label="Overall progress" tone={overallTone} size="large" />
      </div>
      {cancelError !== null ? (
        <p className="outcome outcome--failed" role="alert">
          Could not cancel: {cancelError.message} <code>{cancelError.code}</code>
        </p>
      ) : null}
      <StageTimeline stages={feed.stages} now={now} />
      <RunOutcome feed={feed} />
    </section>
  );
}
