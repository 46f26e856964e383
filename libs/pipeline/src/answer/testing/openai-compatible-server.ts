import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake endpoint does with one request. */
export type FakeReply =
  /** Streams these pieces as chat.completion.chunk events (or one JSON completion when not asked to stream). */
  | { readonly kind: 'answer'; readonly pieces: readonly string[]; readonly pauseMs?: number }
  | { readonly kind: 'error'; readonly status: number; readonly message: string; readonly headers?: Record<string, string> }
  /** Accepts the request and never answers. */
  | { readonly kind: 'silence' }
  /** Sends these pieces, then goes quiet with the stream open. */
  | { readonly kind: 'stall'; readonly pieces: readonly string[] };

export interface ReceivedRequest {
  readonly authorization: string | undefined;
  readonly body: {
    readonly model: string;
    readonly stream?: boolean;
    readonly messages: ReadonlyArray<{ readonly role: string; readonly content: string }>;
  };
}

export interface FakeLanguageModelServer {
  /** The API root to configure, ending in /v1. */
  readonly baseUrl: string;
  readonly requests: ReceivedRequest[];
  /** Replies used in order, one per request; after them, `fallback` answers. */
  enqueue(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  /** The key the server accepts; requests with another get a 401. Null accepts any. */
  readonly apiKey?: string | null;
  /** The reply when none is queued: by default an answer that echoes the question. */
  readonly fallback?: (request: ReceivedRequest) => FakeReply;
}

/**
 * A local HTTP server that speaks the OpenAI chat-completions protocol (JSON and server-sent-event
 * streams, error bodies, retry headers), standing in for a paid or remote language model in tests.
 */
export async function startFakeLanguageModel(options: FakeServerOptions = {}): Promise<FakeLanguageModelServer> {
  const queue: FakeReply[] = [];
  const requests: ReceivedRequest[] = [];
  const open = new Set<ServerResponse>();
  const fallback = options.fallback ?? ((request): FakeReply => ({ kind: 'answer', pieces: ['You asked: ', lastUserText(request)] }));

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      sendError(res, { kind: 'error', status: 404, message: `Unknown endpoint ${req.method ?? ''} ${req.url ?? ''}` });
      return;
    }
    const request: ReceivedRequest = { authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
    requests.push(request);
    if (options.apiKey != null && request.authorization !== `Bearer ${options.apiKey}`) {
      sendError(res, { kind: 'error', status: 401, message: 'Incorrect API key provided.' });
      return;
    }
    const reply = queue.shift() ?? fallback(request);
    switch (reply.kind) {
      case 'error':
        sendError(res, reply);
        return;
      case 'silence':
        open.add(res);
        return;
      case 'stall':
        open.add(res);
        startStream(res);
        for (const piece of reply.pieces) res.write(chunkEvent(request.body.model, piece));
        return;
      case 'answer':
        if (request.body.stream !== true) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(completion(request.body.model, reply.pieces.join(''))));
          return;
        }
        startStream(res);
        for (const piece of reply.pieces) {
          res.write(chunkEvent(request.body.model, piece));
          if (reply.pauseMs !== undefined) await new Promise((resolve) => setTimeout(resolve, reply.pauseMs));
        }
        res.write(chunkEvent(request.body.model, null));
        res.end('data: [DONE]\n\n');
        return;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function lastUserText(request: ReceivedRequest): string {
  return request.body.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
}

function startStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

let sequence = 0;

function chunkEvent(model: string, content: string | null): string {
  const event = {
    id: `chatcmpl-fake-${++sequence}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta: content === null ? {} : { role: 'assistant', content }, finish_reason: content === null ? 'stop' : null }],
  };
  return `data: ${JSON.stringify(event)}\n\n`;
}

function completion(model: string, text: string) {
  return {
    id: `chatcmpl-fake-${++sequence}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

function sendError(res: ServerResponse, reply: Extract<FakeReply, { kind: 'error' }>): void {
  const type = reply.status === 429 ? 'rate_limit_exceeded' : reply.status === 401 ? 'invalid_request_error' : 'server_error';
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(JSON.stringify({ error: { message: reply.message, type, param: null, code: null } }));
}
