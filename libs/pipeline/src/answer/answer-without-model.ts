import type { Citation, ImportGraph, MetadataResult, SearchHit, StructureResult } from '@repolens/contracts';
import { codeTerms } from '../embedding/split-identifiers.js';
import { isStopword } from '../search/code-tokenizer.js';
import { dedupeCitations } from './answer-citations.js';
import { DEPENDENTS_QUESTION, dependentsLead } from './dependents-lead.js';
import { fenced, inlineCode } from './fenced.js';

export interface AnswerWithoutModelInput {
  readonly question: string;
  /** Search hits for the question, best first. */
  readonly hits: readonly SearchHit[];
  readonly metadata: MetadataResult | null;
  readonly structure: Pick<StructureResult, 'languages' | 'keyDirectories' | 'totalFiles'> | null;
  /** The import graph of code analysis, for "what depends on X"; absent when not loaded. */
  readonly importGraph?: ImportGraph | null;
}

export interface AnswerWithoutModel {
  readonly answer: string;
  readonly citations: Citation[];
}

export const NO_MODEL_NOTICE =
  'No language model is configured, so this answer is assembled from the repository index (analysis results and the best-matching passages) rather than written by an assistant.';

const MAX_PASSAGES = 5;
const MAX_LISTED_DEPENDENCIES = 12;

const OVERVIEW_QUESTION =
  /\b(overview|summar(y|ise|ize)|describe|purpose|what (does|is) (this|the|it)\b.*\b(repo|repository|project|codebase|code|do|for|about)|what is this|what's this|tell me about)\b/i;
const DEFINITION_QUESTION =
  /\bwhere\b.*\b(defined|declared|implemented|located|live|lives)\b|\bwhere(?: is|'s)\s+\S+\s*\??$|\bdefinition of\b|\bfind\s+(the\s+)?(function|class|method|type|interface)\b/i;
const DEPENDENCY_QUESTION = /\b(depend(s|encies|ency)?|libraries|packages|requirements)\b/i;

/**
 * Answers a question from retrieved passages and the analysis alone, for deployments without a language
 * model. It says so first, leads with what the question is after (an overview, definition sites,
 * dependencies), then quotes the top passages as data in fenced blocks, each cited as `path:start-end`.
 */
export function answerWithoutModel(input: AnswerWithoutModelInput): AnswerWithoutModel {
  const { question, metadata } = input;
  const sections: string[] = [NO_MODEL_NOTICE];
  let passages = input.hits.slice(0, MAX_PASSAGES);
  const dependents =
    DEPENDENTS_QUESTION.test(question) && input.importGraph != null ? dependentsLead(question, input.importGraph, input.hits) : null;

  if (OVERVIEW_QUESTION.test(question)) {
    sections.push(overviewLead(input));
    // Prefer what describes the project (summary, README) over arbitrary code for an overview.
    passages = [...input.hits.filter(isDescriptive), ...input.hits.filter((hit) => !isDescriptive(hit))].slice(0, MAX_PASSAGES);
  } else if (DEFINITION_QUESTION.test(question)) {
    const { lead, definitions } = definitionLead(question, input.hits);
    sections.push(lead);
    passages = [...definitions, ...input.hits.filter((hit) => !definitions.includes(hit))].slice(0, MAX_PASSAGES);
  } else if (dependents !== null) {
    sections.push(dependents.lead);
    const first = input.hits.filter((hit) => dependents.dependents.has(hit.path));
    passages = [...first, ...input.hits.filter((hit) => !first.includes(hit))].slice(0, MAX_PASSAGES);
  } else if (DEPENDENCY_QUESTION.test(question) && metadata !== null) {
    sections.push(dependencyLead(metadata));
  } else {
    sections.push(
      passages.length > 0
        ? 'These are the passages of the repository that best match the question:'
        : 'No passage of the repository matches the question; try naming a file, function or term that appears in the code.',
    );
  }

  if (passages.length > 0) {
    sections.push(
      ['**Passages**', ...passages.map((hit, i) => `${i + 1}. ${describeHit(hit)}\n\n${fenced(hit.snippet)}`)].join('\n\n'),
    );
  }
  return { answer: sections.join('\n\n'), citations: dedupeCitations(passages) };
}

function overviewLead(input: AnswerWithoutModelInput): string {
  const { metadata, structure } = input;
  if (metadata === null) return 'The analysis of the repository is not available, so here are the passages that best match the question.';
  const parts = [`This is ${inlineCode(metadata.name)}.`];
  const description = metadata.description?.trim() ?? '';
  if (description !== '') parts.push(`Its description reads:\n\n${fenced(description)}`);
  const intro = metadata.readme?.sections.find((section) => section.text.trim() !== '');
  if (description === '' && intro !== undefined && metadata.readme !== null) {
    parts.push(`Its README (${inlineCode(`${metadata.readme.path}:${intro.startLine}-${intro.endLine}`)}) begins:\n\n${fenced(firstLines(intro.text, 8))}`);
  }
  if (structure !== null && structure.languages.length > 0) {
    const languages = structure.languages.slice(0, 6).map((l) => `${l.language} (${l.files} files)`);
    parts.push(`Languages: ${languages.join(', ')}; ${structure.totalFiles} files in all.`);
  }
  if (structure !== null && structure.keyDirectories.length > 0) {
    parts.push(`Key directories: ${structure.keyDirectories.map((d) => `${inlineCode(`${d.path}/`)} (${d.kind})`).join(', ')}.`);
  }
  const runtime = metadata.dependencies.filter((d) => d.kind === 'runtime').map((d) => d.name);
  if (runtime.length > 0) parts.push(`Main dependencies: ${listNames(runtime)}.`);
  return parts.join('\n\n');
}

function definitionLead(question: string, hits: readonly SearchHit[]): { lead: string; definitions: SearchHit[] } {
  const questionWords = new Set(['where', 'defined', 'declared', 'implemented', 'located', 'live', 'lives', 'definition', 'find']);
  const targets = codeTerms(question).filter(
    (term) => term.length > 1 && !isStopword(term) && !questionWords.has(term.toLowerCase()),
  );
  const wanted = new Set(targets.map((term) => term.toLowerCase()));
  const definitions = hits.filter((hit) => {
    const symbol = hit.symbol?.toLowerCase();
    if (symbol === undefined) return false;
    return wanted.has(symbol) || wanted.has(symbol.split('.').at(-1) ?? symbol);
  });
  if (definitions.length === 0) {
    const named = targets.length > 0 ? ` named ${targets.map(inlineCode).join(', ')}` : '';
    return { lead: `The index has no definition${named}; the closest passages are below.`, definitions };
  }
  const sites = definitions.map((hit) => `- ${inlineCode(hit.symbol ?? '')} at ${inlineCode(citationText(hit))}`);
  return { lead: ['Defined at:', ...sites].join('\n'), definitions };
}

function dependencyLead(metadata: MetadataResult): string {
  if (metadata.dependencies.length === 0) return 'The analysis found no declared dependencies in the manifests it reads.';
  const byManifest = new Map<string, string[]>();
  for (const dependency of metadata.dependencies) {
    const key = `${inlineCode(dependency.manifest)} (${dependency.kind})`;
    byManifest.set(key, [...(byManifest.get(key) ?? []), dependency.name]);
  }
  return ['Declared dependencies:', ...Array.from(byManifest, ([key, names]) => `- ${key}: ${listNames(names)}`)].join('\n');
}

function isDescriptive(hit: SearchHit): boolean {
  return /(^|\/)readme(\.[a-z]+)?$/i.test(hit.path);
}

function describeHit(hit: SearchHit): string {
  const cited = inlineCode(citationText(hit));
  return hit.symbol === undefined ? cited : `${cited} (${inlineCode(hit.symbol)})`;
}

function citationText(hit: Citation): string {
  return `${hit.path}:${hit.startLine}-${hit.endLine}`;
}

function listNames(names: readonly string[]): string {
  const listed = names.slice(0, MAX_LISTED_DEPENDENCIES).map(inlineCode);
  const more = names.length - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(', ');
}

function firstLines(text: string, count: number): string {
  return text.split('\n').slice(0, count).join('\n');
}
