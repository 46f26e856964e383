import type { AnalysisSummary, ReadyAnalysisView, RepositoryDetail, RepositoryStatus, RepositorySummary, RunStatus, RunView } from '@repolens/contracts';
import type { Database, RepositoryRecord } from '@repolens/db';

export function repositoryStatus(run: RunView | null): RepositoryStatus {
  const status: RunStatus = run?.status ?? 'queued';
  return status === 'completed' ? 'ready' : status;
}

export async function repositorySummary(db: Database, record: RepositoryRecord): Promise<RepositorySummary> {
  const run = record.latestRunId === null ? null : await db.runs.get(record.latestRunId);
  return toSummary(record, run);
}

function toSummary(record: RepositoryRecord, run: RunView | null): RepositorySummary {
  return {
    id: record.id,
    url: record.url,
    name: record.name,
    ref: record.ref ?? run?.ref ?? null,
    commitSha: run?.commitSha ?? null,
    status: repositoryStatus(run),
    latestRunId: record.latestRunId,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** One repository with its latest run, what that run found so far, and the newest completed analysis. */
export async function repositoryDetail(db: Database, record: RepositoryRecord): Promise<RepositoryDetail> {
  const run = record.latestRunId === null ? null : await db.runs.get(record.latestRunId);
  const analysis = run === null ? emptySummary() : await analysisSummary(db, run.id);
  const ready = run?.status === 'completed' ? run : await db.runs.findLatestCompleted(record.id);
  const readyAnalysis: ReadyAnalysisView | null =
    ready === null
      ? null
      : {
          runId: ready.id,
          commitSha: ready.commitSha,
          finishedAt: ready.finishedAt,
          summary: ready.id === run?.id ? analysis : await analysisSummary(db, ready.id),
        };
  const hasStoredToken = (await db.repositoryCredentials.storedAt(record.id)) !== null;
  return { ...toSummary(record, run), latestRun: run, analysis, readyAnalysis, hasStoredToken };
}

function emptySummary(): AnalysisSummary {
  return { metadata: null, structure: null, code: null, index: null, notes: [] };
}

async function analysisSummary(db: Database, runId: string): Promise<AnalysisSummary> {
  const analysis = emptySummary();
  const results = await db.results.loadAll(runId, ['initialization', 'metadata', 'structure', 'code_analysis', 'embedding']);
  analysis.notes = analysisNotes(results.initialization?.notes ?? [], results.structure?.skipped ?? []);
  analysis.metadata = results.metadata ?? null;
  if (results.structure !== undefined) {
    const { totalFiles, totalBytes, directories, languages, keyDirectories } = results.structure;
    analysis.structure = { totalFiles, totalBytes, directories, languages, keyDirectories };
  }
  analysis.code = results.code_analysis?.totals ?? null;
  if (results.embedding !== undefined) {
    analysis.index = { chunkCount: results.embedding.chunkCount, model: results.embedding.model?.id ?? null };
  }
  return analysis;
}

const MAX_NOTES = 50;

/** What was left out, for a person: the clone's notes, then skipped files, capped with a count of the rest. */
function analysisNotes(cloneNotes: readonly string[], skipped: ReadonlyArray<{ path: string; reason: string }>): string[] {
  const notes = [...cloneNotes, ...skipped.map((skip) => `${skip.path}: ${skip.reason}`)];
  if (notes.length <= MAX_NOTES) return notes;
  return [...notes.slice(0, MAX_NOTES), `…and ${notes.length - MAX_NOTES} more`];
}
