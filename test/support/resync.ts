import { execFileSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CreateRepositoryResponse, RunView } from '@repolens/contracts';
import { getJson, postJson, waitForRun, type JsonResponse } from './http.js';

const GIT_ENV = { GIT_AUTHOR_NAME: 'Ada Tester', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada Tester', GIT_COMMITTER_EMAIL: 'ada@example.com' };

/** Commits `files` to the fixture repository's current branch and returns the new head commit. */
export function commitFiles(dir: string, files: Record<string, string>, message = 'Change'): string {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim();
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  git('add', '-A');
  git('commit', '--quiet', '-m', message);
  return git('rev-parse', 'HEAD');
}

/** Sends a body as-is with the given headers (webhook deliveries must reach the server byte for byte). */
export async function postRaw<TBody = unknown>(url: string, body: string, headers: Record<string, string>): Promise<JsonResponse<TBody>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as TBody };
}

export interface PushPayloadInput {
  readonly url: string;
  readonly after: string;
  readonly branch?: string;
  readonly defaultBranch?: string;
}

/** A GitHub push delivery, signed with `secret`, with a fresh delivery id. */
export function githubPush(input: PushPayloadInput, secret: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    ref: `refs/heads/${input.branch ?? 'main'}`,
    before: '1'.repeat(40),
    after: input.after,
    repository: { full_name: 'acme/widgets', clone_url: input.url, html_url: input.url, default_branch: input.defaultBranch ?? 'main' },
    pusher: { name: 'ada' },
  });
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return { body, headers: { 'x-github-event': 'push', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature } };
}

/** A GitLab push delivery carrying `token`, with a fresh event id. */
export function gitlabPush(input: PushPayloadInput, token: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    object_kind: 'push',
    ref: `refs/heads/${input.branch ?? 'main'}`,
    before: '1'.repeat(40),
    after: input.after,
    project: { path_with_namespace: 'acme/widgets', git_http_url: input.url, web_url: input.url, default_branch: input.defaultBranch ?? 'main' },
  });
  return { body, headers: { 'x-gitlab-event': 'Push Hook', 'x-gitlab-event-uuid': randomUUID(), 'x-gitlab-token': token } };
}

/** Polls until `read` returns a value (for state that moves without a feed to follow, such as a repository's latest run). */
export async function eventually<T>(read: () => Promise<T | null | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The repository's newest run, as `GET /api/repositories/:id` shows it. */
export async function latestRun(baseUrl: string, repositoryId: string): Promise<RunView | null> {
  const detail = await getJson<{ latestRun: RunView | null }>(`${baseUrl}/api/repositories/${repositoryId}`);
  return detail.body.latestRun;
}

const ENDED = new Set(['completed', 'failed', 'cancelled', 'timed_out']);

/** Waits for a run to end, whichever way, and returns it (tests then say which end they expect). */
export async function runEnded(baseUrl: string, runId: string): Promise<RunView> {
  return waitForRun(baseUrl, runId, (run) => ENDED.has(run.status));
}

/** Submits a repository and waits for its analysis to end. */
export async function analyse(baseUrl: string, url: string): Promise<{ repositoryId: string; run: RunView }> {
  const submitted = await postJson<CreateRepositoryResponse>(`${baseUrl}/api/repositories`, { url });
  if (submitted.status !== 202) throw new Error(`submission refused: ${JSON.stringify(submitted.body)}`);
  return { repositoryId: submitted.body.repositoryId, run: await runEnded(baseUrl, submitted.body.runId) };
}
