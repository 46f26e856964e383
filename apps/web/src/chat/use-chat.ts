import { useCallback, useEffect, useReducer, useRef } from 'react';
import { chatReducer, isAnswering, type ChatState } from './chat-reducer.js';
import { openChatSocket, type ChatSocket } from './chat-socket.js';
import { loadConversation, saveConversation } from './conversation-store.js';

export interface ChatView {
  readonly state: ChatState;
  readonly answering: boolean;
  ask(question: string): void;
  /** Starts a new conversation: the next question carries no history. */
  reset(): void;
}

/** The conversation about one repository, streamed over the chat socket and kept across reloads. */
export function useChat(repositoryId: string): ChatView {
  const [state, dispatch] = useReducer(chatReducer, repositoryId, loadConversation);
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

  return { state, answering, ask, reset };
}
