import { isTerminalRunStatus, type AnalysisSummary, type ReadyAnalysisView, type RepositoryDetail, type RunView } from '@repolens/contracts';

/** What of a repository the page can show besides its analysis's progress, and why it may be behind. */
export interface Explorability {
  /** Overview, code and chat can be shown: an analysis of the repository completed. */
  readonly explorable: boolean;
  /** The latest run is not the analysis shown: it is still `running`, or it `ended` without completing. */
  readonly behind: 'running' | 'ended' | null;
  /** The commit and finish time of the analysis shown, when the latest run is not it. */
  readonly shownCommit: string | null;
  readonly shownFinishedAt: string | null;
}

/** The part of a repository's detail that decides what can be shown. */
export interface RunsOfRepository {
  readonly latestRun: Pick<RunView, 'id' | 'status'> | null;
  readonly readyAnalysis: Pick<ReadyAnalysisView, 'runId' | 'commitSha' | 'finishedAt'> | null;
}

/**
 * Overview, code and chat answer from the newest completed analysis, so they stay usable while a
 * re-analysis works, or after one failed; they are unavailable only until a first analysis completes.
 * `readyRunId`: a run the progress feed has seen become ready before the repository was read again.
 */
export function explorability(repository: RunsOfRepository, readyRunId: string | null): Explorability {
  const latest = repository.latestRun;
  const ready = repository.readyAnalysis;
  const latestIsReady = latest !== null && (latest.status === 'completed' || latest.id === readyRunId);
  if (ready === null || latestIsReady || latest === null || ready.runId === latest.id) {
    return { explorable: ready !== null || latestIsReady, behind: null, shownCommit: null, shownFinishedAt: null };
  }
  return {
    explorable: true,
    behind: isTerminalRunStatus(latest.status) ? 'ended' : 'running',
    shownCommit: ready.commitSha,
    shownFinishedAt: ready.finishedAt,
  };
}

/** The summary the overview shows: the completed analysis's, else what the latest run found so far. */
export function shownAnalysis(repository: RepositoryDetail): AnalysisSummary {
  return repository.readyAnalysis?.summary ?? repository.analysis;
}
