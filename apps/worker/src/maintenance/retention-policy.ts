import { TERMINAL_RUN_STATUSES, type RunStatus } from '@repolens/contracts';
import type { ArtefactRemoval, RunArtefactFacts } from '@repolens/db';

/** How many finished runs' indexes a repository keeps, and for how long (null: no age limit). */
export interface RetentionRules {
  readonly runsPerRepository: number;
  readonly maxAgeDays: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const TERMINAL: ReadonlySet<RunStatus> = new Set(TERMINAL_RUN_STATUSES);

/**
 * Which artefacts of these runs the garbage collection removes.
 *
 * Never touched: a run in progress, the ready run (the newest completed one: search, chat and the
 * explorer read its index and checkout) and the repository's latest run (the only one a retry can resume,
 * from its checkout).
 *
 * Of the other, finished runs: the checkout goes at once, since nothing reads it again; the index stays
 * while the run is among the repository's `runsPerRepository` newest completed runs and, with an age limit,
 * finished within `maxAgeDays`, so a request that resolved the previous analysis a moment before a newer
 * one became ready still finds its index.
 */
export function selectRemovals(runs: readonly RunArtefactFacts[], rules: RetentionRules, now: Date): ArtefactRemoval[] {
  const removals: ArtefactRemoval[] = [];
  for (const run of runs) {
    if (!TERMINAL.has(run.status) || run.finishedAt === null) continue;
    if (run.isReady || run.isLatest) continue;
    // Ranks count completed runs only: a failed or cancelled run's index (rarely any) goes with its checkout.
    const amongNewest = run.finishedRank !== null && run.finishedRank <= rules.runsPerRepository;
    const recent = rules.maxAgeDays === null || now.getTime() - run.finishedAt.getTime() <= rules.maxAgeDays * DAY_MS;
    const index = run.hasIndex && !(amongNewest && recent);
    const checkout = run.hasCheckout;
    if (checkout || index) removals.push({ runId: run.runId, repositoryId: run.repositoryId, checkout, index });
  }
  return removals;
}
