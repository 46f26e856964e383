import type { Citation } from '@repolens/contracts';
import { formatCitation } from '../format.js';

export interface CitationListProps {
  readonly citations: readonly Citation[];
}

/** The passages an answer used, as `path:start-end`. */
export function CitationList({ citations }: CitationListProps) {
  if (citations.length === 0) return null;
  return (
    <div className="citations">
      <p className="citations__title">Sources</p>
      <ul className="citations__list">
        {citations.map((citation) => (
          <li key={formatCitation(citation)}>
            <code>{formatCitation(citation)}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
