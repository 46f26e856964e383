import { useEffect, useState, type KeyboardEvent } from 'react';
import { toAppError, type AppError, type SymbolHit } from '@repolens/contracts';
import { searchSymbols } from '../../api-client.js';
import { SelectionLink, useNavigation } from '../../navigation.js';
import type { Selection } from '../../url-state.js';
import { KIND_ABBREVIATIONS } from './SymbolOutline.js';

export interface SymbolSearchProps {
  readonly repositoryId: string;
}

/** Wait this long after the last keystroke before asking the server. */
const DEBOUNCE_MS = 180;

/** Find a function, class or type by name (exact, prefix, or approximate); Enter opens the best match. */
export function SymbolSearch({ repositoryId }: SymbolSearchProps) {
  const { selection, select } = useNavigation();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ readonly query: string; readonly hits: readonly SymbolHit[] } | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    const wanted = query.trim();
    if (wanted === '') {
      setResults(null);
      setError(null);
      return undefined;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      searchSymbols(repositoryId, wanted, { k: 15 }).then(
        (hits) => {
          if (cancelled) return;
          setResults({ query: wanted, hits });
          setError(null);
        },
        (caught: unknown) => {
          if (!cancelled) setError(toAppError(caught));
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, repositoryId]);

  const target = (hit: SymbolHit): Selection => ({ ...selection, view: 'code', file: hit.path, lines: { start: hit.startLine, end: hit.endLine } });
  // Enter opens the best match, asking the server at once when the typing has outrun the results.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const wanted = query.trim();
    if (event.key === 'Enter' && wanted !== '') {
      event.preventDefault();
      const shown = results?.query === wanted ? results.hits[0] : undefined;
      if (shown !== undefined) {
        select(target(shown));
        return;
      }
      searchSymbols(repositoryId, wanted, { k: 1 }).then(
        ([best]) => {
          if (best !== undefined) select(target(best));
        },
        (caught: unknown) => setError(toAppError(caught)),
      );
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  };

  return (
    <div className="symbol-search" role="search">
      <label htmlFor="symbol-query" className="side-title">
        Find a symbol
      </label>
      <input
        id="symbol-query"
        type="search"
        placeholder="Function, class or type name"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="symbol-results-status"
      />
      <p id="symbol-results-status" className="visually-hidden" role="status">
        {results === null ? '' : `${results.hits.length} symbols found`}
      </p>
      {error !== null ? <p className="form-error">{error.message}</p> : null}
      {results !== null && query.trim() !== '' ? (
        results.hits.length === 0 ? (
          <p className="muted">No symbol named like “{results.query}”.</p>
        ) : (
          <ul className="symbol-results">
            {results.hits.map((hit) => (
              <li key={`${hit.path}:${hit.startLine}:${hit.name}`}>
                <SelectionLink to={target(hit)} className="symbol-result">
                  <span className={`kind kind--${hit.kind}`} title={hit.kind}>
                    {KIND_ABBREVIATIONS[hit.kind]}
                  </span>
                  <span className="symbol-result__name">
                    {hit.parent !== undefined ? <span className="muted">{hit.parent}.</span> : null}
                    {hit.name}
                  </span>
                  <span className="symbol-result__where">
                    {hit.path}:{hit.startLine}
                  </span>
                </SelectionLink>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
