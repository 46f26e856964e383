import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { toAppError } from '@repolens/contracts';
import { askQuestion } from '../api-client.js';
import { ChatExchange, type Exchange } from './ChatExchange.js';

export interface ChatPanelProps {
  readonly repositoryId: string;
  readonly repositoryName: string;
}

/** Questions about a ready repository; follow-ups stay in the same conversation. Keyed by repository. */
export function ChatPanel({ repositoryId, repositoryName }: ChatPanelProps) {
  const [question, setQuestion] = useState('');
  const [exchanges, setExchanges] = useState<readonly Exchange[]>([]);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const nextId = useRef(1);

  const update = (id: number, change: Partial<Exchange>): void =>
    setExchanges((current) => current.map((exchange) => (exchange.id === id ? { ...exchange, ...change } : exchange)));

  const ask = async (): Promise<void> => {
    const text = question.trim();
    if (text === '' || asking) return;
    const id = nextId.current++;
    setExchanges((current) => [...current, { id, question: text, response: null, error: null }]);
    setQuestion('');
    setAsking(true);
    try {
      const response = await askQuestion(repositoryId, conversationId === null ? { question: text } : { question: text, conversationId });
      setConversationId(response.conversationId);
      update(id, { response });
    } catch (caught) {
      update(id, { error: toAppError(caught) });
    } finally {
      setAsking(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void ask();
  };

  // Enter asks, Shift+Enter starts a new line, as in most chat boxes.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void ask();
    }
  };

  return (
    <section className="panel chat" aria-labelledby="chat-title">
      <h2 id="chat-title">Ask about {repositoryName}</h2>
      {exchanges.length > 0 ? (
        <ol className="exchanges" aria-live="polite">
          {exchanges.map((exchange) => (
            <ChatExchange key={exchange.id} exchange={exchange} />
          ))}
        </ol>
      ) : (
        <p className="muted">Ask what the repository does, where something is defined, or what it depends on.</p>
      )}
      <form className="chat__form" onSubmit={submit}>
        <label htmlFor="chat-question" className="visually-hidden">
          Your question
        </label>
        <textarea
          id="chat-question"
          name="question"
          rows={3}
          placeholder="Where is the HTTP server started?"
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button" disabled={asking || question.trim() === ''}>
          {asking ? 'Asking…' : 'Ask'}
        </button>
      </form>
    </section>
  );
}
