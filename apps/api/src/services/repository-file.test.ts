import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileAnalysis, StructureFile } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import type { ExplorerAnalysis } from './explorer-analysis.js';
import { checkRepositoryPath, readRepositoryFile } from './repository-file.js';
import { buildSymbolIndex } from './symbol-index.js';

/** A checkout on disk with hostile entries, and an analysis that (wrongly) lists them all as files. */
function hostileCheckout(): ExplorerAnalysis {
  const base = mkdtempSync(path.join(os.tmpdir(), 'repolens-files-'));
  const checkoutDir = path.join(base, 'checkout');
  mkdirSync(path.join(checkoutDir, 'src'), { recursive: true });
  writeFileSync(path.join(base, 'secret.txt'), 'outside the checkout\n');
  writeFileSync(path.join(checkoutDir, 'src', 'main.ts'), 'export function main(): void {\n  console.log("hi");\n}\n');
  writeFileSync(path.join(checkoutDir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  writeFileSync(path.join(checkoutDir, 'big.txt'), 'x'.repeat(5000));
  symlinkSync(path.join(base, 'secret.txt'), path.join(checkoutDir, 'escape.txt'));
  symlinkSync(base, path.join(checkoutDir, 'up'));
  const paths = ['src/main.ts', 'logo.png', 'big.txt', 'escape.txt', 'up/secret.txt'];
  const files: StructureFile[] = paths.map((p) => ({ path: p, size: 1, language: null, category: 'source' }));
  const code: FileAnalysis[] = [
    {
      path: 'src/main.ts',
      language: 'typescript',
      category: 'source',
      lines: 3,
      lineStats: { code: 3, comment: 0, blank: 0 },
      bytes: 50,
      symbols: [{ name: 'main', kind: 'function', startLine: 1, endLine: 3, exported: true }],
      imports: [],
      exports: [{ name: 'main', line: 1 }],
    },
  ];
  return {
    runId: '00000000-0000-4000-8000-000000000001',
    commitSha: 'a'.repeat(40),
    checkoutDir,
    files,
    fileByPath: new Map(files.map((file) => [file.path, file])),
    codeByPath: new Map(code.map((file) => [file.path, file])),
    symbols: buildSymbolIndex(code),
  };
}

describe('reading one file of an analysed checkout', () => {
  const analysis = hostileCheckout();

  it('returns the text, its line count and its symbols', async () => {
    const file = await readRepositoryFile(analysis, 'src/main.ts', 1000);
    expect(file.text).toBe('export function main(): void {\n  console.log("hi");\n}\n');
    expect(file.lines).toBe(3);
    expect(file.language).toBe('typescript');
    expect(file.symbols.map((symbol) => symbol.name)).toEqual(['main']);
  });

  it('refuses paths that could leave the repository before looking at the disk', () => {
    for (const hostile of ['../secret.txt', 'src/../../secret.txt', '/etc/passwd', 'C:/Windows/win.ini', 'src\\..\\..\\secret.txt', './src/main.ts', 'src//main.ts', 'a\0b', '']) {
      expect(() => checkRepositoryPath(hostile), hostile).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    }
    expect(checkRepositoryPath('docs/a..b.md')).toBe('docs/a..b.md');
  });

  it('does not follow a symlink to a file or a directory outside, even when the analysis lists it', async () => {
    await expect(readRepositoryFile(analysis, 'escape.txt', 1000)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('symbolic link') });
    await expect(readRepositoryFile(analysis, 'up/secret.txt', 1000)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses binary and oversized files with the reason', async () => {
    await expect(readRepositoryFile(analysis, 'logo.png', 1000)).rejects.toMatchObject({ code: 'FILE_NOT_VIEWABLE', message: expect.stringContaining('binary') });
    await expect(readRepositoryFile(analysis, 'big.txt', 1000)).rejects.toMatchObject({ code: 'FILE_NOT_VIEWABLE', message: expect.stringContaining('size limit') });
  });

  it('answers 404 for a file the analysis does not list', async () => {
    await expect(readRepositoryFile(analysis, 'src/other.ts', 1000)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
