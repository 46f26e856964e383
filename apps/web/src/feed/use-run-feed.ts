import { useCallback, useEffect, useRef, useState } from 'react';
import { FEED_MESSAGE_TYPES, READY_STAGE, toAppError, type AppError, type FeedMessage } from '@repolens/contracts';
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

/** A stage began an attempt: a worker has just taken it, and the run's view now names that worker. */
function takenByAWorker(message: FeedMessage): boolean {
  return message.type === FEED_MESSAGE_TYPES.stage && message.status === 'started' && message.stage !== READY_STAGE;
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

    // One look-up at a time; a stage that starts meanwhile asks for one more after it, so the last
    // answer applied is never older than the last start seen.
    let lookingUp = false;
    let lookAgain = false;
    const lookUpWorkers = (): void => {
      if (lookingUp) {
        lookAgain = true;
        return;
      }
      lookingUp = true;
      getRun(runId)
        .then(
          (run) => {
            if (!cancelled) dispatch({ type: 'workers', run });
          },
          // Which worker ran a stage is a detail: without it the timeline is still right.
          () => undefined,
        )
        .finally(() => {
          lookingUp = false;
          if (lookAgain && !cancelled) {
            lookAgain = false;
            lookUpWorkers();
          }
        });
    };

    // A new connection replaces the old one, which may not have noticed yet that the run went on.
    const follow = (): void => {
      if (cancelled) return;
      client?.close();
      client = openRunFeed({
        runId,
        lastSeq: () => state.lastSeq,
        finished: () => state.ended,
        onMessage: (message) => {
          const replayed = message.seq <= state.historyUntil;
          dispatch({ type: 'message', message });
          if (!replayed && takenByAWorker(message)) lookUpWorkers();
        },
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
