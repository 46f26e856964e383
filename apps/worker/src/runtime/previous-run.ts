import type { Database } from '@repolens/db';
import type { PreviousRun } from '@repolens/pipeline';
import type { RunIds } from '@repolens/realtime';

/**
 * What a run's stages reuse from: the repository's newest completed run other than this one, looked up on
 * first use (most stages never ask). A run completes only after every stage stored its result, so what it
 * gives is whole; reuse is by content hash, so any completed run of the repository is a sound source.
 */
export function previousRunOf(db: Database, ids: RunIds): PreviousRun {
  let previousRunId: Promise<string | null> | undefined;
  const findRunId = (): Promise<string | null> =>
    (previousRunId ??= db.runs.findLatestCompleted(ids.repositoryId).then((run) => (run === null || run.id === ids.runId ? null : run.id)));
  return {
    async result(stage) {
      const runId = await findRunId();
      return runId === null ? null : db.results.load(runId, stage);
    },
  };
}
