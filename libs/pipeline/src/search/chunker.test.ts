import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CodeSymbol, FileAnalysis, MetadataResult, StructureResult } from '@repolens/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../embedding/embedder.js';
import { approximateTokenCounter, type TokenCounter } from '../embedding/token-counter.js';
import { analyzeSource } from '../parsing/analyze-source.js';
import { CodeParser } from '../parsing/code-parser.js';
import { buildChunks, splitLines, type ChunkerInput } from './chunker.js';

const modelsDir = fileURLToPath(new URL('../../../../models/', import.meta.url));
const stubScript = fileURLToPath(new URL('../../../../scripts/make-stub-model.mjs', import.meta.url));

const RETRY_SOURCE = `import { sleep } from './sleep.js';
import type { Options } from './options.js';

export const DEFAULT_BASE_MS = 100;
export const MAX_DELAY_MS = 30_000;
const JITTER = 0.2;

/**
 * Computes how long to wait before the next attempt: exponential backoff with jitter.
 */
export function computeRetryDelay(attempt: number): number {
  const exponential = DEFAULT_BASE_MS * 2 ** attempt;
  return Math.min(MAX_DELAY_MS, exponential * (1 + JITTER * Math.random()));
}

export interface RetryOptions {
  attempts: number;
}
`;

function symbol(name: string, kind: CodeSymbol['kind'], startLine: number, endLine: number, parent?: string): CodeSymbol {
  return { name, kind, startLine, endLine, exported: true, ...(parent === undefined ? {} : { parent }) };
}

function analysis(path: string, content: string, symbols: CodeSymbol[]): FileAnalysis {
  return {
    path,
    language: 'typescript',
    category: 'source',
    lines: splitLines(content).length,
    lineStats: { code: splitLines(content).length, comment: 0, blank: 0 },
    bytes: Buffer.byteLength(content),
    symbols,
    imports: [],
    exports: [],
  };
}

const README = `# Retry kit

## Installation

Run npm install retry-kit.

## Usage

Call computeRetryDelay(attempt) before each retry.
`;

const metadata: MetadataResult = {
  name: 'retry-kit',
  description: 'Backoff helpers for flaky networks',
  readme: {
    path: 'README.md',
    sections: [
      { heading: 'Retry kit', level: 1, text: '# Retry kit', startLine: 1, endLine: 2 },
      { heading: 'Installation', level: 2, text: '## Installation\n\nRun npm install retry-kit.', startLine: 3, endLine: 6 },
      { heading: 'Usage', level: 2, text: '## Usage\n\nCall computeRetryDelay(attempt) before each retry.', startLine: 7, endLine: 9 },
    ],
  },
  dependencies: [{ ecosystem: 'npm', manifest: 'package.json', name: 'p-limit', version: '^5.0.0', kind: 'runtime' }],
  license: { spdxId: 'MIT', file: 'LICENSE' },
  git: { branch: 'main', commit: 'a'.repeat(40), commitCount: 3, contributors: [], lastCommitDate: null, historyTruncated: false },
  configFiles: ['package.json'],
  workspaces: [],
  commitActivity: [],
  ciFiles: [],
  dockerFiles: [],
};

const structure: StructureResult = {
  files: [],
  totalFiles: 5,
  totalBytes: 9_000,
  directories: 1,
  languages: [{ language: 'TypeScript', files: 3, bytes: 8_000 }],
  keyDirectories: [{ path: 'src', kind: 'source' }],
  largestFiles: [],
  maxDepth: 1,
  categories: { source: 3, test: 0, docs: 1, config: 1, generated: 0, vendored: 0, binary: 0 },
  skipped: [],
};

async function chunksFor(files: Record<string, string>, analyses: FileAnalysis[], extra: Partial<ChunkerInput> = {}) {
  return buildChunks({
    files: analyses,
    readme: metadata.readme,
    metadata,
    structure,
    readFile: async (path) => files[path] ?? null,
    ...extra,
  });
}

/** The guide: an introduction, a short section, and a long one of many paragraphs. */
function guide(): string {
  const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} explains how retries back off when the server answers ${500 + i}.\nIt continues on a second line.`);
  return ['Read this first.', '', '## Setup', '', 'Install the package.', '', '## Behaviour', '', paragraphs.join('\n\n'), ''].join('\n');
}

describe('buildChunks', () => {
  let modelTokens: TokenCounter;

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [stubScript, '--if-missing']);
    const embedder = await loadEmbedder({ modelId: 'repolens/code-embed-stub', modelsDir, allowRemoteModels: false, batchSize: 8 });
    if (embedder.tokens === undefined) throw new Error('the stub model has no token counter');
    modelTokens = embedder.tokens;
  });

  it('cuts a real source file to the model\'s token budget, counted by its tokenizer, keeping every line of code', async () => {
    const path = 'src/wordpiece-tokenizer.ts';
    const content = await readFile(new URL('../embedding/wordpiece-tokenizer.ts', import.meta.url), 'utf8');
    const outline = analyzeSource(new CodeParser(), 'typescript', content);
    const file = { ...analysis(path, content, outline.symbols), language: 'TypeScript' };
    const chunks = (await chunksFor({ [path]: content }, [file], { tokens: modelTokens })).filter((c) => c.path === path);
    const code = chunks.filter((c) => c.kind === 'code');

    expect(modelTokens.maxTokens).toBe(510);
    for (const chunk of chunks) expect(modelTokens.count(chunk.text)).toBeLessThanOrEqual(510);
    // The class is far over the budget: its methods come out whole, under their own names.
    expect(code.map((c) => c.symbol)).toEqual(expect.arrayContaining(['WordPieceTokenizer.encode', 'WordPieceTokenizer.countTokens']));
    const encode = outline.symbols.find((s) => s.name === 'encode');
    expect(code.find((c) => c.symbol === 'WordPieceTokenizer.encode')?.endLine).toBe(encode?.endLine);
    // Every line with code on it is in a chunk, except lone lines such as a closing brace.
    const lines = splitLines(content);
    const covered = new Set(code.flatMap((c) => Array.from({ length: c.endLine - c.startLine + 1 }, (_, i) => c.startLine + i)));
    const missed = lines.flatMap((line, i) => (line.trim() === '' || covered.has(i + 1) ? [] : [line.trim()]));
    expect(missed.filter((line) => !/^[})\]];?$/.test(line))).toEqual([]);
    // A file cut into several chunks also gets a summary of the whole file.
    const summary = chunks.find((c) => c.kind === 'summary');
    expect(summary).toMatchObject({ startLine: 1, endLine: lines.length });
    expect(summary?.text).toContain('class WordPieceTokenizer (methods');
  });

  it('without a model, cuts to an estimate of a BERT tokenizer\'s count', async () => {
    const statements = Array.from({ length: 300 }, (_, i) => `  total += weigh(items[${i}], options.factor${i});`);
    const content = ['export function weighAll(items: number[], options: Options): number {', '  let total = 0;', ...statements, '  return total;', '}', ''].join('\n');
    const chunks = await chunksFor({ 'src/weigh.ts': content }, [analysis('src/weigh.ts', content, [symbol('weighAll', 'function', 1, 304)])]);
    const code = chunks.filter((c) => c.kind === 'code');
    const estimate = approximateTokenCounter();

    expect(code.length).toBeGreaterThan(1);
    for (const chunk of code) expect(estimate.count(chunk.text)).toBeLessThanOrEqual(estimate.maxTokens);
    expect(code.every((c) => c.symbol === 'weighAll')).toBe(true);
  });

  it('makes README sections and other documentation sections into chunks of their own, a long one split at paragraphs', async () => {
    const docs = guide();
    const withDocs = { ...structure, files: [{ path: 'docs/guide.md', size: docs.length, language: 'Markdown', category: 'docs' as const }] };
    const chunks = await chunksFor({ 'README.md': README, 'docs/guide.md': docs }, [], { structure: withDocs, tokens: modelTokens });

    const readme = chunks.filter((c) => c.kind === 'readme');
    expect(readme.map((c) => [c.symbol, c.startLine, c.endLine])).toEqual([
      ['Installation', 3, 5],
      ['Usage', 7, 9],
    ]);
    expect(readme[1]?.text).toBe('// path: README.md · section Usage\n## Usage\n\nCall computeRetryDelay(attempt) before each retry.');

    const withoutDocs = await chunksFor({ 'README.md': README, 'docs/guide.md': docs }, [], { structure: withDocs, tokens: modelTokens, documentation: false });
    expect(withoutDocs.filter((c) => c.kind === 'docs')).toEqual([]);
    expect(withoutDocs.filter((c) => c.kind === 'readme')).toHaveLength(2);

    const guideChunks = chunks.filter((c) => c.kind === 'docs');
    expect(guideChunks[0]).toMatchObject({ path: 'docs/guide.md', startLine: 1, endLine: 1, language: 'markdown' });
    expect(guideChunks[1]).toMatchObject({ symbol: 'Setup', startLine: 3, endLine: 5 });
    const behaviour = guideChunks.filter((c) => c.symbol === 'Behaviour');
    expect(behaviour.length).toBeGreaterThan(1);
    const guideLines = splitLines(docs);
    for (const part of behaviour) {
      expect(modelTokens.count(part.text)).toBeLessThanOrEqual(modelTokens.maxTokens);
      // Each part starts at a heading or a paragraph, never in the middle of one.
      expect(guideLines[part.startLine - 1]).toMatch(/^(## Behaviour|Paragraph \d+ )/);
    }
  });

  it('adds a project summary and a structure overview citing the README, and numbers chunks from 0', async () => {
    const withFiles = {
      ...structure,
      files: [
        { path: 'src/retry.ts', size: 500, language: 'TypeScript', category: 'source' as const },
        { path: 'src/client.ts', size: 500, language: 'TypeScript', category: 'source' as const },
        { path: 'docs/notes.txt', size: 50, language: null, category: 'docs' as const },
      ],
    };
    const importGraph = { edges: [['src/client.ts', 'src/retry.ts']] as Array<[string, string]>, mostImported: [{ path: 'src/retry.ts', importedBy: 1 }], entryPoints: ['src/client.ts'], cycles: [], unresolved: 0 };
    const chunks = await chunksFor({ 'README.md': README, 'src/retry.ts': RETRY_SOURCE }, [analysis('src/retry.ts', RETRY_SOURCE, [symbol('computeRetryDelay', 'function', 11, 14)])], {
      structure: withFiles,
      importGraph,
    });
    const [summary, overview] = chunks.filter((c) => c.kind === 'summary');

    expect(summary).toMatchObject({ path: 'README.md', startLine: 1, endLine: 2, symbol: 'retry-kit' });
    expect(summary?.text).toContain('Description: Backoff helpers for flaky networks');
    expect(summary?.text).toContain('Languages: TypeScript (3 files)');
    expect(summary?.text).toContain('Runtime dependencies (package.json): p-limit');
    expect(summary?.text).toContain('Key directories: src/ (source)');
    expect(overview).toMatchObject({ path: 'README.md', startLine: 1, endLine: 2 });
    expect(overview?.symbol).toBeUndefined();
    expect(overview?.text).toContain('Top-level directories: src/ (2 files, mostly TypeScript), docs/ (1 files)');
    expect(overview?.text).toContain('Entry points: src/client.ts');
    expect(overview?.text).toContain('Most imported files: src/retry.ts (imported by 1)');
    expect(chunks.map((c) => c.id)).toEqual(chunks.map((_, i) => i));
  });

  it('skips files that cannot be read', async () => {
    const chunks = await chunksFor({}, [analysis('src/gone.ts', RETRY_SOURCE, [symbol('computeRetryDelay', 'function', 11, 14)])]);
    expect(chunks.filter((c) => c.path === 'src/gone.ts')).toEqual([]);
  });
});
