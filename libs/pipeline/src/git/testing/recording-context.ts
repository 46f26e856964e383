import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { StageResults } from '@repolens/contracts';
import type { RunRequest, StageContext, StageProgress } from '../../stage.js';
import { runWorkspace } from '../../workspace.js';

/** A logged line, as pino wrote it. */
export interface RecordedLog {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface RecordingContext extends StageContext {
  readonly reports: StageProgress[];
  /** Warnings and errors the stage logged. */
  readonly logs: RecordedLog[];
}

/** For tests: a StageContext for a fresh run under `dataDir` that records progress and warnings. */
export function createRecordingContext(opts: {
  readonly dataDir: string;
  readonly request: RunRequest;
  readonly results?: Partial<StageResults>;
  readonly signal?: AbortSignal;
  /** Give a later stage of the same run the same id, and so the same workspace. */
  readonly runId?: string;
  /** Results of the repository's previous run, for the stages to reuse. */
  readonly previousResults?: Partial<StageResults>;
}): RecordingContext {
  const { previousResults } = opts;
  const runId = opts.runId ?? randomUUID();
  const reports: StageProgress[] = [];
  const logs: RecordedLog[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString('utf8')) as RecordedLog);
      done();
    },
  });
  return {
    runId,
    repositoryId: randomUUID(),
    request: opts.request,
    workspace: runWorkspace(opts.dataDir, runId),
    results: opts.results ?? {},
    signal: opts.signal ?? new AbortController().signal,
    log: pino({ level: 'warn' }, sink),
    report: (progress) => reports.push(progress),
    ...(previousResults === undefined ? {} : { previousRun: { result: async (stage) => previousResults[stage] ?? null } }),
    reports,
    logs,
  };
}
