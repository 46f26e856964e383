import type { CreateRepositoryResponse, ErrorBody } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { postJson } from '../support/http.js';
import { analyse, commitFiles, runEnded } from '../support/resync.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe('re-analysing a repository on demand', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig());
  });
  afterAll(async () => {
    await stack.close();
  });

  it('starts a new run at the commit the branch points to now', async () => {
    const fixture = createFixtureRepository(smallProject());
    const first = await analyse(stack.baseUrl, fixture.url);
    expect(first.run).toMatchObject({ status: 'completed', commitSha: fixture.head });

    const head = commitFiles(fixture.dir, { 'src/jitter.ts': 'export function jitter(ms: number): number {\n  return ms * Math.random();\n}\n' });
    const again = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories/${first.repositoryId}/reanalyze`, {});
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ repositoryId: first.repositoryId, status: 'queued', existing: false });
    expect(again.body.runId).not.toBe(first.run.id);

    // While it runs, asking again says so and returns the run in progress.
    const meanwhile = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories/${first.repositoryId}/reanalyze`, {});
    expect(meanwhile.status).toBe(200);
    expect(meanwhile.body).toMatchObject({ runId: again.body.runId, existing: true });

    const run = await runEnded(stack.baseUrl, again.body.runId);
    expect(run).toMatchObject({ status: 'completed', trigger: 'reanalyze', commitSha: head });
  });

  it('re-analyses even when nothing changed, unlike a submission of the same URL', async () => {
    const fixture = createFixtureRepository(smallProject());
    const first = await analyse(stack.baseUrl, fixture.url);
    const submittedAgain = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: fixture.url });
    expect(submittedAgain.body).toMatchObject({ existing: true, runId: first.run.id });

    const again = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories/${first.repositoryId}/reanalyze`, {});
    expect(again.status).toBe(202);
    expect(await runEnded(stack.baseUrl, again.body.runId)).toMatchObject({ status: 'completed', commitSha: fixture.head });
  });

  it('answers 404 for a repository that does not exist', async () => {
    const missing = await postJson<ErrorBody>(`${stack.baseUrl}/api/repositories/7d3f2a52-2f7c-4a53-9d1e-0c1f8d6b9a10/reanalyze`, {});
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
