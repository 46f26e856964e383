import type { QueryReferences } from './query-references.js';

/** One file of the index with its chunks' lines. */
export interface FileChunks {
  /** Lowercased repository path. */
  readonly path: string;
  readonly chunks: ReadonlyArray<{ readonly id: number; readonly startLine: number; readonly endLine: number }>;
}

/** The chunk holding a stack frame's line: where the error was raised or passed through. */
const FRAME_LINE_BOOST = 1.2;
/** Other chunks of a frame's file, and of a file the query names by a path the index writes differently. */
const FRAME_FILE_BOOST = 0.3;
const PATH_BOOST = 0.5;
/** File names most projects have. */
const GENERIC_FILE_NAMES = /^(index|main|app|server|cli|mod|lib|__init__|__main__|utils?|helpers?|config|setup|types|constants)\.[a-z0-9]+$/;
/** Frames further down the stack say less about where the problem is. */
const FRAME_DECAY = 0.8;
const MIN_FRAME_WEIGHT = 0.4;

/**
 * Boosts for files a query points at: each stack frame's file (most for the chunk holding its line,
 * most for the top frames) and each path written in the query. Paths are matched to the repository by
 * their trailing segments, so `/srv/app/node_modules/fastify/lib/reply.js` and `lib/reply.js` both find
 * `lib/reply.js`, and `Bar.java` finds `src/main/java/com/acme/Bar.java`. `alreadyNamed`: chunks the
 * exact path lookup has boosted, which a plain path does not boost twice.
 */
export function referencedFileBoosts(
  filesByName: ReadonlyMap<string, readonly FileChunks[]>,
  references: QueryReferences,
  alreadyNamed: ReadonlySet<number>,
): Map<number, number> {
  const boosts = new Map<number, number>();
  const raise = (id: number, boost: number): void => {
    boosts.set(id, Math.max(boosts.get(id) ?? 0, boost));
  };
  let weight = 1;
  for (const frame of references.frames) {
    const files = matchingFiles(filesByName, frame.path);
    if (files.length === 0) continue; // a frame of the caller's own code or of another package
    for (const file of files) {
      for (const chunk of file.chunks) {
        const holdsLine = frame.line !== null && chunk.startLine <= frame.line && chunk.endLine >= frame.line;
        raise(chunk.id, weight * (holdsLine ? FRAME_LINE_BOOST : FRAME_FILE_BOOST));
      }
    }
    weight = Math.max(MIN_FRAME_WEIGHT, weight * FRAME_DECAY);
  }
  for (const written of references.paths) {
    for (const file of matchingFiles(filesByName, written)) {
      for (const chunk of file.chunks) if (!alreadyNamed.has(chunk.id)) raise(chunk.id, PATH_BOOST);
    }
  }
  return boosts;
}

/**
 * The repository files a written path means: those whose path ends with it (`lib/reply.js` for `reply.js`),
 * or that it ends with (`/srv/app/node_modules/fastify/lib/reply.js` for `lib/reply.js`), or that share its
 * last three segments (another checkout layout); the longest match wins. `/app/src/db.js` does not mean
 * `lib/db.js`: their paths part before the file name.
 */
export function matchingFiles(filesByName: ReadonlyMap<string, readonly FileChunks[]>, written: string): FileChunks[] {
  const segments = written.toLowerCase().split('/').filter((segment) => segment !== '' && segment !== '.');
  const name = segments.at(-1);
  if (name === undefined) return [];
  let best: FileChunks[] = [];
  let bestShared = 0;
  for (const file of filesByName.get(name) ?? []) {
    const fileSegments = file.path.split('/');
    let shared = 0;
    while (shared < segments.length && shared < fileSegments.length && segments.at(-1 - shared) === fileSegments.at(-1 - shared)) shared += 1;
    // A file at the root matches any path ending in its name; for a name every project has, that is
    // more likely the caller's own file (`/app/src/routes/index.js` is not the repository's `index.js`).
    const genericRootMatch = shared === 1 && segments.length > 1 && GENERIC_FILE_NAMES.test(name);
    const means = (shared === segments.length || shared === fileSegments.length || shared >= 3) && !genericRootMatch;
    if (!means || shared < bestShared) continue;
    if (shared > bestShared) best = [];
    best.push(file);
    bestShared = shared;
  }
  return best;
}
