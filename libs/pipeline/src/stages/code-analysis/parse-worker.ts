import { parentPort } from 'node:worker_threads';
import { CodeParser } from '../../parsing/code-parser.js';
import { analyzeFile } from './analyze-file.js';
import type { ParseReply, ParseRequest } from './parse-messages.js';
import { createSourceFileReader } from './read-source-file.js';
import type { SourceFileReader } from './read-source-file.js';

/**
 * A worker thread of the parse pool, with its own parsers (tree-sitter parsers belong to a thread):
 * reads one file per message, analyses it and sends the analysis back. Neither reading nor
 * analyzeFile throws, so every request gets its reply.
 */
const port = parentPort;
if (port !== null) {
  const parser = new CodeParser();
  // One reader per checkout, so its directory checks are cached across the run's files.
  const readers = new Map<string, SourceFileReader>();
  port.on('message', (request: ParseRequest) => {
    const key = `${request.files.maxFileBytes}:${request.files.checkoutDir}`;
    let read = readers.get(key);
    if (read === undefined) {
      read = createSourceFileReader(request.files);
      readers.clear();
      readers.set(key, read);
    }
    const reply: ParseReply = { id: request.id, ...analyzeFile(parser, request.file, read(request.file.path)) };
    port.postMessage(reply);
  });
}
