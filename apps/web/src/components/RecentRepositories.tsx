import { useEffect, useState } from 'react';
import { toAppError, type AppError, type RepositorySummary } from '@repolens/contracts';
import { listRepositories } from '../api-client.js';
import { formatRelative, shortSha } from '../format.js';
import { REPOSITORY_STATUS_LOOKS } from '../status-labels.js';
import { StatusBadge } from './StatusBadge.js';

/** While something is being analysed elsewhere, the list refreshes itself this often. */
const POLL_MS = 15_000;

export interface RecentRepositoriesProps {
  readonly selectedId: string | null;
  /** Changes whenever the page knows the list is stale (a run started or ended). */
  readonly refreshKey: number;
  readonly onSelect: (repository: RepositorySummary) => void;
}

export function RecentRepositories({ selectedId, refreshKey, onSelect }: RecentRepositoriesProps) {
  const [repositories, setRepositories] = useState<readonly RepositorySummary[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [pollTick, setPollTick] = useState(0);

  useEffect(() => {
    let cancelled = false;
    listRepositories().then(
      (list) => {
        if (cancelled) return;
        setRepositories(list);
        setError(null);
      },
      (caught: unknown) => {
        if (!cancelled) setError(toAppError(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [refreshKey, pollTick]);

  const busy = repositories?.some((repository) => repository.status === 'queued' || repository.status === 'running') ?? false;
  useEffect(() => {
    if (!busy) return undefined;
    const timer = setTimeout(() => setPollTick((tick) => tick + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [busy, pollTick]);

  const now = Date.now();
  return (
    <section className="panel recent" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent repositories</h2>
      {error !== null ? (
        <p className="form-error" role="alert">
          Could not load the list: {error.message}
        </p>
      ) : null}
      {repositories === null && error === null ? <p className="muted">Loading…</p> : null}
      {repositories !== null && repositories.length === 0 ? (
        <p className="muted">Nothing analysed yet. Paste a repository URL to start.</p>
      ) : null}
      {repositories !== null && repositories.length > 0 ? (
        <ul className="recent__list">
          {repositories.map((repository) => {
            const look = REPOSITORY_STATUS_LOOKS[repository.status];
            const commit = shortSha(repository.commitSha);
            return (
              <li key={repository.id}>
                <button
                  type="button"
                  className="recent__item"
                  aria-current={repository.id === selectedId ? 'true' : undefined}
                  onClick={() => onSelect(repository)}
                >
                  <span className="recent__name">{repository.name}</span>
                  <StatusBadge tone={look.tone}>{look.label}</StatusBadge>
                  <span className="recent__meta">
                    {[repository.ref, commit, formatRelative(repository.updatedAt, now)]
                      .filter((part): part is string => part !== null && part !== '')
                      .join(' · ')}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
