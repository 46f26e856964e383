import type { CreateRepositoryResponse, RepositorySummary } from '@repolens/contracts';
import { RecentRepositories } from '../components/RecentRepositories.js';
import { RepositoryForm } from '../components/RepositoryForm.js';
import { useNavigation } from '../navigation.js';

export interface HomePageProps {
  readonly onNotice: (notice: string | null) => void;
}

/** Paste a URL, or reopen a repository analysed before. */
export function HomePage({ onNotice }: HomePageProps) {
  const { select } = useNavigation();

  const onStarted = (started: CreateRepositoryResponse): void => {
    // The same commit analysed before opens at once, on its overview.
    const ready = started.existing && started.status === 'completed';
    onNotice(started.existing ? 'This commit was analysed before: here is that analysis.' : null);
    select({ repositoryId: started.repositoryId, runId: started.runId, view: ready ? 'overview' : 'analysis', file: null, lines: null });
  };

  const onSelect = (repository: RepositorySummary): void => {
    onNotice(null);
    select({ repositoryId: repository.id, runId: repository.latestRunId, view: null, file: null, lines: null });
  };

  return (
    <div className="layout">
      <div className="layout__main">
        <RepositoryForm onStarted={onStarted} />
      </div>
      <aside className="layout__side" aria-label="Recent repositories">
        <RecentRepositories selectedId={null} refreshKey={0} onSelect={onSelect} />
      </aside>
    </div>
  );
}
