import type { Chunk } from '@repolens/contracts';
import { isDocsPath, isTestPath } from '../classification/path-rules.js';

/**
 * What a passage is to someone asking about the code: the code itself, its tests, or prose about it
 * (documentation, changelogs, translations, examples and benchmarks). The file classification's path
 * rules decide, so search agrees with the analysis on what a test or a document is.
 */
export type PassageRole = 'source' | 'test' | 'docs';

/** Examples, demos and benchmarks show how to use the code rather than being it. */
const EXAMPLE_DIRECTORIES = /(^|\/)(examples?|samples?|demos?|benchmarks?|bench)\//i;
/** Translations of the interface or the documentation. */
const TRANSLATIONS = /(^|\/)(i18n|l10n|locales?|translations?)\/|(^|\/)README[._-][a-z]{2}([_-][A-Za-z]{2})?\.[a-z]+$/i;

export function passageRole(chunk: Pick<Chunk, 'path' | 'kind'>): PassageRole {
  if (chunk.kind === 'readme' || chunk.kind === 'docs') return 'docs';
  const baseName = chunk.path.slice(chunk.path.lastIndexOf('/') + 1);
  if (isTestPath(chunk.path)) return 'test';
  if (chunk.kind === 'summary') return 'source'; // an overview of the project or of a source file
  if (isDocsPath(chunk.path, baseName) || EXAMPLE_DIRECTORIES.test(chunk.path) || TRANSLATIONS.test(chunk.path)) return 'docs';
  return 'source';
}

/** What the question says it is about, besides the code's behaviour. */
export interface QueryIntent {
  /** It asks about tests: "which tests cover …", "the spec for …". */
  readonly tests: boolean;
  /** It asks about documentation explicitly ("docs", "README", "install", "changelog"). */
  readonly docs: boolean;
  /** It asks how to use something ("how do I …", "example of …"): documentation answers that as well as code. */
  readonly usage: boolean;
  /** It asks what the project depends on ("which library does it use for …"): the project summary lists that. */
  readonly dependencies: boolean;
}

const TEST_WORDS = /\b(tests?|tested|testing|specs?|unit[- ]tests?|test[- ]cases?|test[- ]suites?|coverage|fixtures?)\b/i;
const DOCS_WORDS = /\b(docs?|documentation|documented|readme|guides?|tutorials?|install|installing|installation|changelog|release notes|migrat(e|ing|ion)|upgrade guide|faq)\b/i;
const USAGE_WORDS = /\b(how (do|can|should) (i|we|you)|how to|examples?|usage|recommended way)\b/i;
/** "depends on", "which library / package / framework", "third-party", "under the hood" — not a decorator's "dependencies". */
const DEPENDENCY_WORDS =
  /\b(depends? on|depending on|(what|which) (\w+ ){0,2}(librar(y|ies)|packages?|frameworks?|modules?|dependenc(y|ies))|third[- ]party|under the hood|external dependenc(y|ies))\b/i;

export function queryIntent(query: string): QueryIntent {
  return {
    tests: TEST_WORDS.test(query),
    docs: DOCS_WORDS.test(query),
    usage: USAGE_WORDS.test(query),
    dependencies: DEPENDENCY_WORDS.test(query),
  };
}

/** What a pasted report or trace is taken to want: the code, whatever words it contains. */
export const BEHAVIOUR_INTENT: QueryIntent = { tests: false, docs: false, usage: false, dependencies: false };

/** The project overview and structure passages; file summaries name their file's language. */
export function isProjectSummary(chunk: Pick<Chunk, 'kind' | 'language'>): boolean {
  return chunk.kind === 'summary' && chunk.language === null;
}

/** The project overview passage that lists the dependencies. */
export function listsDependencies(chunk: Pick<Chunk, 'kind' | 'language' | 'text'>): boolean {
  return isProjectSummary(chunk) && /\bdependencies\b/i.test(chunk.text);
}

/**
 * How much a passage of each role counts. A question about behaviour wants the code: tests mention the
 * same names far more often than the code does, and prose paraphrases the question, so both would
 * otherwise crowd it out. A question about tests or documentation wants those instead.
 */
export const ROLE_WEIGHTS = {
  behaviour: { source: 1, test: 0.4, docs: 0.4 },
  usage: { source: 1, test: 0.4, docs: 0.9 },
  tests: { source: 0.5, test: 1, docs: 0.4 },
  docs: { source: 0.5, test: 0.4, docs: 1 },
} as const satisfies Record<string, Record<PassageRole, number>>;

export function roleWeights(intent: QueryIntent): Record<PassageRole, number> {
  if (intent.tests) return ROLE_WEIGHTS.tests;
  if (intent.docs) return ROLE_WEIGHTS.docs;
  if (intent.usage) return ROLE_WEIGHTS.usage;
  return ROLE_WEIGHTS.behaviour;
}
