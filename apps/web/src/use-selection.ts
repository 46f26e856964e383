import { useCallback, useEffect, useState } from 'react';
import { readSelection, sameSelection, selectionSearch, type Selection } from './url-state.js';

export type HistoryMode = 'push' | 'replace';
export type Select = (selection: Selection, mode?: HistoryMode) => void;

/**
 * The selection, kept in the address bar: a new selection is a history entry (so Back returns to the
 * previous one), a detail filled in later replaces the current entry.
 */
export function useSelection(): [Selection, Select] {
  const [selection, setSelection] = useState<Selection>(() => readSelection(window.location.search));

  useEffect(() => {
    const onPopState = (): void => setSelection(readSelection(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const select = useCallback<Select>((next, mode = 'push') => {
    setSelection((current) => (sameSelection(current, next) ? current : next));
    const url = `${window.location.pathname}${selectionSearch(next)}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  return [selection, select];
}

/** The address of a selection, for links that work when opened in a new tab as well as when clicked. */
export function selectionHref(selection: Selection): string {
  return `${window.location.pathname}${selectionSearch(selection)}`;
}
