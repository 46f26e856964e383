import type { Citation, SearchHit } from '@repolens/contracts';

/** `path:12-30` or `path:12`, as the prompt asks the model to cite (optionally in backticks). */
const CITATION_PATTERN = /([\w@$.\-/]+\.[\w]+|[\w@$.\-/]*\/[\w@$.\-]+):(\d+)(?:-(\d+))?/g;

/**
 * The citations of a model-written answer: the `path:start-end` references it makes that fall inside
 * a passage it was given. A reference to anything else (a file it was not shown, lines outside the
 * passage) is not cited, so every citation points at text the model actually saw. When the answer
 * names none, the passages it was given are cited, since that is what the answer drew on.
 */
export function citationsOfAnswer(answer: string, passages: readonly SearchHit[]): Citation[] {
  const cited: Citation[] = [];
  const seen = new Set<string>();
  for (const match of answer.matchAll(CITATION_PATTERN)) {
    const [, path, startText, endText] = match;
    if (path === undefined || startText === undefined) continue;
    const start = Number(startText);
    const end = endText === undefined ? start : Number(endText);
    if (end < start) continue;
    const passage = passages.find((p) => p.path === path && start <= p.endLine && end >= p.startLine);
    if (passage === undefined) continue;
    const citation = { path, startLine: Math.max(start, passage.startLine), endLine: Math.min(end, passage.endLine) };
    const key = `${citation.path}:${citation.startLine}-${citation.endLine}`;
    if (seen.has(key)) continue;
    seen.add(key);
    cited.push(citation);
  }
  if (cited.length > 0) return cited;
  return dedupeCitations(passages);
}

/** Each range once, in order, as bare citations. */
export function dedupeCitations(hits: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const { path, startLine, endLine } of hits) {
    const key = `${path}:${startLine}-${endLine}`;
    if (seen.has(key)) continue;
    seen.add(key);
    citations.push({ path, startLine, endLine });
  }
  return citations;
}
