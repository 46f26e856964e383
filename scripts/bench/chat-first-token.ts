import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, openAppRuntime } from '@repolens/api';
import { loadConfig } from '@repolens/config';
import {
  CHAT_CLIENT_MESSAGE_TYPES,
  CHAT_SERVER_MESSAGE_TYPES,
  ChatServerMessageSchema,
  type CreateRepositoryResponse,
  type RunView,
} from '@repolens/contracts';
import { dropDatabase, ensureDatabase } from '@repolens/db';
import { createLogger } from '@repolens/logger';
import { createMetrics } from '@repolens/metrics';
import { startWorkers } from '@repolens/worker';
import { WebSocket } from 'ws';
import { figures, type LatencyFigures } from './search-latency.js';

const WARM_UP_QUESTIONS = 3;
const RUN_TIMEOUT_MS = 15 * 60_000;

export type ChatLatency =
  | { readonly measured: true; readonly firstToken: LatencyFigures; readonly wholeAnswer: LatencyFigures }
  | { readonly measured: false; readonly reason: string };

/**
 * Time to the first streamed token of the WebSocket chat, with no language model configured: the real
 * API and workers in this process on a database and Redis prefix of their own, the repository analysed
 * through the API, then each question asked on `/api/repositories/:id/chat` and timed from sending it to
 * the first `token` message (and to the `answer`). Needs the PostgreSQL and Redis of the configuration.
 */
export async function measureChatFirstToken(input: {
  rootDir: string;
  repositoryUrl: string;
  modelId: string;
  questions: readonly string[];
}): Promise<ChatLatency> {
  const base = loadConfig(process.env, { rootDir: input.rootDir });
  const databaseUrl = new URL(base.db.url);
  databaseUrl.pathname = `/repolens_bench_${randomBytes(4).toString('hex')}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'repolens-bench-chat-'));
  const config = loadConfig(
    {
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: base.redis.url,
      REDIS_PREFIX: `repolens-bench-${randomBytes(4).toString('hex')}`,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      REPOLENS_MODE: 'local',
      EMBEDDING_MODEL: input.modelId,
    },
    { rootDir: input.rootDir },
  );
  const log = createLogger('bench', 'silent');
  try {
    await ensureDatabase(config.db.url);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    return { measured: false, reason: `no PostgreSQL at the configured DATABASE_URL (${error instanceof Error ? error.message : String(error)})` };
  }
  const runtime = await openAppRuntime(config, log);
  const app = await buildApp(runtime.deps);
  const workers = await startWorkers({ config, log, db: runtime.deps.db, metrics: createMetrics('worker') });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const repositoryId = await analyse(baseUrl, input.repositoryUrl);
    const socket = await openSocket(`ws://127.0.0.1:${port}/api/repositories/${repositoryId}/chat`);
    try {
      // The first questions load the query embedder and the index into the API process.
      for (const question of input.questions.slice(0, WARM_UP_QUESTIONS)) await ask(socket, question);
      const timings: Array<{ firstToken: number; wholeAnswer: number }> = [];
      for (const question of input.questions) timings.push(await ask(socket, question));
      return {
        measured: true,
        firstToken: figures(timings.map((timing) => timing.firstToken)),
        wholeAnswer: figures(timings.map((timing) => timing.wholeAnswer)),
      };
    } finally {
      socket.close();
    }
  } finally {
    await app.close();
    await workers.close();
    await runtime.close();
    await dropDatabase(config.db.url).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Submits the repository and waits for its analysis to complete; returns its id. */
async function analyse(baseUrl: string, url: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/repositories`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url }) });
  const submitted = (await response.json()) as CreateRepositoryResponse;
  if (response.status !== 202) throw new Error(`the API refused the repository: ${JSON.stringify(submitted)}`);
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const run = (await (await fetch(`${baseUrl}/api/runs/${submitted.runId}`)).json()) as RunView;
    if (run.status === 'completed') return submitted.repositoryId;
    if (run.status !== 'queued' && run.status !== 'running') throw new Error(`the analysis ended ${run.status}: ${run.error?.message ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the analysis did not finish in time');
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Asks one question in a new conversation; milliseconds to the first token and to the whole answer. */
function ask(socket: WebSocket, question: string): Promise<{ firstToken: number; wholeAnswer: number }> {
  return new Promise((resolve, reject) => {
    let firstToken: number | null = null;
    const onMessage = (raw: Buffer): void => {
      const message = ChatServerMessageSchema.parse(JSON.parse(raw.toString()));
      if (message.type === CHAT_SERVER_MESSAGE_TYPES.token) {
        firstToken ??= performance.now() - sent;
        return;
      }
      socket.off('message', onMessage);
      if (message.type === CHAT_SERVER_MESSAGE_TYPES.error) {
        reject(new Error(`chat failed: ${message.error.message}`));
        return;
      }
      const wholeAnswer = performance.now() - sent;
      resolve({ firstToken: firstToken ?? wholeAnswer, wholeAnswer });
    };
    socket.on('message', onMessage);
    const sent = performance.now();
    socket.send(JSON.stringify({ type: CHAT_CLIENT_MESSAGE_TYPES.question, text: question }));
  });
}
