import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { RepositoryDetail } from '@repolens/contracts';
import { useChat } from '../chat/use-chat.js';
import { useConversationList } from '../chat/use-conversation-list.js';
import { ChatExchange } from './ChatExchange.js';
import { ConversationHistory } from './ConversationHistory.js';
import { SuggestedQuestions } from './SuggestedQuestions.js';

export interface ChatPanelProps {
  readonly repository: RepositoryDetail;
}

/**
 * Questions about a ready repository, answered token by token; follow-ups stay in the same
 * conversation, which is kept for the repository across reloads. Past conversations, from the
 * server's history, can be opened again and continued.
 */
export function ChatPanel({ repository }: ChatPanelProps) {
  const { state, answering, ask, reset, open } = useChat(repository.id);
  const [question, setQuestion] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const answered = state.exchanges.filter((exchange) => exchange.status === 'done').length;
  // Read again when an answer is stored, so the conversation just had is listed.
  const history = useConversationList(repository.id, `${state.conversationId ?? ''}:${answered}`);
  const endRef = useRef<HTMLDivElement>(null);
  const last = state.exchanges.at(-1);

  // Follow the answer as it grows, unless the reader scrolled away from the end.
  useEffect(() => {
    const end = endRef.current;
    const list = end?.parentElement;
    if (end === null || list == null) return;
    if (list.scrollHeight - list.scrollTop - list.clientHeight < 160) end.scrollIntoView({ block: 'end' });
  }, [last?.answer, state.exchanges.length]);

  const submit = (text: string): void => {
    if (text.trim() === '' || answering) return;
    ask(text);
    setQuestion('');
  };

  // Enter asks, Shift+Enter starts a new line, as in most chat boxes.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit(question);
    }
  };

  return (
    <section className="panel chat" aria-labelledby="chat-title">
      <div className="panel__head">
        <h2 id="chat-title">Ask about {repository.name}</h2>
        {state.exchanges.length > 0 ? (
          <button
            type="button"
            className="button button--secondary panel__action"
            onClick={() => {
              reset();
              setAnnouncement('New conversation started.');
            }}
            disabled={answering}
          >
            New conversation
          </button>
        ) : null}
      </div>
      {history.conversations !== null && history.conversations.length > 0 ? (
        <ConversationHistory
          conversations={history.conversations}
          currentId={state.conversationId}
          disabled={answering}
          onShow={history.reload}
          onOpen={async (conversation) => {
            await open(conversation.id);
            setAnnouncement(`Showing the conversation “${conversation.title}”.`);
          }}
        />
      ) : null}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <div className="chat__scroll">
        {state.exchanges.length > 0 ? (
          <ol className="exchanges" aria-live="polite" aria-relevant="additions">
            {state.exchanges.map((exchange) => (
              <ChatExchange key={exchange.id} exchange={exchange} />
            ))}
          </ol>
        ) : (
          <SuggestedQuestions repository={repository} onAsk={submit} />
        )}
        <div ref={endRef} />
      </div>
      <form
        className="chat__form"
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          submit(question);
        }}
      >
        <label htmlFor="chat-question" className="visually-hidden">
          Your question
        </label>
        <textarea
          id="chat-question"
          name="question"
          rows={2}
          placeholder="Where is the HTTP server started?"
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="chat__form-row">
          <span className="hint">Enter to ask, Shift+Enter for a new line</span>
          <button type="submit" className="button" disabled={answering || question.trim() === ''}>
            {answering ? 'Answering…' : 'Ask'}
          </button>
        </div>
      </form>
    </section>
  );
}
