import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { isTerminalRunStatus, toAppError, type AppError, type RepositoryDetail } from '@repolens/contracts';
import { getRepository } from '../api-client.js';
import { AnalysisBehindNote } from '../components/AnalysisBehindNote.js';
import { RepositoryHeader } from '../components/RepositoryHeader.js';
import { RunPanel } from '../components/RunPanel.js';
import { useNavigation } from '../navigation.js';
import { ViewTabs } from '../components/ViewTabs.js';
import { explorability } from '../explorability.js';
import type { View } from '../url-state.js';

// What needs a completed analysis (markdown, the highlighter's core, the explorer) loads when first shown.
const ChatPanel = lazy(() => import('../components/ChatPanel.js').then((module) => ({ default: module.ChatPanel })));
const CodeExplorer = lazy(() => import('../components/explorer/CodeExplorer.js').then((module) => ({ default: module.CodeExplorer })));
const Overview = lazy(() => import('../components/overview/Overview.js').then((module) => ({ default: module.Overview })));

const REANALYSIS_POLL_MS = 4000;

export interface RepositoryPageProps {
  readonly repositoryId: string;
  readonly notice: string | null;
  readonly onDismissNotice: () => void;
}

/**
 * One repository: its analysis as it runs, then its overview and code, with the conversation beside
 * them once the assistant is ready. While a re-analysis runs they keep showing the previous completed
 * analysis, with a note saying so. Keyed by repository, so nothing of another one lingers.
 */
export function RepositoryPage({ repositoryId, notice, onDismissNotice }: RepositoryPageProps) {
  const { selection, select } = useNavigation();
  const [repository, setRepository] = useState<RepositoryDetail | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [readyRunId, setReadyRunId] = useState<string | null>(null);
  const { runId } = selection;

  // Refreshed when a run ends, so the status (ready or not) and the analysis summary are current.
  useEffect(() => {
    let cancelled = false;
    getRepository(repositoryId).then(
      (detail) => {
        if (cancelled) return;
        setRepository(detail);
        setLoadError(null);
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(toAppError(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [repositoryId, refreshKey]);

  // An address without a run follows the repository's latest one.
  useEffect(() => {
    if (runId === null && repository?.latestRun != null) select({ ...selection, runId: repository.latestRun.id }, 'replace');
  }, [runId, repository, selection, select]);

  const onRunState = useCallback(
    (state: { readonly ready: boolean; readonly ended: boolean }): void => {
      if (state.ready) setReadyRunId(runId);
      if (state.ended) setRefreshKey((key) => key + 1);
    },
    [runId],
  );

  // Something shown changed the repository (a kept token forgotten): load it again.
  const reload = useCallback(() => setRefreshKey((key) => key + 1), []);

  // While a re-analysis works, the page may not be following its feed (another view, another run in
  // the address), so it looks again now and then to notice when the new analysis is ready.
  const reanalysing = repository !== null && explorability(repository, readyRunId).behind === 'running';
  useEffect(() => {
    if (!reanalysing) return undefined;
    const timer = setInterval(() => setRefreshKey((key) => key + 1), REANALYSIS_POLL_MS);
    return () => clearInterval(timer);
  }, [reanalysing]);

  if (loadError !== null && repository === null) {
    return (
      <p className="outcome outcome--failed" role="alert">
        Could not load this repository: {loadError.message} <code>{loadError.code}</code>
      </p>
    );
  }
  if (repository === null) return <p className="muted">Loading…</p>;

  const { explorable, behind, shownCommit, shownFinishedAt } = explorability(repository, readyRunId);
  const latestActive = repository.latestRun !== null && !isTerminalRunStatus(repository.latestRun.status) && behind !== null;
  const defaultView: View = explorable && !latestActive ? 'overview' : 'analysis';
  const view: View = selection.view !== null && (explorable || selection.view === 'analysis') ? selection.view : defaultView;
  // A new analysis replaces what the explorer shows once it completes.
  const analysisKey = repository.readyAnalysis?.runId ?? readyRunId ?? 'none';

  return (
    <div className="repository-page">
      <RepositoryHeader repository={repository} onChanged={reload} />
      {notice !== null ? (
        <p className="notice" role="status">
          {notice}{' '}
          <button type="button" className="link-button" onClick={onDismissNotice}>
            Dismiss
          </button>
        </p>
      ) : null}
      {behind !== null && view !== 'analysis' ? (
        <AnalysisBehindNote behind={behind} commitSha={shownCommit} finishedAt={shownFinishedAt} latestRunId={repository.latestRun?.id ?? null} />
      ) : null}
      <ViewTabs current={view} explorable={explorable} />
      <div className={`workspace${explorable ? ' workspace--chat' : ''}`}>
        <div className="workspace__main" id="view-panel">
          <Suspense fallback={<p className="muted">Loading…</p>}>
            {view === 'analysis' ? (
              runId !== null ? (
                <RunPanel key={runId} runId={runId} onStateChange={onRunState} />
              ) : (
                <p className="muted">This repository has no analysis yet.</p>
              )
            ) : view === 'overview' ? (
              <Overview key={analysisKey} repository={repository} />
            ) : (
              <CodeExplorer repositoryId={repository.id} analysisKey={analysisKey} file={selection.file} lines={selection.lines} />
            )}
          </Suspense>
        </div>
        {explorable ? (
          <aside className="workspace__chat" aria-label="Chat">
            <Suspense fallback={<p className="muted">Loading the chat…</p>}>
              <ChatPanel repository={repository} />
            </Suspense>
          </aside>
        ) : null}
      </div>
    </div>
  );
}
