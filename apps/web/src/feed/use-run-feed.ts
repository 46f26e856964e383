import { useCallback, useEffect, useRef, useState } from 'react';
import { toAppError, type AppError } from '@repolens/contracts';
import { getRun } from '../api-client.js';
import { openRunFeed, type FeedConnection, type RunFeed } from './feed-client.js';
import { feedReducer, initialFeedState, type FeedAction, type FeedState } from './feed-reducer.js';

export interface RunFeedView {
  readonly feed: FeedState | null;
  readonly connection: FeedConnection;
  readonly loadError: AppError | null;
  /** Follows the feed again, from the last message applied: after a retry resumed a run that had ended. */
  readonly follow: () => void;
}

/**
 * The live state of one run: first what the API knows (GET /api/runs/:id), then, while the run is
 * not over, its feed replayed from the start and followed live.
 */
export function useRunFeed(runId: string | null): RunFeedView {
  const [feed, setFeed] = useState<FeedState | null>(null);
  const [connection, setConnection] = useState<FeedConnection>('closed');
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const followRef = useRef<() => void>(() => undefined);

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
    let client: RunFeed | null = null;
    // A new connection replaces the old one, which may not have noticed yet that the run went on.
    const follow = (): void => {
      if (cancelled) return;
      client?.close();
      client = openRunFeed({
        runId,
        lastSeq: () => state.lastSeq,
        finished: () => state.ended,
        onMessage: (message) => dispatch({ type: 'message', message }),
        onConnection: setConnection,
      });
    };
    followRef.current = follow;
    getRun(runId).then(
      (run) => {
        if (cancelled) return;
        dispatch({ type: 'snapshot', run });
        // An ended run's feed is followed too: it replays the run's history into the log, then closes.
        follow();
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(toAppError(error));
      },
    );
    return () => {
      cancelled = true;
      followRef.current = () => undefined;
      client?.close();
    };
  }, [runId]);

  const follow = useCallback(() => followRef.current(), []);
  return { feed, connection, loadError, follow };
}
