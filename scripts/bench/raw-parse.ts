import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CodeAnalysisResult } from '@repolens/contracts';
import { CodeParser, codeLanguageForPath } from '../../libs/pipeline/src/stages/code-analysis/index.js';

export interface RawParseMeasurement {
  readonly files: number;
  readonly bytes: number;
  /** Sum of the time spent inside parse(), reading excluded. */
  readonly parseMs: number;
}

/**
 * The baseline: parse each file the stage parsed, once, with a fresh parser and nothing else (no
 * outline query, no bookkeeping), timing only the parse() calls.
 */
export async function measureRawParse(checkoutDir: string, analysis: CodeAnalysisResult): Promise<RawParseMeasurement> {
  const parser = new CodeParser();
  let files = 0;
  let bytes = 0;
  let parseMs = 0;
  for (const file of analysis.files) {
    // Skipped files (binary, too large, symlinks) were not parsed by the stage either.
    if (file.error?.startsWith('skipped:') === true) continue;
    const language = codeLanguageForPath(file.path);
    if (language === null) continue;
    const source = await readFile(path.join(checkoutDir, file.path), 'utf8');
    const started = performance.now();
    try {
      parser.parse(language, source);
    } catch {
      continue;
    }
    parseMs += performance.now() - started;
    files += 1;
    bytes += Buffer.byteLength(source, 'utf8');
  }
  return { files, bytes, parseMs };
}
