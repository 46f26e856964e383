/** What a developer is doing when they ask: the mix the evaluation covers. */
export type QuestionKind =
  | 'how' // how does X work
  | 'where' // where is X defined or done
  | 'identifier' // a bare name, maybe misspelt or partial
  | 'error' // a pasted error message or stack trace
  | 'bug-report' // a whole issue: prose, versions, output, a trace
  | 'tests' // which tests cover X
  | 'docs' // what the documentation says
  | 'dependency'; // what the project depends on for X

/**
 * A place that answers the question: lines of a file (a hit counts when it is in that file and its
 * lines overlap), a whole file, or the project summary passage.
 */
export type Expected = { readonly path: string; readonly lines?: readonly [number, number] } | { readonly summary: true };

export interface LabelledQuestion {
  readonly id: string;
  readonly kind: QuestionKind;
  readonly text: string;
  /** Any one of these is a right answer. */
  readonly expected: readonly Expected[];
}

/** Lines `start`–`end` of `path`. */
export function at(path: string, start: number, end: number): Expected {
  return { path, lines: [start, end] };
}

/** Any passage of `path`. */
export function file(path: string): Expected {
  return { path };
}

/** The project summary passage (metadata, languages, dependencies). */
export const SUMMARY: Expected = { summary: true };
