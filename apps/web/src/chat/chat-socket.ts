import { CHAT_CLIENT_MESSAGE_TYPES, ChatServerMessageSchema, type ChatClientMessage, type ChatServerMessage } from '@repolens/contracts';

export interface ChatSocketOptions {
  readonly repositoryId: string;
  readonly onMessage: (message: ChatServerMessage) => void;
  /** The socket closed, or never opened, while a question waited for its answer. */
  readonly onInterrupted: () => void;
  readonly location?: Pick<Location, 'protocol' | 'host'>;
}

export interface ChatSocket {
  ask(question: string, conversationId: string | null): void;
  close(): void;
}

/**
 * The streamed chat of SPEC §7 (`/api/repositories/:id/chat`): one socket per repository, opened when
 * the first question is asked and again after it closed. Each question gets `token` messages, then an
 * `answer` or an `error`; the server answers one question at a time.
 */
export function openChatSocket(options: ChatSocketOptions): ChatSocket {
  let socket: WebSocket | null = null;
  let waiting = false;
  let closed = false;

  const connect = (): WebSocket => {
    const current = new WebSocket(chatUrl(options.repositoryId, options.location ?? window.location));
    current.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = parseMessage(event.data);
      if (message === null) return;
      if (message.type !== 'token') waiting = false;
      options.onMessage(message);
    });
    current.addEventListener('close', () => {
      if (socket === current) socket = null;
      if (waiting && !closed) {
        waiting = false;
        options.onInterrupted();
      }
    });
    return current;
  };

  return {
    ask(question, conversationId) {
      if (closed) return;
      const message: ChatClientMessage = { type: CHAT_CLIENT_MESSAGE_TYPES.question, text: question };
      if (conversationId !== null) message.conversationId = conversationId;
      const payload = JSON.stringify(message);
      waiting = true;
      if (socket === null || socket.readyState === WebSocket.CLOSING || socket.readyState === WebSocket.CLOSED) socket = connect();
      const current = socket;
      if (current.readyState === WebSocket.OPEN) current.send(payload);
      else current.addEventListener('open', () => current.send(payload), { once: true });
    },
    close() {
      closed = true;
      socket?.close();
      socket = null;
    },
  };
}

export function chatUrl(repositoryId: string, location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/repositories/${encodeURIComponent(repositoryId)}/chat`;
}

function parseMessage(data: unknown): ChatServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = ChatServerMessageSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
