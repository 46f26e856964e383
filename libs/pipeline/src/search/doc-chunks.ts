import type { ReadmeSection, StructureFile } from '@repolens/contracts';
import { parseReadme } from '../stages/metadata/readme.js';
import { LineTokens, type ChunkBudget } from './chunk-budget.js';
import { chunkText, headerLine, splitLines, type ChunkDraft } from './chunk-text.js';
import { indentCutCosts } from './cut-costs.js';
import { splitByTokens, trimBlankLines } from './line-ranges.js';

/** Documentation files made into chunks besides the README, shallowest first; the rest are left out. */
const MAX_DOC_FILES = 300;
const DOC_FILE = /\.(md|markdown|mdown|mkd|mdx|rst)$/i;

/**
 * Chunks of one document, a section each (split at paragraph breaks where a section exceeds the
 * budget). `fileLines` are the document's lines when it can be read, so the range cited is exactly what
 * is shown; otherwise each section's own text is used.
 */
export function sectionChunks(
  input: { path: string; kind: 'readme' | 'docs'; sections: readonly ReadmeSection[]; fileLines: readonly string[] | null },
  budget: ChunkBudget,
): ChunkDraft[] {
  const drafts: ChunkDraft[] = [];
  for (const section of input.sections) {
    const lines = input.fileLines?.slice(section.startLine - 1, section.endLine) ?? splitLines(section.text);
    const heading = section.heading.trim();
    const hasBody = lines.some((line) => line.trim() !== '' && line.trim() !== heading && !/^#+\s/.test(line));
    if (!hasBody) continue;
    const label = section.heading === '' ? 'introduction' : `section ${section.heading}`;
    const tokens = new LineTokens(lines, budget.counter);
    const room = budget.maxTokens - budget.counter.count(headerLine(input.path, `${label} (part 99 of 99)`));
    const local = { start: 1, end: lines.length };
    const fitsWhole = tokens.sum(local) + budget.counter.count(headerLine(input.path, label)) <= budget.maxTokens;
    const ranges = fitsWhole ? [local] : splitByTokens(local, Math.max(1, room), (line) => tokens.of(line), indentCutCosts(lines));
    const parts = ranges.flatMap((range) => trimBlankLines(lines, range) ?? []);
    parts.forEach((range, index) => {
      const partLabel = parts.length === 1 ? label : `${label} (part ${index + 1} of ${parts.length})`;
      drafts.push({
        path: input.path,
        startLine: section.startLine + range.start - 1,
        endLine: section.startLine + range.end - 1,
        kind: input.kind,
        language: 'markdown',
        ...(section.heading === '' ? {} : { symbol: section.heading }),
        text: chunkText(input.path, partLabel, lines.slice(range.start - 1, range.end)),
      });
    });
  }
  return drafts;
}

/** The documentation files to chunk besides the README: prose in Markdown or reStructuredText. */
export function documentationFiles(files: readonly StructureFile[], readmePath: string | null): string[] {
  return files
    .filter((file) => file.category === 'docs' && DOC_FILE.test(file.path) && file.path !== readmePath)
    .map((file) => file.path)
    .sort((a, b) => depth(a) - depth(b) || a.localeCompare(b))
    .slice(0, MAX_DOC_FILES);
}

/** Chunks of a documentation file other than the README, its sections found as the README's are. */
export function documentationChunks(path: string, content: string, budget: ChunkBudget): ChunkDraft[] {
  // Text before the first heading is its introduction, as in the README.
  const { sections } = parseReadme(content, '');
  return sectionChunks({ path, kind: 'docs', sections, fileLines: splitLines(content) }, budget);
}

function depth(path: string): number {
  return path.split('/').length;
}
