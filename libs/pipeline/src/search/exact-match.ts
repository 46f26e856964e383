import path from 'node:path';
import type { Chunk } from '@repolens/contracts';
import { codeTerms } from '../embedding/split-identifiers.js';
import { isStopword } from './code-tokenizer.js';
import { definedNames } from './defined-names.js';
import { closeNames, namesByLength } from './name-similarity.js';
import { isProjectSummary, passageRole } from './passage-role.js';
import { referencedFileBoosts, type FileChunks } from './referenced-files.js';
import type { QueryReferences } from './query-references.js';

/** Added to a chunk's fused score (at most 1) when the query names its symbol or file exactly. */
const SYMBOL_BOOST = 1;
/** `reply.code` for a member `code` of `FastifyReply`: the owner is written differently. */
const MEMBER_BOOST = 0.8;
const PATH_BOOST = 0.5;
/** Naming a file without its extension (`retry` for `retry.ts`) is a weaker hint. */
const FILE_STEM_BOOST = 0.15;
/**
 * A plain lowercase word in a sentence ("how does fastify parse…") that happens to be a symbol's name is
 * weak evidence the person means that symbol; written as code it is strong.
 */
const PLAIN_WORD_SYMBOL_BOOST = 0.15;

/** A name written as code that matches no definition exactly is looked up fuzzily; this scales the closeness. */
const CLOSE_NAME_BOOST = 0.8;
/** Close names taken per term: the closest only, so a common stem cannot boost half the repository. */
const MAX_CLOSE_NAMES = 8;
/** Terms looked up fuzzily per query (a pasted report can hold dozens of unknown names). */
const MAX_CLOSE_LOOKUPS = 4;

/** Chunk ids by lowercased name (symbols and what the code defines), path, file name and file stem. */
export interface ExactMatchLookup {
  /** The parser's symbols: names and members (`computeDelay` of `RetryPolicy.computeDelay`). */
  readonly symbols: ReadonlyMap<string, readonly number[]>;
  /** The symbols and every name the code defines (`definedNames`), with `owner.member` forms. */
  readonly names: ReadonlyMap<string, readonly number[]>;
  readonly paths: ReadonlyMap<string, readonly number[]>;
  readonly stems: ReadonlyMap<string, readonly number[]>;
  /** Each file's chunks with their lines, by lowercased file name, to resolve stack frames and paths. */
  readonly filesByName: ReadonlyMap<string, readonly FileChunks[]>;
  /** The project's name (lowercased), from its summary passage. */
  readonly projectNames: ReadonlySet<string>;
  /** `names`' keys by length, for close-name lookups. */
  readonly namesByLength: ReadonlyMap<number, readonly string[]>;
}

export function buildExactMatchLookup(chunks: readonly Chunk[]): ExactMatchLookup {
  const symbols = new Map<string, number[]>();
  const names = new Map<string, number[]>();
  const paths = new Map<string, number[]>();
  const stems = new Map<string, number[]>();
  const files = new Map<string, { path: string; chunks: Array<{ id: number; startLine: number; endLine: number }> }>();
  const add = (map: Map<string, number[]>, key: string, id: number): void => {
    const ids = map.get(key);
    if (ids === undefined) map.set(key, [id]);
    else if (ids.at(-1) !== id) ids.push(id);
  };
  const projectNames = new Set<string>();
  for (const chunk of chunks) {
    if (isProjectSummary(chunk) && chunk.symbol !== undefined) projectNames.add(chunk.symbol.toLowerCase());
    if (chunk.symbol !== undefined && chunk.kind === 'code') {
      const symbol = chunk.symbol.toLowerCase();
      // A method `RetryPolicy.computeDelay` is named by `computeDelay` as well.
      const member = symbol.split('.').at(-1);
      for (const map of [symbols, names]) {
        add(map, symbol, chunk.id);
        if (member !== undefined && member !== symbol) add(map, member, chunk.id);
      }
    }
    // Tests define helpers and callbacks named after what they test; the parser's symbols cover their
    // declarations, and reading them all would double the cost of loading a test-heavy index.
    if (chunk.kind === 'code' && passageRole(chunk) !== 'test') for (const name of definedNames(chunk.text)) add(names, name, chunk.id);
    if (chunk.kind === 'summary') continue; // it cites a file but is not its text
    const lowerPath = chunk.path.toLowerCase();
    const base = path.posix.basename(lowerPath);
    add(paths, lowerPath, chunk.id);
    if (base !== lowerPath) add(paths, base, chunk.id);
    const stem = base.replace(/\.[^.]+$/, '');
    if (stem !== base && stem.length >= 3) add(stems, stem, chunk.id);
    const file = files.get(lowerPath) ?? { path: lowerPath, chunks: [] };
    file.chunks.push({ id: chunk.id, startLine: chunk.startLine, endLine: chunk.endLine });
    files.set(lowerPath, file);
  }
  const filesByName = new Map<string, FileChunks[]>();
  for (const file of files.values()) {
    const base = path.posix.basename(file.path);
    filesByName.set(base, [...(filesByName.get(base) ?? []), file]);
  }
  return { symbols, names, paths, stems, filesByName, projectNames, namesByLength: namesByLength([...names.keys()].filter((name) => !name.includes('.'))) };
}

/** True for a term written as code: camelCase, snake_case, digits, a path or member access, or in backticks. */
function writtenAsCode(term: string, query: string): boolean {
  return /\p{Ll}\p{Lu}|_|\d|[./]/u.test(term) || query.includes(`\`${term}`);
}

export interface ExactMatchOptions {
  /** The whole query is a name (`HttpClient`, `retry.ts`), so every term counts as code. */
  readonly queryIsIdentifier?: boolean;
  /** Stack frames and paths in the query (`queryReferences`). */
  readonly references?: QueryReferences;
  /**
   * Look names written as code up fuzzily when nothing matches exactly: for typed queries, where typos
   * and partial names happen; a pasted report's names are copied, and near misses there are other names.
   */
  readonly closeNames?: boolean;
}

/**
 * The boost each chunk gets for being named by the query: a symbol or defined name (exactly, as
 * `owner.member`, or close to a name written as code), a file by path or name, and stack-trace frames.
 */
export function exactMatchBoosts(lookup: ExactMatchLookup, query: string, options: ExactMatchOptions = {}): Map<number, number> {
  const queryIsIdentifier = options.queryIsIdentifier ?? false;
  const references = options.references ?? { frames: [], paths: [] };
  const maxCloseLookups = (options.closeNames ?? true) ? MAX_CLOSE_LOOKUPS : 0;
  const terms = new Map<string, boolean>();
  const addTerm = (term: string, asCode: boolean): void => {
    const key = term.toLowerCase();
    if (key.length <= 1 || isStopword(key)) return;
    terms.set(key, (terms.get(key) ?? false) || asCode);
  };
  for (const term of codeTerms(query)) addTerm(term, queryIsIdentifier || writtenAsCode(term, query));
  // A frame's function is code even when it is a plain word (`at decorate (…)`).
  for (const frame of references.frames) if (frame.functionName !== null) addTerm(frame.functionName, true);

  const symbolHits = new Map<number, number>();
  const raise = (ids: readonly number[] | undefined, boost: number): void => {
    for (const id of ids ?? []) symbolHits.set(id, Math.max(symbolHits.get(id) ?? 0, boost));
  };
  const pathHits = new Set<number>();
  const stemHits = new Set<number>();
  let closeLookups = 0;
  for (const [term, asCode] of terms) {
    // The project's own name, written as a word, is in most questions about it and says nothing about
    // which part is meant; it is often also the name of the main file and function.
    const weak = !asCode && lookup.projectNames.has(term);
    const exact = lookup.names.get(term);
    if (asCode) raise(exact, SYMBOL_BOOST);
    // A plain word counts only for what the parser named: nested helpers and callbacks are named after
    // everyday words (`done`, `next`, `handle`) far more often than the declarations a question is about.
    else if (!weak) raise(lookup.symbols.get(term), PLAIN_WORD_SYMBOL_BOOST);
    // `reply.code` for `FastifyReply.code`: only where no definition is written as the query writes it.
    const member = asCode && exact === undefined ? memberHits(lookup, term) : [];
    raise(member, MEMBER_BOOST);
    for (const id of lookup.paths.get(term) ?? []) pathHits.add(id);
    if (!weak) for (const id of lookup.stems.get(term) ?? []) stemHits.add(id);
    const named = exact !== undefined || member.length > 0 || lookup.paths.has(term) || lookup.stems.has(term);
    if (asCode && !named && !term.includes('/') && closeLookups < maxCloseLookups) {
      closeLookups += 1;
      const close = closeNames(term.split('.').at(-1)!, lookup.namesByLength).sort((a, b) => b.closeness - a.closeness).slice(0, MAX_CLOSE_NAMES);
      for (const { name, closeness } of close) raise(lookup.names.get(name), CLOSE_NAME_BOOST * closeness);
    }
  }
  const boosts = new Map<number, number>(symbolHits);
  const add = (ids: Iterable<number>, boost: number): void => {
    for (const id of ids) boosts.set(id, (boosts.get(id) ?? 0) + boost);
  };
  add(pathHits, PATH_BOOST);
  // A stem hint only counts where the file was not already named in full.
  add([...stemHits].filter((id) => !pathHits.has(id)), FILE_STEM_BOOST);
  for (const [id, boost] of referencedFileBoosts(lookup.filesByName, references, pathHits)) add([id], boost);
  return boosts;
}

/** `owner.member` written with another owner than the definition's (`reply.code` for `FastifyReply.code`). */
function memberHits(lookup: ExactMatchLookup, term: string): number[] {
  const dot = term.lastIndexOf('.');
  if (dot <= 0 || dot === term.length - 1 || term.includes('/') || lookup.paths.has(term)) return [];
  const owner = term.slice(0, dot).split('.').at(-1)!;
  const member = term.slice(dot + 1);
  // `x.js`, `v1.2`: file names and versions, not members.
  if (owner.length < 3 || member.length < 3) return [];
  const hits: number[] = [];
  for (const [name, ids] of lookup.names) {
    if (name === term || !name.endsWith(`.${member}`)) continue;
    const definedOwner = name.slice(0, -member.length - 1);
    if (definedOwner.endsWith(owner) || owner.endsWith(definedOwner)) hits.push(...ids);
  }
  return hits;
}
