import type { ImportGraph, SearchHit } from '@repolens/contracts';
import { codeTerms } from '../embedding/split-identifiers.js';
import { isStopword } from '../search/code-tokenizer.js';
import { inlineCode } from './fenced.js';

/** "What depends on X", "who imports X", "where is X used", "what uses X". */
export const DEPENDENTS_QUESTION =
  /\b(what|which|who)\b.*\b(depends? on|imports?|requires?|uses?|calls?)\b|\b(dependents|importers|callers|usages?) of\b|\bwhere\b.*\b(used|imported|called)\b/i;

export function isDependentsQuestion(question: string): boolean {
  return DEPENDENTS_QUESTION.test(question);
}

const QUESTION_WORDS = new Set(['what', 'which', 'who', 'where', 'depends', 'depend', 'imports', 'import', 'imported', 'requires', 'require', 'uses', 'use', 'used', 'calls', 'call', 'called', 'dependents', 'importers', 'callers', 'usage', 'usages', 'files', 'file', 'module', 'code']);
const MAX_LISTED = 15;

export interface DependentsLead {
  readonly lead: string;
  /** Files that import the target, to put their passages first. */
  readonly dependents: ReadonlySet<string>;
}

/**
 * Answers "what depends on X" from the import graph: X is a file the question names (by path or file
 * name), or the file defining a symbol it names among the hits. Lists the files importing it.
 */
export function dependentsLead(question: string, graph: ImportGraph, hits: readonly SearchHit[]): DependentsLead | null {
  const terms = codeTerms(question).filter((term) => term.length > 1 && !isStopword(term) && !QUESTION_WORDS.has(term.toLowerCase()));
  if (terms.length === 0) return null;
  const files = new Set(graph.edges.flatMap(([from, to]) => [from, to]));
  const targets = new Set<string>();
  for (const term of terms) {
    const wanted = term.toLowerCase();
    for (const file of files) {
      const lower = file.toLowerCase();
      const base = lower.slice(lower.lastIndexOf('/') + 1);
      if (lower === wanted || lower.endsWith(`/${wanted}`) || base.replace(/\.[^.]+$/, '') === wanted || base === wanted) targets.add(file);
    }
    for (const hit of hits) {
      const symbol = hit.symbol?.toLowerCase();
      if (symbol !== undefined && (symbol === wanted || symbol.split('.').at(-1) === wanted)) targets.add(hit.path);
    }
  }
  if (targets.size === 0) return null;

  const sections: string[] = [];
  const dependents = new Set<string>();
  for (const target of [...targets].sort()) {
    const importers = [...new Set(graph.edges.filter(([from, to]) => to === target && from !== target).map(([from]) => from))].sort();
    importers.forEach((file) => dependents.add(file));
    if (importers.length === 0) {
      sections.push(`Nothing in the repository imports ${inlineCode(target)}.`);
      continue;
    }
    const shown = importers.slice(0, MAX_LISTED).map((file) => `- ${inlineCode(file)}`);
    const more = importers.length - shown.length;
    sections.push(
      [`${inlineCode(target)} is imported by ${importers.length} file${importers.length === 1 ? '' : 's'}:`, ...shown, ...(more > 0 ? [`- and ${more} more`] : [])].join('\n'),
    );
  }
  return { lead: `${sections.join('\n\n')}\n\n(From the import graph of the analysis.)`, dependents };
}
