import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Chunk } from '@repolens/contracts';
import type { CodePair } from '../../tools/embedding-model/src/pairs.js';

export type HeldOutPair = CodePair;

/** One language's held-out functions (packages never seen in training) and their doc summaries. */
export interface HeldOutSet {
  readonly language: string;
  readonly pairs: readonly HeldOutPair[];
  /** pairs[i] is chunks[i]: one chunk per function, as the chunker would cut it, without its doc. */
  readonly chunks: readonly Chunk[];
}

/** Reads `<dir>/<language>.jsonl.gz` for each language there (written by tools/embedding-model/extract-pairs.ts). */
export async function readHeldOutSets(dir: string): Promise<HeldOutSet[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl.gz')).sort();
  const sets: HeldOutSet[] = [];
  for (const file of files) {
    const text = gunzipSync(await readFile(path.join(dir, file))).toString('utf8');
    const pairs = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as HeldOutPair);
    const chunks = pairs.map(
      (pair, id): Chunk => ({
        id,
        path: pair.path,
        startLine: pair.startLine,
        endLine: pair.endLine,
        kind: 'code',
        language: pair.language,
        symbol: pair.symbol,
        symbolKind: pair.kind,
        text: pair.code,
      }),
    );
    sets.push({ language: file.replace(/\.jsonl\.gz$/, ''), pairs, chunks });
  }
  return sets;
}
