import type { Citation } from '@repolens/contracts';
import type { Exchange } from '../chat/chat-reducer.js';
import { formatCitation } from '../format.js';
import { CitationLink } from './CitationLink.js';
import { CitationList } from './CitationList.js';
import { Markdown } from './Markdown.js';

export interface ChatExchangeProps {
  readonly exchange: Exchange;
}

/**
 * One question and its answer. The answer is markdown that quotes repository text, rendered without
 * any HTML; a `path:start-end` in it that the answer cites becomes a link to those lines.
 */
export function ChatExchange({ exchange }: ChatExchangeProps) {
  const cited = new Map(exchange.citations.map((citation) => [formatCitation(citation), citation]));
  const renderInlineCode = (text: string) => {
    const citation: Citation | undefined = cited.get(text);
    return citation === undefined ? null : <CitationLink citation={citation} />;
  };
  return (
    <li className="exchange" data-status={exchange.status}>
      <p className="exchange__question">{exchange.question}</p>
      <div className="exchange__answer" aria-busy={exchange.status === 'waiting' || exchange.status === 'streaming'}>
        {exchange.status === 'waiting' ? <p className="muted exchange__pending">Searching the repository…</p> : null}
        {exchange.answer !== '' ? (
          <Markdown text={exchange.answer} renderInlineCode={renderInlineCode} linkExternal={false} className={exchange.status === 'streaming' ? 'answer answer--streaming' : 'answer'} />
        ) : null}
        {exchange.status === 'failed' && exchange.error !== null ? (
          <p className="exchange__error" role="alert">
            {exchange.error.message} <code>{exchange.error.code}</code>
          </p>
        ) : null}
        {exchange.status === 'done' ? (
          <>
            <CitationList citations={exchange.citations} />
            {exchange.fromHistory ? null : (
              <p className="exchange__source">
                {exchange.languageModel !== null ? `Written by ${exchange.languageModel}` : 'Assembled from the repository index (no language model is configured)'}
              </p>
            )}
          </>
        ) : null}
      </div>
    </li>
  );
}
