import type { Chunk } from '@repolens/contracts';
import { splitIdentifier } from '@repolens/pipeline';

// A large corpus made from a real repository's chunks: copy n of a chunk is the same code moved under
// another package directory, with some of its identifiers renamed the way real code names things
// (other verbs, suffixes), so copies are neither identical for the index nor unlike real code.

const VERB_SWAPS: Readonly<Record<string, readonly string[]>> = {
  get: ['fetch', 'load', 'read', 'resolve'],
  set: ['store', 'write', 'put', 'assign'],
  create: ['make', 'build', 'new', 'init'],
  parse: ['read', 'decode', 'scan', 'tokenize'],
  handle: ['process', 'on', 'dispatch', 'route'],
  is: ['has', 'can', 'should', 'was'],
  to: ['as', 'into', 'from', 'with'],
  add: ['append', 'push', 'insert', 'register'],
  run: ['exec', 'start', 'invoke', 'call'],
};
const SUFFIXES = ['Async', 'Impl', 'V2', 'Internal', 'Sync', 'Legacy'];
const PACKAGES = ['core', 'server', 'client', 'shared', 'utils', 'plugins', 'adapters', 'cli'];
const IDENTIFIER = /\b[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+\b/g;

/** A small deterministic hash of a string and a number, for seeded choices. */
function hash(text: string, seed: number): number {
  let h = (seed * 0x9e3779b1) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The identifier as copy `copy` names it: the same for every occurrence, so symbol and text agree. */
function varyIdentifier(identifier: string, copy: number): string {
  const choice = hash(identifier, copy) % 8;
  const words = splitIdentifier(identifier);
  const head = words[0]?.toLowerCase() ?? '';
  const swaps = VERB_SWAPS[head];
  if (choice < 3 && swaps !== undefined) return `${swaps[choice % swaps.length]}${identifier.slice(head.length)}`;
  if (choice === 3) return `${identifier}${SUFFIXES[hash(identifier, copy + 1) % SUFFIXES.length]}`;
  return identifier;
}

function packageDirectory(copy: number): string {
  return `packages/${PACKAGES[copy % PACKAGES.length]}-${Math.floor(copy / PACKAGES.length) + 1}/`;
}

/** Copy `copy` of a chunk, numbered `id`; copy 0 is the chunk itself. */
export function chunkCopy(chunk: Chunk, copy: number, id: number): Chunk {
  if (copy === 0) return { ...chunk, id };
  const movedPath = `${packageDirectory(copy)}${chunk.path}`;
  const vary = (text: string): string => text.replace(IDENTIFIER, (identifier) => varyIdentifier(identifier, copy));
  return {
    ...chunk,
    id,
    path: movedPath,
    ...(chunk.symbol === undefined ? {} : { symbol: vary(chunk.symbol) }),
    text: vary(chunk.text.replace(chunk.path, movedPath)),
  };
}

/** `size` chunks: the originals, then copies of them in turn. */
export function syntheticCorpus(chunks: readonly Chunk[], size: number): Chunk[] {
  if (chunks.length === 0) throw new Error('no chunks to build a corpus from');
  const corpus: Chunk[] = [];
  for (let id = 0; id < size; id++) {
    const original = chunks[id % chunks.length];
    if (original !== undefined) corpus.push(chunkCopy(original, Math.floor(id / chunks.length), id));
  }
  return corpus;
}

/** A seeded generator of numbers in [0, 1), so the queries are the same from run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export type QueryKind = 'identifier' | 'question' | 'bug report';

/** Queries of three kinds about random code chunks of the corpus: a symbol name, a question, a pasted bug report. */
export function corpusQueries(corpus: readonly Chunk[], perKind: number, seed: number): Array<{ kind: QueryKind; text: string }> {
  const random = seededRandom(seed);
  const named = corpus.filter((chunk) => chunk.kind === 'code' && chunk.symbol !== undefined);
  if (named.length === 0) throw new Error('the corpus has no code chunk with a symbol to ask about');
  const pick = (): Chunk => named[Math.floor(random() * named.length)] ?? (named[0] as Chunk);
  const words = (chunk: Chunk): string => splitIdentifier(chunk.symbol?.split('.').at(-1) ?? '').join(' ').toLowerCase();
  const frame = (chunk: Chunk): string => `    at ${chunk.symbol} (${chunk.path}:${chunk.startLine + 2}:${5 + Math.floor(random() * 20)})`;
  const queries: Array<{ kind: QueryKind; text: string }> = [];
  const questions = ['how does {} work', 'where is the {} handled', 'what happens when {} fails', 'why would {} return nothing'];
  for (let i = 0; i < perKind; i++) {
    queries.push({ kind: 'identifier', text: pick().symbol ?? '' });
    queries.push({ kind: 'question', text: (questions[i % questions.length] ?? '{}').replace('{}', words(pick())) });
    const about = pick();
    queries.push({
      kind: 'bug report',
      text: [
        `Since upgrading, calling ${about.symbol} intermittently fails in production. It worked in the previous release`,
        `and nothing changed on our side. The ${words(about)} step seems to receive an unexpected value.`,
        `TypeError: Cannot read properties of undefined (reading '${words(pick()).split(' ')[0] ?? 'value'}')`,
        frame(about),
        frame(pick()),
        frame(pick()),
        'Expected the call to succeed or to report a clear error.',
      ].join('\n'),
    });
  }
  return queries;
}
