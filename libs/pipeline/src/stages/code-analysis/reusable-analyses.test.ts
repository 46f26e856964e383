import { describe, expect, it } from 'vitest';
import type { CodeAnalysisResult, FileAnalysis } from '@repolens/contracts';
import { emptyImportGraph } from './code-analysis.stage.js';
import { emptyCodeStats } from './code-stats.js';
import { CODE_ANALYZER_VERSION, checkoutAttributesOf, reusableAnalyses, type ListedCodeFile } from './reusable-analyses.js';

const BLOB_A = 'a'.repeat(40);
const BLOB_B = 'b'.repeat(40);
const BLOB_C = 'c'.repeat(40);
const ATTRIBUTES = checkoutAttributesOf([{ path: '.gitattributes', blobId: BLOB_C }]);
const CONDITIONS = { checkoutAttributes: ATTRIBUTES, maxFileBytes: 1_000_000 };

function record(path: string, blobId: string | undefined, extra: Partial<FileAnalysis> = {}): FileAnalysis {
  return {
    path,
    language: 'TypeScript',
    category: 'source',
    lines: 3,
    lineStats: { code: 3, comment: 0, blank: 0 },
    bytes: 60,
    symbols: [{ name: 'createService', kind: 'function', startLine: 2, endLine: 3, exported: true }],
    imports: [{ source: './helper.js', names: ['helper'], line: 1, resolved: 'src/helper.ts' }],
    exports: [{ name: 'createService', line: 2 }],
    ...(blobId === undefined ? {} : { blobId }),
    ...extra,
  };
}

/** A previous run's analysis; `reuse` null: one made before reuse was recorded. */
function previous(files: FileAnalysis[], reuse: CodeAnalysisResult['reuse'] | null = { analyzerVersion: CODE_ANALYZER_VERSION, checkoutAttributes: ATTRIBUTES }): CodeAnalysisResult {
  return {
    files,
    totals: emptyCodeStats(),
    byLanguage: {},
    importGraph: emptyImportGraph(),
    parseMs: 1,
    filesParsed: files.length,
    filesReused: 0,
    ...(reuse === null || reuse === undefined ? {} : { reuse }),
  };
}

const file = (path: string, blobId: string | undefined, category: ListedCodeFile['category'] = 'source'): ListedCodeFile => ({
  path,
  language: path.endsWith('.js') ? 'javascript' : 'typescript',
  category,
  blobId,
});

describe('which analyses a re-analysis reuses', () => {
  it('reuses the record of a file with the same blob id, with its imports to be resolved again', () => {
    const reusable = reusableAnalyses(previous([record('src/service.ts', BLOB_A)]), CONDITIONS);
    const reused = reusable.take(file('src/service.ts', BLOB_A));
    expect(reused).toEqual({ ...record('src/service.ts', BLOB_A), imports: [{ source: './helper.js', names: ['helper'], line: 1 }] });
    expect(reusable).toMatchObject({ available: 1, unusable: null });
  });

  it('reuses a renamed file read the same way, but reads a header renamed to a source file again', () => {
    const reusable = reusableAnalyses(previous([record('src/service.ts', BLOB_A), record('include/queue.h', BLOB_B, { language: 'C++' })]), CONDITIONS);
    expect(reusable.take(file('src/moved/service.ts', BLOB_A))?.path).toBe('src/moved/service.ts');
    // A .h file is C or C++ by what it holds; as .c it is C whatever it holds.
    expect(reusable.take({ path: 'src/queue.c', language: 'c', category: 'source', blobId: BLOB_B })).toBeUndefined();
  });

  it('parses a file whose content changed, or whose content is unknown', () => {
    const reusable = reusableAnalyses(previous([record('src/service.ts', BLOB_A), record('src/untracked.ts', undefined)]), CONDITIONS);
    expect(reusable.take(file('src/service.ts', BLOB_B))).toBeUndefined();
    expect(reusable.take(file('src/service.ts', undefined))).toBeUndefined();
    expect(reusable.take(file('src/untracked.ts', undefined))).toBeUndefined();
  });

  it('reuses a renamed or copied file under its new path and category, but not one now read as another language', () => {
    const reusable = reusableAnalyses(previous([record('src/service.ts', BLOB_A)]), CONDITIONS);
    expect(reusable.take(file('test/service.ts', BLOB_A, 'test'))).toMatchObject({ path: 'test/service.ts', category: 'test', symbols: [{ name: 'createService' }] });
    expect(reusable.take(file('src/service.js', BLOB_A))).toBeUndefined();
  });

  it('reuses a file with syntax errors (that is its analysis), never one that was not read or whose analysis failed', () => {
    const reusable = reusableAnalyses(
      previous([
        record('src/broken.ts', BLOB_A, { error: 'syntax errors at line 2' }),
        record('src/big.ts', BLOB_B, { error: 'skipped: 2000000 bytes is over the 1000000-byte limit', symbols: [] }),
        record('src/odd.ts', BLOB_C, { error: 'analysis failed: boom', symbols: [] }),
      ]),
      CONDITIONS,
    );
    expect(reusable.take(file('src/broken.ts', BLOB_A))?.error).toBe('syntax errors at line 2');
    expect(reusable.take(file('src/big.ts', BLOB_B))).toBeUndefined();
    expect(reusable.take(file('src/odd.ts', BLOB_C))).toBeUndefined();
  });

  it('reads a file again when the size limit dropped below it', () => {
    const reusable = reusableAnalyses(previous([record('src/service.ts', BLOB_A, { bytes: 5_000 })]), { ...CONDITIONS, maxFileBytes: 4_096 });
    expect(reusable.take(file('src/service.ts', BLOB_A))).toBeUndefined();
  });

  it('reuses nothing from another analyser version, other checkout attributes, or an analysis that recorded no hashes', () => {
    const files = [record('src/service.ts', BLOB_A)];
    const cases = [
      { previous: previous(files, { analyzerVersion: CODE_ANALYZER_VERSION + 1, checkoutAttributes: ATTRIBUTES }), reason: /analyser version/ },
      { previous: previous(files, { analyzerVersion: CODE_ANALYZER_VERSION, checkoutAttributes: checkoutAttributesOf([]) }), reason: /\.gitattributes/ },
      { previous: previous(files, null), reason: /no content hashes/ },
    ];
    for (const { previous: result, reason } of cases) {
      const reusable = reusableAnalyses(result, CONDITIONS);
      expect(reusable.take(file('src/service.ts', BLOB_A))).toBeUndefined();
      expect(reusable.unusable).toMatch(reason);
    }
    expect(reusableAnalyses(null, CONDITIONS).take(file('src/service.ts', BLOB_A))).toBeUndefined();
  });

  it('describes the checkout attributes by every .gitattributes file, nested ones included, in a stable order', () => {
    const attributes = checkoutAttributesOf([
      { path: 'web/.gitattributes', blobId: BLOB_B },
      { path: 'src/index.ts', blobId: BLOB_C },
      { path: '.gitattributes', blobId: BLOB_A },
    ]);
    expect(attributes).toBe(`.gitattributes@${BLOB_A}\nweb/.gitattributes@${BLOB_B}`);
    expect(checkoutAttributesOf([{ path: 'web/.gitattributes', blobId: BLOB_C }, { path: '.gitattributes', blobId: BLOB_A }])).not.toBe(attributes);
  });
});
