import { useCallback, useEffect, useReducer, useRef } from 'react';
import { getConversationMessages } from '../api-client.js';
import { chatReducer, isAnswering, type ChatState } from './chat-reducer.js';
import { openChatSocket, type ChatSocket } from './chat-socket.js';
import { exchangesFromMessages } from './conversation-history.js';
import { loadConversation, saveConversation } from './conversation-store.js';

export interface ChatView {
  readonly state: ChatState;
  readonly answering: boolean;
  ask(question: string): void;
  /** Starts a new conversation: the next question carries no history. */
  reset(): void;
  /** Shows a past conversation from the server's history; follow-up questions continue it. Rejects with an AppError. */
  open(conversationId: string): Promise<void>;
}

/**
 * The conversation about one repository, streamed over the chat socket. The current one is kept in
 * this browser so it shows at once after a reload, then read again from the server, whose history is
 * the record (an exchange that failed was never stored there, so it does not come back).
 */
export function useChat(repositoryId: string): ChatView {
  const [state, dispatch] = useReducer(chatReducer, repositoryId, loadConversation);
  const initialState = useRef(state).current;
  const socket = useRef<ChatSocket | null>(null);
  const nextId = useRef(0);

  useEffect(() => {
    const current = openChatSocket({
      repositoryId,
      onMessage: (message) => dispatch({ type: 'server', message }),
      onInterrupted: () =>
        dispatch({ type: 'interrupted', error: { code: 'SERVICE_UNAVAILABLE', message: 'The connection to the server was lost before the answer was complete. Ask again.' } }),
    });
    socket.current = current;
    return () => {
      current.close();
      if (socket.current === current) socket.current = null;
    };
  }, [repositoryId]);

  useEffect(() => {
    const { conversationId, exchanges } = initialState;
    if (conversationId === null) return undefined;
    let cancelled = false;
    getConversationMessages(repositoryId, conversationId).then(
      ({ messages }) => {
        if (!cancelled) dispatch({ type: 'synced', conversationId, exchanges: exchangesFromMessages(conversationId, messages), basedOn: exchanges });
      },
      // The copy kept in this browser still shows; nothing to tell the reader.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [repositoryId, initialState]);

  const answering = isAnswering(state);
  useEffect(() => {
    if (!answering) saveConversation(repositoryId, state);
  }, [repositoryId, state, answering]);

  const ask = useCallback(
    (question: string) => {
      const text = question.trim();
      if (text === '' || answering) return;
      nextId.current += 1;
      dispatch({ type: 'asked', id: `${Date.now().toString(36)}-${nextId.current}`, question: text });
      socket.current?.ask(text, state.conversationId);
    },
    [answering, state.conversationId],
  );

  const reset = useCallback(() => dispatch({ type: 'reset' }), []);

  const open = useCallback(
    async (conversationId: string) => {
      const { messages } = await getConversationMessages(repositoryId, conversationId);
      dispatch({ type: 'opened', conversationId, exchanges: exchangesFromMessages(conversationId, messages) });
    },
    [repositoryId],
  );

  return { state, answering, ask, reset, open };
}
