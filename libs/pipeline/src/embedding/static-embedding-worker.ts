import { parentPort, workerData } from 'node:worker_threads';
import { StaticEncoder } from './static-encoder.js';
import type { StaticModelData } from './static-model.js';
import { WordPieceTokenizer } from './wordpiece-tokenizer.js';

/** What the pool sends a worker: texts to embed. */
export interface EmbedRequest {
  readonly id: number;
  readonly texts: readonly string[];
}

/** What a worker says: that it is ready, then per request the vectors row after row (their buffer is transferred) or why it could not. */
export type WorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'vectors'; readonly id: number; readonly vectors: Float32Array<ArrayBuffer> }
  | { readonly kind: 'error'; readonly id: number; readonly error: string };

/**
 * A thread of the static embedding pool: its own tokenizer (and word cache), the table shared with
 * every other thread through a SharedArrayBuffer.
 */
const port = parentPort;
if (port !== null) {
  const data = workerData as StaticModelData;
  const tokenizer = new WordPieceTokenizer(JSON.parse(data.tokenizerJson), JSON.parse(data.tokenizerConfigJson));
  const encoder = new StaticEncoder(tokenizer, new Float32Array(data.table), data.dimension);
  port.on('message', (request: EmbedRequest) => {
    let reply: WorkerMessage;
    try {
      reply = { kind: 'vectors', id: request.id, vectors: encoder.embed(request.texts) };
    } catch (error) {
      reply = { kind: 'error', id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply, reply.kind === 'vectors' ? [reply.vectors.buffer] : []);
  });
  const ready: WorkerMessage = { kind: 'ready' };
  port.postMessage(ready);
}
