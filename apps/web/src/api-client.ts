import {
  AppError,
  ChatResponseSchema,
  ConversationListSchema,
  ConversationMessagesSchema,
  CreateRepositoryResponseSchema,
  ErrorBodySchema,
  FileContentResponseSchema,
  FileTreeResponseSchema,
  SymbolSearchResponseSchema,
  RepositoryCredentialsViewSchema,
  RepositoryDetailSchema,
  RepositoryListSchema,
  RunViewSchema,
  type ChatBody,
  type ChatResponse,
  type ConversationMessages,
  type ConversationSummary,
  type CreateRepositoryBody,
  type CreateRepositoryResponse,
  type RepositoryCredentialsView,
  type FileContentResponse,
  type FileTreeResponse,
  type SymbolHit,
  type SymbolKind,
  type RepositoryDetail,
  type RepositorySummary,
  type RunView,
} from '@repolens/contracts';

/**
 * Typed calls to the RepoLens API (SPEC §7). Every response is parsed with its contracts schema;
 * every failure becomes an AppError carrying the API's own code and message.
 */

export function createRepository(body: CreateRepositoryBody): Promise<CreateRepositoryResponse> {
  return request(CreateRepositoryResponseSchema, '/api/repositories', { method: 'POST', body });
}

export async function listRepositories(): Promise<RepositorySummary[]> {
  const list = await request(RepositoryListSchema, '/api/repositories');
  return list.repositories;
}

export function getRepository(repositoryId: string): Promise<RepositoryDetail> {
  return request(RepositoryDetailSchema, `/api/repositories/${encodeURIComponent(repositoryId)}`);
}

/** Deletes the access token kept for the repository's re-syncs; the answer says none is kept any more. */
export function forgetKeptToken(repositoryId: string): Promise<RepositoryCredentialsView> {
  return request(RepositoryCredentialsViewSchema, `/api/repositories/${encodeURIComponent(repositoryId)}/credentials`, { method: 'DELETE' });
}

export function getRun(runId: string): Promise<RunView> {
  return request(RunViewSchema, `/api/runs/${encodeURIComponent(runId)}`);
}

/** The run's end still arrives on its feed; the response body is not needed. */
export async function cancelRun(runId: string): Promise<void> {
  await send(`/api/runs/${encodeURIComponent(runId)}/cancel`, { method: 'POST', body: {} });
}

/** Retries a failed or timed-out run from its failed stage; its feed then goes on. */
export async function retryRun(runId: string): Promise<void> {
  await send(`/api/runs/${encodeURIComponent(runId)}/retry`, { method: 'POST', body: {} });
}

export function askQuestion(repositoryId: string, body: ChatBody): Promise<ChatResponse> {
  return request(ChatResponseSchema, `/api/repositories/${encodeURIComponent(repositoryId)}/chat`, {
    method: 'POST',
    body,
  });
}

/** The repository's stored conversations, most recently active first. */
export async function listConversations(repositoryId: string): Promise<ConversationSummary[]> {
  const list = await request(ConversationListSchema, `/api/repositories/${encodeURIComponent(repositoryId)}/conversations`);
  return list.conversations;
}

export function getConversationMessages(repositoryId: string, conversationId: string): Promise<ConversationMessages> {
  return request(
    ConversationMessagesSchema,
    `/api/repositories/${encodeURIComponent(repositoryId)}/conversations/${encodeURIComponent(conversationId)}/messages`,
  );
}

export function getFileTree(repositoryId: string): Promise<FileTreeResponse> {
  return request(FileTreeResponseSchema, `/api/repositories/${encodeURIComponent(repositoryId)}/files`);
}

/** Each segment is escaped on its own, so the slashes between them stay path separators. */
export function getFile(repositoryId: string, filePath: string): Promise<FileContentResponse> {
  const escaped = filePath.split('/').map(encodeURIComponent).join('/');
  return request(FileContentResponseSchema, `/api/repositories/${encodeURIComponent(repositoryId)}/files/${escaped}`);
}

export async function searchSymbols(repositoryId: string, query: string, options: { k?: number; kind?: SymbolKind } = {}): Promise<SymbolHit[]> {
  const params = new URLSearchParams({ q: query, k: String(options.k ?? 20) });
  if (options.kind !== undefined) params.set('kind', options.kind);
  const response = await request(SymbolSearchResponseSchema, `/api/repositories/${encodeURIComponent(repositoryId)}/symbols?${params}`);
  return response.results;
}

interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly body?: unknown;
}

/** The part of a zod schema this client needs. */
interface ResponseSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: Error };
}

async function request<T>(schema: ResponseSchema<T>, path: string, options?: RequestOptions): Promise<T> {
  const payload = await send(path, options);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new AppError('INTERNAL_ERROR', 'The server sent a response this page does not understand.', {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Sends one request and returns its JSON body, or throws the API's error. */
async function send(path: string, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method: options.method ?? 'GET', headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new AppError('SERVICE_UNAVAILABLE', 'Could not reach the RepoLens server. Check your connection.', { cause });
  }
  const payload = await readJson(response);
  if (!response.ok) throw errorFrom(response, payload);
  return payload;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorFrom(response: Response, payload: unknown): AppError {
  const body = ErrorBodySchema.safeParse(payload);
  if (body.success) return new AppError(body.data.error.code, body.data.error.message);
  const code = response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'VALIDATION_ERROR';
  return new AppError(code, `The server answered ${response.status} ${response.statusText}`.trim() + '.');
}
