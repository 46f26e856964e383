import type { Logger } from 'pino';
import type { EventDetails, StageName, StageResults } from '@repolens/contracts';
import type { RunWorkspace } from './workspace.js';

/** The analysis a run was asked for. */
export interface RunRequest {
  readonly url: string;
  readonly ref: string | null;
  /** Kept out of logs, events and results. */
  readonly accessToken: string | null;
  /** Analyse what fits when over a limit (with notes) instead of failing. */
  readonly allowPartial: boolean;
}

export interface StageProgress {
  /** 0–1 within the stage. */
  readonly progress: number;
  readonly message: string;
  readonly details?: EventDetails;
}

/**
 * The repository's last completed run before this one: what a stage reuses for the inputs that did not
 * change. Loaded on demand, since most stages never ask.
 */
export interface PreviousRun {
  /** That run's result of `stage`; null when there is no such run or its result is gone (then nothing is reused). */
  result<TName extends StageName>(stage: TName): Promise<StageResults[TName] | null>;
}

/** Everything a stage may use; the runner owns events, retries, timeouts and persistence. */
export interface StageContext {
  readonly runId: string;
  readonly repositoryId: string;
  readonly request: RunRequest;
  readonly workspace: RunWorkspace;
  /** Results of the run's earlier stages. */
  readonly results: Partial<StageResults>;
  /** Absent for a first analysis, and where the runner keeps no history (then everything is done anew). */
  readonly previousRun?: PreviousRun;
  /** Aborted on cancellation and timeout; check it before side effects and after long calls. */
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** Report progress; the runner throttles, so call it as often as is natural. */
  report(progress: StageProgress): void;
}

export interface Stage<TName extends StageName = StageName> {
  readonly name: TName;
  run(ctx: StageContext): Promise<StageResults[TName]>;
}

/** Reads an earlier stage's result, failing clearly if the runner did not provide it. */
export function requireResult<TName extends StageName>(ctx: StageContext, stage: TName): StageResults[TName] {
  const result = ctx.results[stage];
  if (result === undefined) throw new Error(`stage ${stage} has no stored result for run ${ctx.runId}`);
  return result;
}
