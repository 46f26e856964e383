import { useEffect, useState } from 'react';
import { isTerminalRunStatus, toAppError, type AppError } from '@repolens/contracts';
import { getRun } from '../api-client.js';
import { openRunFeed, type FeedConnection } from './feed-client.js';
import { feedReducer, initialFeedState, type FeedAction, type FeedState } from './feed-reducer.js';

export interface RunFeedView {
  readonly feed: FeedState | null;
  readonly connection: FeedConnection;
  readonly loadError: AppError | null;
}

/**
 * The live state of one run: first what the API knows (GET /api/runs/:id), then, while the run is
 * not over, its feed replayed from the start and followed live.
 */
export function useRunFeed(runId: string | null): RunFeedView {
  const [feed, setFeed] = useState<FeedState | null>(null);
  const [connection, setConnection] = useState<FeedConnection>('closed');
  const [loadError, setLoadError] = useState<AppError | null>(null);

  useEffect(() => {
    setLoadError(null);
    setConnection('closed');
    if (runId === null) {
      setFeed(null);
      return undefined;
    }
    // The feed client asks for the last applied seq synchronously, so the reducer runs here, not in a render.
    let state = initialFeedState(runId);
    const dispatch = (action: FeedAction): void => {
      state = feedReducer(state, action);
      setFeed(state);
    };
    setFeed(state);

    let cancelled = false;
    let stop: (() => void) | null = null;
    getRun(runId).then(
      (run) => {
        if (cancelled) return;
        dispatch({ type: 'snapshot', run });
        if (isTerminalRunStatus(run.status)) return;
        const client = openRunFeed({
          runId,
          lastSeq: () => state.lastSeq,
          finished: () => state.ended,
          onMessage: (message) => dispatch({ type: 'message', message }),
          onConnection: setConnection,
        });
        stop = () => client.close();
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(toAppError(error));
      },
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [runId]);

  return { feed, connection, loadError };
}
