import type { RepositoryDetail } from '@repolens/contracts';
import { shortSha } from '../format.js';

export interface RepositoryHeaderProps {
  readonly repository: RepositoryDetail;
}

/** Which repository and commit the panels below are about. The URL is shown as text, never as a link. */
export function RepositoryHeader({ repository }: RepositoryHeaderProps) {
  const commit = shortSha(repository.commitSha);
  const chunks = repository.analysis.index?.chunkCount;
  return (
    <div className="repository-header">
      <h2 className="repository-header__name">{repository.name}</h2>
      <p className="repository-header__url">{repository.url}</p>
      <p className="repository-header__meta">
        {repository.ref !== null ? <span>ref {repository.ref}</span> : null}
        {commit !== null ? (
          <span>
            commit <code>{commit}</code>
          </span>
        ) : null}
        {chunks !== undefined ? <span>{chunks.toLocaleString()} passages indexed</span> : null}
      </p>
    </div>
  );
}
