import { CHANNELS, type CreateRepositoryResponse, type ErrorBody, type RunView } from '@repolens/contracts';
import { channelName } from '@repolens/realtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFeed } from '../support/feed-client.js';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson } from '../support/http.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe('bad input gets a clear error and breaks nothing', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig());
  });
  afterAll(async () => {
    await stack.close();
  });

  const submit = (body: unknown) => postJson<CreateRepositoryResponse & ErrorBody>(`${stack.baseUrl}/api/repositories`, body);

  it.each([
    ['not a URL', { url: 'definitely not a url' }, 'INVALID_REPOSITORY_URL'],
    ['an unsupported scheme', { url: 'ftp://example.com/repo.git' }, 'UNSUPPORTED_URL_SCHEME'],
    ['an ext:: transport', { url: 'ext::sh -c touch% /tmp/pwned' }, 'INVALID_REPOSITORY_URL'],
    ['the git:// protocol', { url: 'git://example.com/repo.git' }, 'UNSUPPORTED_URL_SCHEME'],
    ['an ssh URL', { url: 'ssh://git@example.com/repo.git' }, 'UNSUPPORTED_URL_SCHEME'],
    ['a URL that reads as a git option', { url: '--upload-pack=touch /tmp/pwned' }, 'INVALID_REPOSITORY_URL'],
    ['a ref that reads as a git option', { url: 'https://github.com/octocat/Hello-World.git', ref: '--upload-pack=evil' }, 'INVALID_REF'],
    ['an empty body', {}, 'INVALID_REPOSITORY_URL'],
  ])('refuses %s with 400', async (_name, body, code) => {
    const response = await submit(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message.length).toBeGreaterThan(0);
  });

  it('answers 404 with a code for unknown repositories and runs', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await getJson<ErrorBody>(`${stack.baseUrl}/api/repositories/${missing}`)).body.error.code).toBe('NOT_FOUND');
    expect((await getJson<ErrorBody>(`${stack.baseUrl}/api/runs/${missing}`)).body.error.code).toBe('NOT_FOUND');
    expect((await getJson<ErrorBody>(`${stack.baseUrl}/api/runs/not-a-uuid`)).body.error.code).toBe('VALIDATION_ERROR');
  });

  it('fails a run on a missing repository, then on a missing ref, and still analyses a good one', async () => {
    const missing = await submit({ url: 'file:///nonexistent/repolens/repository' });
    expect(missing.status).toBe(202);
    const missingFeed = await recordFeed(stack.wsUrl, missing.body.runId);
    await missingFeed.closed;
    const missingEnd = missingFeed.messages.at(-1);
    expect(missingEnd).toMatchObject({ type: 'run', status: 'failed', error: { code: 'REPOSITORY_NOT_FOUND' } });
    expect(missingFeed.messages).toContainEqual(
      expect.objectContaining({ type: 'stage', stage: 'initialization', status: 'failed', error: expect.objectContaining({ code: 'REPOSITORY_NOT_FOUND' }) }),
    );

    const fixture = createFixtureRepository(smallProject());
    const badRef = await submit({ url: fixture.url, ref: 'no-such-branch' });
    const badRefFeed = await recordFeed(stack.wsUrl, badRef.body.runId);
    await badRefFeed.closed;
    expect(badRefFeed.messages.at(-1)).toMatchObject({ type: 'run', status: 'failed', error: { code: 'REF_NOT_FOUND' } });
    const run = (await getJson<RunView>(`${stack.baseUrl}/api/runs/${badRef.body.runId}`)).body;
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('REF_NOT_FOUND');
    expect(run.stages.map((stage) => stage.status)).toEqual(['failed', 'skipped', 'skipped', 'skipped', 'skipped']);
    // Not retried: a missing ref will not appear by trying again.
    expect(run.stages[0]?.attempts).toBe(1);

    const good = await submit({ url: fixture.url });
    const goodFeed = await recordFeed(stack.wsUrl, good.body.runId);
    await goodFeed.closed;
    expect(goodFeed.messages.at(-1)).toMatchObject({ type: 'run', status: 'completed' });
  });
});

describe('malformed requests', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig(), { workers: false });
  });
  afterAll(async () => {
    await stack.close();
  });

  const post = (body: string, contentType: string) =>
    fetch(`${stack.baseUrl}/api/repositories`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers broken JSON, a huge body and a wrong content type with their own codes', async () => {
    const broken = await post('{"url": ', 'application/json');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ErrorBody).error.code).toBe('VALIDATION_ERROR');

    const huge = await post(JSON.stringify({ url: 'x'.repeat(300 * 1024) }), 'application/json');
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as ErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');

    const text = await post('<url>https://github.com/octocat/Hello-World</url>', 'application/xml');
    expect(text.status).toBe(415);
    expect(((await text.json()) as ErrorBody).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('ignores a malformed message on the feed channel instead of crashing', async () => {
    const repository = await stack.deps.db.repositories.upsert({ url: 'file:///malformed', name: 'malformed', ref: null });
    const runId = await stack.deps.db.runs.create({ repositoryId: repository.id, ref: null, trigger: 'interactive' });
    if (runId === null) throw new Error('a fresh repository has no active run');
    const feed = await recordFeed(stack.wsUrl, runId);
    await stack.deps.redis.publish(channelName(stack.config.redis.prefix, CHANNELS.runEvents(runId)), '{not json');
    expect((await getJson(`${stack.baseUrl}/health`)).status).toBe(200);
    feed.close();
  });
});
