import type { Worker } from 'node:worker_threads';
import type { Chunk } from '@repolens/contracts';
import { startModuleWorker } from '../threads/module-worker.js';
import { createLexicalIndexBuilder } from './lexical-index.js';
import type { LexicalThreadReply, LexicalThreadRequest } from './lexical-index-messages.js';

/** Grows a lexical index a slice of chunks at a time, then gives it serialised for writing. */
export interface LexicalIndexWriter {
  add(chunks: readonly Chunk[]): void;
  serialized(): Promise<string>;
  /** Drops an unfinished build (a cancelled run). */
  discard(): void;
}

/** Builds in the calling thread. */
export function createInThreadLexicalIndexWriter(): LexicalIndexWriter {
  const builder = createLexicalIndexBuilder();
  return {
    add: (chunks) => builder.add(chunks),
    serialized: async () => builder.finish().serialize(),
    discard: () => undefined,
  };
}

interface PendingBuild {
  /** The thread building it; null once that thread is gone (the build then finishes here). */
  worker: Worker | null;
  /** Every chunk sent, to build here instead if the thread dies. */
  readonly chunks: Chunk[];
  settle?: { resolve(json: string): void; reject(error: Error): void };
}

/**
 * One worker thread, kept for the life of the process (it does not keep the process alive when
 * idle), that builds lexical indexes while the stage's thread grows the vector index: building BM25 is
 * the larger half of indexing a repository. A build whose thread fails is redone in the calling
 * thread, so none is lost to a thread problem.
 */
export class LexicalIndexThread {
  #worker: Worker | null = null;
  readonly #builds = new Map<number, PendingBuild>();
  #nextBuild = 0;
  #finishedByThread = 0;

  /** Builds the thread itself finished (the rest were finished in the calling thread). */
  get finishedByThread(): number {
    return this.#finishedByThread;
  }

  /** Starts the thread ahead of the first build, so its start-up overlaps other work. */
  warm(): void {
    this.#ensureWorker();
  }

  writer(): LexicalIndexWriter {
    const build = this.#nextBuild;
    this.#nextBuild += 1;
    const worker = this.#ensureWorker();
    worker?.ref();
    const pending: PendingBuild = { worker, chunks: [] };
    this.#builds.set(build, pending);
    // Only the thread that has every chunk of a build may finish it.
    const send = (request: LexicalThreadRequest): boolean => {
      if (pending.worker === null) return false;
      pending.worker.postMessage(request);
      return true;
    };
    return {
      add: (chunks) => {
        // One by one: a lexical-only index adds every chunk at once, too many to spread as arguments.
        for (const chunk of chunks) pending.chunks.push(chunk);
        send({ kind: 'add', build, chunks });
      },
      serialized: () =>
        new Promise<string>((resolve, reject) => {
          pending.settle = { resolve, reject };
          if (!send({ kind: 'finish', build })) this.#buildHere(build);
        }),
      discard: () => {
        if (!this.#builds.delete(build)) return;
        send({ kind: 'discard', build });
        this.#unrefWhenIdle();
      },
    };
  }

  /** Stops the thread; builds in flight are finished in the calling thread. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker === null) return;
    await worker.terminate();
    this.#failAll(worker);
  }

  #ensureWorker(): Worker | null {
    if (this.#worker !== null) return this.#worker;
    let worker: Worker;
    try {
      worker = startModuleWorker(import.meta.url, 'lexical-index-worker');
    } catch {
      return null;
    }
    worker.unref();
    worker.on('message', (reply: LexicalThreadReply) => this.#settle(reply));
    const fail = (): void => {
      if (this.#worker === worker) this.#worker = null;
      this.#failAll(worker);
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    this.#worker = worker;
    return worker;
  }

  #settle(reply: LexicalThreadReply): void {
    const pending = this.#builds.get(reply.build);
    if (pending?.settle === undefined) return;
    if (reply.kind === 'failed') {
      this.#builds.delete(reply.build);
      pending.settle.reject(new Error(`building the lexical index failed: ${reply.error}`));
    } else {
      this.#builds.delete(reply.build);
      this.#finishedByThread += 1;
      pending.settle.resolve(reply.json);
    }
    this.#unrefWhenIdle();
  }

  /** `worker` is gone: its builds waiting to finish are redone here; unfinished ones go on here as they are added. */
  #failAll(worker: Worker): void {
    for (const [build, pending] of [...this.#builds]) {
      if (pending.worker !== worker) continue;
      pending.worker = null;
      if (pending.settle !== undefined) this.#buildHere(build);
    }
  }

  #buildHere(build: number): void {
    const pending = this.#builds.get(build);
    if (pending?.settle === undefined) return;
    this.#builds.delete(build);
    try {
      const builder = createLexicalIndexBuilder();
      builder.add(pending.chunks);
      pending.settle.resolve(builder.finish().serialize());
    } catch (error) {
      pending.settle.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.#unrefWhenIdle();
  }

  #unrefWhenIdle(): void {
    if (this.#builds.size === 0) this.#worker?.unref();
  }
}

/** Below this many chunks an index builds in a few tens of milliseconds: a thread would not pay. */
export const MIN_CHUNKS_FOR_LEXICAL_THREAD = 1_000;

let shared: LexicalIndexThread | undefined;

/** The process's lexical index thread. */
export function lexicalIndexThread(): LexicalIndexThread {
  shared ??= new LexicalIndexThread();
  return shared;
}

/** A writer for an index of `chunkCount` chunks: on the shared thread when it is large enough to gain. */
export function lexicalIndexWriterFor(chunkCount: number): LexicalIndexWriter {
  return chunkCount >= MIN_CHUNKS_FOR_LEXICAL_THREAD ? lexicalIndexThread().writer() : createInThreadLexicalIndexWriter();
}
