import { useCallback, useEffect, useState } from 'react';
import { readSelection, sameSelection, selectionSearch, type Selection } from './url-state.js';

export type HistoryMode = 'push' | 'replace';

/**
 * The selected repository and run, kept in the address bar: a new selection is a history entry
 * (so Back returns to the previous one), a detail filled in later replaces the current entry.
 */
export function useSelection(): [Selection, (selection: Selection, mode: HistoryMode) => void] {
  const [selection, setSelection] = useState<Selection>(() => readSelection(window.location.search));

  useEffect(() => {
    const onPopState = (): void => setSelection(readSelection(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const select = useCallback((next: Selection, mode: HistoryMode): void => {
    setSelection((current) => (sameSelection(current, next) ? current : next));
    const url = `${window.location.pathname}${selectionSearch(next)}${window.location.hash}`;
    if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  return [selection, select];
}
