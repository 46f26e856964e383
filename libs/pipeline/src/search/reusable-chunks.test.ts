import type { Chunk } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { CHUNKER_VERSION, reusableChunks, type ChunkingConditions, type PreviousChunks } from './reusable-chunks.js';

const CONDITIONS: ChunkingConditions = { chunkerVersion: CHUNKER_VERSION, analyzerVersion: 1, modelId: 'repolens/code-embed-v1', maxFileBytes: 1_000_000 };
const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);

function chunk(id: number, path: string, kind: Chunk['kind'], lines: [number, number], language: string | null = 'TypeScript'): Chunk {
  return { id, path, kind, startLine: lines[0], endLine: lines[1], language, text: `// path: ${path} · ${kind} ${id}` };
}

const CHUNKS: Chunk[] = [
  // The project summary, cited at the README: no language.
  chunk(0, 'README.md', 'summary', [1, 5], null),
  chunk(1, 'README.md', 'readme', [1, 5], 'markdown'),
  chunk(2, 'docs/guide.md', 'docs', [1, 4], 'markdown'),
  chunk(3, 'src/long.ts', 'summary', [1, 240]),
  chunk(4, 'src/long.ts', 'code', [1, 120]),
  chunk(5, 'src/long.ts', 'code', [121, 240]),
  chunk(6, 'src/small.ts', 'code', [1, 3]),
];

function previous(overrides: Partial<PreviousChunks> = {}): PreviousChunks {
  const blobIds = new Map(['README.md', 'docs/guide.md', 'src/long.ts', 'src/small.ts'].map((path) => [path, OLD]));
  return { chunks: CHUNKS, blobIds, conditions: CONDITIONS, ...overrides };
}

const unchanged = new Map(['README.md', 'docs/guide.md', 'src/long.ts', 'src/small.ts'].map((path) => [path, OLD]));

describe('which chunks a re-analysis takes from the previous run', () => {
  it("takes an unchanged file's code chunks (without ids) with the line count its new summary needs, and a document's sections", () => {
    const reusable = reusableChunks(previous(), { blobIds: unchanged, conditions: CONDITIONS });
    const long = reusable.codeFile('src/long.ts');
    expect(long?.code.map((draft) => [draft.startLine, draft.endLine])).toEqual([
      [1, 120],
      [121, 240],
    ]);
    expect(long?.code[0]).not.toHaveProperty('id');
    expect(long?.lineCount).toBe(240);
    expect(reusable.codeFile('src/small.ts')).toMatchObject({ code: [{ path: 'src/small.ts', startLine: 1, endLine: 3 }], lineCount: null });
    expect(reusable.documentationFile('docs/guide.md')).toMatchObject([{ path: 'docs/guide.md', kind: 'docs' }]);
    expect(reusable.filesReused).toBe(3);
  });

  it('cuts again a file whose blob id changed, one git does not track, and one that had no chunks', () => {
    const now = new Map(unchanged);
    now.set('src/small.ts', NEW);
    now.delete('docs/guide.md');
    const reusable = reusableChunks(previous(), { blobIds: now, conditions: CONDITIONS });
    expect(reusable.codeFile('src/small.ts')).toBeUndefined();
    expect(reusable.documentationFile('docs/guide.md')).toBeUndefined();
    expect(reusable.codeFile('src/empty.ts')).toBeUndefined();
    expect(reusable.codeFile('src/long.ts')).toBeDefined();
    expect(reusable.filesReused).toBe(1);
  });

  it('never takes a several-chunk file whose summary (its line count) is missing', () => {
    const reusable = reusableChunks(previous({ chunks: CHUNKS.filter((entry) => entry.id !== 3) }), { blobIds: unchanged, conditions: CONDITIONS });
    expect(reusable.codeFile('src/long.ts')).toBeUndefined();
  });

  it('takes nothing cut by another chunker, another analyser version, another model, another size limit, or with no analyser version', () => {
    const others: ChunkingConditions[] = [
      { ...CONDITIONS, chunkerVersion: CHUNKER_VERSION + 1 },
      { ...CONDITIONS, analyzerVersion: 2 },
      { ...CONDITIONS, modelId: 'Xenova/all-MiniLM-L6-v2' },
      { ...CONDITIONS, modelId: null },
      { ...CONDITIONS, maxFileBytes: 1_000 },
      { ...CONDITIONS, analyzerVersion: null },
    ];
    for (const conditions of others) {
      const reusable = reusableChunks(previous(), { blobIds: unchanged, conditions });
      expect(reusable.codeFile('src/small.ts')).toBeUndefined();
      expect(reusable.documentationFile('docs/guide.md')).toBeUndefined();
    }
    const unversioned = { ...CONDITIONS, analyzerVersion: null };
    expect(reusableChunks(previous({ conditions: unversioned }), { blobIds: unchanged, conditions: unversioned }).codeFile('src/small.ts')).toBeUndefined();
    expect(reusableChunks(null, { blobIds: unchanged, conditions: CONDITIONS }).codeFile('src/small.ts')).toBeUndefined();
  });
});
