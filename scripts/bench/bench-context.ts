import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { StageName, StageResults } from '@repolens/contracts';
import type { RunRequest, RunWorkspace, Stage, StageContext, StageProgress } from '@repolens/pipeline';

/** A progress report and when it came (performance.now()). */
export interface TimedReport {
  readonly at: number;
  readonly progress: StageProgress;
}

export interface StageTiming {
  readonly stage: StageName;
  /** What the timing is printed as: the stage name, or a note such as a repeat run. */
  readonly label: string;
  readonly wallMs: number;
  readonly progressEvents: number;
}

/**
 * Plays the runner's part for one run without BullMQ or a database: one run id and workspace, the
 * results of earlier stages handed to later ones, progress collected in memory.
 */
export class BenchRun {
  readonly runId = randomUUID();
  readonly repositoryId = randomUUID();
  readonly results: Partial<StageResults> = {};
  readonly timings: StageTiming[] = [];
  readonly #request: RunRequest;
  readonly #workspace: RunWorkspace;
  readonly #previousResults: Partial<StageResults> | undefined;
  readonly #log = pino({ level: 'silent' });

  /** `previousResults`: the results of an earlier run of the same repository, for the stages to reuse (a re-analysis). */
  constructor(request: RunRequest, workspace: (runId: string) => RunWorkspace, previousResults?: Partial<StageResults>) {
    this.#request = request;
    this.#workspace = workspace(this.runId);
    this.#previousResults = previousResults;
  }

  get workspace(): RunWorkspace {
    return this.#workspace;
  }

  /** Runs a stage with this run's context, stores its result for later stages and times it. */
  async run<TName extends StageName>(stage: Stage<TName>, label: string = stage.name): Promise<StageResults[TName]> {
    const { result, timing } = await this.measure(stage, label, this.results);
    this.results[stage.name] = result;
    this.timings.push(timing);
    return result;
  }

  /**
   * Runs a stage on other earlier results (a structure result cut to one language) and times it,
   * keeping neither its result nor its timing.
   */
  async measure<TName extends StageName>(
    stage: Stage<TName>,
    label: string,
    results: Partial<StageResults>,
  ): Promise<{ result: StageResults[TName]; timing: StageTiming; reports: TimedReport[] }> {
    const reports: TimedReport[] = [];
    const previous = this.#previousResults;
    const ctx: StageContext = {
      runId: this.runId,
      repositoryId: this.repositoryId,
      request: this.#request,
      workspace: this.#workspace,
      results,
      signal: new AbortController().signal,
      log: this.#log,
      report: (progress) => reports.push({ at: performance.now(), progress }),
      ...(previous === undefined ? {} : { previousRun: { result: async (stage) => previous[stage] ?? null } }),
    };
    const started = performance.now();
    const result = await stage.run(ctx);
    const timing = { stage: stage.name, label, wallMs: performance.now() - started, progressEvents: reports.length };
    return { result, timing, reports };
  }
}
