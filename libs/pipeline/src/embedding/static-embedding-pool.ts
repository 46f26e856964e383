import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../threads/module-worker.js';
import type { EmbedRequest, WorkerMessage } from './static-embedding-worker.js';
import type { StaticModelData } from './static-model.js';

interface Job {
  readonly texts: readonly string[];
  readonly resolve: (vectors: Float32Array) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Job>;
  /** Whether it has loaded the model; jobs wait in the queue until a worker has. */
  ready: boolean;
  alive: boolean;
}

/**
 * Jobs a worker holds at once: the next one is already waiting when it finishes one, and the rest
 * stay in the pool's queue, so whichever thread is free takes the next (the threads stay balanced).
 */
const JOBS_PER_WORKER = 2;

/**
 * Worker threads that embed texts with one static model, kept for the life of the process. Texts
 * of a worker that fails are embedded in this thread by `fallback`, so none is lost to a thread
 * problem. Idle threads do not keep the process alive.
 */
export class StaticEmbeddingPool {
  readonly size: number;
  readonly #workers: PoolWorker[] = [];
  readonly #queue: Job[] = [];
  readonly #fallback: (texts: readonly string[]) => Float32Array;
  #nextId = 0;
  #inFlight = 0;
  #closed = false;

  constructor(data: StaticModelData, size: number, fallback: (texts: readonly string[]) => Float32Array) {
    this.size = size;
    this.#fallback = fallback;
    for (let index = 0; index < size; index += 1) this.#workers.push(this.#start(data));
  }

  /** Whether a thread has loaded the model (they take a moment to start). */
  get ready(): boolean {
    return !this.#closed && this.#workers.some((entry) => entry.alive && entry.ready);
  }

  /** Embeds `texts` on the next free worker; the vectors come back row after row. */
  embed(texts: readonly string[]): Promise<Float32Array> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ texts, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops the threads; jobs still queued or in flight are embedded in this thread. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all(this.#workers.map((entry) => entry.worker.terminate()));
  }

  #dispatch(): void {
    const alive = this.#closed ? [] : this.#workers.filter((entry) => entry.alive);
    if (alive.length === 0) {
      for (const job of this.#queue.splice(0)) this.#embedHere(job);
      return;
    }
    for (let round = 0; round < JOBS_PER_WORKER && this.#queue.length > 0; round += 1) {
      for (const entry of alive) {
        if (!entry.ready) continue;
        if (entry.pending.size > round) continue;
        const job = this.#queue.shift();
        if (job === undefined) return;
        const id = this.#nextId;
        this.#nextId += 1;
        entry.pending.set(id, job);
        this.#setInFlight(this.#inFlight + 1);
        const request: EmbedRequest = { id, texts: job.texts };
        entry.worker.postMessage(request);
      }
    }
  }

  #start(data: StaticModelData): PoolWorker {
    const entry: PoolWorker = { worker: startModuleWorker(import.meta.url, 'static-embedding-worker', { ...data }), pending: new Map(), ready: false, alive: true };
    entry.worker.unref();
    entry.worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'ready') {
        entry.ready = true;
        this.#dispatch();
        return;
      }
      const job = entry.pending.get(message.id);
      if (job === undefined) return;
      entry.pending.delete(message.id);
      this.#setInFlight(this.#inFlight - 1);
      if (message.kind === 'vectors') job.resolve(message.vectors);
      else job.reject(new Error(`embedding worker failed: ${message.error}`));
      this.#dispatch();
    });
    const fail = (): void => {
      if (!entry.alive) return;
      entry.alive = false;
      // Its unanswered jobs go back to the front of the queue, for the other threads or this one.
      const jobs = [...entry.pending.values()];
      this.#setInFlight(this.#inFlight - jobs.length);
      entry.pending.clear();
      this.#queue.unshift(...jobs);
      this.#dispatch();
    };
    entry.worker.on('error', fail);
    entry.worker.on('exit', fail);
    return entry;
  }

  #embedHere(job: Job): void {
    try {
      job.resolve(this.#fallback(job.texts));
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Busy threads keep the process alive until they answer; idle ones do not. */
  #setInFlight(count: number): void {
    const wasIdle = this.#inFlight === 0;
    this.#inFlight = count;
    if (wasIdle && count > 0) for (const entry of this.#workers) if (entry.alive) entry.worker.ref();
    if (!wasIdle && count === 0) for (const entry of this.#workers) if (entry.alive) entry.worker.unref();
  }
}
