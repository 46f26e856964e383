import { useCallback, useEffect, useState } from 'react';
import { toAppError, type AppError, type ConversationSummary } from '@repolens/contracts';
import { listConversations } from '../api-client.js';

export interface ConversationListView {
  /** null until the first list arrives; the previous list stays shown while a newer one loads. */
  readonly conversations: readonly ConversationSummary[] | null;
  readonly error: AppError | null;
  reload(): void;
}

/** The repository's past conversations from the server, read again whenever `version` changes. */
export function useConversationList(repositoryId: string, version: string): ConversationListView {
  const [conversations, setConversations] = useState<readonly ConversationSummary[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let cancelled = false;
    listConversations(repositoryId).then(
      (list) => {
        if (cancelled) return;
        setConversations(list);
        setError(null);
      },
      (caught: unknown) => {
        if (!cancelled) setError(toAppError(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [repositoryId, version, reloads]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { conversations, error, reload };
}
