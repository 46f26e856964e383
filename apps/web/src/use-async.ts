import { useEffect, useState } from 'react';
import { toAppError, type AppError } from '@repolens/contracts';

export type AsyncState<T> =
  | { readonly status: 'loading'; readonly data: null; readonly error: null }
  | { readonly status: 'done'; readonly data: T; readonly error: null }
  | { readonly status: 'failed'; readonly data: null; readonly error: AppError };

/**
 * The result of `load` for the current `key`; a load for an older key that resolves late is dropped.
 * A null key loads nothing.
 */
export function useAsync<T>(key: string | null, load: () => Promise<T>): AsyncState<T> | null {
  const [state, setState] = useState<{ key: string; value: AsyncState<T> } | null>(null);

  useEffect(() => {
    if (key === null) return undefined;
    let cancelled = false;
    setState({ key, value: { status: 'loading', data: null, error: null } });
    load().then(
      (data) => {
        if (!cancelled) setState({ key, value: { status: 'done', data, error: null } });
      },
      (error: unknown) => {
        if (!cancelled) setState({ key, value: { status: 'failed', data: null, error: toAppError(error) } });
      },
    );
    return () => {
      cancelled = true;
    };
    // `load` closes over what `key` names; a new closure with the same key is the same request.
  }, [key]);

  if (key === null) return null;
  return state !== null && state.key === key ? state.value : { status: 'loading', data: null, error: null };
}
