import { createHmac } from 'node:crypto';
import type { ErrorBody, WebhookResponse } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository, largeProject, smallProject } from '../support/fixture-repository.js';
import { analyse, commitFiles, eventually, githubPush, gitlabPush, latestRun, postRaw, runEnded } from '../support/resync.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const GITHUB_SECRET = 'github-hook-secret';
const GITLAB_TOKEN = 'gitlab-hook-token';

describe('push webhooks', () => {
  let stack: TestStack;
  let github: string;
  let gitlab: string;

  beforeAll(async () => {
    stack = await startTestStack(
      testConfig({ GITHUB_WEBHOOK_SECRET: GITHUB_SECRET, GITLAB_WEBHOOK_TOKEN: GITLAB_TOKEN, RESYNC_DEFER_MS: '300' }),
    );
    github = `${stack.baseUrl}/api/webhooks/github`;
    gitlab = `${stack.baseUrl}/api/webhooks/gitlab`;
  });
  afterAll(async () => {
    await stack.close();
  });

  it('starts a run at the pushed commit for a signed GitHub push, and refuses forgeries and replays', async () => {
    const fixture = createFixtureRepository(smallProject());
    const { repositoryId, run: first } = await analyse(stack.baseUrl, fixture.url);
    const head = commitFiles(fixture.dir, { 'src/retry.ts': 'export const MAX_RETRIES = 5;\n' });

    const forged = githubPush({ url: fixture.url, after: head }, 'a guessed secret');
    const refused = await postRaw<ErrorBody>(github, forged.body, forged.headers);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('WEBHOOK_UNAUTHORIZED');
    const unsigned = await postRaw<ErrorBody>(github, forged.body, { ...forged.headers, 'x-hub-signature-256': '' });
    expect(unsigned.status).toBe(401);
    expect((await latestRun(stack.baseUrl, repositoryId))?.id).toBe(first.id);

    const push = githubPush({ url: fixture.url, after: head }, GITHUB_SECRET);
    const accepted = await postRaw<WebhookResponse>(github, push.body, push.headers);
    expect(accepted.status).toBe(202);
    expect(accepted.body.outcome).toBe('queued');
    expect(accepted.body.repositories).toEqual([expect.objectContaining({ repositoryId, outcome: 'queued' })]);
    const runId = accepted.body.repositories[0]?.runId ?? '';

    const replayed = await postRaw<ErrorBody>(github, push.body, push.headers);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.code).toBe('WEBHOOK_REPLAYED');

    expect(await runEnded(stack.baseUrl, runId)).toMatchObject({ status: 'completed', trigger: 'webhook', commitSha: head });
    expect((await latestRun(stack.baseUrl, repositoryId))?.id).toBe(runId);

    // The same commit pushed again (a new delivery) is acknowledged, not analysed twice.
    const again = githubPush({ url: fixture.url, after: head }, GITHUB_SECRET);
    expect((await postRaw<WebhookResponse>(github, again.body, again.headers)).body).toMatchObject({ outcome: 'ignored', reason: 'this commit is already analysed' });
  });

  it('acknowledges pushes it does not act on with 202 and the reason', async () => {
    const fixture = createFixtureRepository(smallProject());
    const { repositoryId } = await analyse(stack.baseUrl, fixture.url);

    const unknown = githubPush({ url: 'https://github.com/acme/never-analysed', after: fixture.head }, GITHUB_SECRET);
    const unknownReply = await postRaw<WebhookResponse>(github, unknown.body, unknown.headers);
    expect(unknownReply.status).toBe(202);
    expect(unknownReply.body).toEqual({ outcome: 'ignored', reason: 'no analysed repository has this URL', repositories: [] });

    const otherBranch = githubPush({ url: fixture.url, after: 'f'.repeat(40), branch: 'feature/x' }, GITHUB_SECRET);
    const otherReply = await postRaw<WebhookResponse>(github, otherBranch.body, otherBranch.headers);
    expect(otherReply.status).toBe(202);
    expect(otherReply.body.repositories).toEqual([
      { repositoryId, outcome: 'ignored', runId: null, reason: 'the repository is analysed at main, not feature/x' },
    ]);

    // GitHub's other content type: the JSON document as the form field `payload`, signed as sent.
    const formBody = new URLSearchParams({ payload: githubPush({ url: fixture.url, after: 'e'.repeat(40), branch: 'dev' }, GITHUB_SECRET).body }).toString();
    const formHeaders = {
      ...githubPush({ url: fixture.url, after: fixture.head }, GITHUB_SECRET).headers,
      'content-type': 'application/x-www-form-urlencoded',
      'x-hub-signature-256': `sha256=${createHmac('sha256', GITHUB_SECRET).update(formBody).digest('hex')}`,
    };
    const formReply = await postRaw<WebhookResponse>(github, formBody, formHeaders);
    expect(formReply.status).toBe(202);
    expect(formReply.body.repositories).toEqual([expect.objectContaining({ repositoryId, reason: 'the repository is analysed at main, not dev' })]);

    const ping = githubPush({ url: fixture.url, after: fixture.head }, GITHUB_SECRET);
    const pingReply = await postRaw<WebhookResponse>(github, ping.body, { ...ping.headers, 'x-github-event': 'ping' });
    expect(pingReply).toMatchObject({ status: 202, body: { outcome: 'ignored' } });
  });

  it('matches repositories by normalised clone URL', async () => {
    const stored = await stack.deps.db.repositories.upsert({ url: 'https://github.com/Acme/Widgets.git', name: 'Acme/Widgets', ref: null });
    const found = await stack.deps.db.repositories.findByUrls(['https://github.com/acme/widgets']);
    expect(found.map((repository) => repository.id)).toEqual([stored.id]);
    expect(await stack.deps.db.repositories.findByUrls(['https://github.com/acme/widgets-2'])).toEqual([]);
    // Never analysed: not left in the shared database for other tests' listings.
    await stack.deps.db.pool.query('DELETE FROM repositories WHERE id = $1', [stored.id]);
  });

  it('checks GitLab secret tokens the same way', async () => {
    const fixture = createFixtureRepository(smallProject());
    const { repositoryId } = await analyse(stack.baseUrl, fixture.url);
    const head = commitFiles(fixture.dir, { 'docs/guide.md': '# Guide\n\nHow to retry.\n' });

    const forged = gitlabPush({ url: fixture.url, after: head }, 'not-the-token');
    expect((await postRaw<ErrorBody>(gitlab, forged.body, forged.headers)).body.error.code).toBe('WEBHOOK_UNAUTHORIZED');

    const push = gitlabPush({ url: fixture.url, after: head }, GITLAB_TOKEN);
    const accepted = await postRaw<WebhookResponse>(gitlab, push.body, push.headers);
    expect(accepted).toMatchObject({ status: 202, body: { outcome: 'queued' } });
    const replayed = await postRaw<ErrorBody>(gitlab, push.body, push.headers);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.code).toBe('WEBHOOK_REPLAYED');

    const unknown = gitlabPush({ url: 'https://gitlab.com/acme/elsewhere', after: head }, GITLAB_TOKEN);
    expect(await postRaw<WebhookResponse>(gitlab, unknown.body, unknown.headers)).toMatchObject({ status: 202, body: { outcome: 'ignored' } });

    const runId = accepted.body.repositories[0]?.runId ?? '';
    expect(await runEnded(stack.baseUrl, runId)).toMatchObject({ status: 'completed', repositoryId, trigger: 'webhook', commitSha: head });
  });

  it('analyses a push that arrived during a run once that run has ended', async () => {
    const fixture = createFixtureRepository(largeProject(60));
    const { repositoryId } = await analyse(stack.baseUrl, fixture.url);
    const firstPush = commitFiles(fixture.dir, { 'src/extra-1.ts': 'export const one = 1;\n' });
    const first = githubPush({ url: fixture.url, after: firstPush }, GITHUB_SECRET);
    const running = await postRaw<WebhookResponse>(github, first.body, first.headers);
    expect(running.body.outcome).toBe('queued');

    const secondPush = commitFiles(fixture.dir, { 'src/extra-2.ts': 'export const two = 2;\n' });
    const second = githubPush({ url: fixture.url, after: secondPush }, GITHUB_SECRET);
    const deferred = await postRaw<WebhookResponse>(github, second.body, second.headers);
    expect(deferred).toMatchObject({ status: 202, body: { outcome: 'deferred' } });

    const followUp = await eventually(async () => {
      const run = await latestRun(stack.baseUrl, repositoryId);
      return run !== null && run.id !== running.body.repositories[0]?.runId ? run : null;
    }, 'the deferred push to start a run');
    expect(await runEnded(stack.baseUrl, followUp.id)).toMatchObject({ status: 'completed', trigger: 'webhook', commitSha: secondPush });
  });
});
