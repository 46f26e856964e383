import { Writable } from 'node:stream';
import type { CreateRepositoryResponse, ErrorBody, RepositoryCredentialsView, RepositoryDetail, RepositoryList, RunView, WebhookResponse } from '@repolens/contracts';
import { loggerOptions } from '@repolens/logger';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicCredentials } from '../../libs/pipeline/src/git/git-command.js';
import { smallProject } from '../support/fixture-repository.js';
import { startPrivateGitHost, type PrivateGitHost } from '../support/private-git-host.js';
import { eventually, githubPush, latestRun, runEnded } from '../support/resync.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const TOKEN = 'ghp_KeptForResyncs0123456789abcdefABCDEF';
const WRONG_TOKEN = 'ghp_NotTheRightOne0123456789abcdefABCDEF';
const WEBHOOK_SECRET = 'webhook-secret-for-stored-tokens';

describe('an access token kept for re-syncs of a private repository', () => {
  let stack: TestStack;
  let host: PrivateGitHost;
  let repositoryId: string;
  const logLines: string[] = [];
  const responseTexts: string[] = [];

  /** Every call goes through here, so the test can check that no response ever carried the token. */
  async function call<TBody>(method: string, path: string, body?: unknown): Promise<{ status: number; body: TBody }> {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    responseTexts.push(text);
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as TBody };
  }

  async function pushAndNotify(files: Record<string, string>): Promise<{ head: string; runId: string }> {
    const head = host.push(files);
    const delivery = githubPush({ url: host.url, after: head }, WEBHOOK_SECRET);
    const response = await fetch(`${stack.baseUrl}/api/webhooks/github`, { method: 'POST', headers: { 'content-type': 'application/json', ...delivery.headers }, body: delivery.body });
    const text = await response.text();
    responseTexts.push(text);
    const outcome = JSON.parse(text) as WebhookResponse;
    expect(outcome.outcome).toBe('queued');
    return { head, runId: outcome.repositories[0]?.runId ?? '' };
  }

  beforeAll(async () => {
    host = await startPrivateGitHost(smallProject(), TOKEN);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    stack = await startTestStack(
      testConfig({ ALLOW_PRIVATE_NETWORK: 'true', WEBHOOK_SECRET, SCHEDULE_MIN_INTERVAL_SECONDS: '1', RESYNC_DEFER_MS: '300' }),
      { workers: true, log: pino(loggerOptions('test', 'trace'), sink) },
    );
  });
  afterAll(async () => {
    if (repositoryId !== undefined) await stack.deps.db.schedules.remove(repositoryId);
    await stack?.close();
    await host?.close();
  });

  it('is private: without a token the analysis fails with REPOSITORY_AUTH_REQUIRED', async () => {
    const submitted = await call<CreateRepositoryResponse>('POST', '/api/repositories', { url: host.url });
    expect(submitted.status).toBe(202);
    repositoryId = submitted.body.repositoryId;
    const run = await runEnded(stack.baseUrl, submitted.body.runId);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'REPOSITORY_AUTH_REQUIRED' } });
  });

  it('refuses to keep a token the host refuses, and keeps one it accepts, saying only that it has one', async () => {
    const wrong = await call<ErrorBody>('POST', '/api/repositories', { url: host.url, accessToken: WRONG_TOKEN, rememberToken: true });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('REPOSITORY_AUTH_REQUIRED');
    expect((await call<RepositoryCredentialsView>('GET', `/api/repositories/${repositoryId}/credentials`)).body.hasStoredToken).toBe(false);
    // A refused token to keep leaves no repository behind.
    const strangerUrl = `${host.url.replace(/\.git$/, '')}-never-analysed.git`;
    const stranger = await call<ErrorBody>('POST', '/api/repositories', { url: strangerUrl, accessToken: WRONG_TOKEN, rememberToken: true });
    expect(stranger.status).toBeGreaterThanOrEqual(400);
    const listed = await call<RepositoryList>('GET', '/api/repositories');
    expect(listed.body.repositories.map((repository) => repository.url)).not.toContain(strangerUrl);
    const forgotten = await call<ErrorBody>('POST', '/api/repositories', { url: host.url, rememberToken: true });
    expect(forgotten.status).toBe(400);

    const submitted = await call<CreateRepositoryResponse>('POST', '/api/repositories', { url: host.url, accessToken: TOKEN, rememberToken: true });
    expect(submitted.status).toBe(202);
    expect(await runEnded(stack.baseUrl, submitted.body.runId)).toMatchObject({ status: 'completed', trigger: 'interactive' });

    const credentials = await call<RepositoryCredentialsView>('GET', `/api/repositories/${repositoryId}/credentials`);
    expect(credentials.body).toMatchObject({ repositoryId, hasStoredToken: true, storedAt: expect.any(String) });
    expect((await call<RepositoryDetail>('GET', `/api/repositories/${repositoryId}`)).body.hasStoredToken).toBe(true);
    // Through the credentials call too: a token the host refuses never replaces the one that works.
    const replaced = await call<ErrorBody>('PUT', `/api/repositories/${repositoryId}/credentials`, { accessToken: WRONG_TOKEN });
    expect(replaced.status).toBe(401);
    expect(replaced.body.error.code).toBe('REPOSITORY_AUTH_REQUIRED');
    const put = await call<RepositoryCredentialsView>('PUT', `/api/repositories/${repositoryId}/credentials`, { accessToken: TOKEN });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ repositoryId, hasStoredToken: true });
    // Sealed at rest, and bound to this repository.
    const stored = await stack.deps.db.repositoryCredentials.get(repositoryId);
    expect(stored?.sealed).not.toContain(TOKEN);
    expect(await stack.deps.repositoryTokens.get(repositoryId)).toBe(TOKEN);
  });

  it('clones webhook and scheduled runs, which bring no token, with the kept one', async () => {
    const before = host.requests.length;
    const pushed = await pushAndNotify({ 'src/pushed.ts': 'export const pushed = true;\n' });
    expect(await runEnded(stack.baseUrl, pushed.runId)).toMatchObject({ status: 'completed', trigger: 'webhook', commitSha: pushed.head });
    // The token was asked for and sent by the run's clone, not given with the run.
    const withToken = host.requests.slice(before).filter((request) => request.authorization === `Basic ${basicCredentials(TOKEN)}`);
    expect(withToken.length).toBeGreaterThan(0);

    const head = host.push({ 'src/scheduled.ts': 'export const scheduled = true;\n' });
    const schedule = await call('PUT', `/api/repositories/${repositoryId}/schedules`, { cron: '* * * * * *' });
    expect(schedule.status).toBeLessThan(300);
    // The schedule compares the branch's head (asked with the kept token) with the analysed commit, then runs.
    const scheduled = await eventually(async () => {
      const run = await latestRun(stack.baseUrl, repositoryId);
      return run?.trigger === 'schedule' ? run : null;
    }, 'a scheduled run');
    expect((await call('DELETE', `/api/repositories/${repositoryId}/schedules`)).status).toBeLessThan(300);
    expect(await runEnded(stack.baseUrl, scheduled.id)).toMatchObject({ status: 'completed', commitSha: head });
  });

  it('forgets the token on request: the next re-sync fails with REPOSITORY_AUTH_REQUIRED', async () => {
    const deleted = await call<RepositoryCredentialsView>('DELETE', `/api/repositories/${repositoryId}/credentials`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ repositoryId, hasStoredToken: false, storedAt: null });

    const pushed = await pushAndNotify({ 'src/after-delete.ts': 'export const afterDelete = true;\n' });
    const run: RunView = await runEnded(stack.baseUrl, pushed.runId);
    expect(run).toMatchObject({ status: 'failed', trigger: 'webhook', error: { code: 'REPOSITORY_AUTH_REQUIRED' } });
    expect((await call<RepositoryDetail>('GET', `/api/repositories/${repositoryId}`)).body.hasStoredToken).toBe(false);
  });

  it('never put the token in a response, a log line or a database row in plain text', async () => {
    for (const path of [`/api/repositories/${repositoryId}`, '/api/repositories', `/api/repositories/${repositoryId}/credentials`, '/api/runs?limit=100']) {
      await call('GET', path);
    }
    const encoded = basicCredentials(TOKEN);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('')).toContain('access token kept for re-syncs');
    for (const text of [...responseTexts, ...logLines]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(encoded);
    }
    const tables = ['repositories', 'runs', 'stage_executions', 'run_events', 'stage_results', 'repository_credentials'];
    for (const table of tables) {
      const rows = JSON.stringify((await stack.deps.db.pool.query(`SELECT * FROM ${table}`)).rows);
      expect(rows, table).not.toContain(TOKEN);
    }
  });
});
