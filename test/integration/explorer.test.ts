import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CreateRepositoryResponse, ErrorBody, FileContentResponse, FileTreeResponse, SymbolSearchResponse } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFeed } from '../support/feed-client.js';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson } from '../support/http.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** The small project plus what a hostile or odd repository holds: symlinks out, a binary, an odd name. */
function explorerFixture() {
  const fixture = createFixtureRepository({
    ...smallProject(),
    'docs/odd name #1.md': '# Odd\n\nA file whose name needs escaping in a URL.\n',
    'assets/logo.png': '',
  });
  writeFileSync(path.join(fixture.dir, 'assets/logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
  mkdirSync(path.join(fixture.dir, 'links'));
  symlinkSync('/etc/passwd', path.join(fixture.dir, 'links/passwd'));
  symlinkSync('/etc', path.join(fixture.dir, 'etc-dir'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: fixture.dir, env: { ...process.env, GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'a@example.com' } });
  git('add', '-A');
  git('commit', '--quiet', '-m', 'Links and a binary');
  return { ...fixture, head: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: fixture.dir, encoding: 'utf8' }).trim() };
}

describe('the explorer API: files and symbols of the analysed commit', () => {
  let stack: TestStack;
  let repositoryId: string;
  let head: string;
  const files = (rest = '') => `${stack.baseUrl}/api/repositories/${repositoryId}/files${rest}`;
  /** Sends the path exactly as written, so `..` and encoded slashes reach the server unnormalised. */
  const rawGet = async (url: string) => {
    const response = await stack.app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json<ErrorBody>() };
  };

  beforeAll(async () => {
    stack = await startTestStack(testConfig(), { workers: false });
    const fixture = explorerFixture();
    head = fixture.head;
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: fixture.url });
    expect(submitted.status).toBe(202);
    repositoryId = submitted.body.repositoryId;
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers 409 until the first analysis has completed, then lists the commit’s files', async () => {
    const early = await getJson<ErrorBody>(files());
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INDEX_NOT_READY');

    const runId = (await getJson<{ latestRunId: string }>(`${stack.baseUrl}/api/repositories/${repositoryId}`)).body.latestRunId;
    const feed = await recordFeed(stack.wsUrl, runId);
    await stack.startWorkers();
    await feed.closed;

    const tree = await getJson<FileTreeResponse>(files());
    expect(tree.status).toBe(200);
    expect(tree.body.commitSha).toBe(head);
    const paths = tree.body.files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['README.md', 'src/retry.ts', 'src/http-client.ts', 'docs/odd name #1.md']));
    expect([...paths].sort()).toEqual(paths);
    expect(paths).not.toContain('links/passwd');
    expect(tree.body.files.find((file) => file.path === 'src/retry.ts')?.language).toBe('TypeScript');
  });

  it('serves a file’s text at the analysed commit with its symbols', async () => {
    const response = await getJson<FileContentResponse>(files('/src/retry.ts'));
    expect(response.status).toBe(200);
    expect(response.body.text).toBe(smallProject()['src/retry.ts']);
    expect(response.body.commitSha).toBe(head);
    expect(response.body.lines).toBe(18);
    const delay = response.body.symbols.find((symbol) => symbol.name === 'computeRetryDelay');
    expect(delay).toMatchObject({ kind: 'function', startLine: 4, endLine: 7, exported: true });

    const odd = await getJson<FileContentResponse>(files(`/docs/${encodeURIComponent('odd name #1.md')}`));
    expect(odd.status).toBe(200);
    expect(odd.body.text).toContain('needs escaping');
  });

  it('refuses paths that climb out of the repository, absolute paths and symlinks', async () => {
    const base = `/api/repositories/${repositoryId}/files`;
    for (const hostile of [`${base}/../../../../etc/passwd`, `${base}/src/..%2F..%2F..%2Fetc%2Fpasswd`, `${base}/%2E%2E/%2E%2E/etc/passwd`, `${base}//etc/passwd`, `${base}/%2Fetc%2Fpasswd`]) {
      const response = await rawGet(hostile);
      expect([400, 404], hostile).toContain(response.status);
      expect(JSON.stringify(response.body), hostile).not.toContain('root:');
    }
    const dotted = await rawGet(`${base}/src/..%2F..%2F..%2Fetc%2Fpasswd`);
    expect(dotted.status).toBe(400);
    expect(dotted.body.error.message).toMatch(/\.\./);
    const absolute = await rawGet(`${base}/%2Fetc%2Fpasswd`);
    expect(absolute.status).toBe(400);
    expect(absolute.body.error.message).toMatch(/absolute/i);

    for (const link of ['links/passwd', 'etc-dir/passwd', 'etc-dir/hostname']) {
      const response = await getJson<ErrorBody>(files(`/${link}`));
      expect(response.status, link).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('refuses a binary file clearly and answers 404 for an unknown file or repository', async () => {
    const binary = await getJson<ErrorBody>(files('/assets/logo.png'));
    expect(binary.status).toBe(422);
    expect(binary.body.error).toMatchObject({ code: 'FILE_NOT_VIEWABLE', message: expect.stringContaining('binary') });
    const missing = await getJson<ErrorBody>(files('/src/nope.ts'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('src/nope.ts');
    const unknown = await getJson<ErrorBody>(`${stack.baseUrl}/api/repositories/00000000-0000-4000-8000-000000000000/files`);
    expect(unknown.status).toBe(404);
  });

  it('searches symbols: exact, prefix and approximate names, filtered by kind', async () => {
    const search = async (query: string) =>
      (await getJson<SymbolSearchResponse>(`${stack.baseUrl}/api/repositories/${repositoryId}/symbols?${new URLSearchParams(query)}`)).body.results;
    const exact = await search('q=computeRetryDelay');
    expect(exact[0]).toMatchObject({ name: 'computeRetryDelay', path: 'src/retry.ts', startLine: 4, endLine: 7, match: 'exact' });
    expect((await search('q=withRetr'))[0]).toMatchObject({ name: 'withRetries', match: 'prefix' });
    expect((await search('q=HttpClinet'))[0]).toMatchObject({ name: 'HttpClient', kind: 'class', match: 'fuzzy' });
    expect((await search('q=retry+delay'))[0]?.name).toBe('computeRetryDelay');
    expect((await search('q=Http&kind=method')).every((hit) => hit.kind === 'method')).toBe(true);
    const bad = await getJson<ErrorBody>(`${stack.baseUrl}/api/repositories/${repositoryId}/symbols?q=`);
    expect(bad.status).toBe(400);
  });

  it('documents the explorer calls in the OpenAPI description', async () => {
    const docs = await getJson<{ paths: Record<string, unknown> }>(`${stack.baseUrl}/api/docs/json`);
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/repositories/{id}/files', '/api/repositories/{id}/files/{*}', '/api/repositories/{id}/symbols']),
    );
  });
});
