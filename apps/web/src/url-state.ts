import { IdParamsSchema } from '@repolens/contracts';

/** The parts of a repository's page. */
export const VIEWS = ['analysis', 'overview', 'code'] as const;
export type View = (typeof VIEWS)[number];

export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/**
 * What the page shows, mirrored in its URL so a reload, a link or Back shows the same thing:
 * `?repository=<id>&run=<id>&view=code&file=src/a.ts&lines=4-7`.
 */
export interface Selection {
  readonly repositoryId: string | null;
  readonly runId: string | null;
  /** null: the page picks (the analysis while it runs, the overview once ready). */
  readonly view: View | null;
  readonly file: string | null;
  readonly lines: LineRange | null;
}

export const EMPTY_SELECTION: Selection = { repositoryId: null, runId: null, view: null, file: null, lines: null };

export function readSelection(search: string): Selection {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  const file = params.get('file');
  return {
    repositoryId: idOrNull(params.get('repository')),
    runId: idOrNull(params.get('run')),
    view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : null,
    file: file !== null && file !== '' && file.length <= 4096 ? file : null,
    lines: parseLineRange(params.get('lines')),
  };
}

export function selectionSearch(selection: Selection): string {
  const params = new URLSearchParams();
  if (selection.repositoryId !== null) params.set('repository', selection.repositoryId);
  if (selection.runId !== null) params.set('run', selection.runId);
  if (selection.view !== null) params.set('view', selection.view);
  if (selection.file !== null) params.set('file', selection.file);
  if (selection.lines !== null) params.set('lines', formatLineRange(selection.lines));
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

export function sameSelection(a: Selection, b: Selection): boolean {
  return selectionSearch(a) === selectionSearch(b);
}

/** `4` or `4-7` (either order); anything else is no range. */
export function parseLineRange(text: string | null): LineRange | null {
  const match = /^(\d{1,7})(?:-(\d{1,7}))?$/.exec(text ?? '');
  if (match === null) return null;
  const first = Number(match[1]);
  const second = match[2] === undefined ? first : Number(match[2]);
  if (first < 1 || second < 1) return null;
  return { start: Math.min(first, second), end: Math.max(first, second) };
}

export function formatLineRange(range: LineRange): string {
  return range.start === range.end ? String(range.start) : `${range.start}-${range.end}`;
}

/** Ids from the address bar end up in API paths, so anything that is not a uuid is dropped. */
function idOrNull(value: string | null): string | null {
  return value !== null && IdParamsSchema.safeParse({ id: value }).success ? value : null;
}
