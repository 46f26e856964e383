import { rebuildIndexForModel } from '@repolens/api';
import type { CreateRepositoryResponse, RepositoryDetail, SearchResponse } from '@repolens/contracts';
import { createLogger } from '@repolens/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson, waitForRun } from '../support/http.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const OLD_MODEL = 'repolens/code-embed-stub';
const NEW_MODEL = 'repolens/code-embed-v1';

describe('a change of embedding model', () => {
  const stacks: TestStack[] = [];
  afterEach(async () => {
    await Promise.all(stacks.splice(0).map((stack) => stack.close()));
  });

  it('has the index rebuilt once with the configured model, at the same commit, and dense search back', async () => {
    // Analysed while the deployment used the old model.
    const before = await startTestStack(testConfig({ EMBEDDING_MODEL: OLD_MODEL }));
    stacks.push(before);
    const fixture = createFixtureRepository(smallProject());
    const submitted = await postJson<CreateRepositoryResponse>(`${before.baseUrl}/api/repositories`, { url: fixture.url });
    const firstRun = await waitForRun(before.baseUrl, submitted.body.runId, (run) => run.status === 'completed', 90_000);
    await before.close();
    stacks.pop();

    // The same deployment (database, Redis, data directory), now configured with another model.
    const after = await startTestStack(
      testConfig({ EMBEDDING_MODEL: NEW_MODEL, DATA_DIR: before.config.pipeline.dataDir, REDIS_PREFIX: before.config.redis.prefix }),
    );
    stacks.push(after);
    const repositoryId = submitted.body.repositoryId;
    const searchUrl = `${after.baseUrl}/api/repositories/${repositoryId}/search?q=${encodeURIComponent('how is the retry delay computed?')}&k=3`;

    // Searches answer meanwhile, lexically, however many arrive.
    const searches = await Promise.all(Array.from({ length: 5 }, () => getJson<SearchResponse>(searchUrl)));
    for (const search of searches) {
      expect(search.status).toBe(200);
      expect(search.body.modes).toEqual({ dense: false, lexical: true });
      expect(search.body.results[0]?.path).toBe('src/retry.ts');
    }

    const rebuild = await waitForLatestRun(after.baseUrl, repositoryId, (id) => id !== firstRun.id);
    expect(rebuild).toMatchObject({ trigger: 'reanalyze', ref: fixture.head });
    const done = await waitForRun(after.baseUrl, rebuild.id, (run) => run.status === 'completed', 90_000);
    expect(done.commitSha).toBe(fixture.head);
    const result = await after.deps.db.results.load(rebuild.id, 'embedding');
    expect(result?.model).toEqual({ id: NEW_MODEL, dimension: 128 });

    const dense = await getJson<SearchResponse>(searchUrl);
    expect(dense.body.modes).toEqual({ dense: true, lexical: true });
    expect(dense.body.results[0]).toMatchObject({ path: 'src/retry.ts', symbol: 'computeRetryDelay' });

    // One rebuild for all those searches, and none from another API process noticing the same change.
    const runs = await after.deps.db.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM runs WHERE repository_id = $1', [repositoryId]);
    expect(runs.rows[0]?.count).toBe(2);
    const firstIndex = await after.deps.db.results.load(firstRun.id, 'embedding');
    const again = await rebuildIndexForModel(
      { ...after.deps, log: createLogger('test', 'silent') },
      { indexPath: firstIndex?.indexPath ?? '', indexModel: { id: OLD_MODEL, dimension: 128 }, model: { id: NEW_MODEL, dimension: 128 } },
    );
    expect(again).toBe('already-requested');
  });
});

async function waitForLatestRun(baseUrl: string, repositoryId: string, isNew: (runId: string) => boolean) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { body } = await getJson<RepositoryDetail>(`${baseUrl}/api/repositories/${repositoryId}`);
    if (body.latestRun !== null && isNew(body.latestRun.id)) return body.latestRun;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no rebuild was submitted');
}
