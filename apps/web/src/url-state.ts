import { IdParamsSchema } from '@repolens/contracts';

/** What the page shows, mirrored in its URL (`?repository=<id>&run=<id>`) so a reload resumes it. */
export interface Selection {
  readonly repositoryId: string | null;
  readonly runId: string | null;
}

export const EMPTY_SELECTION: Selection = { repositoryId: null, runId: null };

export function readSelection(search: string): Selection {
  const params = new URLSearchParams(search);
  return { repositoryId: idOrNull(params.get('repository')), runId: idOrNull(params.get('run')) };
}

export function selectionSearch(selection: Selection): string {
  const params = new URLSearchParams();
  if (selection.repositoryId !== null) params.set('repository', selection.repositoryId);
  if (selection.runId !== null) params.set('run', selection.runId);
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

export function sameSelection(a: Selection, b: Selection): boolean {
  return a.repositoryId === b.repositoryId && a.runId === b.runId;
}

/** Ids from the address bar end up in API paths, so anything that is not a uuid is dropped. */
function idOrNull(value: string | null): string | null {
  return value !== null && IdParamsSchema.safeParse({ id: value }).success ? value : null;
}
