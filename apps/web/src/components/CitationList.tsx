import type { Citation } from '@repolens/contracts';
import { formatCitation } from '../format.js';
import { CitationLink } from './CitationLink.js';

export interface CitationListProps {
  readonly citations: readonly Citation[];
}

/** The passages an answer used, each a link that opens the code at those lines. */
export function CitationList({ citations }: CitationListProps) {
  if (citations.length === 0) return null;
  return (
    <div className="citations">
      <p className="citations__title">Sources</p>
      <ul className="citations__list">
        {citations.map((citation) => (
          <li key={formatCitation(citation)}>
            <CitationLink citation={citation} />
          </li>
        ))}
      </ul>
    </div>
  );
}
