import { parentPort } from 'node:worker_threads';
import { createLexicalIndexBuilder } from './lexical-index.js';
import type { LexicalThreadReply, LexicalThreadRequest } from './lexical-index-messages.js';

/**
 * The lexical index thread: builds BM25 indexes (several at once, by build number) from the chunks it
 * is sent, so the stage's thread can grow the vector index meanwhile.
 */
const port = parentPort;
if (port !== null) {
  const builds = new Map<number, ReturnType<typeof createLexicalIndexBuilder>>();
  const failures = new Map<number, string>();
  const reply = (message: LexicalThreadReply): void => port.postMessage(message);
  port.on('message', (request: LexicalThreadRequest) => {
    const { build } = request;
    if (request.kind === 'discard') {
      builds.delete(build);
      failures.delete(build);
      return;
    }
    if (request.kind === 'add') {
      if (failures.has(build)) return;
      try {
        let builder = builds.get(build);
        if (builder === undefined) {
          builder = createLexicalIndexBuilder();
          builds.set(build, builder);
        }
        builder.add(request.chunks);
      } catch (error) {
        builds.delete(build);
        failures.set(build, error instanceof Error ? error.message : String(error));
      }
      return;
    }
    const failure = failures.get(build);
    const builder = builds.get(build) ?? createLexicalIndexBuilder();
    builds.delete(build);
    failures.delete(build);
    if (failure !== undefined) {
      reply({ kind: 'failed', build, error: failure });
      return;
    }
    try {
      reply({ kind: 'serialized', build, json: builder.finish().serialize() });
    } catch (error) {
      reply({ kind: 'failed', build, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
