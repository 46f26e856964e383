import { AppError } from '@repolens/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLanguageModel, type LanguageModelSettings } from './language-model.js';
import { startFakeLanguageModel, type FakeLanguageModelServer } from './testing/openai-compatible-server.js';

const API_KEY = 'sk-test-0123456789';
let server: FakeLanguageModelServer;

beforeEach(async () => {
  server = await startFakeLanguageModel({ apiKey: API_KEY });
});
afterEach(async () => {
  await server.close();
});

function settings(overrides: Partial<LanguageModelSettings> = {}): LanguageModelSettings {
  return { baseUrl: server.baseUrl, apiKey: API_KEY, model: 'fake-coder', timeoutMs: 2_000, maxRetries: 2, ...overrides };
}

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const pieces: string[] = [];
  for await (const piece of stream) pieces.push(piece);
  return pieces;
}

async function failure(stream: AsyncIterable<string>, received: string[] = []): Promise<AppError> {
  try {
    for await (const piece of stream) received.push(piece);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the stream ended without an error');
}

describe('createLanguageModel (OpenAI-compatible endpoint)', () => {
  it('streams the answer piece by piece, sending the model, the messages and the key as a bearer token', async () => {
    server.enqueue({ kind: 'answer', pieces: ['The retry ', 'delay doubles ', 'each attempt.'] });
    const model = createLanguageModel(settings());
    const pieces = await collect(model.stream([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'How are retries timed?' }]));

    expect(pieces).toEqual(['The retry ', 'delay doubles ', 'each attempt.']);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toMatchObject({ model: 'fake-coder', stream: true });
    expect(request?.body.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('reports a refused key as LLM_AUTH_FAILED without retrying, and never repeats the key', async () => {
    const model = createLanguageModel(settings({ apiKey: 'sk-wrong-key-abcdef' }));
    const error = await failure(model.stream([{ role: 'user', content: 'hi' }]));
    expect(error.code).toBe('LLM_AUTH_FAILED');
    expect(error.message).not.toContain('sk-wrong-key-abcdef');
    expect(server.requests).toHaveLength(1);
  });

  it('waits and retries when rate-limited (429 with retry-after), then streams', async () => {
    const limited = { kind: 'error', status: 429, message: 'Rate limit reached', headers: { 'retry-after-ms': '20' } } as const;
    server.enqueue(limited, limited, { kind: 'answer', pieces: ['ok'] });
    const pieces = await collect(createLanguageModel(settings()).stream([{ role: 'user', content: 'hi' }]));
    expect(pieces).toEqual(['ok']);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up with LLM_RATE_LIMITED when the endpoint keeps refusing', async () => {
    const limited = { kind: 'error', status: 429, message: 'Rate limit reached', headers: { 'retry-after-ms': '10' } } as const;
    server.enqueue(limited, limited, limited);
    const error = await failure(createLanguageModel(settings({ maxRetries: 2 })).stream([{ role: 'user', content: 'hi' }]));
    expect(error.code).toBe('LLM_RATE_LIMITED');
    expect(server.requests).toHaveLength(3);
  });

  it('times out an endpoint that never answers, after its retries (LLM_TIMEOUT)', async () => {
    server.enqueue({ kind: 'silence' }, { kind: 'silence' });
    const error = await failure(createLanguageModel(settings({ timeoutMs: 150, maxRetries: 1 })).stream([{ role: 'user', content: 'hi' }]));
    expect(error.code).toBe('LLM_TIMEOUT');
    expect(server.requests).toHaveLength(2);
  });

  it('cuts a stream that stalls after it started, keeping what arrived (LLM_TIMEOUT)', async () => {
    server.enqueue({ kind: 'stall', pieces: ['Half an ', 'answer'] });
    const received: string[] = [];
    const error = await failure(createLanguageModel(settings({ timeoutMs: 200 })).stream([{ role: 'user', content: 'hi' }]), received);
    expect(error.code).toBe('LLM_TIMEOUT');
    expect(received).toEqual(['Half an ', 'answer']);
  });

  it('says when the endpoint does not know the model, and when it fails (LLM_UNAVAILABLE)', async () => {
    server.enqueue({ kind: 'error', status: 404, message: 'model "fake-coder" not found' });
    const missing = await failure(createLanguageModel(settings({ maxRetries: 0 })).stream([{ role: 'user', content: 'hi' }]));
    expect(missing.code).toBe('LLM_UNAVAILABLE');
    expect(missing.message).toMatch(/model/);

    server.enqueue({ kind: 'error', status: 500, message: 'boom' });
    const broken = await failure(createLanguageModel(settings({ maxRetries: 0 })).stream([{ role: 'user', content: 'hi' }]));
    expect(broken.code).toBe('LLM_UNAVAILABLE');
  });

  it('stops when the caller aborts', async () => {
    server.enqueue({ kind: 'answer', pieces: ['one ', 'two ', 'three'], pauseMs: 100 });
    const controller = new AbortController();
    const received: string[] = [];
    await expect(
      (async () => {
        for await (const piece of createLanguageModel(settings()).stream([{ role: 'user', content: 'hi' }], controller.signal)) {
          received.push(piece);
          controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(received).toEqual(['one ']);
  });
});
