import type { CreateRepositoryResponse } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { postJson } from '../support/http.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const TOKEN = 'ghp_RepoLensTestToken0123456789abcdef';
const EMBEDDED = 'glpat-EmbeddedSecret987';

describe('access tokens', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // No workers: the runs stay queued, so their credentials are still held when the test looks.
    stack = await startTestStack(testConfig(), { workers: false });
  });
  afterAll(async () => {
    await stack.close();
  });

  /** Every text column of every table, as one string. */
  async function everythingInPostgres(): Promise<string> {
    const tables = ['repositories', 'runs', 'stage_executions', 'run_events', 'stage_results', 'conversations', 'messages'];
    const dumps = await Promise.all(tables.map(async (table) => JSON.stringify((await stack.deps.db.pool.query(`SELECT * FROM ${table}`)).rows)));
    return dumps.join('\n');
  }

  it('holds a submitted token only encrypted, for the run, and never returns it', async () => {
    const fixture = createFixtureRepository(smallProject());
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: fixture.url, accessToken: TOKEN });
    expect(submitted.status).toBe(202);
    expect(JSON.stringify(submitted.body)).not.toContain(TOKEN);

    const stored = await stack.deps.redis.get(`${stack.config.redis.prefix}:run-credentials:${submitted.body.runId}`);
    expect(stored).not.toBeNull();
    expect(stored).not.toContain(TOKEN);
    // The workers can still use it.
    expect(await stack.deps.credentials.get(submitted.body.runId)).toBe(TOKEN);

    for (const url of [`/api/repositories/${submitted.body.repositoryId}`, `/api/runs/${submitted.body.runId}`, '/api/repositories']) {
      expect(await (await fetch(`${stack.baseUrl}${url}`)).text()).not.toContain(TOKEN);
    }
    expect(await everythingInPostgres()).not.toContain(TOKEN);

    await postJson(`${stack.baseUrl}/api/runs/${submitted.body.runId}/cancel`, {});
    expect(await stack.deps.credentials.get(submitted.body.runId)).toBeNull();
  });

  it('strips credentials embedded in a URL from everything it stores and returns', async () => {
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, {
      url: `https://oauth2:${EMBEDDED}@gitlab.example.com/acme/tool.git`,
    });
    expect(submitted.status).toBe(202);
    const detail = await (await fetch(`${stack.baseUrl}/api/repositories/${submitted.body.repositoryId}`)).text();
    expect(detail).not.toContain(EMBEDDED);
    expect(JSON.parse(detail)).toMatchObject({ url: 'https://gitlab.example.com/acme/tool.git' });
    expect(await everythingInPostgres()).not.toContain(EMBEDDED);
    const held = await stack.deps.redis.get(`${stack.config.redis.prefix}:run-credentials:${submitted.body.runId}`);
    expect(held).not.toContain(EMBEDDED);
    expect(await stack.deps.credentials.get(submitted.body.runId)).toBe(EMBEDDED);
  });
});
