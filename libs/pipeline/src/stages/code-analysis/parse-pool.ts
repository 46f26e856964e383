import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../threads/module-worker.js';
import { CodeParser } from '../../parsing/code-parser.js';
import { analyzeFile } from './analyze-file.js';
import type { CodeFile, FileAnalysisOutcome } from './analyze-file.js';
import type { ParseReply, ParseRequest } from './parse-messages.js';
import { createSourceFileReader } from './read-source-file.js';
import type { SourceFileReader, SourceFiles } from './read-source-file.js';

/** Files sent to one worker ahead of its replies, so it never waits for the next. */
export const FILES_IN_FLIGHT_PER_WORKER = 3;

/**
 * An idle pool stops its threads after this long; the next large run starts new ones. Long enough
 * to span the other stages of a run, so back-to-back runs find their threads ready.
 */
const IDLE_STOP_MS = 5 * 60_000;

interface Pending {
  readonly file: CodeFile;
  readonly files: SourceFiles;
  readonly resolve: (outcome: FileAnalysisOutcome) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  alive: boolean;
}

/**
 * Reads and parses files in worker threads, each with its own tree-sitter parsers, so a large
 * repository is analysed on several cores. A worker that fails hands its files back to a parser in this thread, so
 * no file is lost to a thread problem; `onWorkerFailure` hears about it once per worker.
 */
export class ParsePool {
  readonly size: number;
  readonly #workers: PoolWorker[] = [];
  readonly #onWorkerFailure: (error: Error) => void;
  #fallback: { parser: CodeParser; key: string; read: SourceFileReader } | undefined;
  #nextId = 0;
  #inFlight = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(size: number, onWorkerFailure: (error: Error) => void) {
    this.size = size;
    this.#onWorkerFailure = onWorkerFailure;
    for (let index = 0; index < size; index += 1) this.#workers.push(this.#start());
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Whether a worker could take another file without a queue building up. */
  get hasRoom(): boolean {
    return this.#workers.some((entry) => entry.alive && entry.pending.size < FILES_IN_FLIGHT_PER_WORKER);
  }

  /** Reads and analyses a file on the least busy worker. */
  analyze(file: CodeFile, files: SourceFiles): Promise<FileAnalysisOutcome> {
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    let target: PoolWorker | undefined;
    for (const candidate of this.#workers) {
      if (candidate.alive && (target === undefined || candidate.pending.size < target.pending.size)) target = candidate;
    }
    if (target === undefined) return Promise.resolve(this.#analyzeHere(file, files));
    const chosen = target;
    const id = this.#nextId;
    this.#nextId += 1;
    return new Promise((resolve) => {
      chosen.pending.set(id, { file, files, resolve });
      this.#setInFlight(this.#inFlight + 1);
      const request: ParseRequest = { id, file, files };
      chosen.worker.postMessage(request);
    });
  }

  /** Stops the threads; files still in flight are analysed here. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    await Promise.all(
      this.#workers.map(async (entry) => {
        entry.alive = false;
        await entry.worker.terminate();
        this.#takeBack(entry);
      }),
    );
  }

  #start(): PoolWorker {
    const entry: PoolWorker = { worker: startModuleWorker(import.meta.url, 'parse-worker'), pending: new Map(), alive: true };
    // Idle threads must not keep the process alive; busy ones are referenced again (#setInFlight).
    entry.worker.unref();
    entry.worker.on('message', (reply: ParseReply) => {
      const pending = entry.pending.get(reply.id);
      if (pending === undefined) return;
      entry.pending.delete(reply.id);
      this.#setInFlight(this.#inFlight - 1);
      pending.resolve({ file: reply.file, parseMs: reply.parseMs });
    });
    const fail = (error: Error): void => {
      if (!entry.alive) return;
      entry.alive = false;
      this.#onWorkerFailure(error);
      this.#takeBack(entry);
    };
    entry.worker.on('error', fail);
    entry.worker.on('exit', (code) => {
      if (!this.#closed) fail(new Error(`parse worker exited with code ${code}`));
    });
    return entry;
  }

  /** Files a stopped worker had not answered are analysed in this thread. */
  #takeBack(entry: PoolWorker): void {
    for (const [id, pending] of entry.pending) {
      entry.pending.delete(id);
      this.#setInFlight(this.#inFlight - 1);
      pending.resolve(this.#analyzeHere(pending.file, pending.files));
    }
  }

  #analyzeHere(file: CodeFile, files: SourceFiles): FileAnalysisOutcome {
    const key = `${files.maxFileBytes}:${files.checkoutDir}`;
    if (this.#fallback?.key !== key) {
      this.#fallback = { parser: this.#fallback?.parser ?? new CodeParser(), key, read: createSourceFileReader(files) };
    }
    return analyzeFile(this.#fallback.parser, file, this.#fallback.read(file.path));
  }

  #setInFlight(count: number): void {
    const wasIdle = this.#inFlight === 0;
    this.#inFlight = count;
    if (wasIdle && count > 0) for (const entry of this.#workers) entry.worker.ref();
    if (!wasIdle && count === 0 && !this.#closed) {
      for (const entry of this.#workers) entry.worker.unref();
      this.#idleTimer = setTimeout(() => void this.close(), IDLE_STOP_MS);
      this.#idleTimer.unref();
    }
  }
}
