import type { CodeSymbol, FileAnalysis, MetadataResult, StructureResult } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { buildChunks, splitLines } from './chunker.js';

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

/** A class of 3 methods, 50 lines each, with a doc comment per method: 150+ lines in all. */
function longClassSource(): { content: string; symbols: CodeSymbol[] } {
  const lines = ['export class RetryPolicy {', '  private attempts = 0;', '  private readonly limit = 5;', ''];
  const symbols: CodeSymbol[] = [];
  for (const name of ['shouldRetry', 'nextDelay', 'reset']) {
    lines.push(`  /** ${name} of the policy. */`);
    const start = lines.length + 1;
    lines.push(`  ${name}(): number {`);
    for (let i = 0; i < 47; i++) lines.push(`    const step${i} = this.attempts + ${i};`);
    lines.push('    return 0;', '  }');
    symbols.push(symbol(name, 'method', start, lines.length, 'RetryPolicy'));
  }
  lines.push('}');
  symbols.unshift(symbol('RetryPolicy', 'class', 1, lines.length));
  return { content: `${lines.join('\n')}\n`, symbols };
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
  categories: { source: 0, test: 0, docs: 0, config: 0, generated: 0, vendored: 0, binary: 0 },
  skipped: [],
};

async function chunksFor(files: Record<string, string>, analyses: FileAnalysis[]) {
  return buildChunks({
    files: analyses,
    readme: metadata.readme,
    metadata,
    structure,
    readFile: async (path) => files[path] ?? null,
  });
}

describe('buildChunks', () => {
  it('cuts a source file into its functions and types, doc comments included, and its loose code', async () => {
    const file = analysis('src/retry.ts', RETRY_SOURCE, [
      symbol('computeRetryDelay', 'function', 11, 14),
      symbol('RetryOptions', 'interface', 16, 18),
    ]);
    const chunks = (await chunksFor({ 'src/retry.ts': RETRY_SOURCE }, [file])).filter((c) => c.kind === 'code');

    expect(chunks.map((c) => [c.symbol, c.startLine, c.endLine])).toEqual([
      [undefined, 1, 6], // imports and constants
      ['computeRetryDelay', 8, 14], // starts at the doc comment
      ['RetryOptions', 16, 18],
    ]);
    const fn = chunks[1];
    expect(fn?.text.split('\n')[0]).toBe('// path: src/retry.ts · function computeRetryDelay');
    expect(fn?.text.split('\n').slice(1)).toEqual(splitLines(RETRY_SOURCE).slice(7, 14));
    expect(fn).toMatchObject({ path: 'src/retry.ts', language: 'typescript', symbolKind: 'function' });
  });

  it('splits a class longer than 120 lines into its header and one chunk per method', async () => {
    const { content, symbols } = longClassSource();
    const chunks = await chunksFor({ 'src/policy.ts': content }, [analysis('src/policy.ts', content, symbols)]);
    const code = chunks.filter((c) => c.kind === 'code');

    expect(code.map((c) => [c.symbol, c.symbolKind, c.startLine, c.endLine])).toEqual([
      ['RetryPolicy', 'class', 1, 4],
      ['RetryPolicy.shouldRetry', 'method', 5, 55],
      ['RetryPolicy.nextDelay', 'method', 56, 106],
      ['RetryPolicy.reset', 'method', 107, 157],
    ]);
    expect(code[2]?.text.split('\n')[1]).toBe('  /** nextDelay of the policy. */');
    expect(code.every((c) => c.endLine - c.startLine < 120)).toBe(true);
  });

  it('cuts a file without symbols into overlapping windows of about 80 lines', async () => {
    const content = Array.from({ length: 200 }, (_, i) => `console.log(${i});`).join('\n');
    const chunks = await chunksFor({ 'scripts/run.js': content }, [analysis('scripts/run.js', content, [])]);
    const ranges = chunks.filter((c) => c.kind === 'code').map((c) => [c.startLine, c.endLine]);

    expect(ranges).toEqual([
      [1, 80],
      [71, 150],
      [141, 200],
    ]);
  });

  it('makes README sections with content into readme chunks with their line ranges', async () => {
    const chunks = await chunksFor({ 'README.md': README }, []);
    const readme = chunks.filter((c) => c.kind === 'readme');

    expect(readme.map((c) => [c.symbol, c.startLine, c.endLine])).toEqual([
      ['Installation', 3, 6],
      ['Usage', 7, 9],
    ]);
    expect(readme[1]?.text).toBe('// path: README.md · section Usage\n## Usage\n\nCall computeRetryDelay(attempt) before each retry.');
  });

  it('adds one summary chunk citing the README, and numbers chunks from 0', async () => {
    const chunks = await chunksFor({ 'README.md': README, 'src/retry.ts': RETRY_SOURCE }, [
      analysis('src/retry.ts', RETRY_SOURCE, [symbol('computeRetryDelay', 'function', 11, 14)]),
    ]);
    const summary = chunks.find((c) => c.kind === 'summary');

    expect(summary).toMatchObject({ path: 'README.md', startLine: 1, endLine: 2, symbol: 'retry-kit' });
    expect(summary?.text).toContain('Description: Backoff helpers for flaky networks');
    expect(summary?.text).toContain('Languages: TypeScript (3 files)');
    expect(summary?.text).toContain('Runtime dependencies (package.json): p-limit');
    expect(summary?.text).toContain('Key directories: src/ (source)');
    expect(chunks.map((c) => c.id)).toEqual(chunks.map((_, i) => i));
  });

  it('skips files that cannot be read', async () => {
    const chunks = await chunksFor({}, [analysis('src/gone.ts', RETRY_SOURCE, [symbol('computeRetryDelay', 'function', 11, 14)])]);
    expect(chunks.filter((c) => c.path === 'src/gone.ts')).toEqual([]);
  });
});
