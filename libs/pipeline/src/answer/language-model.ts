import { AppError, isAppError } from '@repolens/contracts';
import OpenAI, {
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';

/** Where the language model lives: any OpenAI-compatible chat-completions endpoint. */
export interface LanguageModelSettings {
  /** The API root, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1` (Ollama). */
  readonly baseUrl: string;
  readonly apiKey: string | null;
  readonly model: string;
  /** Longest wait for the response to start, and then between two streamed pieces. */
  readonly timeoutMs: number;
  /** Retries of a 429, a 5xx or a timeout before the response starts. */
  readonly maxRetries: number;
}

export interface ChatTurn {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface LanguageModel {
  readonly model: string;
  /** Streams the answer's text as the model writes it. Failures are AppErrors with LLM_* codes. */
  stream(messages: readonly ChatTurn[], signal?: AbortSignal): AsyncIterable<string>;
}

/** A sampling temperature for factual, cited answers about code. */
const TEMPERATURE = 0.2;

/**
 * A client for OpenAI-compatible endpoints (OpenAI, Ollama, vLLM, llama.cpp server) through the
 * official SDK, which retries 429s (honouring retry-after), 5xx and timeouts with backoff. The SDK's
 * timeout ends when the response headers arrive, so a stream that stalls afterwards is cut here.
 */
export function createLanguageModel(settings: LanguageModelSettings): LanguageModel {
  const client = new OpenAI({
    baseURL: settings.baseUrl,
    // Local servers take no key, but the SDK insists on one; it is sent only as a bearer header.
    apiKey: settings.apiKey ?? 'not-needed',
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    logLevel: 'off',
  });

  return {
    model: settings.model,
    async *stream(messages, signal) {
      const stalled = new AbortController();
      const combined = signal === undefined ? stalled.signal : AbortSignal.any([signal, stalled.signal]);
      let idleTimer: NodeJS.Timeout | undefined;
      const armIdleTimer = (): void => {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => stalled.abort(), settings.timeoutMs);
      };
      try {
        const completion = await client.chat.completions.create(
          { model: settings.model, messages: messages.map(({ role, content }) => ({ role, content })), stream: true, temperature: TEMPERATURE },
          { signal: combined },
        );
        armIdleTimer();
        for await (const chunk of completion) {
          armIdleTimer();
          const text = chunk.choices[0]?.delta?.content;
          if (typeof text === 'string' && text !== '') yield text;
        }
        // The SDK ends a stream quietly when its signal aborts; an abort is not a finished answer.
        signal?.throwIfAborted();
        if (stalled.signal.aborted) throw stalledError(settings.timeoutMs);
      } catch (error) {
        if (signal?.aborted === true) throw signal.reason;
        if (stalled.signal.aborted) throw isAppError(error) ? error : stalledError(settings.timeoutMs, error);
        throw toLanguageModelError(error);
      } finally {
        clearTimeout(idleTimer);
      }
    },
  };
}

function stalledError(timeoutMs: number, cause?: unknown): AppError {
  return new AppError('LLM_TIMEOUT', `The language model stopped sending its answer for ${timeoutMs} ms.`, { cause });
}

/** Maps the SDK's errors onto the product's codes; the endpoint's own message is kept for the logs only. */
export function toLanguageModelError(error: unknown): Error {
  if (error instanceof AppError) return error;
  if (error instanceof APIUserAbortError) return error;
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new AppError('LLM_AUTH_FAILED', undefined, { cause: error });
  }
  if (error instanceof RateLimitError) return new AppError('LLM_RATE_LIMITED', undefined, { cause: error });
  if (error instanceof APIConnectionTimeoutError) return new AppError('LLM_TIMEOUT', undefined, { cause: error });
  if (error instanceof APIError && error.status === 404) {
    return new AppError('LLM_UNAVAILABLE', 'The language model endpoint does not know the configured model.', { cause: error });
  }
  return new AppError('LLM_UNAVAILABLE', undefined, { cause: error });
}
