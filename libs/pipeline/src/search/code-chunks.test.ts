import type { CodeSymbol, FileAnalysis } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import type { TokenCounter } from '../embedding/token-counter.js';
import { CodeParser } from '../parsing/code-parser.js';
import { chunkBudget } from './chunk-budget.js';
import { splitLines } from './chunk-text.js';
import { codeChunks } from './code-chunks.js';
import { syntaxCutCosts } from './cut-costs.js';

/** One token per whitespace-separated word: easy to count by eye. */
function wordCounter(maxTokens: number): TokenCounter {
  return { maxTokens, count: (text) => text.split(/\s+/).filter((word) => word !== '').length };
}

function symbol(name: string, kind: CodeSymbol['kind'], startLine: number, endLine: number, parent?: string): CodeSymbol {
  return { name, kind, startLine, endLine, exported: true, ...(parent === undefined ? {} : { parent }) };
}

function analysis(path: string, content: string, symbols: CodeSymbol[], language = 'TypeScript'): FileAnalysis {
  const lines = splitLines(content).length;
  return { path, language, category: 'source', lines, lineStats: { code: lines, comment: 0, blank: 0 }, bytes: content.length, symbols, imports: [], exports: [] };
}

const tokensOf = (counter: TokenCounter, text: string): number => counter.count(text);

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

/** A class of 3 methods with a doc comment each; 47 statements make a method 50 lines (about 300 words). */
function classSource(statements = 47): { content: string; symbols: CodeSymbol[]; lineCount: number } {
  const lines = ['export class RetryPolicy {', '  private attempts = 0;', '  private readonly limit = 5;', ''];
  const symbols: CodeSymbol[] = [];
  for (const name of ['shouldRetry', 'nextDelay', 'reset']) {
    lines.push(`  /** ${name} of the policy. */`);
    const start = lines.length + 1;
    lines.push(`  ${name}(): number {`);
    for (let i = 0; i < statements; i++) lines.push(`    const step${i} = this.attempts + ${i};`);
    lines.push('    return 0;', '  }');
    symbols.push(symbol(name, 'method', start, lines.length, 'RetryPolicy'));
  }
  lines.push('}');
  symbols.unshift(symbol('RetryPolicy', 'class', 1, lines.length));
  return { content: `${lines.join('\n')}\n`, symbols, lineCount: lines.length };
}

/**
 * A long function whose statements include a template literal over three lines, its last indented like a
 * statement after a blank line (indentation alone would cut there), and an if block.
 */
function longFunctionSource(): string {
  const body: string[] = [];
  for (let i = 0; i < 12; i++) {
    body.push(`  const value${i} = compute(input, ${i});`);
    body.push(`  const note${i} = \`step ${i} of the pipeline`, '', `  finished with \${value${i}}\`;`);
    body.push(`  if (value${i} > limit) {`, `    throw new Error(note${i});`, `  }`);
  }
  return ['export function runPipeline(input: number, limit: number): void {', ...body, '}', ''].join('\n');
}

describe('codeChunks', () => {
  it('keeps whole functions and types with their doc comments, merging small loose code into a small neighbour', () => {
    const budget = chunkBudget(wordCounter(400));
    const file = analysis('src/retry.ts', RETRY_SOURCE, [symbol('computeRetryDelay', 'function', 11, 14), symbol('RetryOptions', 'interface', 16, 18)]);
    const chunks = codeChunks(file, splitLines(RETRY_SOURCE), budget);

    // The imports and constants (lines 1-6) are small, so they join the function below; two named
    // symbols never share a chunk.
    expect(chunks.map((c) => [c.symbol, c.symbolKind, c.startLine, c.endLine])).toEqual([
      ['computeRetryDelay', 'function', 1, 14],
      ['RetryOptions', 'interface', 16, 18],
    ]);
    expect(chunks[0]?.text.split('\n')[0]).toBe('// path: src/retry.ts · function computeRetryDelay');
    expect(chunks[0]?.text.split('\n').slice(1)).toEqual(splitLines(RETRY_SOURCE).slice(0, 14));
    expect(chunks[0]).toMatchObject({ path: 'src/retry.ts', language: 'TypeScript', kind: 'code' });
  });

  it('keeps a class whole when it fits, and cuts one over the budget into its header and one chunk per method', () => {
    const short = classSource(15);
    const whole = codeChunks(analysis('src/policy.ts', short.content, short.symbols), splitLines(short.content), chunkBudget(wordCounter(512)));
    expect(whole.map((c) => [c.symbol, c.startLine, c.endLine])).toEqual([['RetryPolicy', 1, short.lineCount]]);

    const { content, symbols } = classSource();
    const file = analysis('src/policy.ts', content, symbols);

    const budget = chunkBudget(wordCounter(400));
    const chunks = codeChunks(file, splitLines(content), budget);
    expect(chunks.map((c) => [c.symbol, c.symbolKind, c.startLine, c.endLine])).toEqual([
      ['RetryPolicy', 'class', 1, 4],
      ['RetryPolicy.shouldRetry', 'method', 5, 55],
      ['RetryPolicy.nextDelay', 'method', 56, 106],
      ['RetryPolicy.reset', 'method', 107, 157],
    ]);
    expect(chunks[2]?.text.split('\n')[1]).toBe('  /** nextDelay of the policy. */');
    for (const chunk of chunks) expect(tokensOf(budget.counter, chunk.text)).toBeLessThanOrEqual(budget.maxTokens);
  });

  it('splits a function over the budget between its statements (from the syntax tree), never inside one', () => {
    const content = longFunctionSource();
    const lines = splitLines(content);
    const file = analysis('src/pipeline.ts', content, [symbol('runPipeline', 'function', 1, lines.length)]);
    const budget = chunkBudget(wordCounter(120));
    const parser = new CodeParser();
    const chunks = codeChunks(file, lines, budget, (fileLines, ranges) => syntaxCutCosts(parser.parse('typescript', content), fileLines, ranges));

    expect(chunks.length).toBeGreaterThan(2);
    chunks.forEach((chunk, index) => {
      expect(chunk.symbol).toBe('runPipeline');
      expect(chunk.text.split('\n')[0]).toBe(`// path: src/pipeline.ts · function runPipeline (part ${index + 1} of ${chunks.length})`);
      expect(tokensOf(budget.counter, chunk.text)).toBeLessThanOrEqual(budget.maxTokens);
    });
    // The parts follow each other, and each after the first starts a statement of the body, never
    // the second line of the template literal or a line inside the if block.
    expect(chunks[0]?.startLine).toBe(1);
    expect(chunks.at(-1)?.endLine).toBe(lines.length);
    chunks.slice(1).forEach((chunk, index) => expect(chunk.startLine).toBe((chunks[index]?.endLine ?? 0) + 1));
    for (const chunk of chunks.slice(1)) expect(lines[chunk.startLine - 1]).toMatch(/^ {2}(const|if) /);
  });

  it('splits by indentation where the language has no grammar: at the outermost lines, after blank lines', () => {
    const blocks = Array.from({ length: 10 }, (_, i) => [`step${i} = function()`, `    local a = ${i}`, `    local b = a * 2`, `    return b`, 'end', ''].join('\n'));
    const content = `${blocks.join('\n')}\n`;
    const lines = splitLines(content);
    const file = analysis('scripts/steps.lua', content, [], 'Lua');
    const chunks = codeChunks(file, lines, chunkBudget(wordCounter(60)));

    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(lines[chunk.startLine - 1]).toMatch(/^step\d+ = function\(\)$/);
  });

  it('gives every named symbol a chunk of its own name, loose lines joining a small neighbour', () => {
    const content = ['export const a = 1;', 'export function one() { return 1; }', 'export function two() { return 2; }', '}', ''].join('\n');
    const file = analysis('src/small.ts', content, [symbol('one', 'function', 2, 2), symbol('two', 'function', 3, 3)]);
    const chunks = codeChunks(file, splitLines(content), chunkBudget(wordCounter(400)));

    expect(chunks.map((c) => [c.symbol, c.startLine, c.endLine])).toEqual([
      ['one', 1, 2],
      ['two', 3, 4],
    ]);
  });
});
