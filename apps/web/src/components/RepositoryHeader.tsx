import type { RepositoryDetail } from '@repolens/contracts';
import { shownAnalysis } from '../explorability.js';
import { shortSha } from '../format.js';
import { REPOSITORY_STATUS_LOOKS } from '../status-labels.js';
import { KeptToken } from './KeptToken.js';
import { StatusBadge } from './StatusBadge.js';

export interface RepositoryHeaderProps {
  readonly repository: RepositoryDetail;
  /** Told when something shown here changed the repository (its kept token), so the page loads it again. */
  readonly onChanged: () => void;
}

/** Which repository and commit the page is about. The URL is shown as text, never as a link. */
export function RepositoryHeader({ repository, onChanged }: RepositoryHeaderProps) {
  const commit = shortSha(repository.commitSha);
  // The index that answers questions: the completed analysis's, also while a re-analysis runs.
  const chunks = shownAnalysis(repository).index?.chunkCount;
  const look = REPOSITORY_STATUS_LOOKS[repository.status];
  return (
    <div className="repository-header">
      <div className="repository-header__title">
        <h1 className="repository-header__name">{repository.name}</h1>
        <StatusBadge tone={look.tone}>{look.label}</StatusBadge>
      </div>
      <p className="repository-header__url">{repository.url}</p>
      <p className="repository-header__meta">
        {repository.ref !== null ? <span>ref {repository.ref}</span> : null}
        {commit !== null ? (
          <span>
            commit <code title={repository.commitSha ?? undefined}>{commit}</code>
          </span>
        ) : null}
        {chunks !== undefined ? <span>{chunks.toLocaleString()} passages indexed</span> : null}
      </p>
      <KeptToken repositoryId={repository.id} kept={repository.hasStoredToken} onForgotten={onChanged} />
    </div>
  );
}
