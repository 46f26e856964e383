import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CodeAnalysisResult } from '@repolens/contracts';
import { CODE_LANGUAGES, CODE_LANGUAGE_LABELS, CodeParser, type CodeLanguage } from '@repolens/pipeline';

export interface ParseMeasurement {
  readonly files: number;
  readonly bytes: number;
  /** Sum of the time spent inside parse(), reading excluded. */
  readonly parseMs: number;
}

export interface RawParseMeasurement extends ParseMeasurement {
  /** By language label (`TypeScript`, `C++`), as the stage records files. */
  readonly byLanguage: ReadonlyMap<string, ParseMeasurement>;
}

const LANGUAGE_BY_LABEL = new Map<string, CodeLanguage>(CODE_LANGUAGES.map((language) => [CODE_LANGUAGE_LABELS[language], language]));

/** Each file is parsed this many times and its fastest parse counts, as the stage runs are best-of too. */
const PARSES_PER_FILE = 2;

/**
 * The baseline: parse each file the stage parsed with a parser in this thread and nothing else (no
 * queries, no bookkeeping), timing only the parse() calls. Each file is parsed with the grammar the
 * stage used for it (a `.h` file may have been read as C++).
 */
export async function measureRawParse(checkoutDir: string, analysis: CodeAnalysisResult): Promise<RawParseMeasurement> {
  const parser = new CodeParser();
  const byLanguage = new Map<string, { files: number; bytes: number; parseMs: number }>();
  for (const file of analysis.files) {
    // Skipped files (binary, too large, symlinks) were not parsed by the stage either.
    if (file.error?.startsWith('skipped:') === true) continue;
    const language = LANGUAGE_BY_LABEL.get(file.language);
    if (language === undefined) continue;
    const source = await readFile(path.join(checkoutDir, file.path), 'utf8');
    let parseMs = Number.POSITIVE_INFINITY;
    try {
      for (let attempt = 0; attempt < PARSES_PER_FILE; attempt += 1) {
        const started = performance.now();
        parser.parse(language, source);
        parseMs = Math.min(parseMs, performance.now() - started);
      }
    } catch {
      continue;
    }
    const totals = byLanguage.get(file.language) ?? { files: 0, bytes: 0, parseMs: 0 };
    totals.files += 1;
    totals.bytes += Buffer.byteLength(source, 'utf8');
    totals.parseMs += parseMs;
    byLanguage.set(file.language, totals);
  }
  let files = 0;
  let bytes = 0;
  let parseMs = 0;
  for (const totals of byLanguage.values()) {
    files += totals.files;
    bytes += totals.bytes;
    parseMs += totals.parseMs;
  }
  return { files, bytes, parseMs, byLanguage };
}
