import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { access, chmod, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CreateRepositoryResponse, ErrorBody, FeedMessage, RepositoryDetail, RunView } from '@repolens/contracts';
import { isPublicAddress } from '@repolens/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFeed } from '../support/feed-client.js';
import { createFixtureRepository, smallProject, type FixtureRepository } from '../support/fixture-repository.js';
import { getJson, postJson } from '../support/http.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

// Hostile URLs, refs and repositories, each ending with the code (or the note) a person would see.
// Local test repositories are file:// URLs (allowed in the test's local mode); the address checks fire
// before any network use, so no test here reaches the network.

type SubmitResponse = CreateRepositoryResponse & ErrorBody;

function submitter(stack: TestStack) {
  return (body: unknown) => postJson<SubmitResponse>(`${stack.baseUrl}/api/repositories`, body);
}

/** Submits, follows the feed to the end and returns every message and the run as the API shows it. */
async function runToEnd(stack: TestStack, body: unknown): Promise<{ messages: FeedMessage[]; run: RunView; repositoryId: string }> {
  const response = await submitter(stack)(body);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  const feed = await recordFeed(stack.wsUrl, response.body.runId);
  await feed.closed;
  const run = (await getJson<RunView>(`${stack.baseUrl}/api/runs/${response.body.runId}`)).body;
  return { messages: feed.messages, run, repositoryId: response.body.repositoryId };
}

/** The clone's stage of a run: what these tests are about (the later stages have suites of their own). */
function initializationOf(run: RunView): RunView['stages'][number] | undefined {
  return run.stages.find((stage) => stage.stage === 'initialization');
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Eve', GIT_AUTHOR_EMAIL: 'eve@example.com', GIT_COMMITTER_NAME: 'Eve', GIT_COMMITTER_EMAIL: 'eve@example.com' },
  }).trim();
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

describe('hostile URLs and refs are refused before anything runs', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig(), { workers: false });
  });
  afterAll(async () => {
    await stack.close();
  });

  it.each([
    ['a URL with a leading "-"', { url: '-oProxyCommand=touch /tmp/repolens-pwned' }, 'INVALID_REPOSITORY_URL'],
    ['--upload-pack as the URL', { url: '--upload-pack=touch /tmp/repolens-pwned' }, 'INVALID_REPOSITORY_URL'],
    ['an ext:: command', { url: 'ext::sh -c touch% /tmp/repolens-pwned' }, 'INVALID_REPOSITORY_URL'],
    ['an ext:: command without spaces', { url: 'ext::true' }, 'UNSUPPORTED_URL_SCHEME'],
    ['-c core.sshCommand as the URL', { url: '-c core.sshCommand=touch /tmp/repolens-pwned' }, 'INVALID_REPOSITORY_URL'],
    ['--upload-pack as the ref', { url: 'https://github.com/octocat/Hello-World.git', ref: '--upload-pack=touch /tmp/repolens-pwned' }, 'INVALID_REF'],
    ['-c core.sshCommand as the ref', { url: 'https://github.com/octocat/Hello-World.git', ref: '-c core.sshCommand=touch' }, 'INVALID_REF'],
    ['an ext:: ref', { url: 'https://github.com/octocat/Hello-World.git', ref: 'ext::sh' }, 'INVALID_REF'],
    ['plain http', { url: 'http://github.com/octocat/Hello-World.git' }, 'UNSUPPORTED_URL_SCHEME'],
    ['ssh while it is disabled', { url: 'ssh://git@github.com/octocat/Hello-World.git' }, 'UNSUPPORTED_URL_SCHEME'],
    ['an scp-like ssh address while ssh is disabled', { url: 'git@github.com:octocat/Hello-World.git' }, 'UNSUPPORTED_URL_SCHEME'],
    ['a loopback address', { url: 'https://127.0.0.1/x.git' }, 'ADDRESS_NOT_ALLOWED'],
    ['the IPv6 loopback', { url: 'https://[::1]/x.git' }, 'ADDRESS_NOT_ALLOWED'],
    ['an IPv4-mapped IPv6 loopback', { url: 'https://[::ffff:127.0.0.1]/x.git' }, 'ADDRESS_NOT_ALLOWED'],
    ['the cloud metadata address', { url: 'https://169.254.169.254/latest' }, 'ADDRESS_NOT_ALLOWED'],
    ['a loopback address written as one number', { url: 'https://2130706433/x' }, 'ADDRESS_NOT_ALLOWED'],
    ['a loopback address in hex', { url: 'https://0x7f.1/x' }, 'ADDRESS_NOT_ALLOWED'],
    ['a loopback address in octal', { url: 'https://0177.0.0.1/x' }, 'ADDRESS_NOT_ALLOWED'],
    ['localhost', { url: 'https://localhost/x' }, 'ADDRESS_NOT_ALLOWED'],
    ['a private address', { url: 'https://10.0.0.1/x' }, 'ADDRESS_NOT_ALLOWED'],
  ])('refuses %s with 400 and its code', async (_name, body, code) => {
    const response = await submitter(stack)(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message.length).toBeGreaterThan(0);
    // Nothing was created for it.
    const list = await getJson<{ repositories: Array<{ url: string }> }>(`${stack.baseUrl}/api/repositories`);
    expect(list.body.repositories.some((repository) => repository.url.includes(String(body.url)))).toBe(false);
  });
});

describe('local repositories, where the server disables them', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig({ ALLOW_LOCAL_REPOSITORIES: 'false' }), { workers: false });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('refuses file:// URLs and absolute paths with LOCAL_REPOSITORIES_DISABLED', async () => {
    const fixture = createFixtureRepository(smallProject());
    for (const url of [fixture.url, fixture.dir]) {
      const response = await submitter(stack)({ url });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('LOCAL_REPOSITORIES_DISABLED');
    }
  });
});

describe('hostile repositories and hosts, with the workers running', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig());
  });
  afterAll(async () => {
    await stack.close();
  });

  it('never stores, returns or streams credentials written into the URL', async () => {
    const secret = `ghp_${randomBytes(12).toString('hex')}`;
    // A host that does not exist: the run fails at the clone, after the URL has been stored and streamed.
    const { messages, run, repositoryId } = await runToEnd(stack, { url: `https://x-access-token:${secret}@repolens-test.invalid/o/r.git` });
    expect(run.error?.code).toBe('HOST_NOT_FOUND');

    const detail = await getJson<RepositoryDetail>(`${stack.baseUrl}/api/repositories/${repositoryId}`);
    expect(detail.body.url).toBe('https://repolens-test.invalid/o/r.git');
    const everything = JSON.stringify([detail.body, run, messages, (await getJson(`${stack.baseUrl}/api/repositories`)).body]);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain('x-access-token');
  });

  it('checks the address a host name resolves to when git connects, not only the name', async (context) => {
    // This machine's own name passes every check on the URL; where it resolves to a loopback or private
    // address (as it does on most machines and containers), the connect-time check refuses it.
    const hostname = os.hostname().toLowerCase();
    const addresses = await lookup(hostname, { all: true }).catch(() => []);
    if (hostname === 'localhost' || addresses.length === 0 || addresses.every((entry) => isPublicAddress(entry.address))) context.skip();
    const response = await submitter(stack)({ url: `https://${hostname}/o/r.git` });
    expect(response.status).toBe(202);
    const feed = await recordFeed(stack.wsUrl, response.body.runId);
    await feed.closed;
    expect(feed.messages.at(-1)).toMatchObject({ type: 'run', status: 'failed', error: { code: 'ADDRESS_NOT_ALLOWED' } });
  });

  it('never fetches a submodule', async () => {
    const inner = createFixtureRepository({ 'inner-secret.txt': 'from the submodule\n' });
    const outer = createFixtureRepository({ 'main.txt': 'the outer project\n' });
    git(outer.dir, '-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', inner.url, 'vendor/inner');
    git(outer.dir, 'commit', '--quiet', '-m', 'add a submodule');

    const { messages, run } = await runToEnd(stack, { url: outer.url });
    expect(initializationOf(run)).toMatchObject({ status: 'completed', error: null });
    // .gitmodules and main.txt; nothing of the submodule.
    expect(messages).toContainEqual(expect.objectContaining({ stage: 'initialization', status: 'completed', details: expect.objectContaining({ files: 2 }) }));
    const checkout = path.join(stack.config.pipeline.dataDir, 'checkouts', run.id);
    expect(await readdir(path.join(checkout, 'vendor', 'inner'))).toEqual([]);
    expect(await exists(path.join(checkout, '.git', 'modules'))).toBe(false);
  });

  it("runs no hook that the source repository's config points at", async () => {
    const source = createFixtureRepository(smallProject());
    const evil = await mkdtemp(path.join(os.tmpdir(), 'repolens-evil-hooks-'));
    const marker = path.join(evil, 'hook-ran');
    const hooks = path.join(evil, 'hooks');
    await mkdir(hooks);
    for (const hook of ['post-checkout', 'post-merge', 'reference-transaction', 'post-index-change', 'pre-auto-gc', 'fsmonitor']) {
      await writeFile(path.join(hooks, hook), `#!/bin/sh\necho ${hook} >> '${marker}'\n`);
      await chmod(path.join(hooks, hook), 0o755);
    }
    git(source.dir, 'config', 'core.hooksPath', hooks);
    git(source.dir, 'config', 'core.fsmonitor', path.join(hooks, 'fsmonitor'));
    git(source.dir, 'config', 'uploadpack.packObjectsHook', path.join(hooks, 'post-merge'));

    const { run } = await runToEnd(stack, { url: source.url });
    expect(initializationOf(run)).toMatchObject({ status: 'completed', error: null });
    expect(await exists(marker)).toBe(false);
  });
});

describe('repositories over the limits', () => {
  let stack: TestStack;
  let big: FixtureRepository;
  const MiB = 1024 * 1024;

  beforeAll(async () => {
    stack = await startTestStack(testConfig({ MAX_REPOSITORY_BYTES: String(MiB), MAX_FILE_BYTES: '200000', MAX_FILES: '100' }));
    // Random content, so the pack cannot compress it under the limit.
    big = createFixtureRepository({ ...smallProject(), 'assets/model.bin': randomBytes(2 * MiB).toString('latin1') });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('fails a repository over MAX_REPOSITORY_BYTES with REPOSITORY_TOO_LARGE, without retrying', async () => {
    const { run } = await runToEnd(stack, { url: big.url });
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('REPOSITORY_TOO_LARGE');
    expect(run.stages[0]?.attempts).toBe(1);
  });

  it('analyses it without its large file, with a note, when the user allows a partial analysis', async () => {
    const copy = createFixtureRepository({ ...smallProject(), 'assets/model.bin': randomBytes(2 * MiB).toString('latin1') });
    const { run } = await runToEnd(stack, { url: copy.url, allowPartial: true });
    expect(initializationOf(run)).toMatchObject({ status: 'completed', error: null });
    const init = await stack.deps.db.results.load(run.id, 'initialization');
    expect(init?.notes).toEqual([
      'The repository is larger than the limit of 1.0 MiB, so it was cloned without its files over 195.3 KiB.',
      '1 file over 195.3 KiB left out (not downloaded or analysed): assets/model.bin.',
    ]);
    expect(await exists(path.join(stack.config.pipeline.dataDir, 'checkouts', run.id, 'assets', 'model.bin'))).toBe(false);
  });

  it('fails a commit with more than MAX_FILES files with TOO_MANY_FILES', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i += 1) files[`src/file-${i}.ts`] = `export const value${i} = ${i};\n`;
    const { run } = await runToEnd(stack, { url: createFixtureRepository(files).url });
    expect(run.error?.code).toBe('TOO_MANY_FILES');
  });

  it('stops a git bomb (a small pack that checks out huge) with REPOSITORY_TOO_LARGE', async () => {
    // One 192 KiB blob under 64 paths: a pack of about 200 KiB that checks out into 12 MiB.
    const bomb = createFixtureRepository({ 'README.md': '# bomb\n' });
    await writeFile(path.join(bomb.dir, 'payload'), randomBytes(192 * 1024));
    const blob = git(bomb.dir, 'hash-object', '-w', 'payload');
    const mktree = (entries: string[]): string =>
      execFileSync('git', ['mktree'], { cwd: bomb.dir, input: `${entries.join('\n')}\n`, encoding: 'utf8' }).trim();
    const names = Array.from({ length: 8 }, (_, index) => `n${index}`);
    const leaf = mktree(names.map((name) => `100644 blob ${blob}\t${name}`));
    const top = mktree(names.map((name) => `040000 tree ${leaf}\t${name}`));
    git(bomb.dir, 'update-ref', 'refs/heads/main', git(bomb.dir, 'commit-tree', top, '-m', 'bomb'));

    const { run } = await runToEnd(stack, { url: bomb.url });
    expect(run.error?.code).toBe('REPOSITORY_TOO_LARGE');
  });
});

describe('a clone over the time limit', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig({ CLONE_TIMEOUT_MS: '1', STAGE_INITIALIZATION_RETRIES: '0' }));
  });
  afterAll(async () => {
    await stack.close();
  });

  it('fails with CLONE_TIMEOUT', async () => {
    const { run, messages } = await runToEnd(stack, { url: createFixtureRepository(smallProject()).url });
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('CLONE_TIMEOUT');
    expect(messages.at(-1)).toMatchObject({ type: 'run', status: 'failed', error: { code: 'CLONE_TIMEOUT' } });
  });
});
