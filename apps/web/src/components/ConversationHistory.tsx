import { useRef, useState } from 'react';
import { toAppError, type AppError, type ConversationSummary } from '@repolens/contracts';
import { formatRelative } from '../format.js';

export interface ConversationHistoryProps {
  readonly conversations: readonly ConversationSummary[];
  readonly currentId: string | null;
  /** No other conversation can be opened while an answer is on its way. */
  readonly disabled: boolean;
  readonly onOpen: (conversation: ConversationSummary) => Promise<void>;
  readonly onShow: () => void;
}

/** The repository's past conversations, newest activity first; choosing one shows it in the chat. */
export function ConversationHistory({ conversations, currentId, disabled, onOpen, onShow }: ConversationHistoryProps) {
  const [expanded, setExpanded] = useState(false);
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const summaryRef = useRef<HTMLElement>(null);
  const now = Date.now();

  const choose = (conversation: ConversationSummary): void => {
    setOpening(conversation.id);
    setError(null);
    onOpen(conversation).then(
      () => {
        setOpening(null);
        setExpanded(false);
        // The list closes under the focus; it goes back to what opened the list.
        summaryRef.current?.focus();
      },
      (caught: unknown) => {
        setOpening(null);
        setError(toAppError(caught));
      },
    );
  };

  return (
    <details
      className="chat-history"
      open={expanded}
      onToggle={(event) => {
        const nowOpen = event.currentTarget.open;
        setExpanded(nowOpen);
        if (nowOpen) onShow();
      }}
    >
      <summary ref={summaryRef}>Past conversations ({conversations.length})</summary>
      {error !== null ? (
        <p className="form-error" role="alert">
          Could not open that conversation: {error.message} <code>{error.code}</code>
        </p>
      ) : null}
      <ul className="chat-history__list">
        {conversations.map((conversation) => {
          const questions = Math.ceil(conversation.messageCount / 2);
          return (
            <li key={conversation.id}>
              <button
                type="button"
                className="chat-history__item"
                aria-current={conversation.id === currentId ? 'true' : undefined}
                disabled={disabled || opening !== null}
                onClick={() => choose(conversation)}
              >
                <span className="chat-history__title">{conversation.title}</span>
                <span className="chat-history__meta">
                  {opening === conversation.id
                    ? 'Opening…'
                    : `${questions} question${questions === 1 ? '' : 's'} · ${formatRelative(conversation.updatedAt, now)}${conversation.id === currentId ? ' · current' : ''}`}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
