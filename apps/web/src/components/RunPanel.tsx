import { useEffect, useState } from 'react';
import { isRetryableRunStatus, toAppError, type AppError } from '@repolens/contracts';
import { cancelRun, retryRun } from '../api-client.js';
import type { FeedState } from '../feed/feed-reducer.js';
import { useRunFeed } from '../feed/use-run-feed.js';
import { elapsedMs, estimateRemainingMs, formatDuration, formatPercent, formatRemaining } from '../format.js';
import { RUN_STATUS_LOOKS } from '../status-labels.js';
import { useNow } from '../use-now.js';
import { EventLog } from './EventLog.js';
import { ProgressBar } from './ProgressBar.js';
import { RunOutcome } from './RunOutcome.js';
import { StageTimeline } from './StageTimeline.js';
import { StatusBadge } from './StatusBadge.js';

export interface RunPanelProps {
  readonly runId: string;
  /** Told when the assistant becomes ready and when the run ends (or is found over already). */
  readonly onStateChange: (state: { readonly ready: boolean; readonly ended: boolean }) => void;
}

/** One run's progress: the overall bar, the five stages, how it ended, its event log, and a way to cancel or retry it. */
export function RunPanel({ runId, onStateChange }: RunPanelProps) {
  const { feed, connection, loadError, follow } = useRunFeed(runId);
  const [cancelling, setCancelling] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const [actionError, setActionError] = useState<{ readonly action: string; readonly error: AppError } | null>(null);
  const running = feed !== null && !feed.ended;
  const now = useNow(running && feed.stages.some((stage) => stage.status === 'running'));

  const ended = feed?.ended ?? false;
  const ready = feed?.ready ?? false;
  useEffect(() => {
    if (ended || ready) onStateChange({ ready, ended });
    // onStateChange is left out on purpose: a new callback identity must not report the same change twice.
  }, [ended, ready, runId]);

  // The run went on after a retry: the cancel button is back, so a later cancel starts afresh.
  useEffect(() => {
    if (running) setCancelling(false);
  }, [running]);

  const cancel = (): void => {
    setCancelling(true);
    setActionError(null);
    cancelRun(runId).catch((error: unknown) => {
      setCancelling(false);
      setActionError({ action: 'cancel', error: toAppError(error) });
    });
  };

  // The run resumes from its failed stage on the same feed; the page follows it again from where it stopped.
  const retry = (): void => {
    setRetrying(true);
    setActionError(null);
    retryRun(runId).then(
      () => {
        setRetrying(false);
        follow();
      },
      (error: unknown) => {
        setRetrying(false);
        setActionError({ action: 'retry', error: toAppError(error) });
      },
    );
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
  const timing = overallTiming(feed, now);
  return (
    <section className="panel run" aria-labelledby="run-title">
      <div className="panel__head">
        <h2 id="run-title">Analysis</h2>
        <StatusBadge tone={look.tone}>{look.label}</StatusBadge>
        {connection === 'reconnecting' ? (
          <span className="muted" role="status">
            Connection lost, reconnecting…
          </span>
        ) : null}
        {running ? (
          <button type="button" className="button button--secondary button--danger panel__action" onClick={cancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      <div className="overall">
        <div className="overall__text">
          <span>Overall progress</span>
          <span className="overall__time">{timing}</span>
          <span className="overall__percent">{formatPercent(feed.overallProgress)}</span>
        </div>
        <ProgressBar value={feed.overallProgress} label="Overall progress" tone={overallTone} size="large" />
      </div>
      {actionError !== null ? (
        <p className="outcome outcome--failed" role="alert">
          Could not {actionError.action}: {actionError.error.message} <code>{actionError.error.code}</code>
        </p>
      ) : null}
      <StageTimeline stages={feed.stages} now={now} />
      <RunOutcome feed={feed} onRetry={feed.ended && isRetryableRunStatus(feed.runStatus) ? retry : null} retrying={retrying} />
      <EventLog feed={feed} />
    </section>
  );
}

/** "1m 05s · about 40s left" while running; how long it took once it ended. */
function overallTiming(feed: FeedState, now: number): string {
  const started = feed.stages.map((stage) => stage.startedAt).find((at) => at !== null) ?? null;
  const finished = feed.ended ? ([...feed.stages].reverse().find((stage) => stage.finishedAt !== null)?.finishedAt ?? null) : null;
  const elapsed = elapsedMs(started, finished, now);
  if (elapsed === null) return '';
  if (feed.ended) return `took ${formatDuration(elapsed)}`;
  const remaining = estimateRemainingMs(feed.overallProgress, elapsed);
  return remaining === null ? formatDuration(elapsed) : `${formatDuration(elapsed)} · ${formatRemaining(remaining)}`;
}
