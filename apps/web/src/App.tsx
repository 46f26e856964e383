import { useCallback, useEffect, useState } from 'react';
import { toAppError, type AppError, type CreateRepositoryResponse, type RepositoryDetail, type RepositorySummary } from '@repolens/contracts';
import { getRepository, getRun } from './api-client.js';
import { ChatPanel } from './components/ChatPanel.js';
import { RecentRepositories } from './components/RecentRepositories.js';
import { RepositoryForm } from './components/RepositoryForm.js';
import { RepositoryHeader } from './components/RepositoryHeader.js';
import { RunPanel } from './components/RunPanel.js';
import { useSelection } from './use-selection.js';

export function App() {
  const [selection, select] = useSelection();
  const [repository, setRepository] = useState<RepositoryDetail | null>(null);
  const [repositoryError, setRepositoryError] = useState<AppError | null>(null);
  const [readyRunId, setReadyRunId] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const { repositoryId, runId } = selection;

  // The repository shown, refreshed when a run ends so its status (ready or not) is current.
  useEffect(() => {
    setRepositoryError(null);
    if (repositoryId === null) {
      setRepository(null);
      return undefined;
    }
    let cancelled = false;
    getRepository(repositoryId).then(
      (detail) => {
        if (cancelled) return;
        setRepository(detail);
        if (runId === null && detail.latestRun !== null) select({ repositoryId, runId: detail.latestRun.id }, 'replace');
      },
      (error: unknown) => {
        if (!cancelled) setRepositoryError(toAppError(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [repositoryId, runId, refreshKey, select]);

  // An address with only a run in it: the run says which repository it belongs to.
  useEffect(() => {
    if (runId === null || repositoryId !== null) return undefined;
    let cancelled = false;
    getRun(runId).then(
      (run) => {
        if (!cancelled) select({ repositoryId: run.repositoryId, runId }, 'replace');
      },
      (error: unknown) => {
        if (!cancelled) setRepositoryError(toAppError(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [repositoryId, runId, select]);

  const onStarted = (started: CreateRepositoryResponse): void => {
    setNotice(started.existing ? 'This commit was analysed before: here is that analysis.' : null);
    select({ repositoryId: started.repositoryId, runId: started.runId }, 'push');
    setRefreshKey((key) => key + 1);
  };

  const onSelectRepository = (summary: RepositorySummary): void => {
    setNotice(null);
    select({ repositoryId: summary.id, runId: summary.latestRunId }, 'push');
  };

  const onRunState = useCallback(
    (state: { readonly ready: boolean; readonly ended: boolean }): void => {
      if (state.ready) setReadyRunId(runId);
      if (state.ended) setRefreshKey((key) => key + 1);
    },
    [runId],
  );

  const shown = repository !== null && repository.id === repositoryId ? repository : null;
  const chatReady = shown !== null && (shown.status === 'ready' || (runId !== null && readyRunId === runId));

  return (
    <div className="page">
      <header className="site-header">
        <h1 className="site-header__title">RepoLens</h1>
        <p className="site-header__tagline">Analyse a Git repository, watch every stage, then ask it questions.</p>
      </header>
      <main className="layout">
        <div className="layout__main">
          <RepositoryForm onStarted={onStarted} />
          {notice !== null ? (
            <p className="notice" role="status">
              {notice}
            </p>
          ) : null}
          {repositoryError !== null ? (
            <p className="outcome outcome--failed" role="alert">
              Could not load this repository: {repositoryError.message} <code>{repositoryError.code}</code>
            </p>
          ) : null}
          {shown !== null ? <RepositoryHeader repository={shown} /> : null}
          {runId !== null ? <RunPanel key={runId} runId={runId} onStateChange={onRunState} /> : null}
          {chatReady ? <ChatPanel key={shown.id} repositoryId={shown.id} repositoryName={shown.name} /> : null}
        </div>
        <aside className="layout__side">
          <RecentRepositories selectedId={repositoryId} refreshKey={refreshKey} onSelect={onSelectRepository} />
        </aside>
      </main>
    </div>
  );
}
