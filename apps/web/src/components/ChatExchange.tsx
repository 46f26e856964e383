import type { AppError, ChatResponse } from '@repolens/contracts';
import { CitationList } from './CitationList.js';

export interface Exchange {
  readonly id: number;
  readonly question: string;
  readonly response: ChatResponse | null;
  readonly error: AppError | null;
}

export interface ChatExchangeProps {
  readonly exchange: Exchange;
}

/**
 * One question and its answer. The answer quotes repository text, so it is only ever rendered as
 * text (React escapes it), with its line breaks kept by CSS.
 */
export function ChatExchange({ exchange }: ChatExchangeProps) {
  return (
    <li className="exchange">
      <p className="exchange__question">{exchange.question}</p>
      {exchange.response !== null ? (
        <div className="exchange__answer">
          <p className="answer-text">{exchange.response.answer}</p>
          <CitationList citations={exchange.response.citations} />
        </div>
      ) : exchange.error !== null ? (
        <p className="exchange__error" role="alert">
          {exchange.error.message} <code>{exchange.error.code}</code>
        </p>
      ) : (
        <p className="exchange__pending muted">Thinking…</p>
      )}
    </li>
  );
}
