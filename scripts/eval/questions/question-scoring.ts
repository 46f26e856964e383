import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Chunk } from '@repolens/contracts';
import type { Expected, LabelledQuestion } from './labelled-question.js';

/** A passage a retriever returned. */
export interface RankedPassage {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  /** A summary passage: of the whole project (overview, structure) or of one file; null for the text itself. */
  readonly summary: 'project' | 'file' | null;
}

export const CUTOFFS = [1, 5, 10] as const;
export const TOP_K = 10;

export interface RankingScores {
  readonly questions: number;
  readonly recall1: number;
  readonly recall5: number;
  readonly recall10: number;
  /** Mean reciprocal rank within the top 10. */
  readonly mrr: number;
}

/**
 * True when the passage answers the question: the project summary where that is expected; any passage of
 * a file expected whole (its file summary included); a passage of the file whose lines overlap the
 * expected ones (a file summary spans the whole file, so it does not count there).
 */
export function answers(passage: RankedPassage, expected: Expected): boolean {
  if ('summary' in expected) return passage.summary === 'project';
  if (passage.summary === 'project' || passage.path !== expected.path) return false;
  if (expected.lines === undefined) return true;
  if (passage.summary === 'file') return false;
  const [start, end] = expected.lines;
  return passage.startLine <= end && passage.endLine >= start;
}

/** What kind of passage a chunk is, for `answers`. */
export function passageOf(chunk: Chunk): RankedPassage {
  const summary = chunk.kind !== 'summary' ? null : isProjectSummary(chunk) ? 'project' : 'file';
  return { path: chunk.path, startLine: chunk.startLine, endLine: chunk.endLine, summary };
}

/** The project overview and structure passages, told from file summaries by their header line. */
function isProjectSummary(chunk: Chunk): boolean {
  const header = chunk.text.slice(0, chunk.text.indexOf('\n') === -1 ? undefined : chunk.text.indexOf('\n'));
  return /· project /.test(header);
}

/** 1-based rank of the first passage that answers the question, or null when none of the top 10 does. */
export function rankOfAnswer(question: LabelledQuestion, passages: readonly RankedPassage[]): number | null {
  const position = passages.slice(0, TOP_K).findIndex((passage) => question.expected.some((expected) => answers(passage, expected)));
  return position === -1 ? null : position + 1;
}

export function scoreRanks(ranks: ReadonlyArray<number | null>): RankingScores {
  const count = Math.max(1, ranks.length);
  const within = (cutoff: number): number => ranks.filter((rank) => rank !== null && rank <= cutoff).length / count;
  return {
    questions: ranks.length,
    recall1: within(1),
    recall5: within(5),
    recall10: within(10),
    mrr: ranks.reduce<number>((sum, rank) => sum + (rank === null ? 0 : 1 / rank), 0) / count,
  };
}

/**
 * Checks every label against the checkout (the file exists, the lines are inside it) and that a summary
 * passage exists where one is expected, so a mislabelled question fails loudly instead of scoring 0.
 */
export async function checkLabels(questions: readonly LabelledQuestion[], checkoutDir: string, chunks: readonly Chunk[]): Promise<void> {
  const lineCounts = new Map<string, number>();
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const question of questions) {
    if (ids.has(question.id)) problems.push(`${question.id}: duplicate question id`);
    ids.add(question.id);
    if (question.expected.length === 0) problems.push(`${question.id}: no expected answer`);
    for (const expected of question.expected) {
      if ('summary' in expected) {
        if (!chunks.some((chunk) => passageOf(chunk).summary === 'project')) problems.push(`${question.id}: expects the summary passage, but there is none`);
        continue;
      }
      let lines = lineCounts.get(expected.path);
      if (lines === undefined) {
        try {
          lines = (await readFile(path.join(checkoutDir, expected.path), 'utf8')).split('\n').length;
        } catch {
          problems.push(`${question.id}: ${expected.path} is not in the repository`);
          continue;
        }
        lineCounts.set(expected.path, lines);
      }
      if (expected.lines !== undefined) {
        const [start, end] = expected.lines;
        if (start < 1 || end < start || end > lines) problems.push(`${question.id}: ${expected.path}:${start}-${end} is outside the file (${lines} lines)`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`the labelled questions do not match the repository:\n  ${problems.join('\n  ')}`);
}
