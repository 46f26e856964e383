import type { Citation } from '@repolens/contracts';
import { formatCitation } from '../format.js';
import { SelectionLink, useNavigation } from '../navigation.js';

/** `path:start-end` as a link to the code view with those lines highlighted. */
export function CitationLink({ citation }: { readonly citation: Citation }) {
  const { selection } = useNavigation();
  const text = formatCitation(citation);
  return (
    <SelectionLink
      to={{ ...selection, view: 'code', file: citation.path, lines: { start: citation.startLine, end: citation.endLine } }}
      className="citation"
      title={`Open ${citation.path} at lines ${citation.startLine}–${citation.endLine}`}
    >
      <code>{text}</code>
    </SelectionLink>
  );
}
